"""Encounters one document reports: dialogue rounds, meetings, calls, visits, joint statements.

Reports say what happened with a few kinds of words: event verbs ("met", "hosted", "spoke
with", "visited", "traveled to", "held the second session of"), event nouns ("a phone call",
"their August meeting", "visits to Japan") and series names ("the Eighth ... Consultations",
"the fourth meeting of the ... Committee"). The rules here read those, sentence by sentence:

* a verb opens a new encounter, unless it names the same counterpart as one already found;
  a noun only refers back to the encounter of its kind, unless it is recalled ("since the
  last meeting", "their August meeting"), which makes it an earlier encounter of its own;
* a series name in an event context makes a ``dialogue_round``; its ordinal comes from the
  words before it ("Eighth", "49th", "the second session of") or from a copula sentence
  ("This is the fourth meeting of ...");
* the day from a date in the clause, or "today"/"this afternoon" (the publication date) and
  "yesterday" (the day before); a day without a year takes the year of the document's date
  line; nothing else is guessed;
* the place from "in"/"at"/"to" + a gazetteer place or capitalised words; "City, Country" is
  the city; an encounter inside a visit takes the visit's day and place when it has none;
* the parties from the countries, demonyms and people of the clause, completed with the
  document's two most mentioned parties.

Everything is regular expressions over sentences: no parse, well under a millisecond.

This module reads the document clause by clause and reports what it found; each step has its
own module: :mod:`~jscd.extract.event_rules` (the words of ``events.yaml``),
:mod:`~jscd.extract.event_triggers` (event verbs and nouns), :mod:`~jscd.extract.event_series`
(series names, ordinals), :mod:`~jscd.extract.event_dates`, :mod:`~jscd.extract.event_places`,
:mod:`~jscd.extract.event_parties` (day, place, parties), :mod:`~jscd.extract.event_merging`
(repeats folded, context filled in), over the shared :mod:`~jscd.extract.event_draft` and
:mod:`~jscd.extract.event_countries` (the countries a report names).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from jscd.core.extraction import EventMention, Span
from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.dates import DateExpr
from jscd.extract.event_countries import find_countries
from jscd.extract.event_dates import dateline_day, set_day
from jscd.extract.event_draft import Draft, Located, Named
from jscd.extract.event_merging import fill, merge
from jscd.extract.event_parties import party_counts, set_parties
from jscd.extract.event_places import set_place
from jscd.extract.event_rules import CALENDAR_WORDS, Hit, Rules, rules
from jscd.extract.event_series import abbreviations, series_mentions
from jscd.extract.event_triggers import all_hits, triggers
from jscd.extract.pipeline import Pipeline

__all__ = ["find_events"]

_TITLE_KIND = ((Kind.CALL, re.compile(r"\b(?:(?:phone|telephone|video)\s+)?call\b(?!\s+for)", re.I)),
               (Kind.MEETING, re.compile(r"\b(?:meeting|meets|talks)\b", re.I)),
               (Kind.VISIT, re.compile(r"\b(?:visit|visits|trip)\b", re.I)),
               (Kind.STATEMENT, re.compile(r"\bjoint\s+statement\b", re.I)))
_ANAPHOR = re.compile(r"\s*(?:This|It|They|The\s+(?:meeting|session|dialogue|talks|round|event|"
                      r"call|visit|consultations))\b[^.;]{0,30}?\b(?:took\s+place|was\s+held|"
                      r"were\s+held|was\s+convened|convened|happened|occurred|met)\b")


def find_events(p: Pipeline, text: str, sentences: Sequence[tuple[int, int]],
                dates: Sequence[DateExpr], published: dt.date | None,
                people: Sequence[Located] = (), organizations: Sequence[Located] = (),
                series: Sequence[Named] = ()) -> list[EventMention]:
    """The encounters ``text`` reports, the one it is about first marked ``main``.

    ``sentences`` are character spans (``Tokens.sentences``), ``dates`` what
    :func:`find_dates` found with ``published``, ``people`` and ``organizations`` mentions
    with a ``party`` (or None), ``series`` the gazetteer's series mentions (with ``name``).
    """
    r = rules()
    ref = published or dateline_day(text)
    body = _body_start(text)
    countries = find_countries(p, text)
    counts = party_counts(countries, text, body, people, organizations)
    abbrs = abbreviations(text)
    sent_list = list(sentences)
    hits = all_hits(r, text)
    events: list[Draft] = []
    for si, (s, e) in enumerate(sent_list):
        title = s == 0
        if not title and s < body:
            continue
        for clause_s, clause_e in _clauses(text, s, e):
            _read_clause(p, r, text, clause_s, clause_e, si, title, events, dates, published, ref,
                         people, organizations, series, abbrs, counts, hits, countries)
    fill(events, counts)
    title_end = sent_list[0][1] if sent_list else 0
    kind = _title_kind(text[:title_end]) if not any(not ev.recalled for ev in events) else None
    if kind is not None:
        # "Readout of the Secretary's Meeting with ...", "Joint Statement by ...": the title
        # names what the body only summarises; a statement is dated by its release
        day = published if kind == Kind.STATEMENT else None
        ev = Draft(kind, 0, 0, start=day, end=day)
        set_parties(countries, text, 0, title_end, ev, people, organizations, counts)
        ev.spans.append(sent_list[0] if sent_list else (0, 0))
        events.insert(0, ev)
        fill(events, counts)
    return _to_mentions(events)


def _title_kind(title: str) -> Kind | None:
    """The kind of encounter a title names ("Readout of a Call", "Joint Statement"), if any."""
    for kind, rule in _TITLE_KIND:
        if rule.search(title):
            return kind
    return None


def _body_start(text: str) -> int:
    """Where the body starts: after a title, an address and a date line (the corpus layout)."""
    lines = text.split("\n", 3)
    if len(lines) >= 3 and re.match(r"\s*https?://", lines[1]):
        return len(lines[0]) + len(lines[1]) + len(lines[2]) + 3
    return len(lines[0]) + 1 if lines else 0


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence, split before "; " so that two reported encounters stay apart."""
    out, pos = [], s
    for m in re.finditer(r";\s+", text[s:e]):
        out.append((pos, s + m.start()))
        pos = s + m.end()
    out.append((pos, e))
    return out


