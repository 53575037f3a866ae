"""The spaCy pipeline and the matchers built from the gazetteers, once per process.

No trained model is installable here, and none is needed: a blank English tokenizer,
sentences split on its token columns (spaCy's sentencizer rule plus line ends, see
:mod:`jscd.extract.tokens`), the lookup lemmatizer table of spacy-lookups-data, a
PhraseMatcher per gazetteer and a trigger matcher for the verbs of decision, pledge,
reaffirmation, intent and discussion. Building this takes about half a second, so
:func:`get_pipeline` caches it; per document only the tokenizer runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from jscd.extract.gazetteer import Gazetteer, load_gazetteer
from jscd.extract.loading import MAX_DOCUMENT_CHARS
from jscd.extract.patterns import Rule, alternation, compile_rule
from jscd.extract.tokens import SENTENCE_OPENERS, Tokens

__all__ = ["Pipeline", "TriggerInfo", "TriggerMatcher", "dash_variants", "get_pipeline"]

Spec = tuple[str, frozenset[str], bool]  # (kind, values, optional) of one pattern word
_DASHES = ("–", "-", "—")


def dash_variants(text: str) -> set[str]:
    """'Joint Operations Command – Iraq' is also written with '-', '—' and no spaces."""
    out = {text}
    for dash in _DASHES:
        if dash in text:
            for other in _DASHES:
                out.add(text.replace(f" {dash} ", f" {other} ").replace(dash, other))
                out.add(text.replace(f" {dash} ", other))
    return out


def _us_variants(text: str) -> set[str]:
    out = {text}
    if text.startswith("U.S. "):
        rest = text[5:]
        out |= {f"US {rest}", f"United States {rest}", f"U.S {rest}"}
    return out


class TriggerInfo(NamedTuple):
    """What a trigger pattern of the lexicon says (see ``data/lexicon.yaml``)."""

    modality: str
    importance: bool  # "stressed the importance of X": reaffirmed or discussed, by X
    nominal: bool  # starts with a noun ("a call was made for"): a determiner may precede it


@dataclass(eq=False)  # one per process, compared (and cached on) by identity
class Pipeline:
    nlp: Language
    gazetteer: Gazetteer
    phrases: PhraseMatcher  # case-insensitive names and aliases
    acronyms: PhraseMatcher  # case-sensitive abbreviations
    triggers: TriggerMatcher
    trigger_info: dict[str, TriggerInfo] = field(default_factory=dict)
    country_re: Rule = field(default=re.compile("x^"))
    country_of: dict[str, str] = field(default_factory=dict)
    place_re: Rule = field(default=re.compile("x^"))
    place_of: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)
    openers: frozenset[str] = SENTENCE_OPENERS  # words that open a sentence after initials

    def parser(self) -> Language:
        """The trained pipeline that parses candidate sentences (loaded once per process)."""
        from jscd.extract.model import load_parser

        return load_parser()

    def countries(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ISO3) of every country name or demonym in ``text``, of any ISO 3166-1
        country (:mod:`jscd.extract.countries`)."""
        from jscd.extract.countries import find

        return find(text)

    def __call__(self, text: str) -> tuple[Doc, Tokens]:
        """Tokenise ``text``: the spaCy ``Doc`` (for the PhraseMatchers) and its columns."""
        doc = self.nlp.make_doc(text)
        return doc, Tokens.of(doc, text, self.openers)


