"""The spaCy pipeline and the matchers built from the gazetteers, once per process.

No trained model is installable here, and none is needed: a blank English tokenizer, a
sentencizer that also breaks at line ends (headlines and list items carry no full stop), the
lookup lemmatizer of spacy-lookups-data, a PhraseMatcher per gazetteer and a Matcher for the
verbs of decision, pledge, reaffirmation, intent and discussion. Building this takes about
half a second, so :func:`get_pipeline` caches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from jscd.extract.gazetteer import Gazetteer, load_gazetteer

__all__ = ["Pipeline", "dash_variants", "get_pipeline"]

_DASHES = ("–", "-", "—")
_STARTERS = frozenset({"The", "This", "These", "They", "It", "Both", "He", "She", "We", "In",
                       "On", "During", "Additionally", "Delegations", "Iraq", "Iraqi"})


@Language.component("jscd_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line end starts a new sentence: headlines and bullets have no full stop."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
        elif (token.text.endswith(".") and len(token) > 2 and token.text[-3] == "."
              and doc[i + 1].text in _STARTERS):
            doc[i + 1].is_sent_start = True  # "... from the U.S. This includes"
    return doc


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


@dataclass
class Pipeline:
    nlp: Language
    gazetteer: Gazetteer
    phrases: PhraseMatcher  # case-insensitive names and aliases
    acronyms: PhraseMatcher  # case-sensitive abbreviations
    triggers: Matcher
    trigger_info: dict[str, tuple[str, bool]] = field(default_factory=dict)
    country_re: re.Pattern[str] = field(default=re.compile("x^"))
    country_of: dict[str, str] = field(default_factory=dict)
    place_re: re.Pattern[str] = field(default=re.compile("x^"))
    place_of: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)


def _token_spec(word: str) -> dict[str, Any]:
    optional = word.endswith("?") and len(word) > 1
    word = word[:-1] if optional else word
    if word == "~":
        spec: dict[str, Any] = {"IS_ALPHA": True}
    elif word.startswith("@"):
        spec = {"LEMMA": {"IN": word[1:].split("|")}}
    elif word.startswith("!"):
        spec = {"IS_ALPHA": True, "LOWER": {"NOT_IN": word[1:].split("|")}}
    else:
        spec = {"LOWER": {"IN": word.split("|")}}
    if optional:
        spec["OP"] = "?"
    return spec


def _add_phrase(matcher: PhraseMatcher, nlp: Language, key: str, texts: set[str]) -> None:
    matcher.add(key, [nlp.make_doc(t) for t in sorted(texts) if t.strip()])


def _alternation(forms: dict[str, Any]) -> re.Pattern[str]:
    ordered = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(f) for f in ordered)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


@lru_cache(maxsize=2)
def get_pipeline(directory: str | None = None) -> Pipeline:
    """Build (once) the pipeline for the gazetteers in ``directory`` (default: packaged)."""
    g = load_gazetteer(directory)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("jscd_line_breaks")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()

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

    triggers = Matcher(nlp.vocab)
    info: dict[str, tuple[str, bool]] = {}
    for modality, entries in g.lexicon["modality"]["triggers"].items():
        for n, entry in enumerate(entries):
            if isinstance(entry, str):
                entry = {"pattern": entry}
            key = f"{modality}:{n}"
            triggers.add(key, [[_token_spec(w) for w in entry["pattern"].split()]])
            info[key] = (modality, bool(entry.get("importance")))

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
    )
