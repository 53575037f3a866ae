"""The reproductions of issue 10, on the demo record, as ``usa-editor`` and ``irq-editor``.

Each test is one numbered finding of the issue; on the main branch before the access kernel
each of them failed (the hidden change showed, the JOINT row was re-marked, the refusal quoted
IRQ's milestone or round).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from jscd.record import services
from jscd.record.models import ComplianceScore, Milestone, Program, Round, Source, Thread
from jscd.reports.context import resolve
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

LATER = "2026-11-30"


@pytest.fixture
def demo(demo_record: None, usa_editor: Any, irq_editor: Any) -> dict[str, Any]:
    thread = Thread.objects.filter(marking="JOINT").order_by("pk").first()
    program = Program.objects.filter(marking="JOINT", milestones__isnull=False).order_by("pk").first()
    rnd = Round.objects.filter(marking="JOINT").order_by("ordinal").last()
    web = {}
    for party, user in (("USA", usa_editor), ("IRQ", irq_editor)):
        web[party] = Client()
        web[party].force_login(user)
    return {"thread": thread, "program": program, "round": rnd, "web": web,
            "api": {"USA": Api(Client(), services.issue_token(usa_editor), usa_editor),
                    "IRQ": Api(Client(), services.issue_token(irq_editor), irq_editor)},
            "source": Source.objects.filter(marking="JOINT").order_by("pk").first()}


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # CSRF tokens are masked afresh on every response; nothing else may differ
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


def _irq_view(demo: dict[str, Any]) -> dict[str, str]:
    t, r = demo["thread"].pk, demo["round"].ordinal
    api, web = demo["api"]["IRQ"], demo["web"]["IRQ"]
    views = {url: api.get(url).content.decode() for url in (
        f"/api/threads/{t}", "/api/threads?limit=500", f"/api/thread-flags?today={LATER}",
        "/api/timeline", f"/api/reports?product=compliance&round={r}",
        "/api/reports?product=read-ahead&round=next")}
    views |= {url: _page(web, url) for url in (
        f"/threads/{t}/", "/threads/", "/", "/timeline/", f"/admin/record/thread/{t}/history/")}
    return views


def test_1_a_party_only_status_change_does_not_show_through_a_joint_thread(demo: dict) -> None:
    thread = demo["thread"]
    before = _irq_view(demo)
    response = demo["api"]["USA"].post(f"/api/threads/{thread.pk}/status", {
        "status": "lapsed", "date": LATER, "marking": "USA",
        "evidence": [{"source": demo["source"].pk, "start": 0, "end": 10}]})
    assert response.status_code == 201, response.content
    after = _irq_view(demo)
    changed = [url for url in before if before[url] != after[url]]
    assert not changed, f"IRQ's view changed after a USA-only status change: {changed}"
    assert "lapsed" not in after[f"/api/threads/{thread.pk}"]
    flags = {row["id"]: row for row in demo["api"]["IRQ"].get(
        f"/api/thread-flags?today={LATER}").json()}
    assert flags[thread.pk]["last_update"] != LATER
    thread.refresh_from_db()
    assert thread.status != "lapsed"  # the shared status moves only with shared changes
    mine = demo["api"]["USA"].get(f"/api/threads/{thread.pk}").json()
    assert any(c["status"] == "lapsed" and c["marking"] == "USA" for c in mine["changes"])


def _scored(markdown: str, ordinal: int, party: str) -> int:
    """'Threads scored' of one round and party in the compliance report's summary table."""
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] == str(ordinal) and cells[1] == party:
            return int(cells[2])
    raise AssertionError(f"no summary row for round {ordinal}, {party}:\n{markdown[:800]}")


