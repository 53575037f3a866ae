"""What the LLM extractor asks a model for, and how its answer becomes evidence-backed facts.

Kept apart from the HTTP client (:mod:`jscd.extract.llm`) because this half is the contract
and can be read, and tested, without a server: the JSON schema sent as ``response_format``,
the pydantic models that validate the answer against that same shape, and
:func:`build_result`, which maps every quote back to character offsets and drops what the
text does not say.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jscd.core.extraction import DocumentResult, PersonMention, RoundMention, Span, StatementMention
from jscd.core.vocab import Category, Modality, validate_actor, validate_party_code

__all__ = ["RESPONSE_SCHEMA", "SYSTEM_PROMPT", "Completion", "QuoteIndex", "build_result"]

# -- the schema the model answers in -------------------------------------------------------


def _quoted(value: dict[str, Any], what: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["value", "quote"],
            "properties": {"value": value, "quote": {
                "type": "string",
                "description": f"the words of the document that state {what}, copied verbatim"}}}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _item(fields: dict[str, dict[str, Any]], what: str) -> dict[str, Any]:
    props = {"quote": {"type": "string",
                       "description": f"the shortest passage that states {what}, verbatim"}}
    props.update(fields)
    return {"type": "object", "additionalProperties": False, "required": list(props),
            "properties": props}


_CODE = {"type": "string", "description": "ISO 3166-1 alpha-3 code, e.g. USA, IRQ"}
_DATE = {"type": "string", "description": "YYYY-MM-DD"}

#: The ``response_format`` JSON schema (OpenAI strict mode: all keys required, nulls explicit).
RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "required": ["statements", "people", "rounds"],
    "properties": {
        "statements": {"type": "array", "items": _item({
            "actor": _nullable(_quoted({"type": "string", "description":
                                        "party code of who commits, or BOTH"}, "the actor")),
            "modality": _quoted({"type": "string", "enum": [m.value for m in Modality]},
                                "how firmly (the verb)"),
            "category": _nullable(_quoted({"type": "string",
                                           "enum": [c.value for c in Category]}, "the topic")),
            "round": _nullable(_quoted({"type": "integer", "minimum": 1},
                                       "which round of the dialogue")),
        }, "the decision, pledge, reaffirmation, intention or topic discussed")},
        "people": {"type": "array", "items": _item({
            "name": _quoted({"type": "string", "description": "full name, usual spelling"},
                            "the name as written"),
            "party": _nullable(_quoted(_CODE, "the person's country")),
            "title": _nullable(_quoted({"type": "string"}, "the person's office")),
        }, "who the person is")},
        "rounds": {"type": "array", "items": _item({
            "series": _nullable(_quoted({"type": "string"}, "the dialogue's name")),
            "ordinal": _nullable(_quoted({"type": "integer", "minimum": 1},
                                         "which round (first, second, ...)")),
            "start": _nullable(_quoted(_DATE, "the first day")),
            "end": _nullable(_quoted(_DATE, "the last day")),
            "location": _nullable(_quoted({"type": "string"}, "where it met")),
        }, "a round of a dialogue")},
    },
}

SYSTEM_PROMPT = (
    "You extract facts from one report of a bilateral security dialogue between two "
    "governments. Answer only with JSON that matches the schema.\n"
    "Every `quote` must be copied character for character from the document: no paraphrase, "
    "no ellipsis, no added or changed words. An item's quote is the shortest sentence or "
    "clause that states it; a field's quote is the words, inside or near that passage, that "
    "state the field's value. A fact you cannot quote must be left out.\n"
    "If the document does not state a value, give null; never guess. Dates are YYYY-MM-DD, "
    "resolved against the publication date when the text gives them relative to it; a date "
    "that cannot be resolved to a day is null.\n"
    "Countries are ISO 3166-1 alpha-3 codes (USA, IRQ, ...); a statement made by both "
    "parties together has actor BOTH.\n"
    "Modality: decided (agreed, decided, resolved, will establish); pledged (pledged, "
    "promised, committed, vowed); reaffirmed (reaffirmed, confirmed, reiterated, stressed "
    "the importance); intends (intend, plan to, expressed intention, scheduled); discussed "
    "(discussed, explored, reviewed, talked about, highlighted).\n"
    "Category: one of " + ", ".join(c.value for c in Category) + ", or null."
)

# -- the answer, validated in the same shape -----------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Text(_Strict):
    value: str
    quote: str


class _Int(_Strict):
    value: int = Field(ge=1)
    quote: str


class _Modality(_Strict):
    value: Modality
    quote: str


class _Category(_Strict):
    value: Category
    quote: str


class _Statement(_Strict):
    quote: str
    actor: _Text | None = None
    modality: _Modality
    category: _Category | None = None
    round: _Int | None = None


class _Person(_Strict):
    quote: str
    name: _Text
    party: _Text | None = None
    title: _Text | None = None


class _Round(_Strict):
    quote: str
    series: _Text | None = None
    ordinal: _Int | None = None
    start: _Text | None = None
    end: _Text | None = None
    location: _Text | None = None


class Completion(_Strict):
    """A model's answer; anything outside :data:`RESPONSE_SCHEMA` fails validation."""

    statements: list[_Statement]
    people: list[_Person]
    rounds: list[_Round]


# -- quotes back to offsets ----------------------------------------------------------------

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


