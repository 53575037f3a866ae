"""The encounter being read, before it becomes an :class:`~jscd.core.extraction.EventMention`.

Every step of :mod:`jscd.extract.events` (triggers, series, day, place, parties, merging)
fills in or folds the same mutable record, so it lives apart from all of them; the two
protocols say what the caller's person, organization and series mentions must offer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from jscd.core.vocab import MentionedEventKind as Kind

__all__ = ["Draft", "Located", "Named"]


class Located(Protocol):
    """A person or organization mention: where it is and whose party it speaks for."""

    start: int
    end: int
    party: str | None


class Named(Protocol):
    """A gazetteer series mention: where it is and the series' name."""

    start: int
    end: int
    name: str


@dataclass
class Draft:
    """One encounter as the rules read it; merged with its repeats, then reported."""

    kind: Kind
    at: int  # offset of the trigger
    sent: int
    stop: int = 0  # end of a round's series name
    recalled: bool = False
    series: str | None = None
    ordinal: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    loc_country: str | None = None
    loc_rank: int = 9
    parties: list[str] = field(default_factory=list)
    counterpart: frozenset[str] = frozenset()
    verb: bool = False  # opened by a verb (a noun only refers back)
    twin: bool = False  # one of several visits a plural noun reports
    same_day: bool = False  # "later", "also": on the day of the encounter reported before
    delegations: bool = False  # "the delegations met": in a report of a round, the round
    spans: list[tuple[int, int]] = field(default_factory=list)
