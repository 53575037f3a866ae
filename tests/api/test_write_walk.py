"""The write-path walk: for every write route, the other party's rows cannot change the answer,
and a party-only write cannot change what the other party reads of the shared rows.

Routes come from the OpenAPI document (like ``test_access.py``), so a new write route without a
case fails here too. The world holds each party's ordinary rows plus *colliders*: rows of one
party hanging from JOINT parents and shaped to collide with what the other party writes (a
later party-only status change and a private compliance score on the JOINT thread, a milestone
due late on the JOINT program, a round with the ordinal the other party will create, a source
with the text the other party will store, a person and an organization with the names it will
choose). For each route and caller:

1. **Same answer.** The write is made once with the other party's rows deleted and once with
   them present (each in a savepoint that is rolled back); status and body must be the same
   (ids aside: sequences differ), so no refusal, default or derived value depends on a hidden
   row.
2. **No derived leak.** With every row present, what the other party reads of the shared rows
   (thread, program, round and series details, lists, flags, timeline, reports) is the same
   before and after a party-only write.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from jscd.core import Role
from jscd.record import services
from jscd.record.access import Actor
from jscd.record.models.base import MarkedModel
from tests.api.cases import CASES
from tests.api.conftest import Api, World
from tests.api.test_access import OTHER, PARTIES, ROUTES, has_marking_field, path_for

pytestmark = pytest.mark.django_db

WRITES = [(m, p) for m, p in ROUTES if m != "get"]

#: What the other party reads of the shared rows (JOINT kinds by name; lists as they are).
SHARED_READS: tuple[tuple[str, str | None], ...] = (
    ("/api/threads/{}", "thread"), ("/api/programs/{}", "program"), ("/api/rounds/{}", "round"),
    ("/api/series/{}", "series"), ("/api/statements/{}", "statement"),
    ("/api/people/{}", "person"), ("/api/organizations/{}", "organization"),
    ("/api/threads?limit=500", None), ("/api/programs?limit=500", None),
    ("/api/rounds?limit=500", None), ("/api/thread-flags?today=2026-01-01", None),
    ("/api/timeline", None), ("/api/threads-csv", None), ("/api/programs-csv", None),
    ("/api/reports?product=compliance&round=1&series=Test series joint", None),
    ("/api/reports?product=read-ahead&round=next&series=Test series joint", None),
)


def _add_colliders(rows: dict[str, dict[str, Any]]) -> None:
    """Rows of each party under JOINT parents, shaped like what the other party will write."""
    joint = rows["JOINT"]
    for party in PARTIES:
        own, other = rows[party], OTHER[party]
        actor = Actor(party=party, role=Role.EDITOR)  # what that party's editor may see
        src = own["source"]
        services.move_thread_status(actor, joint["thread"], status="lapsed",
                                    date=dt.date(2025, 6, 1), marking=party,
                                    evidence=[services.find_quote(src, "Both sides")],
                                    note=f"{party} private lapse")
        for scored in PARTIES:
            services.set_compliance(actor, joint["thread"], round=joint["round"], party=scored,
                                    score=-1, rationale=f"{party} private rationale",
                                    marking=party)
        services.add_milestone(actor, joint["program"], name=f"{party} hidden milestone",
                               due=dt.date(2031, 1, 1), marking=party)
        for series in (joint["series"], rows[other]["series"]):
            if series.marking in ("JOINT", party):
                services.create_round(actor, series=series, ordinal=2,
                                      start=dt.date(2025, 1, 10), end=dt.date(2025, 1, 11),
                                      location=f"{party} hidden location", marking=party)
        services.add_source(actor, text=f"A note written for the API tests under {other}.",
                            title=f"{party} copy of the other's note", kind="note",
                            marking=party)
        services.link_statement(actor, joint["thread"], own["statement"])
        # names the other party will choose (people, organizations and series are unique by name)
        services.create_person(actor, name=f"API person {other}", party="USA", marking=party)
        services.create_organization(actor, name=f"API directorate {other}", party="IRQ",
                                     kind="agency", marking=party)
        services.create_series(actor, name=f"API series {other}", parties=["USA", "IRQ"],
                               marking=party)


@pytest.fixture(scope="module")
def walk(world: World, django_db_blocker: Any) -> World:
    with django_db_blocker.unblock():
        _add_colliders(world.rows)
    return world


def _purge(party: str) -> None:
    """Delete every row marked for ``party`` (children first, retried past PROTECT)."""
    models = [m for m in apps.get_app_config("record").get_models() if issubclass(m, MarkedModel)]
    for _ in range(8):
        left = 0
        for model in models:
            rows = model._default_manager.filter(marking=party)
            if not rows.exists():
                continue
            try:
                with transaction.atomic():
                    rows.delete()
            except (ProtectedError, RestrictedError):
                left += 1
        if not left:
            return
    raise AssertionError(f"could not delete the rows of {party}")


def _normal(response: Any) -> tuple[int, Any]:
    """Status and body with row ids removed (sequences are not rolled back on PostgreSQL)."""
    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items()
                    if k != "id" and not k.endswith(("_id", "_at"))
                    and k not in ("created", "run", "threads", "rounds", "events")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    body = response.content.decode()
    try:
        data = json.loads(body) if body else None
    except ValueError:
        data = body
    return response.status_code, strip(data)


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two answers differ, as 'path: a != b' (the first few are enough to see why)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str)
                for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list | tuple) and isinstance(b, list | tuple) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {str(a)[:120]} != {str(b)[:120]}"]


def _attempt(client: Api, method: str, url: str, body: Any, *, purge: str | None) -> tuple[int, Any]:
    with transaction.atomic():
        if purge:
            _purge(purge)
        answer = _normal(client.request(method, url, body))
        transaction.set_rollback(True)
    return answer


def _shared_view(reader: Api, rows: dict[str, Any]) -> list[tuple[str, int, Any]]:
    out = []
    for template, kind in SHARED_READS:
        url = template.format(rows[kind].pk) if kind else template
        response = reader.get(url)
        out.append((url, *_normal(response)))
    return out


@pytest.mark.parametrize(("method", "path"), WRITES, ids=[f"{m.upper()} {p}" for m, p in WRITES])
@pytest.mark.parametrize("caller", PARTIES)
def test_hidden_rows_do_not_change_a_write_and_it_does_not_leak(method: str, path: str, caller: str,
                                                               walk: World) -> None:
    case = CASES.get((method, path))
    if case is None:
        pytest.fail(f"no case for {method.upper()} {path}: add one to tests/api/cases_<area>.py")
    rows, other = walk.rows, OTHER[caller]
    client, reader = walk.editors[caller], walk.editors[other]
    marked = has_marking_field(method, path)
    targets = [("JOINT", caller if marked else "JOINT"), (caller, caller)]
    for target, marking in targets:
        url = path_for(method, path, case, rows[target])
        body = case.body(rows[target], marking) if case.body else {}
        without = _attempt(client, method, url, body, purge=other)
        with_them = _attempt(client, method, url, body, purge=None)
        assert with_them == without, (
            f"{caller} {method.upper()} {url}: the answer depends on {other}'s hidden rows: "
            f"{_differences(without, with_them)[:5]}")
    if not marked:
        return
    url = path_for(method, path, case, rows["JOINT"])
    with transaction.atomic():
        before = _shared_view(reader, rows["JOINT"])
        response = client.request(method, url, case.body(rows["JOINT"], caller))
        assert response.status_code < 500, response.content[:300]
        after = _shared_view(reader, rows["JOINT"])
        transaction.set_rollback(True)
    changed = [(b[0], b[1:], a[1:]) for b, a in zip(before, after, strict=True) if b != a]
    assert not changed, f"{caller}'s {caller}-only {method.upper()} {url} changed what {other} reads: {changed}"