def test_2_compliance_never_re_marks_or_overwrites_another_partys_row(demo: dict) -> None:
    thread, rnd = demo["thread"], demo["round"]
    usa, irq = demo["api"]["USA"], demo["api"]["IRQ"]
    joint = irq.post(f"/api/threads/{thread.pk}/compliance", {
        "round": rnd.pk, "party": "IRQ", "score": 1, "rationale": "IRQ's joint assessment"})
    assert joint.status_code == 201, joint.content
    report = f"/api/reports?product=compliance&round={rnd.ordinal}"
    irq_report = irq.get(report).content
    scored_before = _scored(usa.get(report).json()["content"], rnd.ordinal, "Iraq")
    private = usa.post(f"/api/threads/{thread.pk}/compliance", {
        "round": rnd.pk, "party": "IRQ", "score": -1, "rationale": "USA private rationale",
        "marking": "USA"})
    assert private.status_code == 201, private.content
    assert private.json()["id"] != joint.json()["id"]
    row = ComplianceScore.objects.get(pk=joint.json()["id"])
    assert (row.marking, row.score, row.rationale) == ("JOINT", 1, "IRQ's joint assessment")
    assert irq.get(report).content == irq_report  # IRQ's averages do not move
    # USA counts its own score in place of the JOINT one: as many threads scored as before
    assert _scored(usa.get(report).json()["content"], rnd.ordinal, "Iraq") == scored_before
    again = irq.post(f"/api/threads/{thread.pk}/compliance", {
        "round": rnd.pk, "party": "IRQ", "score": 0, "rationale": "IRQ revised"})
    assert again.status_code == 201 and again.json()["id"] == joint.json()["id"]
    hidden = ComplianceScore.objects.get(pk=private.json()["id"])
    assert (hidden.marking, hidden.score, hidden.rationale) == ("USA", -1, "USA private rationale")


def test_3_a_milestone_refusal_never_quotes_the_other_partys_milestone(demo: dict) -> None:
    program = demo["program"]
    usa, irq = demo["api"]["USA"], demo["api"]["IRQ"]
    hidden = irq.post(f"/api/programs/{program.pk}/milestones", {
        "name": "IRQ private milestone", "due": "2031-01-01", "marking": "IRQ"})
    assert hidden.status_code == 201, hidden.content
    added = usa.post(f"/api/programs/{program.pk}/milestones",
                     {"name": "USA joint milestone", "due": "2030-06-01"})
    assert added.status_code == 201, added.content
    assert "IRQ private" not in added.content.decode()
    joint = Milestone.objects.filter(program=program, marking="JOINT").order_by("-order").first()
    patched = usa.request("patch", f"/api/milestones/{joint.pk}", {"due": "2030-12-31"})
    assert patched.status_code == 200, patched.content
    early = usa.post(f"/api/programs/{program.pk}/milestones",
                     {"name": "too early", "due": "2000-01-01"})
    assert early.status_code == 400
    assert "IRQ private" not in early.json()["detail"] and "2031" not in early.json()["detail"]


def test_3_a_round_ordinal_of_the_other_party_is_not_revealed(demo: dict) -> None:
    series = demo["round"].series
    usa, irq = demo["api"]["USA"], demo["api"]["IRQ"]
    body = {"series": series.pk, "ordinal": 7, "start": "2027-01-10", "end": "2027-01-11"}
    hidden = irq.post("/api/rounds", {**body, "marking": "IRQ"})
    assert hidden.status_code == 201, hidden.content
    mine = usa.post("/api/rounds", body)
    assert mine.status_code == 201, mine.content
    assert "already has a round" not in mine.content.decode()


def test_3_the_default_report_series_counts_only_visible_rounds(demo: dict, usa_editor: Any,
                                                                irq_editor: Any) -> None:
    before = resolve(usa_editor, "next").series
    other = services.create_series(usa_editor, name="Another shared dialogue",
                                   parties=["USA", "IRQ"])
    services.create_round(usa_editor, series=other, ordinal=1, start=dt.date(2019, 1, 1),
                          end=dt.date(2019, 1, 2))
    for n in range(2, 7):  # IRQ's own rounds of the shared series: more than the JSCD has
        services.create_round(irq_editor, series=other, ordinal=n,
                              start=dt.date(2020, n, 1), end=dt.date(2020, n, 2), marking="IRQ")
    assert resolve(usa_editor, "next").series == before
    assert resolve(irq_editor, "next").series == other
