"""Concurrent writers on PostgreSQL: no duplicate milestone order, no lost update.

Twenty threads, each with its own database connection, start together behind a barrier:
the milestone service locks the program row before reading the last order (and a unique
constraint backs it); a PATCH names the version it read, and the compare-and-set in
``services.base.save`` lets exactly one of twenty writers of one version win, the rest 409.
SQLite serialises every writer anyway and is skipped.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client

from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import Milestone, Thread

pytestmark = [pytest.mark.pg, pytest.mark.django_db(transaction=True)]

N = 20


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (JSCD_DATABASE_URL=postgres://...)")


def _together(work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` for i in 0..N-1 in N threads released at the same moment."""
    barrier = threading.Barrier(N)
    results: list[Any] = [None] * N

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # reported by the assertions, not lost in the thread
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_twenty_simultaneous_milestones_get_twenty_distinct_orders(usa_editor: Any) -> None:
    program = services.create_program(OPERATOR, kind="liaison", name="Concurrent program")
    results = _together(lambda i: services.add_milestone(usa_editor, program, name=f"step {i}"))
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    orders = sorted(Milestone.objects.filter(program=program).values_list("order", flat=True))
    assert orders == list(range(1, N + 1))


def test_twenty_patches_of_one_version_give_one_success_and_nineteen_409(usa_editor: Any) -> None:
    thread = services.create_thread(OPERATOR, title="Contended thread", category="dialogue")
    version = Thread.objects.get(pk=thread.pk).version
    token = services.issue_token(usa_editor)

    def patch(i: int) -> tuple[int, Any]:
        response = Client().generic(
            "PATCH", f"/api/threads/{thread.pk}/fields",
            json.dumps({"version": version, "keeper": f"writer {i}"}),
            content_type="application/json", headers={"Authorization": f"Bearer {token}"})
        return response.status_code, response.json()

    results = _together(patch)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * (N - 1), statuses
    winner = next(body for status, body in results if status == 200)
    assert all(body["current_version"] == version + 1 for status, body in results if status == 409)
    thread.refresh_from_db()
    assert thread.keeper == winner["keeper"] and thread.version == version + 1
