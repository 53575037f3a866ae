"""Scoring an extraction against a hand annotation (``jscd-gold/1``).

Measures, in the words of the issue: rounds per slot (the reconciled record, and each
document's own rounds), people (by name, and with party and title), organizations,
statements (a prediction matches a gold statement when their character spans overlap and
the actor is the same; one-to-one, largest overlap first), modality and category accuracy
over span-matched statements, and conflicts (same document, kind and surface).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jscd.core.extraction import DocumentExtraction
from jscd.extract.errors import ExtractError
from jscd.extract.names import normalize_name

__all__ = ["PRF", "evaluate", "load_gold"]

ROUND_SLOTS = ("series", "parties", "ordinal", "start", "end", "location")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}

    def add_sets(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Report:
    record_rounds: dict[str, PRF] = field(default_factory=dict)
    document_rounds: dict[str, PRF] = field(default_factory=dict)
    people: PRF = field(default_factory=PRF)
    people_full: PRF = field(default_factory=PRF)
    organizations: PRF = field(default_factory=PRF)
    statements: PRF = field(default_factory=PRF)
    statement_spans: PRF = field(default_factory=PRF)
    modality: Accuracy = field(default_factory=Accuracy)
    category: Accuracy = field(default_factory=Accuracy)
    round_of_statement: Accuracy = field(default_factory=Accuracy)
    conflicts: PRF = field(default_factory=PRF)
    missing_documents: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rounds": {"record": {k: v.as_dict() for k, v in self.record_rounds.items()},
                       "documents": {k: v.as_dict() for k, v in self.document_rounds.items()}},
            "people": self.people.as_dict(), "people_with_party_and_title": self.people_full.as_dict(),
            "organizations": self.organizations.as_dict(), "statements": self.statements.as_dict(),
            "statement_spans": self.statement_spans.as_dict(), "modality": self.modality.as_dict(),
            "category": self.category.as_dict(), "statement_round": self.round_of_statement.as_dict(),
            "conflicts": self.conflicts.as_dict(), "missing_documents": self.missing_documents,
            "errors": self.errors,
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractError(f"cannot read gold annotation: {exc}", file=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != "jscd-gold/1":
        raise ExtractError("not a jscd-gold/1 annotation (field 'schema')", file=str(path))
    return data


def _slot(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((k, normalize_name(str(v))) for k, v in value.items()))
    return str(value)


def _score_rounds(gold: list[dict], pred: list[dict], slots: tuple[str, ...],
                  out: dict[str, PRF]) -> None:
    unmatched = list(pred)
    for g in gold:
        match = next((p for p in unmatched if p.get("ordinal") == g.get("ordinal")), None)
        if match is None:
            match = next((p for p in unmatched if p.get("start") and p.get("start") == g.get("start")),
                         None)
        if match is not None:
            unmatched.remove(match)
        for slot in slots:
            prf = out.setdefault(slot, PRF())
            gv, pv = _slot(g.get(slot)), _slot((match or {}).get(slot))
            if gv is not None and pv == gv:
                prf.tp += 1
            else:
                prf.fn += gv is not None
                prf.fp += pv is not None
    for p in unmatched:
        for slot in slots:
            out.setdefault(slot, PRF()).fp += _slot(p.get(slot)) is not None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate(gold: dict[str, Any], extraction: DocumentExtraction) -> Report:
    rep = Report(errors=list(extraction.errors))
    docs = {d.id: d for d in extraction.documents}
    for doc_id, g in gold["documents"].items():
        d = docs.get(doc_id)
        if d is None:
            rep.missing_documents.append(doc_id)
        pred_rounds = [r.model_dump(mode="json") for r in d.rounds] if d else []
        _score_rounds(g.get("rounds", []), pred_rounds, ROUND_SLOTS, rep.document_rounds)
        people = d.people if d else []
        rep.people.add_sets({p["name"] for p in g.get("people", [])}, {p.name for p in people})
        rep.people_full.add_sets({(p["name"], p.get("party"), p.get("title"))
                                  for p in g.get("people", [])},
                                 {(p.name, p.party, p.title) for p in people})
        rep.organizations.add_sets(set(g.get("organizations", [])),
                                   {o.name for o in (d.organizations if d else [])})
        _score_statements(g.get("statements", []), d.statements if d else [], rep)
    gold_record = [dict(r, documents=r.get("reported_by"), leads=r.get("leads")) for r in
                   gold.get("record", {}).get("rounds", [])]
    pred_record = [r.model_dump(mode="json") for r in extraction.record.rounds]
    _score_rounds(gold_record, pred_record, (*ROUND_SLOTS, "documents", "leads"),
                  rep.record_rounds)
    gold_conf = {(c["doc"], c["kind"], normalize_name(c["surface"])) for c in gold.get("conflicts", [])}
    pred_conf = {(doc, c.kind, normalize_name(c.surface)) for c in extraction.record.conflicts
                 for doc in c.documents}
    rep.conflicts.add_sets(gold_conf, pred_conf)
    return rep


def _score_statements(gold: list[dict], pred: list, rep: Report) -> None:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap((g["start"], g["end"]), (p.start, p.end))
            if ov:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p = set(), set()
    for _ov, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], pred[pi]
        rep.statement_spans.tp += 1
        if g["actor"] == p.actor:
            rep.statements.tp += 1
        else:
            rep.statements.fp += 1
            rep.statements.fn += 1
        rep.modality.total += 1
        rep.modality.correct += g["modality"] == p.modality
        rep.category.total += 1
        rep.category.correct += g.get("category") == p.category
        rep.round_of_statement.total += 1
        rep.round_of_statement.correct += g.get("round") == p.round
    for stat in (rep.statements, rep.statement_spans):
        stat.fp += len(pred) - len(used_p)
        stat.fn += len(gold) - len(used_g)


def format_report(rep: Report) -> str:
    def row(name: str, prf: PRF) -> str:
        return (f"  {name:<30} P {prf.precision:6.3f}  R {prf.recall:6.3f}  F1 {prf.f1:6.3f}"
                f"   (tp {prf.tp}, fp {prf.fp}, fn {prf.fn})")

    lines = ["rounds (reconciled record), per slot:"]
    lines += [row(k, v) for k, v in rep.record_rounds.items()]
    lines += ["rounds (each document's own), per slot:"]
    lines += [row(k, v) for k, v in rep.document_rounds.items()]
    lines += ["entities:", row("people (name)", rep.people),
              row("people (name, party, title)", rep.people_full),
              row("organizations", rep.organizations), "statements:",
              row("statements (span + actor)", rep.statements),
              row("statement spans only", rep.statement_spans),
              f"  {'modality accuracy':<30} {rep.modality.value:6.3f}   "
              f"({rep.modality.correct}/{rep.modality.total})",
              f"  {'category accuracy':<30} {rep.category.value:6.3f}   "
              f"({rep.category.correct}/{rep.category.total})",
              f"  {'round accuracy':<30} {rep.round_of_statement.value:6.3f}   "
              f"({rep.round_of_statement.correct}/{rep.round_of_statement.total})",
              "conflicts:", row("conflicts (doc, kind, surface)", rep.conflicts)]
    if rep.missing_documents:
        lines.append(f"missing documents: {', '.join(rep.missing_documents)}")
    lines += [f"error: {e}" for e in rep.errors]
    return "\n".join(lines)
