"""Dates and date ranges, found by rules and normalised with dateparser.

Reports write "July 22-23, 2024", "from August 7th to 8th of the current year", "7-25-2024"
or "last summer". Rules find the expression (so offsets are exact); dateparser turns each
calendar part into a date, against the publication date for relative words. What cannot be
resolved stays ``None``: a month and day without a year are kept as a partial date
("--08-07") so reconciliation can match them with another report, but never completed by a
guess. A season or a bare month gives only bounds (earliest, latest), never a day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from jscd.extract.patterns import GuardedPattern, caseless, compile_rule

__all__ = ["DateExpr", "find_dates", "find_published", "parse_day"]

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|"
           "Nov\\.?|Dec\\.?")
_M = rf"(?P<m>{_MONTHS})"
# a day is written \d\d? rather than \d{1,2}: re scans for a leading character set, not a repeat
_D = r"(?P<d>\d\d?)(?:st|nd|rd|th)?"
_D2 = r"(?P<d2>\d\d?)(?:st|nd|rd|th)?"
_Y = r"(?P<y>(?:19|20)\d\d)"
_TO = r"\s*(?:-|–|—|to|and|until|through|till)\s*"
_YEARWORD = r"(?:,?\s+of\s+(?P<rel>the current|this|last|the previous|the same) year)?"

_PATTERNS: list[tuple[str, re.Pattern[str] | GuardedPattern]] = [
    ("range", compile_rule(rf"\b{_M}\s+{_D}{_TO}(?P<m2>{_MONTHS})\s+{_D2}(?:,?\s+{_Y})?{_YEARWORD}")),
    ("range", compile_rule(rf"\b{_M}\s+{_D}{_TO}{_D2}\b(?:,?\s+{_Y})?{_YEARWORD}")),
    ("range", compile_rule(rf"\b{_D}{_TO}{_D2}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?{_YEARWORD}")),
    ("day", compile_rule(rf"\b{_M}\s+{_D}\b(?:,?\s+{_Y})?{_YEARWORD}")),
    ("day", compile_rule(rf"\b{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?{_YEARWORD}")),
    ("numeric", compile_rule(r"\b(?P<a>\d\d?)[-/.](?P<b>\d\d?)[-/.](?P<y>(?:19|20)\d\d)\b")),
    ("iso", compile_rule(r"\b(?P<y>(?:19|20)\d\d)-(?P<a>\d{2})-(?P<b>\d{2})\b")),
    ("month", compile_rule(rf"\b{_M}(?:,?\s+{_Y}|(?:\s+of)?\s+(?P<rel>this|last|the current|the previous) year)")),
    ("month", compile_rule(rf"\bin\s+{_M}\b")),
    # case-insensitive: lower-case patterns searched in the lower-cased text
    ("season", compile_rule(r"\b(?P<rel>last|this|next|the previous|past)\s+"
                            r"(?P<s>summer|winter|spring|fall|autumn)\b")),
    ("year", compile_rule(r"\b(?P<rel>last|this|the previous|next) year\b")),
]
_CASELESS = {"season", "year"}

_SEASONS = {"spring": (3, 1, 5, 31), "summer": (6, 1, 9, 22), "fall": (9, 1, 11, 30),
            "autumn": (9, 1, 11, 30), "winter": (12, 1, 2, 28)}


@dataclass
class DateExpr:
    """A date expression at [start, end) of the text."""

    start: int
    end: int
    text: str
    kind: str
    first: dt.date | None = None  # exact day (or first day of a range)
    last: dt.date | None = None
    partial_first: str | None = None  # "--MM-DD" when the year is unknown
    partial_last: str | None = None
    earliest: dt.date | None = None  # bounds when only a month or season is known
    latest: dt.date | None = None

    @property
    def precise(self) -> bool:
        return self.first is not None or self.partial_first is not None


@lru_cache(maxsize=4096)
def parse_day(text: str) -> dt.date | None:
    """One calendar day written in words, via dateparser (strict: no missing parts)."""
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def _month_number(name: str) -> int:
    import calendar

    key = name.rstrip(".")[:3].lower()
    return [m[:3].lower() for m in calendar.month_name[1:]].index(key) + 1


def _year(gd: dict, published: dt.date | None) -> int | None:
    if gd.get("y"):
        return int(gd["y"])
    rel = gd.get("rel")
    if rel and published:
        return published.year - (1 if rel in ("last", "the previous") else 0)
    return None


def _resolve(kind: str, gd: dict, published: dt.date | None, expr: DateExpr) -> None:
    if kind in ("range", "day"):
        year = _year(gd, published)
        m1 = gd["m"]
        m2 = gd.get("m2") or m1
        d1 = int(gd["d"])
        d2 = int(gd["d2"]) if gd.get("d2") else d1
        if year is not None:
            expr.first = parse_day(f"{m1} {d1} {year}")
            expr.last = parse_day(f"{m2} {d2} {year}")
        else:
            n1, n2 = _month_number(m1), _month_number(m2)
            if 1 <= d1 <= 31 and 1 <= d2 <= 31:
                expr.partial_first, expr.partial_last = f"--{n1:02d}-{d1:02d}", f"--{n2:02d}-{d2:02d}"
    elif kind in ("numeric", "iso"):
        a, b, year = int(gd["a"]), int(gd["b"]), int(gd["y"])
        if kind == "iso":
            month, day = a, b
        elif a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a or a == b:
            month, day = a, b
        else:
            return  # 03-04-2024: March 4 or 3 April; not guessed
        try:
            expr.first = expr.last = dt.date(year, month, day)
        except ValueError:
            return
    elif kind == "month":
        year = _year(gd, published)
        if year is None and published is not None and not gd.get("rel"):
            month = _month_number(gd["m"])
            year = published.year if month <= published.month else published.year - 1
        if year is not None:
            import calendar

            month = _month_number(gd["m"])
            expr.earliest = dt.date(year, month, 1)
            expr.latest = dt.date(year, month, calendar.monthrange(year, month)[1])
    elif kind == "season" and published is not None:
        rel, season = gd["rel"].lower(), gd["s"].lower()
        m1, d1, m2, d2 = _SEASONS[season]
        year = published.year
        start = dt.date(year, m1, d1)
        if (rel in ("last", "the previous", "past") and start >= published - dt.timedelta(days=1)) or (
                rel in ("last", "the previous", "past") and start <= published <= dt.date(
                    year + (1 if m2 < m1 else 0), m2, d2)):
            year -= 1
        elif rel == "next":
            year += 1
        expr.earliest = dt.date(year, m1, d1)
        expr.latest = dt.date(year + (1 if m2 < m1 else 0), m2, d2)
    elif kind == "year" and published is not None:
        rel = gd["rel"].lower()
        year = published.year + {"last": -1, "the previous": -1, "next": 1}.get(rel, 0)
        expr.earliest, expr.latest = dt.date(year, 1, 1), dt.date(year, 12, 31)


def find_dates(text: str, published: dt.date | None = None) -> list[DateExpr]:
    """Every date expression, left to right, longest first where they overlap."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    lower = caseless(text)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(lower if kind in _CASELESS else text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            expr = DateExpr(m.start(), m.end(), text[m.start():m.end()], kind)
            try:
                _resolve(kind, m.groupdict(), published, expr)
            except (ValueError, IndexError):
                continue
            found.append(expr)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


_DATELINE = re.compile(r"^\s*(?:(?:published|posted|updated|date)\s*:?\s*)?(.{6,40}?)\s*"
                       r"(?:\((?P<note>[^()]*)\))?\s*$", re.I)
# a note saying the date was read off a copy's address ("date in the mirror's address") dates
# the copy, not the release: that line gives no publication date
_COPY_DATE = re.compile(r"\b(?:mirror|repost|address|url)\b", re.I)


def find_published(text: str) -> dt.date | None:
    """A line near the top that is only a date ("7-25-2024") is the publication date.

    The date may carry a note in brackets ("2018-03-13 (date from the page's metadata)"),
    unless the note says it is the date of a copy rather than of the release.
    """
    for line in text[:1500].splitlines()[:20]:
        m = _DATELINE.match(line)
        if not m or not any(ch.isdigit() for ch in m.group(1)):
            continue
        if m.group("note") and _COPY_DATE.search(m.group("note")):
            continue
        exprs = find_dates(m.group(1))
        if len(exprs) == 1 and exprs[0].first and exprs[0].text.strip() == m.group(1).strip():
            return exprs[0].first
    return None
