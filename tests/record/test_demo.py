"""The shipped demo record: what a first visitor and the foundation issue expect to find."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from jscd.core import InputError
from jscd.record.demo import DEMO_FILE, load_record_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(demo_record, tmp_path) -> dict:
    out = tmp_path / "demo.json"
    call_command("export", "--all", "-o", str(out))
    return json.loads(out.read_text())["models"]


def _by_pk(rows):
    return {r["pk"]: r["fields"] for r in rows}


def test_export_holds_both_rounds_with_dates_location_and_leads(exported):
    rounds = {r["fields"]["ordinal"]: r for r in exported["record.round"]}
    assert rounds[1]["fields"]["start"] == "2023-08-07" and rounds[1]["fields"]["end"] == "2023-08-08"
    assert rounds[2]["fields"]["start"] == "2024-07-22" and rounds[2]["fields"]["end"] == "2024-07-23"
    assert {r["fields"]["location"] for r in rounds.values()} == {"Washington, D.C."}
    people = _by_pk(exported["record.person"])
    delegations = _by_pk(exported["record.delegation"])
    leads = {(delegations[p["fields"]["delegation"]]["round"], delegations[p["fields"]["delegation"]]["party"]):
             people[p["fields"]["person"]]["name"]
             for p in exported["record.participation"] if p["fields"]["role"] == "lead"}
    r1, r2 = rounds[1]["pk"], rounds[2]["pk"]
    assert leads[(r1, "IRQ")] == "Thabit al-Abbasi"
    assert leads[(r1, "USA")] == "Celeste Wallander"
    assert leads[(r2, "IRQ")] == "Thabit al-Abbasi"


def test_each_round_has_at_least_ten_statements_each_with_evidence(exported):
    rounds = {r["pk"]: r["fields"]["ordinal"] for r in exported["record.round"]}
    cited = {e["fields"]["object_id"] for e in exported["record.evidence"]
             if e["fields"]["content_type"] == ["record", "statement"]}
    per_round = Counter(rounds[s["fields"]["round"]] for s in exported["record.statement"])
    assert per_round[1] >= 10 and per_round[2] >= 10
    assert all(s["pk"] in cited for s in exported["record.statement"])


@pytest.mark.parametrize("topic", [
    r"higher military commission", r"further (dialogues|jscd rounds)", r"protect", r"repatriat", r"education|training",
])
def test_named_threads_run_from_round_one_to_round_two(exported, topic):
    rounds = {r["pk"]: r["fields"]["ordinal"] for r in exported["record.round"]}
    statements = _by_pk(exported["record.statement"])
    threads = _by_pk(exported["record.thread"])
    spans: dict[int, set[int]] = {}
    for link in exported["record.threadlink"]:
        f = link["fields"]
        spans.setdefault(f["thread"], set()).add(rounds[statements[f["statement"]]["round"]])
    matching = [t for pk, t in threads.items()
                if re.search(topic, t["title"], re.I) and spans.get(pk, set()) >= {1, 2}]
    assert matching, f"no thread about {topic!r} runs from round 1 to round 2"


def test_evidence_quotes_lie_inside_their_sources(exported):
    sources = _by_pk(exported["record.source"])
    for e in exported["record.evidence"]:
        f = e["fields"]
        assert 0 <= f["start"] < f["end"] <= len(sources[f["source"]]["text"])


def test_a_broken_record_file_names_file_line_and_field(db, tmp_path):
    text = DEMO_FILE.read_text().replace("ordinal: 2", "ordinal: 1", 1)
    bad = tmp_path / "record.yaml"
    bad.write_text(text)
    for src in (Path(DEMO_FILE).parent / "sources").iterdir():
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / src.name).write_text(src.read_text())
    with pytest.raises(InputError) as err:
        load_record_file(bad)
    assert err.value.file == str(bad) and err.value.line and "ordinal" in (err.value.field or "")
    from jscd.record.models import Round

    assert not Round.objects.exists()


def test_demo_titles_follow_the_dates_they_were_held(demo_record):
    from jscd.record.models import Person

    brown = Person.objects.get(name__contains="Brown")
    assert brown.title_on(dt.date(2024, 7, 22)) and "Chairman" in brown.title_on(dt.date(2024, 7, 22))
    assert brown.title_on(dt.date(2023, 8, 7)) != brown.title_on(dt.date(2024, 7, 22))
