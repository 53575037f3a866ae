"""Statements: who committed to what, how firmly, about which subject.

A statement is anchored on a trigger of the lexicon (agreed, pledged, reaffirmed, intends,
discussed, ...). Its actor is the subject to the left of the trigger in the same clause:
"the delegations", "both sides", "the Iraqi side", "the United States", a named official, or
the joint statement itself (which speaks for both). Triggers in one sentence that share a
subject are one statement with the firmest modality ("emphasized the value of X and decided
to strengthen both" is a decision). Category is the best-scoring keyword set of the lexicon;
when a sentence names no subject matter, "This includes ..." after it or the sentence an
anaphor ("both", "this") points back to supplies it. A topic that is only "discussed" and has
no concrete category ("a range of bilateral issues") is not a statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jscd.core.vocab import BOTH
from jscd.extract.entities import Mention
from jscd.extract.patterns import PrefixGate, alternation, compile_rule, literal_prefixes
from jscd.extract.pipeline import Pipeline
from jscd.extract.rounds import RoundInfo
from jscd.extract.tokens import Tokens

__all__ = ["Found", "StatementFinder"]

_DETERMINERS = {"the", "a", "an", "this", "that", "their", "its", "our", "his", "her", "these"}
_PASSIVE = re.compile(r"\b(was|were|been|be|is|are)\s+(\w+ly\s+)?$", re.I)


@dataclass
class Found:
    start: int
    end: int
    actor: str | None
    modality: str
    category: str | None
    round: int | None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    sent: int = 0
    trigger_starts: list[int] = field(default_factory=list)


class StatementFinder:
    def __init__(self, p: Pipeline) -> None:
        self.p = p
        lex = p.lexicon
        self.strength = lex["modality"]["strength"]
        act = lex["actors"]
        country = alternation(p.country_of)
        party = f"(?:{country})"
        self.both_re = [compile_rule(r.replace("{party}", party)) for r in act["both"]]
        self.event_re = [compile_rule(r) for r in act["event"]]
        self.party_re = [compile_rule(r.replace("{party}", f"({country})")) for r in act["party"]]
        self.pronoun_re = compile_rule(act["pronoun"])
        self.country_re = compile_rule(rf"(?<![\w.])({country})(?![\w])")
        self.after_party = set(act["after_party"])
        self.bodies = set(act["bodies"])
        self.preps = set(act["prepositions"])
        self.breaks = set(act["clause_breaks"])
        m = lex["modality"]
        self.continuation = compile_rule(m["continuation"], re.I)
        self.negation = compile_rule(m["negation"], re.I)
        self.hypothetical = compile_rule(m["hypothetical"], re.I)
        self.historical = compile_rule(m["historical"], re.I)
        self.conditional = re.compile(m["conditional_opening"], re.I)
        self.elaboration = re.compile(lex["elaboration"], re.I)
        self.anaphora = re.compile(lex["anaphora"], re.I)
        self.additive = re.compile(lex["additive"], re.I)
        self.vague = re.compile(lex["vague_object"], re.I)
        # (category, rule, weight) of every category rule, and one scan for which may match
        self.category_rules = [(c, compile_rule(r["re"]), float(r["w"]))
                               for c, rules in lex["categories"].items() for r in rules]
        self.category_gate = PrefixGate([literal_prefixes(r["re"])
                                         for rules in lex["categories"].values() for r in rules])
        self.possessive = re.compile(
            rf"^\s*(?:the\s+)?({country})[’']s\s+(?:\w+\s+)?(commitment|pledge|intention|"
            r"determination|support|readiness|resolve)", re.I)

    # ---- triggers -----------------------------------------------------------------------
    def _triggers(self, tokens: Tokens, text: str) -> list[tuple[int, int, str]]:
        """(token start, token end, modality) of every usable trigger, longest first."""
        spans = []
        for key, s, e in self.p.triggers(tokens):
            spans.append((s, e, self.p.trigger_info[key]))
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out, last = [], -1
        for s, e, (modality, importance, nominal) in spans:
            if s < last:
                continue
            prev = tokens.lower[s - 1] if s > 0 else ""
            if prev == "to" or (prev in _DETERMINERS and not nominal):
                continue
            if tokens.lower[s].endswith("ing") and prev != ",":
                continue
            if importance:
                sent_end = tokens.sentences[tokens.sentence_of(s)][1]
                rest = text[tokens.start[e - 1]:sent_end]
                modality = "reaffirmed" if self.continuation.search(rest) else "discussed"
            out.append((s, e, modality))
            last = e
        return out

    # ---- actors -------------------------------------------------------------------------
    def _valid(self, text: str, start: int, end: int, trigger: int, lead: bool) -> bool:
        if _word_before(text, start).lower().strip(",") in self.preps:
            return False
        if lead:
            return True
        after = text[end:trigger].split()
        return not after or after[0].lower().strip(",") in self.after_party or after[0].endswith("ly")

    def _actor(self, text: str, lo: int, trigger: int, entities: list[Mention],
               prev_actor: str | None, sent_lo: int | None = None
               ) -> tuple[str | None, int | None]:
        """The subject closest to the trigger in [lo, trigger): (actor, its start).

        A pronoun in a "that" clause ("The participants recalled that ... they had approved")
        stands for the subject of the clause that reports it, in [sent_lo, lo), if any.
        """
        cands: list[tuple[int, int, str]] = []
        left = text[lo:trigger]
        for r in self.both_re:
            for m in r.finditer(left):
                if self._valid(text, lo + m.start(), lo + m.end(), trigger, True):
                    cands.append((lo + m.start(), lo + m.end(), BOTH))
        for r in self.event_re:
            for m in r.finditer(left):
                if self._valid(text, lo + m.start(), lo + m.end(), trigger, True):
                    cands.append((lo + m.start(), lo + m.end(), BOTH))
        for r in self.party_re:
            for m in r.finditer(left):
                code = self.p.country_of.get(m.group(1))
                body = m.group(0).split()[-1].lower() in self.bodies
                if code and self._valid(text, lo + m.start(), lo + m.end(), trigger, body):
                    cands.append((lo + m.start(), lo + m.end(), code))
        for e in entities:
            if lo <= e.start and e.end <= trigger and e.party and self._valid(
                    text, e.start, e.end, trigger, False):
                cands.append((e.start, e.end, e.party))
        for m in self.pronoun_re.finditer(left):
            cands.append((lo + m.start(), lo + m.end(), "PRONOUN"))
        if not cands:
            return None, None
        cands.sort(key=lambda c: (c[1], c[1] - c[0]))
        start, end, actor = cands[-1]
        # a longer candidate ending at the same place ("the U.S. and Iraqi delegations")
        same_end = [c for c in cands if c[1] == end]
        start = min(c[0] for c in same_end)
        if any(c[2] == BOTH for c in same_end):
            actor = BOTH
        if actor == "PRONOUN" and sent_lo is not None and sent_lo < lo and _word_before(
                text, lo).lower() == "that":
            outer, _ = self._actor(text, sent_lo, lo, entities, None)
            if outer not in (None, "PRONOUN"):
                return outer, start
        if actor == "PRONOUN":
            parties = {self.p.country_of[m.group(1)] for m in self.country_re.finditer(
                text[max(0, start - 200):start])}
            parties |= {e.party for e in entities if e.end <= start and e.party
                        and e.start >= start - 200}
            actor = BOTH if len(parties) != 1 else parties.pop()
            if not parties and prev_actor:
                actor = prev_actor
        return actor, start

    # ---- categories ---------------------------------------------------------------------
    def category(self, text: str) -> str | None:
        text = text.lower()  # rules are lower-case; one lower() beats re.I on ~60 patterns
        scores: dict[str, tuple[float, int]] = {}
        for i in sorted(self.category_gate.candidates(text)):
            cat, rx, w = self.category_rules[i]
            for m in rx.finditer(text):
                total, first = scores.get(cat, (0.0, -len(text)))
                scores[cat] = (total + w, max(first, -m.start()))
        if not scores:
            return None
        return max(scores, key=lambda c: scores[c])

    # ---- statements ---------------------------------------------------------------------
    def find(self, tokens: Tokens, text: str, mask: Callable[[int, int], str],
             entities: list[Mention], rounds: RoundInfo) -> list[Found]:
        sents = tokens.sentences
        by_sent: dict[int, list[tuple[int, int, str]]] = {}
        for s, e, modality in self._triggers(tokens, text):
            by_sent.setdefault(tokens.sentence_of(s), []).append((s, e, modality))
        found: list[Found] = []
        prev_actor = None
        for si in sorted(by_sent):
            sent_start, sent_end = sents[si]
            first_token = tokens.sentence_tokens(si)[0]
            groups: list[Found] = []
            for s, e, modality in by_sent[si]:
                tstart, tend = tokens.start[s], tokens.end[e - 1]
                lo = sent_start
                for i in range(first_token, s):
                    if tokens.lower[i] in self.breaks:
                        lo = tokens.end[i]
                actor, astart = self._actor(text, lo, tstart, entities, prev_actor, sent_start)
                if (actor is None and _PASSIVE.search(text[lo:tstart])) or (
                        actor is None and tokens.lower[s] in ("will", "shall", "scheduled", "call")
                        and tokens.lower[e - 1] in ("be", "established", "formed", "for", "to")):
                    actor, astart = BOTH, lo + len(text[lo:tstart]) - len(text[lo:tstart].lstrip())
                poss = self.possessive.match(text[tend:tend + 80])
                if poss:
                    actor = self.p.country_of.get(poss.group(1), actor)
                if actor is None:
                    if groups:  # coordinated predicate: "... and decided to"
                        g = groups[-1]
                        if self.strength.index(modality) < self.strength.index(g.modality):
                            g.modality = modality
                        g.trigger_starts.append(tstart)
                    continue
                if groups and (astart is None or astart < groups[-1].trigger_starts[-1]) and \
                        groups[-1].actor == actor:
                    g = groups[-1]
                    if self.strength.index(modality) < self.strength.index(g.modality):
                        g.modality = modality
                    g.trigger_starts.append(tstart)
                    continue
                start = astart if astart is not None else tstart
                if groups and start <= groups[-1].trigger_starts[-1]:
                    # an implicit subject ("... An urgent call was made for") found back at the
                    # clause start, behind another statement: this one starts at its trigger
                    start = astart = tstart
                if groups:
                    groups[-1].end = _trim_end(text, groups[-1].start, start)
                between = text[(astart or tstart):tstart]
                groups.append(Found(
                    start=start, end=_trim_end(text, start, sent_end), actor=actor,
                    modality=modality, category=None, round=None,
                    negated=bool(self.negation.search(between)),
                    hypothetical=bool(self.hypothetical.search(between)) or
                    bool(self.conditional.match(text[sent_start:sent_start + 40])),
                    sent=si, trigger_starts=[tstart]))
            for g in groups:
                g.category = self._categorise(g, mask, sents, si, text)
                ordinal, recalled = rounds.ordinal_of_sentence(sent_start)
                g.round = ordinal
                g.historical = recalled or bool(self.historical.search(text[g.start:g.end]))
                if self._keep(g, text):
                    found.append(g)
                    prev_actor = g.actor
        return self._tidy(found, text, sents)

    def _categorise(self, g: Found, mask: Callable[[int, int], str],
                    sents: list[tuple[int, int]], si: int, text: str) -> str | None:
        cat = self.category(mask(g.start, g.end))
        if cat is None and si + 1 < len(sents) and self.elaboration.search(
                text[sents[si + 1][0]:sents[si + 1][1]]):
            cat = self.category(mask(*sents[si + 1]))
        if cat is None and si > 0 and self.anaphora.search(text[g.trigger_starts[-1]:g.end]):
            cat = self.category(mask(*sents[si - 1]))
        return cat

    def _keep(self, g: Found, text: str) -> bool:
        if g.modality == "discussed":
            if g.category in (None, "dialogue"):
                return False
            after = text[g.trigger_starts[0]:g.end].split(None, 1)
            if len(after) > 1 and self.vague.search(after[1]):
                return False
        return True

    def _tidy(self, found: list[Found], text: str, sents: list[tuple[int, int]]) -> list[Found]:
        """Drop repeated headlines and 'Additionally, they ...' that only continue a topic."""
        out: list[Found] = []
        seen: set[str] = set()
        for f in found:
            key = text[f.start:f.end].strip().lower()
            if key in seen:
                continue
            seen.add(key)
            if out:
                last = out[-1]
                lead = text[sents[f.sent][0]:f.trigger_starts[0]]
                if (f.sent == last.sent + 1 and self.additive.search(lead)
                        and (f.actor, f.modality, f.category) ==
                        (last.actor, last.modality, last.category)):
                    continue
            out.append(f)
        return out


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word that ends before ``pos`` ('' at the start of the text)."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:”\"’'"):
        end -= 1
    return end
