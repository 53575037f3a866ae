"""One document in, one :class:`DocumentResult` out: the default (rule-based) extractor."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from jscd.core.extraction import Conflict, DocumentResult, RoundMention, Span, StatementMention
from jscd.extract.dates import find_dates, find_published
from jscd.extract.entities import EntityFinder, Mention, to_org, to_person
from jscd.extract.events import find_events
from jscd.extract.pipeline import Pipeline, get_pipeline
from jscd.extract.rounds import attach_leads, find_rounds
from jscd.extract.statements import StatementFinder, document_parties

__all__ = ["Extractor", "default_extractor"]


class Extractor:
    """The rule-based extractor; build once (it holds the pipeline), call per document."""

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self.p = pipeline or get_pipeline()
        self.entities = EntityFinder(self.p)
        self.statements = StatementFinder(self.p)

    def __call__(self, text: str, doc_id: str, published: dt.date | None = None,
                 title: str | None = None, checksum: str | None = None) -> DocumentResult:
        published = published or find_published(text)
        doc, tokens = self.p(text)
        sentences = tokens.sentences
        dates = find_dates(text, published)
        orgs, series, conflicts = self.entities.organizations(doc, tokens, text)
        # the reference day for titles: publication, else the first exact date of a round
        info = find_rounds(self.p, text, sentences, series, dates)
        day = published
        if day is None and info.main >= 0:
            day = info.rounds[info.main]["start"]
        people, person_conflicts = self.entities.people(text, day)
        people = [m for m in people if not _inside(m, orgs)]
        attach_leads(info, text, sentences, people)

        def mask(start: int, end: int) -> str:
            pieces, pos = [], start
            for m in series:
                if start <= m.start and m.end <= end:
                    pieces += [text[pos:m.start], "dialogue"]
                    pos = m.end
            return "".join(pieces) + text[pos:end]

        countries = self.p.countries
        parties = document_parties(people, countries, text)
        headline = len(title) if title and text.startswith(title) else 0
        found = self.statements.find(tokens, text, mask, people, orgs, info, countries, parties,
                                     skip_before=headline)
        rounds = []
        for rd in info.rounds:
            spans = [Span(start=r["start_at"], end=r["end"]) for r in rd["mentions"]]
            rounds.append(RoundMention(
                series=info.series, parties=rd["parties"], ordinal=rd["ordinal"],
                start=rd["start"], end=rd["end"], location=rd["location"], evidence=spans,
                leads=rd["leads"], partial_start=rd["partial"][0], partial_end=rd["partial"][1],
                earliest=rd["bounds"][0], latest=rd["bounds"][1], date_text=rd["date_text"],
                main=rd is info.rounds[info.main],
            ))
        statements = [StatementMention(
            actor=f.actor, modality=f.modality, category=f.category, round=f.round,
            text=text[f.start:f.end], start=f.start, end=f.end, negated=f.negated,
            hypothetical=f.hypothetical, historical=f.historical) for f in found]
        events = find_events(self.p, text, sentences, dates, published, people, orgs, series)
        return DocumentResult(
            id=doc_id, title=title, published=published, checksum=checksum, rounds=rounds,
            events=events,
            people=[to_person(m) for m in people], organizations=[to_org(m) for m in orgs],
            statements=statements, conflicts=_dedupe(conflicts + person_conflicts, doc_id),
        )


def _inside(m: Mention, others: list[Mention]) -> bool:
    return any(o.start <= m.start and m.end <= o.end for o in others)


def _dedupe(conflicts: list[Conflict], doc_id: str) -> list[Conflict]:
    seen: dict[tuple, Conflict] = {}
    for c in conflicts:
        key = (c.kind, c.surface, c.canonical)
        if key not in seen:
            c.documents = [doc_id]
            seen[key] = c
    return list(seen.values())


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The process-wide extractor: the spaCy pipeline is built once, on first use.

    dateparser compiles its locale data on first use (seconds); doing it here keeps that
    cost in the one-time build instead of the first document.
    """
    from jscd.extract.dates import parse_day

    parse_day("January 1 2000")
    return Extractor()
