"""Lists page, filter and search inside what the caller may see; nested rows obey the same rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import Statement, Thread
from tests.api.conftest import World

pytestmark = pytest.mark.django_db


def items(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_pages_carry_count_limit_and_offset(world: World) -> None:
    usa = world.editors["USA"]
    everything = usa.get("/api/statements", limit=500).json()
    page = usa.get("/api/statements", limit=1, offset=1).json()
    assert page["count"] == everything["count"] >= 2
    assert (page["limit"], page["offset"]) == (1, 1)
    assert page["items"] == everything["items"][1:2]


def test_a_page_larger_than_the_maximum_is_refused(world: World) -> None:
    response = world.editors["USA"].get("/api/rounds", limit=10_000)
    assert response.status_code == 422
    assert response.json()["field"] == "limit"


def test_filters_narrow_by_round_category_and_modality(world: World) -> None:
    usa, rows = world.editors["USA"], world.rows
    by_round = items(usa.get("/api/statements", round=rows["USA"]["round"].pk))
    assert [s["id"] for s in by_round] == [rows["USA"]["statement"].pk]
    assert items(usa.get("/api/statements", category="repatriation")) == []
    decided = items(usa.get("/api/statements", modality="decided"))
    assert {s["modality"] for s in decided} == {"decided"}


def test_search_finds_aliases_and_stays_inside_the_party(world: World) -> None:
    usa = world.editors["USA"]
    assert [p["name"] for p in items(usa.get("/api/people", q="p. usa"))] == ["Person usa"]
    assert items(usa.get("/api/people", q="p. irq")) == []


def test_a_marking_filter_cannot_widen_the_view(world: World) -> None:
    usa = world.editors["USA"]
    assert items(usa.get("/api/threads", marking="IRQ")) == []
    own = items(usa.get("/api/threads", marking="USA"))
    assert [t["id"] for t in own] == [world.rows["USA"]["thread"].pk]


def test_status_filter_uses_the_thread_vocabulary(world: World) -> None:
    usa = world.editors["USA"]
    announced = items(usa.get("/api/threads", status="announced"))
    assert {t["status"] for t in announced} == {"announced"}
    assert usa.get("/api/threads", status="finished").status_code == 422


def test_source_text_is_only_in_the_detail(world: World) -> None:
    usa, source = world.editors["USA"], world.rows["USA"]["source"]
    listed = next(s for s in items(usa.get("/api/sources")) if s["id"] == source.pk)
    assert "text" not in listed and listed["length"] == len(source.text)
    detail = usa.get(f"/api/sources/{source.pk}").json()
    assert detail["text"] == source.text
    for span in detail["evidence"]:
        assert span["quote"] == source.text[span["start"]:span["end"]]


def test_a_joint_row_hanging_from_the_other_partys_row_stays_hidden(world: World) -> None:
    """Visibility is chased up the chain: a JOINT link to a statement of an IRQ-only round."""
    rows = world.rows
    hidden_statement = services.add_statement(
        OPERATOR, round=rows["IRQ"]["round"], actor="BOTH", modality="pledged",
        category="liaison", text="Exchange liaison officers", marking="JOINT")
    joint_thread = rows["JOINT"]["thread"]
    services.link_statement(OPERATOR, joint_thread, hidden_statement)
    assert Statement.objects.filter(pk=hidden_statement.pk, marking="JOINT").exists()

    usa, irq = world.editors["USA"], world.editors["IRQ"]
    assert usa.get(f"/api/statements/{hidden_statement.pk}").status_code == 404
    linked = [link["statement_id"] for link in usa.get(f"/api/threads/{joint_thread.pk}").json()["links"]]
    assert hidden_statement.pk not in linked
    seen_by_irq = [link["statement_id"]
                   for link in irq.get(f"/api/threads/{joint_thread.pk}").json()["links"]]
    assert hidden_statement.pk in seen_by_irq


def test_a_written_row_answers_with_its_detail_and_history(world: World) -> None:
    usa = world.editors["USA"]
    response = usa.post("/api/threads", {"title": "Hold a third round", "category": "dialogue",
                                         "due": str(dt.date(2025, 6, 30)), "marking": "USA"})
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["marking"], body["status"], body["links"]) == (
        "Hold a third round", "USA", "announced", [])
    history = Thread.history.filter(id=body["id"]).get()
    assert history.history_user == usa.user
