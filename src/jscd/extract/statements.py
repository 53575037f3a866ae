"""Statements: who committed to what, how firmly, about which subject.

Sentences that hold a candidate word (a trigger lemma of ``data/clauses.yaml``) are parsed
with the trained pipeline (:mod:`jscd.extract.model`); :mod:`jscd.extract.clauses` reads the
statement clauses off the parse and :mod:`jscd.extract.actors` says whose they are. What a
statement is *about* comes from its object, not its verb: the category is the best-scoring
keyword set of ``data/lexicon.yaml`` over the quote, and "dialogue" (the relationship
itself) when no narrower topic is named. When a clause names no subject matter ("agreed on
this"), "This includes ..." after it or the sentence an anaphor points back to supplies it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from jscd.extract.actors import ActorResolver, CountryFinder
from jscd.extract.clauses import ClauseReader, clause_lexicon
from jscd.extract.entities import Mention
from jscd.extract.patterns import PrefixGate, compile_rule, literal_prefixes
from jscd.extract.pipeline import Pipeline
from jscd.extract.rounds import RoundInfo
from jscd.extract.tokens import Tokens

__all__ = ["Found", "StatementFinder"]

DEFAULT_CATEGORY = "dialogue"
_LEAD_CHARS = 2_000  # how far a report's deck and lede reach
_RESTATED = 85  # rapidfuzz token-set similarity above which a later statement restates one
_MAX_SENTENCE = 2_000  # characters parsed at once; longer runs (tables, lists) are cut
_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z.' -]+,[^\n–—]{0,40}?(?:\d{4}|\d{1,2})\s*[–—-]+\s*")


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
        self.clause_lexicon = clause_lexicon()
        self.reader = ClauseReader(self.clause_lexicon, p.lemma)
        self.candidates = self.clause_lexicon.candidate_words()
        self.historical = compile_rule(lex["modality"]["historical"], re.I)
        self.elaboration = re.compile(lex["elaboration"], re.I)
        self.anaphora = re.compile(lex["anaphora"], re.I)
        self.vague = re.compile(lex["vague_object"], re.I)
        # (category, rule, weight) of every category rule, and one scan for which may match
        self.category_rules = [(c, compile_rule(r["re"]), float(r["w"]))
                               for c, rules in lex["categories"].items() for r in rules]
        self.category_gate = PrefixGate([literal_prefixes(r["re"])
                                         for rules in lex["categories"].values() for r in rules])

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
    def pieces(self, tokens: Tokens, text: str, skip_before: int = 0) -> list[tuple[int, int]]:
        """Character spans to parse: the lines (paragraphs) that hold a trigger word.

        The parser splits sentences better than a rule can ("Lt. Gen. Freihat" is not a
        sentence end) and reads a clause in the context of its paragraph, so whole lines are
        parsed; a line longer than the parser's comfortable length (tables, run-on lists) is
        cut at the rule splitter's sentence ends. A leading dateline ("WASHINGTON, April 17,
        2014 –") is left out: the parser takes its capitals for a subject.
        """
        lemma = self.p.lemma
        starts = tokens.start

        def has_candidate(lo: int, hi: int) -> bool:
            i, j = bisect_left(starts, lo), bisect_left(starts, hi)
            return self.clause_lexicon.worth_parsing(tokens.lower[i:j], lemma)

        out: list[tuple[int, int]] = []
        pos = skip_before
        while pos < len(text):
            nl = text.find("\n", pos)
            line_b = len(text) if nl < 0 else nl
            line_a = pos
            pos = line_b + 1
            dl = _DATELINE.match(text, line_a, line_b)
            if dl:
                line_a = dl.end()
            if line_b - line_a < 3 or not has_candidate(line_a, line_b):
                continue
            if line_b - line_a <= _MAX_SENTENCE:
                out.append((line_a, line_b))
                continue
            for sa, sb in tokens.sentences:  # a very long line: its sentences, each capped
                if line_a <= sa < line_b and has_candidate(sa, sb):
                    out.append((sa, min(sb, sa + _MAX_SENTENCE, line_b)))
        return out

    def find(self, tokens: Tokens, text: str, mask: Callable[[int, int], str],
             people: Sequence[Mention], orgs: Sequence[Mention], rounds: RoundInfo,
             countries: CountryFinder, parties: Sequence[str], skip_before: int = 0) -> list[Found]:
        """Statements of the document, in order; ``skip_before`` leaves out a headline."""
        sents = tokens.sentences
        sent_starts = [a for a, _b in sents]
        pieces = self.pieces(tokens, text, skip_before)
        resolver = ActorResolver(self.clause_lexicon, text, people, orgs, countries, parties,
                                 self.p.lemma, sents)
        found: list[Found] = []
        docs = self.p.parser().pipe(text[a:b] for a, b in pieces)
        for (offset, end_at), doc in zip(pieces, docs, strict=True):
            piece = text[offset:end_at]
            for sent in doc.sents:
                for c in self.reader.clauses(sent, piece):
                    start, end = offset + c.start, offset + c.end
                    at = offset + c.trigger.idx
                    if at < skip_before:
                        continue  # the headline restates the body
                    actor = resolver.resolve(c.subject, start, offset)
                    if c.passive:  # "it was agreed that ...", "a commission will be established"
                        actor = resolver.both()
                    if actor is None or (c.modality == "discussed" and self._vague(c.trigger)):
                        continue
                    si = max(0, bisect_right(sent_starts, at) - 1)
                    g = Found(start=start, end=end, actor=actor, modality=c.modality, category=None,
                              round=None, negated=c.negated, hypothetical=c.hypothetical,
                              sent=si, trigger_starts=[at])
                    g.category = self._categorise(g, mask, sents, si, text)
                    ordinal, recalled = rounds.ordinal_of_sentence(sents[si][0])
                    g.round = ordinal
                    g.historical = c.historical or recalled or bool(
                        self.historical.search(text[g.start:g.end]))
                    found.append(g)
        return self._tidy(found, text)

    def _vague(self, trigger) -> bool:
        """'discussed a range of issues': a topic too vague to follow up is not a statement."""
        obj = next((c for c in trigger.rights if c.dep_ in ("dobj", "prep")), None)
        if obj is None:
            return False
        words = obj.doc[obj.left_edge.i:obj.right_edge.i + 1].text
        return bool(self.vague.search(words)) and "includ" not in words

    def _categorise(self, g: Found, mask: Callable[[int, int], str],
                    sents: list[tuple[int, int]], si: int, text: str) -> str | None:
        cat = self.category(mask(g.start, g.end))
        if cat is None and si + 1 < len(sents) and self.elaboration.search(
                text[sents[si + 1][0]:sents[si + 1][1]]):
            cat = self.category(mask(*sents[si + 1]))
        if cat is None and si > 0 and self.anaphora.search(text[g.trigger_starts[-1]:g.end]):
            cat = self.category(mask(*sents[si - 1]))
        return cat or DEFAULT_CATEGORY

    @staticmethod
    def _tidy(found: list[Found], text: str) -> list[Found]:
        """Drop a statement the report's lead restates from its body.

        News reports open with a deck or summary that says again, in other words, what the
        body says ("Iraq and the United States emphasize the need to support ..." before
        "both sides affirmed the necessity of supporting ..."): the body's wording is kept.
        """
        texts = [text[f.start:f.end].lower() for f in found]
        lead = min(len(text) // 4, _LEAD_CHARS)
        out: list[Found] = []
        for i, f in enumerate(found):
            restated = f.start < lead and any(
                g.actor == f.actor and fuzz.token_set_ratio(texts[i], texts[j]) >= _RESTATED
                for j, g in enumerate(found[i + 1:], start=i + 1))
            if not restated:
                out.append(f)
        return out


def document_parties(people: Sequence[Mention], countries: CountryFinder, text: str,
                     head: int = 600) -> list[str]:
    """The document's parties, most mentioned first: people's parties and the countries named
    in its opening (title and first sentences), where readouts name who met whom."""
    counts: Counter[str] = Counter()
    for m in people:
        if m.party:
            counts[m.party] += 2 if m.start < head else 1
    for _s, _e, code in countries(text[:head]):
        counts[code] += 1
    return [code for code, _n in counts.most_common(2)]