def _read_clause(p: Pipeline, r: Rules, text: str, s: int, e: int, si: int, title: bool,
                 events: list[Draft], dates: Sequence[DateExpr], published: dt.date | None,
                 ref: dt.date | None, people: Sequence[Located], orgs: Sequence[Located],
                 series: Sequence[Named], abbrs: dict[str, str], counts: Counter[str],
                 hits: tuple[list[int], list[Hit]], countries: list[tuple[int, int, str]]) -> None:
    """The rounds and encounters of clause ``text[s:e]`` (sentence ``si``), each dated, placed
    and given its parties, then merged into ``events``; an anaphor ("This took place in ...")
    completes the last encounter instead."""
    sent = text[s:e]
    found: list[Draft] = []
    lo, hi = bisect_left(hits[0], s), bisect_left(hits[0], e)
    if lo == hi and not _ANAPHOR.match(sent) and not any(s <= m.start < e for m in series) and not any(
            a in sent for a in abbrs):
        return  # no event word, series name or anaphor in the clause
    rounds = series_mentions(p, r, text, s, e, series, abbrs, title, hits[1][lo:hi])
    for at, end, name, ordinal, pair, recalled, copula in rounds:
        if copula:
            main = next((ev for ev in events if ev.kind == Kind.DIALOGUE_ROUND
                         and ev.series == name and not ev.recalled), None)
            if main is not None:
                main.ordinal = main.ordinal or ordinal
                main.spans.append((s, e))
                continue
        ev = Draft(Kind.DIALOGUE_ROUND, at, si, stop=end, recalled=recalled, series=name,
                   ordinal=ordinal, parties=list(pair))
        found.append(ev)
    if not title:
        found += triggers(p, r, text, s, e, si, found, hits[1][lo:hi])
    if not found and _ANAPHOR.match(sent):
        last = next((ev for ev in reversed(events) if not ev.recalled), None)
        if last is not None:  # "This took place in Washington on July 22-23"
            if last.start is None:
                set_day(last, text, s, e, dates, published, ref)
            if last.location is None:
                set_place(p, text, s, e, last)
            last.spans.append((s, e))
    for ev in found:
        lo, hi = _scope(r, text, s, e, ev)
        set_day(ev, text, lo, hi, dates, published, ref)
        set_place(p, text, lo, hi, ev)
        set_parties(countries, text, lo, hi, ev, people, orgs, counts)
        ev.spans.append((s, e))
        merge(events, ev, text, s, e)


def _scope(r: Rules, text: str, s: int, e: int, ev: Draft) -> tuple[int, int]:
    """Where the trigger's own day and place are written: up to a report or purpose clause."""
    if ev.recalled:
        return ev.at, min(e, ev.at + 60)
    m = r["report"].search(text, ev.at + 3, e)
    return s, m.start() if m else e


def _to_mentions(events: list[Draft]) -> list[EventMention]:
    """The encounters in reading order, the one the document is about marked ``main``."""
    # the document is about what its title or its earliest report names
    fresh = [ev for ev in events if not ev.recalled]
    main = min(fresh, key=lambda ev: (min(ev.spans)[0] if ev.spans else ev.at,
                                      ev.kind != Kind.DIALOGUE_ROUND, ev.at), default=None)
    out = []
    for ev in sorted(events, key=lambda ev: ev.at):
        spans = sorted(set(ev.spans))
        out.append(EventMention(
            kind=ev.kind, series=ev.series, ordinal=ev.ordinal, start=ev.start,
            end=ev.end or ev.start, location=_place_or_none(ev.location), parties=ev.parties,
            evidence=[Span(start=a, end=b) for a, b in spans], main=ev is main))
    return out


def _place_or_none(location: str | None) -> str | None:
    """A month or weekday is never a place ("... in May"), whichever rule proposed it."""
    if location and location.split(",")[0].strip().rstrip(".") in CALENDAR_WORDS:
        return None
    return location
