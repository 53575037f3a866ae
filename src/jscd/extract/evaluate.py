"""Scoring an extraction against a hand annotation (``jscd-gold/1``).

Why it is written the way it is: a score is only worth quoting if it is honest about what it
left out, so the documents scored are exactly the gold documents whose files were given
(a file that failed to extract scores as a document where nothing was found), gold keys
match extraction ids by path or by basename (the dev gold names ``partial/…`` files, an
extraction names basenames), and names are compared as people would compare them.

What is measured:

* rounds per slot (the reconciled record, and each document's own rounds), as before;
* events (:mod:`jscd.extract.evaluate_events`): kind P/R/F1 and slot accuracy;
* people by normalised name (diacritics, al-/el-, case, leading honorifics and ranks), with
  party and title accuracy over the people found, and a strict (name, party, title) row;
  organizations by normalised name;
* statements: a prediction matches a gold statement when their character spans overlap and
  the actor is the same, one-to-one, largest overlap first; spans alone the same way, with
  modality, category and round accuracy over span-matched pairs; predicted span lengths;
* conflicts: (document, kind, normalised surface).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from jscd.core.extraction import DocumentExtraction, DocumentResult, PersonMention
from jscd.extract.errors import ExtractError
from jscd.extract.evaluate_events import (
    EVENT_SLOTS,
    ROUND_SLOTS,
    gold_events,
    kind_counts,
    match_events,
    predicted_events,
    score_rounds,
    slot_equal,
)
from jscd.extract.names import normalize_name

__all__ = ["PRF", "Accuracy", "Report", "SpanLengths", "evaluate", "format_report",
           "load_gold", "organization_key", "person_key"]

#: Words before a name that say how to address the person, not who they are.
HONORIFICS = frozenset((
    "sheikh", "shaikh", "sheik", "sayyid", "sayed", "sir", "mr", "mrs", "ms", "dr", "his", "her",
    "excellency", "royal", "highness", "hrh", "hh", "hon", "honorable", "honourable",
    "lt", "lieutenant", "gen", "general", "maj", "major", "col", "colonel", "brig", "brigadier",
    "adm", "admiral", "vice", "rear", "cmdr", "commander", "capt", "captain", "sgt"))
SPAN_WORDS = (5, 25)  # the annotation guide's length of a quote


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

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += bool(ok)

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class SpanLengths:
    """Lengths in words of the predicted statements' quotes (the guide asks for 5–25)."""

    words: list[int] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return sum(self.words) / len(self.words) if self.words else 0.0

    @property
    def max(self) -> int:
        return max(self.words, default=0)

    @property
    def within(self) -> float:
        lo, hi = SPAN_WORDS
        return sum(lo <= n <= hi for n in self.words) / len(self.words) if self.words else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"count": len(self.words), "mean": round(self.mean, 2), "max": self.max,
                "within_5_25": round(self.within, 4)}


