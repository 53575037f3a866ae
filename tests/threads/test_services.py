"""Thread and program services refuse bad input with the field named and write nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings

from jscd.core import DomainError
from jscd.record import services
from jscd.record.models import ComplianceScore, Milestone, StatusChange, Thread
from jscd.record.services.programs import (
    overdue_milestones,
    program_is_stale,
    update_milestone,
    update_program,
)
from jscd.record.services.threads import (
    is_overdue,
    is_stale,
    last_update,
    thread_start,
    update_thread,
)


@pytest.fixture
def rows(party_rows: dict) -> dict[str, Any]:
    return party_rows["JOINT"]


@pytest.mark.django_db
def test_status_change_without_evidence_is_refused(rows: dict, usa_editor: Any) -> None:
    before = StatusChange.objects.count()
    with pytest.raises(DomainError) as info:
        services.move_thread_status(usa_editor, rows["thread"], status="fulfilled",
                                    date=dt.date(2024, 8, 1), evidence=[])
    assert info.value.field == "evidence"
    assert StatusChange.objects.count() == before


@pytest.mark.django_db
def test_due_date_before_the_thread_started_is_refused(rows: dict, usa_editor: Any) -> None:
    thread = rows["thread"]
    assert thread_start(thread) == dt.date(2024, 7, 22)  # its round's first day
    with pytest.raises(DomainError) as info:
        update_thread(usa_editor, thread, due=dt.date(2024, 7, 1), keeper="changed")
    assert info.value.field == "due" and "2024-07-22" in info.value.message
    thread.refresh_from_db()
    assert thread.due is None and thread.keeper != "changed"
    update_thread(usa_editor, thread, due=dt.date(2024, 12, 31))
    assert Thread.objects.get(pk=thread.pk).due == dt.date(2024, 12, 31)


@pytest.mark.parametrize("score", [-2, 2, 5])
@pytest.mark.django_db
def test_compliance_score_outside_range_is_refused(rows: dict, usa_editor: Any,
                                                   score: int) -> None:
    before = ComplianceScore.objects.count()
    with pytest.raises(DomainError) as info:
        services.set_compliance(usa_editor, rows["thread"], round=rows["round"], party="USA",
                                score=score, rationale="no reason")
    assert info.value.field == "score"
    assert ComplianceScore.objects.count() == before


@pytest.mark.django_db
def test_milestone_out_of_order_is_refused(rows: dict, usa_editor: Any) -> None:
    program = rows["program"]  # has "first class" due 2024-09-01
    with pytest.raises(DomainError) as info:
        services.add_milestone(usa_editor, program, name="earlier", due=dt.date(2024, 8, 1))
    assert info.value.field == "due"
    second = services.add_milestone(usa_editor, program, name="second", due=dt.date(2024, 10, 1))
    with pytest.raises(DomainError) as info:
        update_milestone(usa_editor, rows["milestone"], due=dt.date(2024, 11, 1))
    assert info.value.field == "due" and "second" in info.value.message
    assert Milestone.objects.get(pk=rows["milestone"].pk).due == dt.date(2024, 9, 1)
    update_milestone(usa_editor, second, done=True)
    assert Milestone.objects.get(pk=second.pk).done


@pytest.mark.django_db
def test_overdue_and_stale_flags(rows: dict, usa_editor: Any) -> None:
    thread = rows["thread"]  # announced 2024-07-23, open
    update_thread(usa_editor, thread, due=dt.date(2024, 9, 30))
    assert not is_overdue(thread, dt.date(2024, 9, 30))
    assert is_overdue(thread, dt.date(2024, 10, 1))
    assert last_update(thread) == dt.date(2024, 7, 23)
    with override_settings(JSCD_STALE_DAYS=30):
        assert not is_stale(thread, dt.date(2024, 8, 22))
        assert is_stale(thread, dt.date(2024, 8, 23))
    source = rows["source"]
    services.move_thread_status(usa_editor, thread, status="fulfilled", date=dt.date(2024, 8, 20),
                                evidence=[services.find_quote(source, "Both sides")])
    thread.refresh_from_db()
    assert not is_overdue(thread, dt.date(2025, 1, 1)) and not is_stale(thread, dt.date(2025, 1, 1))


@pytest.mark.django_db
def test_program_flags_and_update(rows: dict, usa_editor: Any) -> None:
    program = rows["program"]
    assert [m.name for m in overdue_milestones(program, dt.date(2024, 9, 2))] == ["first class"]
    today = dt.date.today()
    assert not program_is_stale(program, today)
    assert program_is_stale(program, today + dt.timedelta(days=400))
    with pytest.raises(DomainError) as info:
        update_program(usa_editor, program, status="dormant")
    assert info.value.field == "status"
    update_program(usa_editor, program, status="completed", keeper="J5")
    program.refresh_from_db()
    assert program.status == "completed" and not program_is_stale(program, today.replace(year=2099))


@pytest.mark.django_db
def test_viewer_may_not_update(rows: dict, usa_viewer: Any) -> None:
    with pytest.raises(DomainError) as info:
        update_thread(usa_viewer, rows["thread"], keeper="me")
    assert info.value.field == "role"
