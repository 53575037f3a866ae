"""The spaCy pipeline and the matchers built from the gazetteers, once per process.

No trained model is installable here, and none is needed: a blank English tokenizer,
sentences split on its token columns (spaCy's sentencizer rule plus line ends, see
:mod:`jscd.extract.tokens`), lemmas looked up on demand in the lookup lemmatizer table of
spacy-lookups-data, and a PhraseMatcher per gazetteer. Building this takes about half a
second, so :func:`get_pipeline` caches it; per document only the tokenizer runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from jscd.extract.gazetteer import Gazetteer, load_gazetteer
from jscd.extract.loading import MAX_DOCUMENT_CHARS
from jscd.extract.patterns import Rule, alternation, compile_rule
from jscd.extract.tokens import SENTENCE_OPENERS, Tokens

__all__ = ["Pipeline", "dash_variants", "get_pipeline"]

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


@dataclass(eq=False)  # one per process, compared (and cached on) by identity
class Pipeline:
    nlp: Language
    gazetteer: Gazetteer
    phrases: PhraseMatcher  # case-insensitive names and aliases
    acronyms: PhraseMatcher  # case-sensitive abbreviations
    lemma: Callable[[str], str]  # lower-case word -> its lookup lemma (itself if none), cached
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
    # Only the statement finder needs lemmas (candidate words, clause verbs, actors): look them
    # up word by word, cached, in the same spacy-lookups-data table instead of running the
    # lemmatizer over every token of every document.
    table = lemmatizer.lookups.get_table("lemma_lookup")
    lemma = lru_cache(maxsize=65536)(lambda word: table.get(word, word))
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

    country_of: dict[str, str] = {}
    for c in g.countries:
        for form in (*c.names, *c.demonyms):
            country_of.setdefault(form, c.code)
    place_of: dict[str, tuple[str, str | None]] = {}
    for p in g.places:
        for form in (p.name, *p.aliases):
            place_of[form] = (p.name, p.country)
    return Pipeline(
        nlp=nlp, gazetteer=g, phrases=phrases, acronyms=acronyms, lemma=lemma,
        country_re=_alternation(country_of), country_of=country_of,
        place_re=_alternation(place_of), place_of=place_of, lexicon=g.lexicon,
        openers=SENTENCE_OPENERS | {f for f in country_of if " " not in f and "." not in f},
    )