@dataclass
class Report:
    record_rounds: dict[str, PRF] = field(default_factory=dict)
    document_rounds: dict[str, PRF] = field(default_factory=dict)
    events: PRF = field(default_factory=PRF)
    events_slots: Accuracy = field(default_factory=Accuracy)
    events_by_slot: dict[str, Accuracy] = field(
        default_factory=lambda: {s: Accuracy() for s in EVENT_SLOTS})
    people: PRF = field(default_factory=PRF)
    people_party: Accuracy = field(default_factory=Accuracy)
    people_title: Accuracy = field(default_factory=Accuracy)
    people_full: PRF = field(default_factory=PRF)
    organizations: PRF = field(default_factory=PRF)
    statements: PRF = field(default_factory=PRF)
    statement_spans: PRF = field(default_factory=PRF)
    modality: Accuracy = field(default_factory=Accuracy)
    category: Accuracy = field(default_factory=Accuracy)
    round_of_statement: Accuracy = field(default_factory=Accuracy)
    span_lengths: SpanLengths = field(default_factory=SpanLengths)
    published: Accuracy = field(default_factory=Accuracy)
    conflicts: PRF = field(default_factory=PRF)
    scored: list[str] = field(default_factory=list)
    gold_total: int = 0
    missing_documents: list[str] = field(default_factory=list)
    not_in_gold: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": {"scored": len(self.scored), "gold": self.gold_total,
                          "missing": self.missing_documents, "not_in_gold": self.not_in_gold},
            "rounds": {"record": {k: v.as_dict() for k, v in self.record_rounds.items()},
                       "documents": {k: v.as_dict() for k, v in self.document_rounds.items()}},
            "events": self.events.as_dict(),
            "event_slots": {**self.events_slots.as_dict(),
                            "per_slot": {k: v.as_dict() for k, v in self.events_by_slot.items()}},
            "people": self.people.as_dict(), "people_party": self.people_party.as_dict(),
            "people_title": self.people_title.as_dict(),
            "people_with_party_and_title": self.people_full.as_dict(),
            "organizations": self.organizations.as_dict(), "statements": self.statements.as_dict(),
            "statement_spans": self.statement_spans.as_dict(),
            "spans": {**self.statement_spans.as_dict(), "words": self.span_lengths.as_dict()},
            "modality": self.modality.as_dict(), "category": self.category.as_dict(),
            "statement_round": self.round_of_statement.as_dict(),
            "published": self.published.as_dict(), "conflicts": self.conflicts.as_dict(),
            "missing_documents": self.missing_documents, "errors": self.errors,
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractError(f"cannot read gold annotation: {exc}", file=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != "jscd-gold/1":
        raise ExtractError("not a jscd-gold/1 annotation (field 'schema')", file=str(path))
    return data


def person_key(name: str) -> str:
    """A name as compared: "Sheikh Tamim bin Hamad Al-Thani" -> "tamim bin hamad al thani"."""
    words = normalize_name(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def organization_key(name: str) -> str:
    words = normalize_name(name).split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def _title_key(title: str | None) -> str | None:
    return " ".join(title.casefold().split()) if title else None


class _Keys:
    """Gold keys looked up by a path or an id: the whole relative path first, then basename."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = list(keys)
        self.by_base: dict[str, list[str]] = {}
        for k in self.keys:
            self.by_base.setdefault(PurePath(k).name, []).append(k)

    def find(self, name: str | Path) -> str | None:
        path = PurePath(name).as_posix()
        for k in self.keys:
            if path == k or path.endswith("/" + k):
                return k
        same = self.by_base.get(PurePath(path).name, [])
        return same[0] if len(same) == 1 else None


def evaluate(gold: dict[str, Any], extraction: DocumentExtraction,
             files: Iterable[str | Path] | None = None) -> Report:
    """Score ``extraction`` against ``gold``; with ``files``, only the gold documents given."""
    keys = _Keys(gold["documents"])
    rep = Report(errors=list(extraction.errors), gold_total=len(keys.keys))
    if files is None:
        chosen = set(keys.keys)
    else:
        chosen = set()
        for f in files:
            k = keys.find(f)
            if k is None:
                rep.not_in_gold.append(str(f))
            else:
                chosen.add(k)
    found: dict[str, DocumentResult] = {}
    for d in extraction.documents:
        k = keys.find(d.id)
        if k in chosen and k not in found:
            found[k] = d
    for doc_key, g in gold["documents"].items():
        if doc_key not in chosen:
            continue
        rep.scored.append(doc_key)
        d = found.get(doc_key)
        if d is None:
            rep.missing_documents.append(doc_key)
        if "published" in g:  # a document not extracted has no date, not a right null
            rep.published.add(d is not None and g["published"] == (
                d.published.isoformat() if d.published else None))
        pred_rounds = [r.model_dump(mode="json") for r in d.rounds] if d else []
        _add_rounds(rep.document_rounds, score_rounds(g.get("rounds", []), pred_rounds,
                                                      ROUND_SLOTS))
        _score_events(g, d, rep)
        _score_people(g.get("people", []), d.people if d else [], rep)
        rep.organizations.add_sets({organization_key(o) for o in g.get("organizations", [])},
                                   {organization_key(o.name) for o in (d.organizations if d else [])})
        _score_statements(g.get("statements", []), d.statements if d else [], rep)
    gold_record = [dict(r, documents=r.get("reported_by"), leads=r.get("leads")) for r in
                   gold.get("record", {}).get("rounds", [])]
    pred_record = [r.model_dump(mode="json") for r in extraction.record.rounds]
    _add_rounds(rep.record_rounds, score_rounds(gold_record, pred_record,
                                                (*ROUND_SLOTS, "documents", "leads")))
    _score_conflicts(gold, extraction, keys, set(rep.scored), rep)
    return rep


def _add_rounds(out: dict[str, PRF], counts: dict[str, list[int]]) -> None:
    for slot, (tp, fp, fn) in counts.items():
        prf = out.setdefault(slot, PRF())
        prf.tp, prf.fp, prf.fn = prf.tp + tp, prf.fp + fp, prf.fn + fn


def _score_events(g: dict[str, Any], d: DocumentResult | None, rep: Report) -> None:
    gold, rounds_only = gold_events(g)
    pred = predicted_events(d, rounds_only)
    tp, fp, fn = kind_counts(gold, pred)
    rep.events.tp, rep.events.fp, rep.events.fn = (rep.events.tp + tp, rep.events.fp + fp,
                                                   rep.events.fn + fn)
    for ge, pe in match_events(gold, pred):
        for slot in EVENT_SLOTS:
            ok = pe is not None and slot_equal(slot, ge.get(slot), pe.get(slot))
            rep.events_by_slot[slot].add(ok)
            rep.events_slots.add(ok)


def _first(mentions: list[PersonMention], get: Callable[[PersonMention], str | None]) -> str | None:
    """The first value the document gives for a person: a mention without a title does not
    hide a later one that has it (ingest fills a proposed person's title the same way)."""
    return next((v for v in map(get, mentions) if v), None)


def _score_people(gold: list[dict[str, Any]], pred: list[PersonMention], rep: Report) -> None:
    gold_by = {person_key(p["name"]): p for p in gold}
    pred_by: dict[str, list[PersonMention]] = {}
    for m in pred:
        pred_by.setdefault(person_key(m.name), []).append(m)
    rep.people.add_sets(set(gold_by), set(pred_by))
    for key in gold_by.keys() & pred_by.keys():
        g, ms = gold_by[key], pred_by[key]
        rep.people_party.add(g.get("party") == _first(ms, lambda m: m.party))
        rep.people_title.add(_title_key(g.get("title")) == _title_key(_first(ms, lambda m: m.title)))
    rep.people_full.add_sets(
        {(person_key(p["name"]), p.get("party"), _title_key(p.get("title"))) for p in gold},
        {(person_key(m.name), m.party, _title_key(m.title)) for m in pred})


def _greedy(gold: list[dict], pred: list, same: Callable[[dict, Any], bool]) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping spans, the largest overlap first (ties: earlier first)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if ov > 0 and same(g, p):
                pairs.append((-ov, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _ov, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _score_statements(gold: list[dict], pred: list, rep: Report) -> None:
    rep.span_lengths.words += [len(p.text.split()) for p in pred]
    for prf, same in ((rep.statements, lambda g, p: g["actor"] == p.actor),
                      (rep.statement_spans, lambda g, p: True)):
        pairs = _greedy(gold, pred, same)
        prf.tp += len(pairs)
        prf.fp += len(pred) - len(pairs)
        prf.fn += len(gold) - len(pairs)
    for gi, pi in _greedy(gold, pred, lambda g, p: True):
        g, p = gold[gi], pred[pi]
        rep.modality.add(g["modality"] == p.modality)
        rep.category.add(g.get("category") == p.category)
        rep.round_of_statement.add(g.get("round") == p.round)


def _score_conflicts(gold: dict[str, Any], x: DocumentExtraction, keys: _Keys,
                     scored: set[str], rep: Report) -> None:
    """Gold conflicts of the scored documents against every conflict the extraction reported
    for them (the record's, and each document's own)."""
    gold_conf = {(keys.find(c["doc"]), c["kind"], normalize_name(c["surface"]))
                 for c in gold.get("conflicts", [])}
    pred_conf = {(keys.find(doc), c.kind, normalize_name(c.surface))
                 for c in x.record.conflicts for doc in c.documents}
    pred_conf |= {(keys.find(d.id), c.kind, normalize_name(c.surface))
                  for d in x.documents for c in d.conflicts}
    rep.conflicts.add_sets({c for c in gold_conf if c[0] in scored},
                           {c for c in pred_conf if c[0] in scored})


def format_report(rep: Report) -> str:
    def row(name: str, prf: PRF) -> str:
        return (f"  {name:<30} P {prf.precision:6.3f}  R {prf.recall:6.3f}  F1 {prf.f1:6.3f}"
                f"   (tp {prf.tp}, fp {prf.fp}, fn {prf.fn})")

    def acc(name: str, a: Accuracy) -> str:
        return f"  {name:<30} {a.value:6.3f}   ({a.correct}/{a.total})"

    s, c = rep.span_lengths, rep.conflicts
    lines = [f"scored {len(rep.scored)} of {rep.gold_total} gold documents"]
    lines += [acc("published date accuracy", rep.published).strip()]
    lines += ["rounds (reconciled record), per slot:"]
    lines += [row(k, v) for k, v in rep.record_rounds.items()]
    lines += ["rounds (each document's own), per slot:"]
    lines += [row(k, v) for k, v in rep.document_rounds.items()]
    lines += ["events:", row("events (kind)", rep.events),
              acc("event slot accuracy", rep.events_slots),
              "    " + ", ".join(f"{k} {v.value:.3f}" for k, v in rep.events_by_slot.items())]
    lines += ["entities:", row("people (name)", rep.people),
              acc("people party accuracy", rep.people_party),
              acc("people title accuracy", rep.people_title),
              row("people (name, party, title)", rep.people_full),
              row("organizations", rep.organizations), "statements:",
              row("statements (span + actor)", rep.statements),
              row("statement spans only", rep.statement_spans),
              acc("modality accuracy", rep.modality),
              acc("category accuracy", rep.category),
              acc("round accuracy", rep.round_of_statement),
              f"  {'span length (words)':<30} mean {s.mean:.1f}, max {s.max}, "
              f"{s.within:.0%} within {SPAN_WORDS[0]}-{SPAN_WORDS[1]} ({len(s.words)} predicted)",
              "conflicts:", row("conflicts (doc, kind, surface)", c),
              f"  conflicts found {c.tp} of {c.tp + c.fn}, {c.fp} false"]
    if rep.missing_documents:
        lines.append(f"missing documents: {', '.join(rep.missing_documents)}")
    if rep.not_in_gold:
        lines.append(f"not in the gold (unscored): {', '.join(rep.not_in_gold)}")
    lines += [f"error: {e}" for e in rep.errors]
    return "\n".join(lines)
