"""Assessment services: stored runs, entered tables, overrides beside results, decisions, markings."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jscd.core import DomainError, InputError
from jscd.record.models.assessment import AssessmentOverride, AssessmentRun, CapabilityRating, Requirement
from jscd.record.services import assessment as service
from tests.assess.conftest import EVENTS_CSV

pytestmark = pytest.mark.django_db


def _row(run, iso):
    return next(g for g in run.result["governorates"] if g["iso"] == iso)


def test_a_stored_run_keeps_checksums_model_version_and_author(usa_editor):
    result, run = service.run_assessment(usa_editor, as_of="2018-06", draws=100, tables="example")
    run.refresh_from_db()
    assert run.as_of == "2018-06" and run.created_by == usa_editor and run.marking == "JOINT"
    assert run.config_version == result["config"]["version"] and len(run.config_sha256) == 64
    assert run.inputs["events"]["sha256"] == result["inputs"]["events"]["sha256"]
    assert {"requirements", "capability"} <= set(run.inputs)
    assert run.result["governorates"] == result["governorates"]


def test_viewers_cannot_store_runs_and_nothing_is_written(usa_viewer):
    with pytest.raises(DomainError) as err:
        service.run_assessment(usa_viewer, as_of="2018-06", draws=0)
    assert err.value.field == "role"
    assert not AssessmentRun.objects.exists()


def test_override_needs_a_rationale_and_leaves_the_computed_result_alone(usa_editor):
    _, run = service.run_assessment(usa_editor, as_of="2015-06", draws=0, tables="example")
    before = json.dumps(run.result, sort_keys=True)
    computed = _row(run, "IQ-AN")
    with pytest.raises(DomainError) as err:
        service.override_result(usa_editor, run, governorate="IQ-AN", phase="advise_and_assist", rationale="ok")
    assert err.value.field == "rationale"
    with pytest.raises(DomainError) as err:
        service.override_result(
            usa_editor,
            run,
            governorate="IQ-AN",
            phase=computed["phase"],
            rationale="The same as the model says, for the record.",
        )
    assert err.value.field == "phase"
    override = service.override_result(
        usa_editor,
        run,
        governorate="IQ-AN",
        phase="advise_and_assist",
        rationale="Tribal mobilisation holds the western districts.",
    )
    run.refresh_from_db()
    assert json.dumps(run.result, sort_keys=True) == before
    assert _row(run, "IQ-AN")["phase"] == computed["phase"] != override.phase
    assert override.assessor == usa_editor


def test_decision_rules_and_who_took_it(usa_editor):
    _, run = service.run_assessment(usa_editor, as_of="2015-06", draws=0, tables="example")
    computed = _row(run, "IQ-NI")["phase"]
    with pytest.raises(DomainError) as err:
        service.record_decision(
            usa_editor,
            run,
            governorate="IQ-NI",
            outcome="accepted",
            phase="partnership",
            authority="HMC co-chairs",
            decided_on=dt.date(2015, 7, 1),
        )
    assert err.value.field == "phase"
    with pytest.raises(DomainError) as err:
        service.record_decision(
            usa_editor,
            run,
            governorate="IQ-NI",
            outcome="accepted",
            phase=computed,
            authority="  ",
            decided_on=dt.date(2015, 7, 1),
        )
    assert err.value.field == "authority"
    with pytest.raises(DomainError) as err:
        service.record_decision(
            usa_editor,
            run,
            governorate="IQ-XX",
            outcome="accepted",
            phase=computed,
            authority="HMC",
            decided_on=dt.date(2015, 7, 1),
        )
    assert err.value.field == "governorate"
    decision = service.record_decision(
        usa_editor,
        run,
        governorate="IQ-NI",
        outcome="accepted",
        phase=computed,
        authority="HMC co-chairs",
        decided_on=dt.date(2015, 7, 1),
    )
    assert decision.decided_by == usa_editor and decision.authority == "HMC co-chairs"


def test_entered_rows_are_validated_like_csv_rows(usa_editor):
    with pytest.raises(InputError) as err:
        service.enter_capability_rating(
            usa_editor,
            governorate="IQ-NI",
            formation="F",
            personnel="C9",
            equipment="C1",
            readiness="C1",
            training="C1",
            assessed_on="2018-05-01",
        )
    assert err.value.field == "personnel"
    with pytest.raises(InputError) as err:
        service.enter_requirement(
            usa_editor, governorate="Narnia", requirement="isr", need=2, own_coverage=0.5, assessed_on="2018-05-01"
        )
    assert err.value.field == "governorate"
    row = service.enter_requirement(
        usa_editor, governorate="Nineveh", requirement="isr", need=2, own_coverage=0.5, assessed_on="2018-05-01"
    )
    assert row.governorate == "IQ-NI" and row.entered_by == usa_editor


def test_csv_import_is_all_or_nothing_and_names_line_and_field(usa_editor, tmp_path):
    path = tmp_path / "cap.csv"
    path.write_text(
        "governorate,formation,personnel,equipment,readiness,training,assessed_on\n"
        "IQ-NI,F1,C1,C2,C2,C1,2018-05-01\nIQ-AN,F2,C2,C2,C7,C2,2018-05-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        service.import_capability(usa_editor, path)
    assert (err.value.line, err.value.field) == (3, "readiness")
    assert not CapabilityRating.objects.exists()
    good = tmp_path / "req.csv"
    good.write_text(
        "governorate,requirement,need,own_coverage,assessed_on\nIQ-NI,isr,3,0.3,2018-05-01\n"
        "IQ-NI,fires,2,0.7,2018-05-01\n",
        encoding="utf-8",
    )
    assert len(service.import_requirements(usa_editor, good)) == 2


def test_a_joint_run_never_reads_one_partys_rows(usa_editor, irq_editor):
    """USA-only requirements feed a USA run, never a JOINT one both parties read."""
    service.enter_requirement(
        usa_editor,
        governorate="IQ-KA",
        requirement="isr",
        need=3,
        own_coverage=0.05,
        assessed_on="2018-05-01",
        marking="USA",
    )
    joint, _ = service.run_assessment(usa_editor, as_of="2018-06", draws=0, tables="record", store=False)
    usa, _ = service.run_assessment(usa_editor, as_of="2018-06", draws=0, tables="record", store=False, marking="USA")
    ka = lambda r: next(g for g in r["governorates"] if g["iso"] == "IQ-KA")  # noqa: E731
    assert ka(joint)["factors"]["requirements"] is None
    assert ka(usa)["factors"]["requirements"] == pytest.approx(0.05)
    with pytest.raises(DomainError) as err:
        service.run_assessment(irq_editor, as_of="2018-06", draws=0, marking="USA")
    assert err.value.field == "marking"


def test_summary_for_the_read_ahead_keeps_other_party_notes_out(usa_editor, irq_editor):
    _, run = service.run_assessment(usa_editor, as_of="2018-06", draws=200, tables="example")
    service.override_result(
        usa_editor,
        run,
        governorate="IQ-SD",
        phase="partnership",
        rationale="U.S. assessors see local forces holding on their own.",
        marking="USA",
    )
    summary = service.assessment_summary(run)
    assert summary["as_of"] == "2018-06" and summary["governorates"] == 18
    assert sum(len(t["governorates"]) for t in summary["tranches"]) == 18
    assert summary["overrides"] == []  # a JOINT read-ahead carries no USA-only override
    assert len(service.assessment_summary(run, usa_editor)["overrides"]) == 1
    assert service.assessment_summary(run, irq_editor)["overrides"] == []


def test_cli_prints_the_table_and_json_with_every_governorate(db):
    out = io.StringIO()
    call_command("assess", "--as-of", "2015-06", "--no-store", "--draws", "200", "--tables", "example", stdout=out)
    text = out.getvalue()
    assert "Assessment as of 2015-06" in text and "Ninawa" in text and "Tranche" in text
    out = io.StringIO()
    call_command("assess", "--as-of", "2018-06", "--json", "--draws", "200", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["governorates"]) == 18 and data["run"] == AssessmentRun.objects.get().pk
    for g in data["governorates"]:
        assert {"iso", "name", "factors", "phase", "tranche"} <= set(g)


def test_cli_reads_raw_ucdp_events_and_reports_bad_input_as_a_command_error(db, tmp_path):
    out = io.StringIO()
    call_command(
        "assess", "--as-of", "2018-06", "--events", str(EVENTS_CSV), "--json", "--no-store", "--draws", "0", stdout=out
    )
    assert json.loads(out.getvalue())["inputs"]["events"]["kind"] == "ucdp_events"
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("assess", "--as-of", "2018-06", "--events", str(bad), "--no-store")
    with pytest.raises(CommandError, match="as_of"):
        call_command("assess", "--as-of", "2018/06", "--no-store")
    assert not AssessmentRun.objects.exists() and not Requirement.objects.exists()
    assert not AssessmentOverride.objects.exists()
