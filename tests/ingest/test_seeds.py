"""Ingesting the five seed reports and accepting the proposals rebuilds the demo's skeleton.

The expected values are read from the shipped demo record (``record.yaml``), not restated
here: the two rounds (series, ordinals, dates, place), their leads, and the five threads
that run from round 1 to round 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jscd.record.demo import loader
from jscd.record.models import ConflictFlag, Participation, Proposal, Round, Source, Thread
from jscd.record.services.ingest import ingest_paths
from jscd.record.services.review import accept_all

pytestmark = pytest.mark.django_db

DEMO = yaml.safe_load(Path(loader.DEMO_FILE).read_text(encoding="utf-8"))
#: The threads issue 2 and 3 name, found in the demo by a word of their title.
THREAD_WORDS = ["Higher Military Commission", "further", "Protection", "Repatriation",
                "education and training"]


def demo_rounds() -> dict[int, dict[str, Any]]:
    people = {p["key"]: p["name"] for p in DEMO["people"]}
    series = {s["key"]: s["name"] for s in DEMO["series"]}
    out = {}
    for r in DEMO["rounds"]:
        leads = {d["party"]: people[m["person"]] for d in r["delegations"]
                 for m in d["members"] if m["role"] == "lead"}
        out[r["ordinal"]] = {"series": series[r["series"]], "start": r["start"], "end": r["end"],
                             "location": r["location"], "leads": leads}
    return out


def demo_threads() -> dict[str, str]:
    """word -> category of the demo thread whose title holds it."""
    out = {}
    for word in THREAD_WORDS:
        match = [t for t in DEMO["threads"] if word.lower() in t["title"].lower()
                 and not t["title"].startswith("(Illustrative)")]
        assert len(match) == 1, (word, [t["title"] for t in match])
        out[word] = match[0]["category"]
    return out


@pytest.fixture
def ingested(shared: Path, usa_editor: Any) -> Any:
    report = ingest_paths(usa_editor, [shared / "seeds"])
    assert not report.failed, report.failed
    assert report.batch_error is None
    return report


def test_ingest_stores_each_seed_once_as_pending_proposals_and_a_rerun_writes_nothing(
        ingested: Any, shared: Path, usa_editor: Any) -> None:
    from django.apps import apps

    assert len(ingested.stored) == len(list((shared / "seeds").glob("*.txt"))) == Source.objects.count()
    assert Proposal.objects.filter(status="pending").count() == ingested.proposals > 0
    assert set(Proposal.objects.values_list("kind", flat=True)) >= {
        "round", "person", "organization", "statement", "thread"}
    assert not Round.objects.exists(), "nothing enters the record before review"
    for p in Proposal.objects.all():
        for span in p.payload["evidence"]:  # every span lies inside a source it names
            src = Source.objects.get(pk=span["source"])
            assert 0 <= span["start"] < span["end"] <= len(src.text)
            assert p.sources.filter(pk=src.pk).exists()
    assert ConflictFlag.objects.exists()
    for flag in ConflictFlag.objects.all():
        assert flag.sources.exists(), flag.surface

    def counts() -> dict[str, int]:
        return {m._meta.label: m._default_manager.count()
                for m in apps.get_app_config("record").get_models()}

    before = counts()
    again = ingest_paths(usa_editor, [shared / "seeds"])
    assert [f.status for f in again.files] == ["skipped"] * len(ingested.files)
    assert again.proposals == again.conflicts == 0
    assert counts() == before


def test_accepting_all_proposals_gives_the_demo_rounds_and_leads_with_evidence(
        ingested: Any, usa_editor: Any) -> None:
    from jscd.record.models import Statement

    result = accept_all(usa_editor)
    assert result.accepted > 0
    expected = demo_rounds()
    rounds = {r.ordinal: r for r in Round.objects.select_related("series")}
    assert sorted(rounds) == sorted(expected) == [1, 2]
    for ordinal, want in expected.items():
        got = rounds[ordinal]
        assert (got.series.name, got.start, got.end, got.location) == (
            want["series"], want["start"], want["end"], want["location"])
        leads = {p.delegation.party_id: p.person.name for p in Participation.objects.filter(
            delegation__round=got, role="lead").select_related("person", "delegation")}
        assert leads == want["leads"], ordinal
        assert got.evidence.exists(), "an accepted round keeps its evidence"
    accepted = Proposal.objects.filter(kind="statement", status="accepted")
    assert accepted.exists()
    for p in accepted:  # each accepted statement points at the span it was read from
        ev = Statement.objects.get(pk=p.result_id).evidence.get()
        assert (ev.source_id, ev.start, ev.end) == tuple(
            p.payload["evidence"][0][k] for k in ("source", "start", "end"))


def test_accepting_all_proposals_gives_the_demo_threads_across_rounds_1_and_2(
        ingested: Any, usa_editor: Any) -> None:
    accept_all(usa_editor)
    spans: dict[str, set[int]] = {}
    for t in Thread.objects.prefetch_related("statements__round"):
        spans[t.category] = {s.round.ordinal for s in t.statements.all() if s.round}
    missing = {word: (cat, sorted(spans.get(cat, ())))
               for word, cat in demo_threads().items() if spans.get(cat) != {1, 2}}
    assert not missing, f"threads not running from round 1 to 2 (category, rounds seen): {missing}"
