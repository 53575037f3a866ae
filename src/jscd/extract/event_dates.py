"""The day of an encounter: a date of its clause, or a relative day counted from publication.

Nothing is guessed: a day without a year takes the year of the document's date line, "today"
and "on Tuesday" need a known publication date, and a story's dateline never dates what it
reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from jscd.extract.dates import DateExpr, find_dates
from jscd.extract.event_draft import Draft

__all__ = ["dateline_day", "set_day"]

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(?:[Oo]n\s+|^\s*)(?P<d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                      r"Sunday)\b(?!,?\s+(?:January|February|March|April|May|June|July|August|"
                      r"September|October|November|December|\w+\.?\s+\d))")
_REL_DAY = re.compile(r"\b(?P<w>today|tonight|this\s+(?:morning|afternoon|evening|week)|"
                      r"yesterday|last\s+night)\b", re.I)
# "WASHINGTON, April 17, 2014 –": the story's dateline, not the day of what it reports
_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z.\s]+,\s+[^\n]{5,20}?\s[–—-]\s")


def set_day(ev: Draft, text: str, lo: int, hi: int, dates: Sequence[DateExpr],
            published: dt.date | None, ref: dt.date | None) -> None:
    """Date ``ev`` by the date of ``text[lo:hi]`` nearest its trigger (one before it counts
    double), else by "today"/"yesterday" or a weekday before ``published``; ``ref`` gives a
    day without a year its year."""
    best = None
    for d in dates:
        if lo <= d.start < hi and (d.first or d.partial_first) and not _DATELINE.search(
                text, max(0, d.start - 40), d.end + 4):
            dist = d.start - ev.at if d.start >= ev.at else (ev.at - d.start) * 2
            if best is None or dist < best[0]:
                best = (dist, d)
    if best is not None:
        d = best[1]
        if d.first:
            ev.start, ev.end = d.first, d.last
        elif ref is not None:
            ev.start, ev.end = _complete(d.partial_first, ref), _complete(d.partial_last, ref)
        return
    if ev.recalled or published is None:
        return
    for m in _REL_DAY.finditer(text, lo, hi):
        w = m.group("w").lower()
        if w == "this week":
            continue
        back = 1 if w in ("yesterday", "last night") else 0
        ev.start = ev.end = published - dt.timedelta(days=back)
        return
    m = _WEEKDAY.search(text, lo, hi)
    if m is not None:  # "on Tuesday": the last Tuesday up to the publication day
        back = (published.weekday() - _DAYS.index(m.group("d").lower())) % 7
        ev.start = ev.end = published - dt.timedelta(days=back)


def _complete(partial: str | None, ref: dt.date) -> dt.date | None:
    """A "--MM-DD" day in the year of ``ref`` (the year before, if that puts it over a month
    after ``ref``)."""
    if not partial:
        return None
    month, day = int(partial[2:4]), int(partial[5:7])
    try:
        day_ = dt.date(ref.year, month, day)
    except ValueError:
        return None
    if day_ > ref + dt.timedelta(days=31):
        day_ = day_.replace(year=ref.year - 1)
    return day_


def dateline_day(text: str) -> dt.date | None:
    """A full date among the first lines, when no publication date is known: a year to give
    "August 15" (the copy's date, or the note's), never a day for an encounter."""
    head = "\n".join(text.split("\n", 4)[:4])
    for d in find_dates(head):
        if d.first:
            return d.first
    return None
