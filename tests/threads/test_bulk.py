"""CSV export and import of threads and programs: row-level errors, idempotent re-import."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from jscd.core import InputError
from jscd.record.models import Milestone, Program, Thread
from jscd.record.services.bulk import (
    export_programs_csv,
    export_threads_csv,
    import_csv,
    import_programs_csv,
    import_threads_csv,
)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _history_count() -> int:
    return sum(m.history.count() for m in (Thread, Program, Milestone))


@pytest.mark.django_db
def test_reimporting_an_export_changes_nothing(demo: None, usa_editor: Any) -> None:
    threads, programs = export_threads_csv(usa_editor), export_programs_csv(usa_editor)
    before = _history_count()
    t_report = import_threads_csv(usa_editor, threads)
    p_report = import_programs_csv(usa_editor, programs)
    assert t_report.ok and p_report.ok, t_report.errors + p_report.errors
    assert t_report.created == t_report.updated == p_report.created == p_report.updated == 0
    assert t_report.unchanged == Thread.objects.visible_to(usa_editor).count()
    assert _history_count() == before
    assert export_threads_csv(usa_editor) == threads


@pytest.mark.django_db
def test_export_holds_only_what_the_user_may_see(party_rows: dict, irq_editor: Any) -> None:
    text = export_threads_csv(irq_editor) + export_programs_csv(irq_editor)
    assert "usa plan review" not in text and "usa course" not in text
    assert "irq plan review" in text and "irq course" in text


@pytest.mark.django_db
def test_bad_rows_are_reported_with_line_and_column_and_the_batch_goes_on(
    demo: None, usa_editor: Any,
) -> None:
    rows = _rows(export_threads_csv(usa_editor))
    hmc = next(r for r in rows if "Higher Military" in r["title"])
    pme = next(r for r in rows if "education" in r["title"].lower())
    hmc["due"] = "2020-01-01"          # before the thread started (round 1, 2023)
    hmc["keeper"] = "must not be written"
    pme["keeper"] = "Training desk"    # a good edit in the same batch
    protection = next(r for r in rows if "Protection" in r["title"])
    protection["status"] = "fulfilled"  # a status change without new evidence date
    protection["status_date"] = ""
    new = dict.fromkeys(rows[0], "")
    new.update(title="Iraqi liaison officers at CENTCOM", category="liaisons", owner="IRQ")
    report = import_threads_csv(usa_editor, _csv([*rows, new]), "staff.csv")

    places = {(e.line, e.field) for e in report.errors}
    line_of = {r["id"]: n + 2 for n, r in enumerate(rows)}
    assert (line_of[hmc["id"]], "due") in places
    assert (line_of[protection["id"]], "status_date") in places
    assert (len(rows) + 2, "category") in places
    assert all(isinstance(e, InputError) and e.file == "staff.csv" for e in report.errors)
    assert "staff.csv:" in str(report.errors[0])
    assert report.updated == 1
    assert Thread.objects.get(pk=hmc["id"]).keeper != "must not be written"
    assert Thread.objects.get(pk=pme["id"]).keeper == "Training desk"
    assert not Thread.objects.filter(title="Iraqi liaison officers at CENTCOM").exists()


@pytest.mark.django_db
def test_status_change_by_import_needs_evidence_and_records_it(
    demo: None, usa_editor: Any,
) -> None:
    rows = _rows(export_threads_csv(usa_editor))
    row = next(r for r in rows if "Repatriation" in r["title"])
    row.update(status="lapsed", status_date="2024-12-31", evidence_quote="")
    report = import_threads_csv(usa_editor, _csv([row]))
    assert [e.field for e in report.errors] == ["evidence_quote"]
    quote = Thread.objects.get(pk=row["id"]).changes.last().evidence.first().quote
    row.update(evidence_quote=quote)
    report = import_threads_csv(usa_editor, _csv([row]))
    assert report.ok and report.updated == 1
    thread = Thread.objects.get(pk=row["id"])
    assert thread.status == "lapsed" and thread.changes.order_by("-date").first().evidence.exists()


@pytest.mark.django_db
def test_programs_import_creates_updates_and_refuses_out_of_order_milestones(
    demo: None, usa_editor: Any,
) -> None:
    rows = _rows(export_programs_csv(usa_editor))
    first = rows[0]
    first["milestones"] += "\n2025-12-31 | Follow-up review | open"
    second = rows[1]
    second["milestones"] += "\n2001-01-01 | Too early | open"  # before the last milestone
    new = dict.fromkeys(rows[0], "")
    new.update(kind="liaison", name="Liaison cell in Baghdad", party="USA", status="planned",
               keeper="CENTCOM J5", milestones="2025-01-15 | Cell staffed | open")
    bad_kind = dict(new, name="Bad", kind="submarines")
    report = import_csv(usa_editor, _csv([first, second, new, bad_kind]), "programs.csv")
    assert report.updated == 1 and report.created == 1
    # Milestone cells span several file lines: errors give the file line and the row.
    assert [e.field for e in report.errors] == ["due", "kind"]
    assert "spreadsheet row 3" in report.errors[0].message
    assert "spreadsheet row 5" in report.errors[1].message
    assert report.errors[0].line > 3
    assert Program.objects.get(pk=first["id"]).milestones.filter(name="Follow-up review").exists()
    assert not Milestone.objects.filter(name="Too early").exists()
    assert Program.objects.get(name="Liaison cell in Baghdad").milestones.count() == 1


@pytest.mark.django_db
def test_unknown_column_refuses_the_whole_file(usa_editor: Any) -> None:
    with pytest.raises(InputError) as info:
        import_threads_csv(usa_editor, "id,title,category,colour\n", "t.csv")
    assert info.value.line == 1 and info.value.field == "colour"


@pytest.mark.django_db
def test_ids_of_the_other_party_look_missing(party_rows: dict, irq_editor: Any) -> None:
    usa_thread = party_rows["USA"]["thread"]
    text = f"id,title,category\n{usa_thread.pk},renamed,dialogue\n"
    report = import_threads_csv(irq_editor, text)
    assert [(e.line, e.field) for e in report.errors] == [(2, "id")]
    assert "no thread with id" in report.errors[0].message
    usa_thread.refresh_from_db()
    assert usa_thread.title != "renamed"
