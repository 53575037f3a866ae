"""Scoring events (dialogue rounds, meetings, calls, visits, statements) against a gold file.

Why a module of its own: an event has seven slots and each needs its own idea of "equal"
(dates as ISO strings, parties as sets, places and series as folded text, "Washington" the
same place as "Washington, D.C."), and the pairing of gold to predicted events must be
stated exactly so that an independent scorer can reproduce it.

Pairing, per document, one-to-one, gold events in order, each taking the first predicted
event still free: first among those of the same kind and the same start date, then of the
same kind, then any. A gold event left without a partner scores 0 on every slot, so the
slot accuracy (correct slots / 7 × gold events) counts misses as well as wrong values.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

from jscd.extract.names import normalize_name

__all__ = [
    "EVENT_SLOTS",
    "ROUND_SLOTS",
    "gold_events",
    "kind_counts",
    "match_events",
    "predicted_events",
    "score_rounds",
    "slot_equal",
    "text_key",
]

ROUND_SLOTS = ("series", "parties", "ordinal", "start", "end", "location")
EVENT_SLOTS = ("kind", "series", "ordinal", "start", "end", "location", "parties")


def text_key(value: Any) -> str | None:
    """Lower-case ASCII words without punctuation: "Washington, D.C." -> "washington dc"."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'’‘]", "", text)  # "D.C." is "dc", not "d c"
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _first_part(value: str) -> str | None:
    return text_key(value.split(",", 1)[0])


def _iso(value: Any) -> str | None:
    return None if value is None else (value.isoformat() if hasattr(value, "isoformat")
                                       else str(value))


def slot_equal(slot: str, gold: Any, pred: Any) -> bool:
    """Whether a predicted slot value is the gold one, after the slot's normalisation."""
    if slot in ("start", "end"):
        return _iso(gold) == _iso(pred)
    if slot == "parties":
        return sorted(set(gold or [])) == sorted(set(pred or []))
    if slot == "series":
        return text_key(gold) == text_key(pred)
    if slot == "location":
        if gold is None or pred is None:
            return gold is None and pred is None
        g, p = text_key(gold), text_key(pred)
        return g == p or g == _first_part(pred) or p == _first_part(gold)
    if slot == "kind":
        return str(gold) == str(pred)
    return gold == pred


def match_events(gold: list[dict[str, Any]], pred: list[dict[str, Any]]
                 ) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each gold event with its predicted partner (or None), by the module's three passes."""
    tests: list[Callable[[dict, dict], bool]] = [
        lambda g, p: g["kind"] == p["kind"] and _iso(g.get("start")) == _iso(p.get("start")),
        lambda g, p: g["kind"] == p["kind"],
        lambda g, p: True,
    ]
    partner: dict[int, int] = {}
    for same in tests:
        for gi, g in enumerate(gold):
            if gi in partner:
                continue
            taken = set(partner.values())
            pi = next((i for i, p in enumerate(pred) if i not in taken and same(g, p)), None)
            if pi is not None:
                partner[gi] = pi
    return [(g, pred[partner[gi]] if gi in partner else None) for gi, g in enumerate(gold)]


def kind_counts(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(tp, fp, fn) of event kinds in one document, as multisets: two meetings found of three
    is two right and one missed, whatever their slots."""
    g, p = Counter(e["kind"] for e in gold), Counter(e["kind"] for e in pred)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def gold_events(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """A gold document's events, and whether they are only its rounds.

    The seeds' gold (older than ``events``) annotates dialogue rounds only; there its rounds
    are the events, and only predicted dialogue rounds are scored against them.
    """
    if "events" in doc:
        return list(doc["events"]), False
    return [dict(r, kind="dialogue_round") for r in doc.get("rounds", [])], True


def predicted_events(doc: Any, rounds_only: bool) -> list[dict[str, Any]]:
    """A predicted document's events as plain dicts; its rounds if it has no events at all."""
    events = [e.model_dump(mode="json") for e in doc.events] if doc is not None else []
    if doc is not None and not events:
        events = [dict(r.model_dump(mode="json"), kind="dialogue_round") for r in doc.rounds]
    if rounds_only:
        events = [e for e in events if e["kind"] == "dialogue_round"]
    return events


def _slot(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((k, normalize_name(str(v))) for k, v in value.items()))
    return str(value)


def score_rounds(gold: list[dict], pred: list[dict], slots: tuple[str, ...]
                 ) -> dict[str, list[int]]:
    """Rounds per slot, as scored before events existed: [tp, fp, fn] for each slot.

    A gold round pairs with the predicted one of the same ordinal, else of the same start;
    a slot is then right, missed (gold has a value) and/or extra (the prediction has one).
    With no round on either side there is nothing to say, and no slot is reported.
    """
    if not gold and not pred:
        return {}
    out = {slot: [0, 0, 0] for slot in slots}
    unmatched = list(pred)
    for g in gold:
        match = next((p for p in unmatched if p.get("ordinal") == g.get("ordinal")), None)
        if match is None:
            match = next((p for p in unmatched
                          if p.get("start") and p.get("start") == g.get("start")), None)
        if match is not None:
            unmatched.remove(match)
        for slot in slots:
            gv, pv = _slot(g.get(slot)), _slot((match or {}).get(slot))
            if gv is not None and pv == gv:
                out[slot][0] += 1
            else:
                out[slot][1] += pv is not None
                out[slot][2] += gv is not None
    for p in unmatched:
        for slot in slots:
            out[slot][1] += _slot(p.get(slot)) is not None
    return out
