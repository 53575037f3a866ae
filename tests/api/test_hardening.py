"""Input the fuzzing of issue 10 found answering 500 or 200 now answers 4xx naming the field.

Each case is one the schemathesis run reported on main: integer overflow in a query parameter
(SQLite's OverflowError, PostgreSQL's NumericValueOutOfRange), ``"due": 0`` read as a Unix
timestamp, a JSON body of the wrong shape, a field that cannot be changed silently ignored,
and a stale write silently winning.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import World
from tests.api.test_access import record_counts

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(("path", "field"), [
    ("/api/organizations?parent=12345542208317059072", "parent"),
    (f"/api/statements?round={HUGE}", "round"),
    (f"/api/threads?offset={HUGE}", "offset"),
    (f"/api/rounds?ordinal={HUGE}", "ordinal"),
    (f"/api/evidence?target_id={HUGE}", "target_id"),
    (f"/api/threads/{HUGE}", "thread_id"),
    (f"/api/timeline?series={HUGE}", "series"),
])
def test_numbers_beyond_their_column_are_a_422_naming_the_parameter(world: World, path: str,
                                                                    field: str) -> None:
    response = world.editors["USA"].client.get(path, headers=world.editors["USA"]._headers())
    assert response.status_code == 422, response.content[:300]
    assert response.json()["field"] == field


def test_a_number_is_not_a_date(world: World) -> None:
    thread = world.rows["USA"]["thread"]
    before = record_counts()
    response = world.editors["USA"].request("patch", f"/api/threads/{thread.pk}/fields", {"due": 0})
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "due"
    assert record_counts() == before


@pytest.mark.parametrize("body", [[None, None], [], "due", 7, None])
def test_a_body_of_the_wrong_shape_is_refused(world: World, body: Any) -> None:
    thread = world.rows["USA"]["thread"]
    api = world.editors["USA"]
    before = record_counts()
    response = api.client.generic("PATCH", f"/api/threads/{thread.pk}/fields",
                                  __import__("json").dumps(body),
                                  content_type="application/json", headers=api._headers())
    assert response.status_code == 422, (body, response.content)
    assert record_counts() == before


def test_a_marking_cannot_be_changed_through_fields_and_says_so(world: World) -> None:
    thread = world.rows["JOINT"]["thread"]
    before = record_counts()
    response = world.editors["USA"].request("patch", f"/api/threads/{thread.pk}/fields",
                                            {"marking": "USA"})
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "marking"
    assert record_counts() == before
    thread.refresh_from_db()
    assert thread.marking == "JOINT"


def test_a_stale_version_is_a_409_with_the_current_version(world: World) -> None:
    thread = world.rows["USA"]["thread"]
    api = world.editors["USA"]
    version = api.get(f"/api/threads/{thread.pk}").json()["version"]
    first = api.request("patch", f"/api/threads/{thread.pk}/fields",
                        {"version": version, "keeper": "first writer"})
    assert first.status_code == 200, first.content
    assert first.json()["version"] == version + 1
    stale = api.request("patch", f"/api/threads/{thread.pk}/fields",
                        {"version": version, "keeper": "second writer"})
    assert stale.status_code == 409, stale.content
    assert stale.json()["field"] == "version"
    assert stale.json()["current_version"] == version + 1
    thread.refresh_from_db()
    assert thread.keeper == "first writer"
