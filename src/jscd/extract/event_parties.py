"""The two parties of an encounter: who its clause names, completed by who the document is about.

An encounter's own countries, demonyms and people come first; a missing party is taken from
the document's most mentioned ones, counted once for the whole report.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.event_draft import Draft, Located

__all__ = ["party_counts", "pick_parties", "set_parties"]


def set_parties(countries: Sequence[tuple[int, int, str]], text: str, lo: int, hi: int, ev: Draft,
                people: Sequence[Located], orgs: Sequence[Located], counts: Counter[str]) -> None:
    """The parties named in ``text[lo:hi]`` (not the country of its place, but a visit's
    host), unless ``ev`` already has them."""
    if ev.parties:
        return
    codes: Counter[str] = Counter()
    loc_span = None
    if ev.location and ev.kind != Kind.VISIT:
        i = text.find(ev.location.split(",")[0], lo, hi)
        loc_span = (i, i + len(ev.location) + 40) if i >= 0 else None
    for a, _, code in countries[bisect_left(countries, (lo,)):bisect_left(countries, (hi,))]:
        if loc_span and loc_span[0] <= a < loc_span[1]:
            continue
        codes[code] += 1
    for m in (*people, *orgs):
        if lo <= m.start < hi and m.party:
            codes[m.party] += 1
    if ev.kind == Kind.VISIT and ev.loc_country:
        codes[ev.loc_country] += 1
    ev.parties = pick_parties(codes, counts)


def pick_parties(codes: Counter[str], counts: Counter[str]) -> list[str]:
    """Two parties, sorted: the clause's (``codes``) most mentioned in the document first,
    then the document's own (``counts``); none if two cannot be found."""
    ranked = sorted(codes, key=lambda c: (-counts.get(c, 0), -codes[c], c))
    top = [c for c, _ in counts.most_common()]
    chosen = ranked[:2]
    for c in top:
        if len(chosen) >= 2:
            break
        if c not in chosen:
            chosen.append(c)
    return sorted(chosen) if len(chosen) == 2 else []


def party_counts(countries: Sequence[tuple[int, int, str]], text: str, body: int,
                 people: Sequence[Located], orgs: Sequence[Located]) -> Counter[str]:
    """How much the document is about each party: its country names outside the address and
    date lines, and (three times) its people and organizations."""
    counts: Counter[str] = Counter()
    title_end = text.find("\n")
    for a, _, code in countries:
        if not title_end < a < body:
            counts[code] += 1
    for m in (*people, *orgs):
        if m.party:  # whose officials and institutions report: weighs more than a name
            counts[m.party] += 3
    return counts
