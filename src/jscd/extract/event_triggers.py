"""Event verbs and nouns: where a clause reports a meeting, a call or a visit.

A verb ("met", "spoke with", "visited") opens an encounter; a noun ("the call", "their August
meeting") refers back to one unless it is recalled. The document is scanned once for every
event word and series head; each clause then reads its own hits, dropping planned encounters,
things met rather than people, and the round a series name already reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.event_countries import country_table
from jscd.extract.event_draft import Draft
from jscd.extract.event_rules import CALENDAR_WORDS, Hit, Rules, person_nouns
from jscd.extract.event_series import SUBJECT_OF
from jscd.extract.patterns import caseless
from jscd.extract.pipeline import Pipeline
from jscd.extract.rounds import ordinal_value

__all__ = ["all_hits", "triggers"]

_TRIGGERS = (("meeting_verb", Kind.MEETING, True), ("call_verb", Kind.CALL, True),
             ("visit_verb", Kind.VISIT, True), ("spoke", Kind.CALL, True),
             ("called", Kind.CALL, True), ("welcomed", Kind.MEETING, True),
             ("call_noun", Kind.CALL, False), ("visit_noun", Kind.VISIT, False),
             ("meeting_noun", Kind.MEETING, False), ("head", None, False))
_CASED = frozenset({"welcomed", "called", "head"})  # searched in the text as written

_CALL_FOR = re.compile(r"s?\s+(?:(?:was|were|is|are|has been|have been)\s+(?:also\s+)?"
                       r"(?:made\s+)?)?(?:for|on|upon|to)\b")
_LATER_PAST = re.compile(r"[^;\n]{0,40}?\b(?:last\s+(?:summer|winter|spring|fall|autumn|year|month|"
                         r"week)|earlier\s+this\s+year|in\s+(?:January|February|March|April|May|"
                         r"June|July|August|September|October|November|December)\b(?!\s+\d))")
_VERB_RECALL = re.compile(r"\b(?:last|previously|recently|had|had\s+last|had\s+previously|first)\s+$", re.I)
_SAME_DAY = re.compile(r"\b(?:[Ll]ater|also|then|afterwards|separately)\b")
# "met the requirements", "hosted the exercise", "meeting their needs": no counterpart
_THING_OBJECT = re.compile(r"\s+(?:the|its|their|his|her|our|all|these|those|a|an|new)\s+"
                           r"(?P<w>[a-z][a-z-]+)")
_FORCES = re.compile(r"\s+(?:[A-Z][\w.]*\s+|coalition\s+|allied\s+)*(?:forces|troops|bases|"
                     r"service\s+members|personnel|exercises?|conferences?|events?)\b")
_DELEGATIONS = re.compile(r"\b(?:[Dd]elegations|[Bb]oth\s+sides|[Tt]he\s+(?:two\s+)?sides)\b")
_GENERIC = frozenset({"Minister", "Secretary", "Defense", "Defence", "Prime", "King", "Emir",
                      "Crown", "Prince", "Sultan", "President", "Chairman", "General", "Gen.",
                      "Lt.", "Foreign", "Affairs", "National", "Chief", "Staff", "Sheikh", "His",
                      "Majesty", "Highness", "Royal", "The", "Mr", "Mr.", "Ms.", "Dr."})


def all_hits(r: Rules, text: str) -> tuple[list[int], list[Hit]]:
    """Every event word and series head of the document, once: (starts, hits) by start."""
    lower = caseless(text)
    hits = sorted(((m.start(), m.end(), kind, verb) for key, kind, verb in _TRIGGERS
                   for m in r[key].finditer(text if key in _CASED else lower)),
                  key=lambda h: (h[0], h[1]))
    return [h[0] for h in hits], hits


def triggers(p: Pipeline, r: Rules, text: str, s: int, e: int, si: int, rounds: list[Draft],
             hits: Sequence[Hit]) -> list[Draft]:
    """Event verbs and nouns of one clause (a clause reporting a round adds no meeting)."""
    out: list[Draft] = []
    for at, end, kind, verb in hits:
        if kind is None or end > e:
            continue
        left = text[max(s, at - 60):at]
        if r["future"].search(left) or r["not_event"].search(left):
            continue
        if kind == Kind.MEETING and any(ev.at - 80 <= at <= ev.stop + 30 or (
                ev.stop < at and (m := SUBJECT_OF.match(text, ev.stop)) and m.end() >= end)
                for ev in rounds):
            continue  # "held the second session of the X", "the X (XC) met in": the round itself
        if kind == Kind.CALL and not verb and _CALL_FOR.match(text, end):
            continue  # "a call for", "a call was made for": no conversation
        if kind == Kind.MEETING and text[at:end].lower() in ("met", "meets", "hosted", "hosts",
                                                             "meeting", "meetings"):
            obj = _THING_OBJECT.match(text, end)
            if obj and obj.group("w") not in person_nouns():
                continue  # "met the requirements", "hosted the exercise"
            if _FORCES.match(text, end):
                continue  # "has hosted U.S. forces for decades"
        om = (r["ordinal"].search(left) or r["nth_of"].search(left)) if (
            kind == Kind.MEETING and not verb) else None
        if om is not None and r["future"].search(text, max(s, at - 90), at - len(om.group(0))):
            continue  # "plan to hold a second round of talks"
        recalled = (not verb and bool(r["recall"].search(left) or _month_before(left))) or (
            verb and bool(_VERB_RECALL.search(left)))
        if verb and recalled and re.search(r"\bwho\s+(?:\w+\s+)?$", left):
            continue  # "Sullivan, who recently met with ...": background on a third person
        counterpart = _counterpart(text, end, e) - country_table(p).keys()
        if any(o.kind == kind and o.recalled == recalled and not (
                verb and o.verb and counterpart and o.counterpart
                and not counterpart & o.counterpart) for o in out) or any(
                o.kind != kind and not verb and not recalled and at - o.at < 60 for o in out):
            continue  # "met ... for a meeting", "a phone call ... the call"
        if not recalled and not verb and _LATER_PAST.match(text, end):
            recalled = True  # "the visit to Washington in April", "the dialogue last summer"
        if not (verb or recalled) and kind == Kind.VISIT and not re.match(
                r"s?\s+(?:to|in)\s+(?:the\s+)?[A-Z]", text[end:end + 20]):
            continue  # "ended his visit": the visit already reported
        ev = Draft(kind, at, si, recalled=recalled)
        ev.same_day = verb and bool(_SAME_DAY.search(text, s, end))
        ev.delegations = verb and bool(_DELEGATIONS.search(text, s, at))
        if om is not None:
            ev.ordinal = ordinal_value(om.group("o"))
        ev.counterpart = counterpart
        ev.verb = verb
        if not verb and kind == Kind.VISIT and text[end - 1:end] == "s":
            # "visits to Japan by the Prime Minister and by the Minister": one visit per visitor
            visitors = list(r["plural_by"].finditer(text, end, e))
            for k in range(1, len(visitors)):
                out.append(Draft(kind, at + k, si, recalled=recalled, twin=True))
        out.append(ev)
    out.sort(key=lambda ev: ev.at)
    return out


def _month_before(left: str) -> bool:
    """"their August meeting": a month right before the noun names an earlier encounter."""
    words = left.split()
    return bool(words) and words[-1] in CALENDAR_WORDS


def _counterpart(text: str, pos: int, end: int) -> frozenset[str]:
    """The capitalised words right after the verb: whom the encounter was with."""
    chunk = text[pos:min(end, pos + 90)]
    cut = re.search(r"\b(?:to|on|at|in|yesterday|today|for|later|then|before|after|while|met|"
                    r"and\s+(?:later|then|also|separately))\b\s", chunk)
    chunk = chunk[:cut.start()] if cut else chunk
    return frozenset(w for w in re.findall(r"[A-Z][\w’'.-]+", chunk) if w not in _GENERIC)
