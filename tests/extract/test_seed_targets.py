"""The issue's targets on the hand-annotated seed reports, and the --json contract."""

from __future__ import annotations

import json

import jsonschema

from jscd.core.extraction import DocumentExtraction
from jscd.extract.commands import eval_main, extract_main
from jscd.extract.evaluate import evaluate, load_gold
from jscd.extract.schema import json_schema, packaged_schema


def test_extraction_meets_every_target_on_the_gold(seed_extraction, gold_path):
    rep = evaluate(load_gold(gold_path), seed_extraction)
    assert rep.statements.f1 >= 0.95
    assert rep.modality.value >= 0.85
    assert rep.category.value >= 0.80
    assert rep.people.f1 >= 0.95
    assert rep.people_full.f1 >= 0.95
    for slot, prf in rep.record_rounds.items():
        assert prf.f1 == 1.0, slot
    assert rep.conflicts.recall == 1.0 and rep.conflicts.fp <= 2


def test_round_two_report_assigns_recalled_decision_to_round_one(seed_extraction):
    doc = next(d for d in seed_extraction.documents if d.id.startswith("000_"))
    recalled = [s for s in doc.statements if s.category == "governance_body"]
    assert recalled and all(s.round == 1 and s.historical for s in recalled)


def test_json_output_is_exactly_the_schema(seed_paths, capsys):
    assert extract_main([*map(str, seed_paths), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "jscd-extract/1"
    DocumentExtraction.model_validate(data)
    jsonschema.validate(data, packaged_schema())


def test_packaged_json_schema_matches_the_model():
    assert packaged_schema() == json.loads(json.dumps(json_schema()))


def test_eval_command_prints_scores_as_json(seed_paths, gold_path, capsys):
    assert eval_main([str(gold_path), *map(str, seed_paths), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert {"rounds", "people", "statements", "modality", "category", "conflicts"} <= set(scores)


def test_readable_summary_names_rounds_and_conflicts(seed_paths, capsys):
    extract_main(list(map(str, seed_paths)))
    out = capsys.readouterr().out
    assert "round 2 of Joint Security Cooperation Dialogue" in out
    assert "conflict wrong_expansion" in out