class TriggerMatcher:
    """Token patterns of the lexicon, matched on a document's lower-case tokens or their lemmas.

    spaCy's Matcher was measured at ~60-90 ms per 700-word report with the lexicon's ~250
    expanded patterns (every pattern is tried at every token); indexing patterns by their
    first word and trying only those makes trigger matching a fraction of a millisecond.
    Pattern syntax: see ``data/lexicon.yaml``.
    """

    def __init__(self, lemma: Callable[[str], str]) -> None:
        self.lemma = lru_cache(maxsize=65536)(lemma)
        self.by_first: dict[str, list[tuple[str, list[Spec]]]] = {}
        self._starting = lru_cache(maxsize=65536)(self._patterns_starting)

    @staticmethod
    def _spec(word: str) -> Spec:
        optional = word.endswith("?") and len(word) > 1
        word = word[:-1] if optional else word
        if word == "~":
            return ("any", frozenset(), optional)
        if word.startswith("!"):
            return ("not", frozenset(word[1:].split("|")), optional)
        if word.startswith("@"):
            return ("lemma", frozenset(word[1:].split("|")), optional)
        return ("lower", frozenset(word.split("|")), optional)

    def add(self, key: str, pattern: str) -> None:
        specs = [self._spec(w) for w in pattern.split()]
        kind, values, optional = specs[0]
        if kind not in ("lemma", "lower") or optional:
            raise ValueError(f"pattern {pattern!r} must start with a fixed word")
        for v in values:
            self.by_first.setdefault(v, []).append((key, specs))
        self._starting.cache_clear()

    def _ok(self, tokens: Tokens, i: int, spec: Spec) -> bool:
        kind, values, _ = spec
        lower = tokens.lower[i]
        if kind == "lemma":
            return lower in values or self.lemma(lower) in values
        if kind == "lower":
            return lower in values
        if kind == "not":
            return tokens.alpha[i] and lower not in values
        return tokens.alpha[i]

    def _match(self, tokens: Tokens, i: int, specs: list[Spec], k: int) -> int | None:
        if k == len(specs):
            return i
        spec = specs[k]
        if i < len(tokens) and self._ok(tokens, i, spec):
            end = self._match(tokens, i + 1, specs, k + 1)
            if end is not None:
                return end
        return self._match(tokens, i, specs, k + 1) if spec[2] else None

    def _patterns_starting(self, lower: str) -> list[tuple[str, list[Spec]]]:
        """The patterns a token can start, by its lower-case form or its lemma."""
        cands = self.by_first.get(lower, [])
        lemma = self.lemma(lower)
        return cands + self.by_first.get(lemma, []) if lemma != lower else cands

    def __call__(self, tokens: Tokens) -> list[tuple[str, int, int]]:
        """(pattern key, first token, end token) of every match, left to right."""
        out = []
        starting = self._starting
        for i, lower in enumerate(tokens.lower):
            for key, specs in starting(lower):
                if not self._ok(tokens, i, specs[0]):
                    continue
                end = self._match(tokens, i + 1, specs, 1)
                if end is not None:
                    out.append((key, i, end))
        return out


def _add_phrase(matcher: PhraseMatcher, nlp: Language, key: str, texts: set[str]) -> None:
    matcher.add(key, [nlp.make_doc(t) for t in sorted(texts) if t.strip()])


def _alternation(forms: dict[str, Any]) -> Rule:
    return compile_rule(rf"(?<![\w.]){alternation(forms)}(?![\w])")


@lru_cache(maxsize=2)
def get_pipeline(directory: str | None = None) -> Pipeline:
    """Build (once) the pipeline for the gazetteers in ``directory`` (default: packaged)."""
    g = load_gazetteer(directory)
    nlp = spacy.blank("en")
    # The blank tokenizer reads whole documents (spaCy's default cap is 1,000,000 characters,
    # a guard for the parser's memory, which this tokenizer does not have): documents are
    # capped once, by loading.MAX_DOCUMENT_CHARS, and only lines go to the parser.
    nlp.max_length = MAX_DOCUMENT_CHARS
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    # Lemmas are only needed for trigger words: look them up on demand in the same
    # spacy-lookups-data table instead of lemmatizing every token of every document.
    table = lemmatizer.lookups.get_table("lemma_lookup")
    nlp.remove_pipe("lemmatizer")

    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
    for i, org in enumerate(g.organizations):
        names: set[str] = set()
        for form in (org.name, *org.aliases):
            for v in _us_variants(form):
                names |= dash_variants(v)
        _add_phrase(phrases, nlp, f"ORG:{i}", names)
        if org.abbreviations:
            _add_phrase(acronyms, nlp, f"ORG:{i}", set(org.abbreviations))
    for i, series in enumerate(g.series):
        _add_phrase(phrases, nlp, f"SERIES:{i}", {series.name, *series.aliases})
        if series.abbreviations:
            abbrs = set(series.abbreviations) | {a + "s" for a in series.abbreviations}
            _add_phrase(acronyms, nlp, f"SERIES:{i}", abbrs)

    triggers = TriggerMatcher(lambda word: table.get(word, word))
    info: dict[str, TriggerInfo] = {}
    for modality, entries in g.lexicon["modality"]["triggers"].items():
        for n, entry in enumerate(entries):
            if isinstance(entry, str):
                entry = {"pattern": entry}
            key = f"{modality}:{n}"
            triggers.add(key, entry["pattern"])
            info[key] = TriggerInfo(modality, bool(entry.get("importance")),
                                    bool(entry.get("nominal")))

    country_of: dict[str, str] = {}
    for c in g.countries:
        for form in (*c.names, *c.demonyms):
            country_of.setdefault(form, c.code)
    place_of: dict[str, tuple[str, str | None]] = {}
    for p in g.places:
        for form in (p.name, *p.aliases):
            place_of[form] = (p.name, p.country)
    return Pipeline(
        nlp=nlp, gazetteer=g, phrases=phrases, acronyms=acronyms, triggers=triggers,
        trigger_info=info, country_re=_alternation(country_of), country_of=country_of,
        place_re=_alternation(place_of), place_of=place_of, lexicon=g.lexicon,
        openers=SENTENCE_OPENERS | {f for f in country_of if " " not in f and "." not in f},
    )
