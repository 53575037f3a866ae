"""The words of ``data/events.yaml``, checked once and compiled into the rules events read.

Triggers, series names and their contexts are all searched with these patterns, so they are
built in one place (and once per process) instead of beside each step that uses them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.errors import GazetteerError
from jscd.extract.gazetteer import load_yaml
from jscd.extract.patterns import Rule, compile_rule

__all__ = ["CALENDAR_WORDS", "Hit", "Rules", "lexicon", "person_nouns", "rules"]

Rules = dict[str, Rule]  # the compiled rules, by name
Hit = tuple[int, int, Kind | None, bool]  # start, end, kind (None: a series head), opened by a verb

# month and weekday names: never a place, never part of a series name
CALENDAR_WORDS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday"})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """``events.yaml``, every entry but ``version`` checked to be a list of words."""
    from importlib import resources

    path = resources.files("jscd.extract") / "data" / "events.yaml"
    data, _ = load_yaml(str(path), "events.yaml")
    for key, value in data.items():
        if key not in ("version", "__line__") and not (
                isinstance(value, list) and all(isinstance(w, str) and w for w in value)):
            raise GazetteerError(f"{key}: expected a list of words", file="events.yaml",
                                 line=data.get("__line__"))
    return data


def _words(key: str, lower: bool = False) -> str:
    words = {w.lower() if lower else w for w in lexicon()[key]}
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns that make "met the ..." an encounter with a person ("met the emir")."""
    return frozenset(w.lower() for w in lexicon()["counterpart_nouns"])


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Every rule of the lexicon's words, by name."""
    heads = _words("series_heads")
    return {
        # event words are searched in the lower-cased text (see patterns.caseless)
        "meeting_verb": compile_rule(rf"\b(?:{_words('meeting_verbs', True)})\b"),
        "call_verb": compile_rule(rf"\b(?:{_words('call_verbs', True)})\b"),
        "visit_verb": compile_rule(rf"\b(?:{_words('visit_verbs', True)})\b"),
        "meeting_noun": compile_rule(rf"\b(?:{_words('meeting_nouns', True)})\b(?![-–])"),
        "call_noun": compile_rule(rf"\b(?:{_words('call_nouns', True)})\b"),
        "visit_noun": compile_rule(rf"\b(?:{_words('visit_nouns', True)})\b"),
        "welcomed": compile_rule(r"\b(?:[Ww]elcomed|[Rr]eceived)\b(?P<obj>[^.;]{1,80}?)\bto\s+"
                                 r"(?:the\s+)?(?=[A-Z])"),
        "spoke": compile_rule(r"\b(?:spoke|speaks|talked)\b(?=(?:\s+[\w’'.-]+){0,4}?\s+(?:with|by\s+"
                              r"(?:tele)?phone|by\s+video|on\s+the\s+(?:tele)?phone)\b|\s+(?:today|"
                              r"yesterday|this\s+(?:morning|afternoon|evening)|on\s+\w+day)\b)"),
        "called": compile_rule(r"\bcalled\s+(?!for\b|on\b|upon\b|it\b|them\b|the\s+[a-z])"
                             r"(?=(?:his|her|their|the)?\s*[A-Z])"),
        "future": re.compile(rf"\b(?:{_words('future_words')})\W+(?:[\w’'-]+[\s’'\"‘“]+){{0,5}}$|"
                             r"\bto\s+$", re.I),
        "recall": re.compile(rf"\b(?:{_words('recall_words')})\W+(?:[\w’'-]+\W+){{0,3}}$", re.I),
        "not_event": re.compile(rf"\b(?:{_words('not_before_event')})\s+$", re.I),
        "head": compile_rule(rf"\b(?:{heads})\b"),
        "ordinal": re.compile(rf"\b(?P<o>{_words('ordinals')}|\d{{1,3}}(?:st|nd|rd|th))\s+$", re.I),
        "nth_of": re.compile(rf"\b(?P<o>{_words('ordinals')}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:annual\s+)?"
                             rf"(?:{_words('session_nouns')})\s+of\s+(?:the\s+|this\s+)?$", re.I),
        "of_context": re.compile(rf"\b(?:{_words('session_nouns')}|{_words('context_words')})\s+"
                                 r"(?:of\s+)?(?:the|this|a|an|its)?\s*[‘“\"']?$", re.I),
        "sidelines": re.compile(r"\b(?:sidelines|margins)\s+of\s+(?:the\s+)?$", re.I),
        "report": re.compile(r",\s*(?:[\w.’'-]+\s+){0,8}?(?:said|added|told|stated|noted|"
                             r"announced|according)\b|;|\bto\s+(?!the\b|a\b|an\b)[a-z]+\b"
                             r"|\bwhere\b|\bwho\b|\bincluding\b"),
        "copula": re.compile(r"\b(?:this|it|the\s+(?:meeting|session|dialogue))\s+(?:is|was|"
                             r"marked|marks)\s+the\s+$", re.I),
        "plural_by": re.compile(r"\bby\s+(?:the\s+)?[A-Z]"),
        "ordinal_words": re.compile(rf"^(?:{_words('ordinals')})$", re.I),
    }
