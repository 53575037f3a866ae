"""Schemathesis over the whole API as a viewer and an editor of each party (issue 10).

The OpenAPI document drives the generation: every operation gets a fixed number of generated
requests (derandomised, so each run sends the same ones) for each of the four actors, each
operation from the same record (a savepoint rolled back after it). Every response is checked for

- no server error (5xx),
- conformance to the documented status codes and response schemas (errors included), and
- no fingerprint of the other party: the texts only the other party's rows contain
  (``tests.api.test_access.leak_words``) never appear in a response to this actor.

Bounded by count AND time: ``EXAMPLES`` per operation and ``BUDGET_SECONDS`` per actor; a run
that hits the time budget fails rather than silently testing less.

No stateful phase: schemathesis 3.39's state machine did not route this WSGI app's 201 answers
into the link bundles (every workflow stopped after its first create). Sequences of writes on
the same rows are covered by ``test_write_walk.py`` and ``test_reproductions.py`` instead.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance
from schemathesis.specs.openapi.checks import content_type_conformance

from jscd.api.app import api
from tests.api.conftest import World
from tests.api.test_access import OTHER, leak_words

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

EXAMPLES = 10
BUDGET_SECONDS = 90

ACTORS = [("USA", "editors"), ("USA", "viewers"), ("IRQ", "editors"), ("IRQ", "viewers")]


def _schema(*, negative: bool = True) -> Any:
    """The API's own document; negative data too (wrong types, out of range, wrong shapes)."""
    schemathesis.experimental.OPEN_API_3_1.enable()  # ninja writes OpenAPI 3.1
    raw = api.get_openapi_schema(path_prefix="/api/")
    methods = [schemathesis.DataGenerationMethod.positive]
    if negative:
        methods.append(schemathesis.DataGenerationMethod.negative)
    return schemathesis.from_dict(raw, app=WSGIHandler(), validate_schema=False,
                                  data_generation_methods=methods)


def _fingerprint_check(words: set[str], caller: str) -> Any:
    def no_other_party_fingerprint(response: Any, case: Any) -> None:
        body = response.get_data(as_text=True) if hasattr(response, "get_data") else response.text
        found = sorted(w for w in words if w in body)
        assert not found, f"{case.method} {case.formatted_path}: {OTHER[caller]}-only text {found} shown to {caller}"
    return no_other_party_fingerprint


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Like Django's test client: a request's end must not close the test's connection.

    Schemathesis calls the real WSGI handler, whose request_started/finished signals close
    "obsolete" connections; inside the test transaction PostgreSQL's would be closed after the
    first request and every later one would fail.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize(("party", "role"), ACTORS, ids=[f"{p}-{r[:-1]}" for p, r in ACTORS])
def test_the_api_as_each_actor_finds_no_error_no_drift_and_no_leak(world: World, party: str,
                                                                    role: str) -> None:
    client = getattr(world, role)[party]
    headers = {"Authorization": f"Bearer {client.token}"}
    fingerprint = _fingerprint_check(leak_words(world.rows, OTHER[party]), party)
    checks = (not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance, fingerprint)
    schema = _schema()
    started = time.monotonic()
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case: Any) -> None:
            # Failures are recorded, not raised: writes change the record, so hypothesis could
            # not replay a failing case to the same effect (it would call the test flaky).
            response = case.call_wsgi(headers=headers)
            try:
                case.validate_response(response, checks=checks)
            except Exception as exc:
                failures.append(f"{case.method} {case.formatted_path} "
                                f"{case.query or ''} {str(case.body)[:200]}: {str(exc)[:700]}")

        with transaction.atomic():  # each operation starts from the same record
            call()
            transaction.set_rollback(True)
        assert time.monotonic() - started < BUDGET_SECONDS, (
            f"the fuzzing budget ran out after {operations} operations: raise BUDGET_SECONDS "
            "or lower EXAMPLES deliberately")
    assert operations >= 70
    assert not failures, "\n\n".join(failures)
