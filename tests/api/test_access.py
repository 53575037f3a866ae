"""Every route of the API, as anonymous, as each party and as a viewer.

Routes are read from the NinjaAPI's OpenAPI document, so a route added by any area is picked
up here and FAILS until its case is added to ``tests/api/cases_<area>.py``. For each route:

- anonymous → 401, nothing written;
- as USA and as IRQ: lists show the caller's and JOINT rows and never the other party's; a
  detail of the other party's row is 404 (not 403: existence is not revealed); no response
  body contains a row marked for the other party or a word only found in the other party's
  rows;
- writes: a viewer gets 403; a path naming the other party's row is 404; a body naming the
  other party's rows, or marking the new row for the other party, is refused; each refusal
  writes nothing (every table of the record, history included, is counted before and after);
  the valid write succeeds and answers with rows the caller may see.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps

from jscd.api.app import api
from tests.api.cases import CASES, Case
from tests.api.conftest import Api, World

pytestmark = pytest.mark.django_db

PARTIES = ("USA", "IRQ")
OTHER = {"USA": "IRQ", "IRQ": "USA"}
SCHEMA = api.get_openapi_schema(path_prefix="/api/")
ROUTES = sorted((method, path) for path, ops in SCHEMA["paths"].items() for method in ops)
WORD_FIELDS = ("name", "title", "location", "text", "keeper", "surface")


def record_counts() -> dict[str, int]:
    """Rows in every table of the record (history tables included)."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("record").get_models()}


def leak_words(rows: dict[str, dict[str, Any]], party: str) -> set[str]:
    """Words found in ``party``'s rows and in no row of another marking."""
    def words(marking: str) -> set[str]:
        found = set()
        for obj in rows[marking].values():
            if getattr(obj, "marking", None) != marking:
                continue  # shared rows (parties) are no party's secret
            for name in WORD_FIELDS:
                value = getattr(obj, name, None)
                if isinstance(value, str) and len(value) > 3:
                    found.add(value)
        return found

    others = set().union(*(words(m) for m in rows if m != party))
    return words(party) - others


def assert_no_leak(response: Any, rows: dict[str, dict[str, Any]], caller: str) -> None:
    other = OTHER[caller]
    body = response.content.decode()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            assert node.get("marking") != other, f"{other} row shown to {caller}: {node}"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(body) if body else None)
    for word in leak_words(rows, other):
        assert word not in body, f"{other}-only text {word!r} shown to {caller}"


def fill(path: str, params: dict[str, Any]) -> str:
    for name, value in params.items():
        path = path.replace("{" + name + "}", str(value))
    assert "{" not in path, f"path parameter of {path} not filled by its case"
    return path


def key_of(case: Case, obj: Any) -> Any:
    return getattr(obj, case.key)


def path_for(method: str, path: str, case: Case, rows: dict[str, Any]) -> str:
    """The route's path with its parameters taken from rows of one marking."""
    values: dict[str, Any] = {}
    if case.param:
        values[case.param] = key_of(case, rows[case.kind])
    for name, kind in case.params.items():
        values[name] = rows[kind].pk
    return fill(path, values)


def has_marking_field(method: str, path: str) -> bool:
    body = SCHEMA["paths"][path][method].get("requestBody")
    if not body:
        return False
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    return "marking" in SCHEMA["components"]["schemas"][ref]["properties"]


def refused_without_writing(response: Any, before: dict[str, int], status: set[int]) -> None:
    assert response.status_code in status, (response.status_code, response.content[:300])
    body = response.json()
    assert body["detail"], body
    assert record_counts() == before, "a refused request wrote rows"


def check_read(method: str, path: str, case: Case, rows: Any, callers: dict[str, Api]) -> None:
    for caller, client in callers.items():
        other = OTHER[caller]
        if case.param:  # a detail
            targets = ("JOINT", caller) if not case.shared else ("JOINT",)
            for marking in targets:
                response = client.get(path_for(method, path, case, rows[marking]))
                assert response.status_code == 200, (caller, marking, response.content[:300])
                assert_no_leak(response, rows, caller)
            if not case.shared:
                response = client.get(path_for(method, path, case, rows[other]))
                assert response.status_code == 404, (caller, response.content[:300])
                assert response.json() == {"detail": "not found", "field": None}
            continue
        response = client.get(path, limit=500)
        assert response.status_code == 200, (caller, response.content[:300])
        assert_no_leak(response, rows, caller)
        if case.kind:
            data = response.json()
            items = data["items"] if isinstance(data, dict) else data
            keys = {item[case.item_key] for item in items}
            assert key_of(case, rows["JOINT"][case.kind]) in keys
            if not case.shared:
                assert key_of(case, rows[caller][case.kind]) in keys
                assert key_of(case, rows[other][case.kind]) not in keys
                if isinstance(data, dict):
                    assert data["count"] == len(items)


def check_write(method: str, path: str, case: Case, rows: Any, callers: dict[str, Api],
                readers: dict[str, Api]) -> None:
    assert case.body is not None, f"the case of {method.upper()} {path} needs a body builder"
    for caller, client in callers.items():
        own, other = rows[caller], rows[OTHER[caller]]
        url = path_for(method, path, case, own)
        before = record_counts()
        refused_without_writing(readers[caller].request(method, url, case.body(own, caller)),
                                before, {403})
        if has_marking_field(method, path):
            refused_without_writing(client.request(method, url, case.body(own, OTHER[caller])),
                                    before, {400, 403})
        if case.params:
            hidden = path_for(method, path, case, other)
            refused_without_writing(client.request(method, hidden, case.body(own, caller)),
                                    before, {404})
        if case.body_refs:
            refused_without_writing(client.request(method, url, case.body(other, caller)),
                                    before, {400, 404})
        response = client.request(method, url, case.body(own, caller))
        assert response.status_code in (200, 201), (caller, response.content[:400])
        assert_no_leak(response, rows, caller)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m.upper()} {p}" for m, p in ROUTES])
def test_route_refuses_anonymous_and_never_crosses_parties(method: str, path: str,
                                                           world: World) -> None:
    case = CASES.get((method, path))
    if case is None:
        pytest.fail(f"no access case for {method.upper()} {path}: add a Case for it to "
                    "tests/api/cases_<area>.py (see tests/api/cases.py)")
    rows = world.rows
    before = record_counts()
    body = case.body(rows["JOINT"], "JOINT") if case.body else None
    response = world.anonymous.request(method, path_for(method, path, case, rows["JOINT"]), body)
    refused_without_writing(response, before, {401})
    if method == "get":
        check_read(method, path, case, rows, world.editors)
    else:
        check_write(method, path, case, rows, world.editors, world.viewers)


def test_every_case_names_a_route_that_exists() -> None:
    stale = sorted(set(CASES) - set(ROUTES))
    assert not stale, f"access cases for routes that no longer exist: {stale}"


def test_the_served_openapi_document_lists_the_same_routes(client: Any, usa_viewer: Any) -> None:
    client.force_login(usa_viewer)
    served = client.get("/api/openapi.json").json()
    assert sorted((m, p) for p, ops in served["paths"].items() for m in ops) == ROUTES
