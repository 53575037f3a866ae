"""The place of an encounter: a gazetteer place or capitalised words after "in", "to" or "at".

"City, Country" is the city, a country is kept only when no city is named, and titles,
institutions and month names are never places.
"""

from __future__ import annotations

import re

from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.event_countries import country_table
from jscd.extract.event_draft import Draft
from jscd.extract.event_rules import CALENDAR_WORDS
from jscd.extract.pipeline import Pipeline

__all__ = ["set_place"]

_CAP = r"[A-Z][\w’'.\-]*"
_PLACE_SEQ = re.compile(rf"(?:the\s+)?(?P<p>{_CAP}(?:\s+(?:al|bin|el|de|of|the)?\s*{_CAP}){{0,4}}"
                        rf"(?:,\s+{_CAP}(?:\s+{_CAP})?){{0,2}})")
_PREP = re.compile(r"\b(?P<prep>in|at|to|visited|visiting|visits)\s+(?=(?:the\s+)?[A-Z])")
_NOT_PLACE = frozenset({"Secretary", "Minister", "President", "King", "Emir", "Prince", "General",
                        "Gen", "Adm", "Mr", "Ms", "Dr", "His", "Her", "Security", "Forces",
                        "Coalition", "Committee", "Dialogue", "Council", "Commission", "Agreement",
                        "Defense", "Ministry", "Department", "Government", "Staff", "Sheikh"})


def set_place(p: Pipeline, text: str, lo: int, hi: int, ev: Draft) -> None:
    """The first place after "in" (best), "to"/"visited", or "at" (a venue) in the scope."""
    for m in _PREP.finditer(text, lo, hi):
        if ev.recalled and m.start() < ev.at:
            continue
        prep = m.group("prep").lower()
        rank = {"in": 1, "visited": 1, "visiting": 1, "visits": 1, "to": 2, "at": 3}[prep]
        if prep == "to" and ev.kind not in (Kind.VISIT, Kind.MEETING):
            continue
        place, country, is_country = _place_at(p, text, m.end(), hi)
        if place is None:
            continue
        if prep == "to" and ev.kind == Kind.MEETING and not text[lo:m.start()].lower().count(
                "welcomed") and not text[lo:m.start()].lower().count("received"):
            continue
        if is_country:
            rank += 4
        if rank < ev.loc_rank:
            ev.location, ev.loc_country, ev.loc_rank = place, country, rank


def _place_at(p: Pipeline, text: str, pos: int, hi: int) -> tuple[str | None, str | None, bool]:
    """(place, its country, whether the place is a country) of the words at ``pos``."""
    gm = p.place_re.match(text, pos)
    if gm is None and text.startswith("the ", pos):
        gm = p.place_re.match(text, pos + 4)
    if gm is not None and gm.end() <= hi:
        surface = gm.group(0)
        canon, country = p.place_of[surface]
        # "Washington" stays as written; "Washington, DC" is the gazetteer's "Washington, D.C."
        if not (canon.startswith(surface) and len(canon) > len(surface)):
            surface = canon
        return surface, country, False
    m = _PLACE_SEQ.match(text, pos, hi)
    if m is None:
        return None, None, False
    place = m.group("p").rstrip(".,")
    first = place.split()[0]
    if first in CALENDAR_WORDS or first.rstrip(".") in _NOT_PLACE or any(
            w in _NOT_PLACE for w in place.split()):
        return None, None, False
    parts = [x.strip() for x in place.split(",")]
    codes = country_table(p)
    if len(parts) == 1 and place in codes:
        cap = re.match(r"\s+capital(?:\s+city)?(?:\s+of)?\s*,?\s+(?P<c>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)?)",
                       text[m.end():hi])
        if cap:  # "the US capital Washington"
            return cap.group("c"), codes[place], False
        return place, codes[place], True
    if parts[0] in codes or first in codes:
        return None, None, False  # "in Iraqi Security Forces", "to Jordan's army"
    # "Clark, Pampanga, Philippines" up to its country; "in Jeddah, Doe met": only the city
    last = max((i for i, x in enumerate(parts) if x in codes or x in p.place_of or x in ("D.C.", "DC")),
               default=0)
    parts = parts[:last + 1]
    country = codes.get(parts[-1]) if len(parts) > 1 else None
    if len(parts) == 2 and country:
        return parts[0], country, False  # "Muscat, Oman": the city
    return ", ".join(parts), country, False