def _fold(text: str) -> tuple[str, list[int]]:
    """Text with quotation marks and dashes folded and whitespace runs collapsed to one space,
    with, for each character kept, its index in the original."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if space:
                continue
            ch, space = " ", True
        else:
            space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


class QuoteIndex:
    """Finds a model's quote in a document's text: exactly first, then normalised.

    Models retype curly apostrophes as straight ones and reflow line breaks; the normalised
    match forgives exactly that and nothing more (no case folding, no fuzzy matching), so
    an offset always points at words the document really contains.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: tuple[str, list[int]] | None = None

    def find(self, quote: str, lo: int = 0, hi: int | None = None) -> Span | None:
        """The first occurrence of ``quote`` within ``text[lo:hi]``, or ``None``."""
        hi = len(self.text) if hi is None else hi
        for q in dict.fromkeys((quote, quote.strip())):
            if q:
                at = self.text.find(q, lo, hi)
                if at >= 0:
                    return Span(start=at, end=at + len(q))
        q, _ = _fold(quote.strip())
        if not q:
            return None
        if self._folded is None:
            self._folded = _fold(self.text)
        folded, where = self._folded
        at = folded.find(q, bisect_left(where, lo))
        while at >= 0:
            start, end = where[at], where[at + len(q) - 1] + 1
            if end > hi:
                return None
            if start >= lo:
                return Span(start=start, end=end)
            at = folded.find(q, at + 1)
        return None


# -- the answer as a DocumentResult --------------------------------------------------------


def build_result(c: Completion, text: str, doc_id: str, published: dt.date | None, *,
                 title: str | None = None, checksum: str | None = None) -> DocumentResult:
    """Keep what the text says: every item and field whose quote is found, with its offsets.

    An item whose own quote (or a required field's quote) is missing is dropped whole; an
    optional field whose quote is missing, or whose value the core models refuse, becomes
    ``None``. Each drop adds one warning beginning ``llm: dropped``.
    """
    index = QuoteIndex(text)
    warnings: list[str] = []

    def drop(where: str, why: str) -> None:
        warnings.append(f"llm: dropped {where}: {why}")

    def locate(quote: str, where: str, near: Span | None = None) -> Span | None:
        span = index.find(quote, near.start, near.end) if near else None
        span = span or index.find(quote)
        if span is None:
            drop(where, f"quote not found in the text: {quote[:80]!r}")
        return span

    def field(f: Any, where: str, near: Span, check: Callable[[Any], Any] | None = None
              ) -> tuple[Any, Span | None]:
        if f is None:
            return None, None
        span = locate(f.quote, where, near)
        if span is None:
            return None, None
        if check is not None:
            try:
                return check(f.value), span
            except ValueError as exc:
                drop(where, f"{f.value!r} refused: {exc}")
                return None, None
        return f.value, span

    statements: list[StatementMention] = []
    for i, s in enumerate(c.statements):
        where = f"statements[{i}]"
        span = locate(s.quote, where)
        if span is None:
            continue
        modality, m_span = field(s.modality, f"{where}.modality", span)
        if m_span is None:
            drop(where, "its modality is not quoted from the text")
            continue
        actor, _ = field(s.actor, f"{where}.actor", span, validate_actor)
        category, _ = field(s.category, f"{where}.category", span)
        ordinal, _ = field(s.round, f"{where}.round", span)
        statements.append(StatementMention(
            actor=actor, modality=modality, category=category, round=ordinal,
            text=text[span.start:span.end], start=span.start, end=span.end))

    people: list[PersonMention] = []
    for i, p in enumerate(c.people):
        where = f"people[{i}]"
        span = locate(p.quote, where)
        if span is None:
            continue
        name, n_span = field(p.name, f"{where}.name", span)
        if n_span is None or not name.strip():
            drop(where, "its name is not quoted from the text")
            continue
        party, _ = field(p.party, f"{where}.party", span, validate_party_code)
        office, _ = field(p.title, f"{where}.title", span)
        people.append(PersonMention(
            name=name.strip(), surface=text[n_span.start:n_span.end], party=party,
            title=office, start=n_span.start, end=n_span.end))

    rounds: list[RoundMention] = []
    for i, r in enumerate(c.rounds):
        where = f"rounds[{i}]"
        span = locate(r.quote, where)
        if span is None:
            continue
        evidence = [span]
        values: dict[str, Any] = {}
        for name, check in (("series", None), ("ordinal", None), ("start", dt.date.fromisoformat),
                            ("end", dt.date.fromisoformat), ("location", None)):
            value, f_span = field(getattr(r, name), f"{where}.{name}", span, check)
            values[name] = value
            if f_span is not None:
                evidence.append(f_span)
                if name == "start":
                    values["date_text"] = text[f_span.start:f_span.end]
        try:
            rounds.append(RoundMention(evidence=sorted(
                {(e.start, e.end): e for e in evidence}.values(), key=lambda e: e.start),
                **values))
        except ValidationError as exc:
            drop(where, exc.errors()[0]["msg"])
    if rounds:
        # A report leads with the round it reports; recalled rounds come later in the text.
        min(rounds, key=lambda m: m.evidence[0].start).main = True

    return DocumentResult(id=doc_id, title=title, published=published, checksum=checksum,
                          rounds=rounds, people=people, statements=statements,
                          warnings=warnings)
