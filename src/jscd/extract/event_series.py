"""Series names and their ordinals: what makes a clause report a ``dialogue_round``.

A series is named by capitalised words ending in a head word ("... Consultations", "...
Committee"), by the gazetteer, or by an abbreviation the document defines ("(JCC)"); it is a
round only in an event context, numbered by the words before it ("Eighth", "the second session
of") or by a copula sentence ("This is the fourth meeting of ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from jscd.extract.event_countries import country_table
from jscd.extract.event_draft import Named
from jscd.extract.event_rules import CALENDAR_WORDS, Hit, Rules, rules
from jscd.extract.pipeline import Pipeline
from jscd.extract.rounds import ordinal_value

__all__ = ["SUBJECT_OF", "RoundMention", "abbreviations", "same_series",
           "series_mentions"]

_MULTI = re.compile(r"\b\w+s['’](?:\s|$)|\bMinisterial\s+Meeting\b")  # "Defense Ministers' Meeting"
_WILL = re.compile(r"(?:\s*\([A-Z&]{2,8}\))?[^.;]{0,25}?\b(?:will|shall|is\s+(?:scheduled|expected|"
                   r"set|due)|to\s+be\s+held)\b")
# "The ... Working Group (SDWG) of the ... Commission met in": the series as the subject
SUBJECT_OF = re.compile(r"(?:\s*\([A-Z&]{2,8}\))?(?:\s+of\s+the\s+[^;\n]{0,80}?)?,?\s+(?:met|"
                        r"convened|was\s+held|were\s+held|held\s+its|took\s+place|concluded|opened|"
                        r"gathered|began)\b|\s+(?:meeting|meetings|session|round|plenary)\b")
_ABBR_DEF = re.compile(r"\((?P<a>[A-Z][A-Z&]{1,7})\)")
_TOKEN = re.compile(r"[\w’'.+&]+[-–—]?|[-–—]")


class RoundMention(NamedTuple):
    """A round a clause names."""

    at: int
    end: int  # end of the series name
    name: str
    ordinal: int | None
    pair: tuple[str, ...]  # the parties of a leading "X-Y" pair
    recalled: bool
    copula: bool  # "This is the fourth meeting of ...": numbers a round already found


def series_mentions(p: Pipeline, r: Rules, text: str, s: int, e: int, series: Sequence[Named],
                    abbrs: dict[str, str], title: bool, hits: Sequence[Hit]) -> list[RoundMention]:
    """Every round named in [s, e): where, which series, its ordinal and pair, whether it is
    recalled or a copula ("This is the fourth ...")."""
    out = []
    spans: list[tuple[int, int, str]] = []
    for h_start, h_end, kind, _ in hits:
        if kind is not None or h_end > e:
            continue
        begin, name = _walk_back(r, text, s, h_start, h_end)
        if name is None:
            continue
        spans.append((begin, h_end, name))
    for m in series:
        if s <= m.start and m.end <= e and not any(a <= m.start and m.end <= b for a, b, _ in spans):
            spans.append((m.start, m.end, text[m.start:m.end]))
    for abbr, long in abbrs.items():
        if abbr not in text[s:e]:
            continue
        for m in re.finditer(rf"\b{re.escape(abbr)}\b(?!\))", text[s:e]):
            a, b = s + m.start(), s + m.end()
            if any(x <= a < y for x, y, _ in spans):
                continue
            begin = a
            while True:  # "the Political and Diplomatic JCC": the words before are the name's
                w = re.search(r"(?:[A-Z][\w-]*|and)\s+$", text[s:begin])
                if not w:
                    break
                begin = s + w.start()
            spans.append((begin, b, long))
    spans.sort()
    for begin, end, surface in spans:
        left = text[max(s, begin - 60):begin]
        if r["future"].search(left) or r["sidelines"].search(left) or _MULTI.search(surface):
            continue
        if _WILL.match(text, end):
            continue  # "the 49th ... Meeting will be held in Seoul": announced, not held
        if any(a < begin and re.fullmatch(r"\s*(?:\([A-Z&]{2,8}\)\s*)?of(?:\s+the)?\s*",
                                          text[b:begin]) for a, b, _ in spans):
            continue  # "the Working Group of the ... Commission": the first names the round
        name, pair = _canonical(p, surface)
        known = re.match(r"\s*\((?P<a>[A-Z]{2,8})\)", text[end:end + 12])
        if known and _known_series(p, known.group("a")):
            name = _known_series(p, known.group("a"))  # the gazetteer's series, by its abbreviation
        if name is None:
            continue
        om = r["ordinal"].search(left) or r["nth_of"].search(left)
        ordinal = ordinal_value(om.group("o")) if om else None
        context = (title or om is not None or bool(r["of_context"].search(left))
                   or bool(SUBJECT_OF.match(text, end)))
        if not context or (om is None and surface.endswith(("Meeting", "Summit"))):
            continue  # "Esper's Meeting with": a meeting; "the 49th ... Meeting": a round
        if re.search(r"\w['’]s\b", surface):
            continue
        recalled = bool(r["recall"].search(left)) and not title
        copula = bool(om and r["copula"].search(text[max(s, om.start() - 40):om.start()]))
        out.append(RoundMention(begin, end, name, ordinal, pair, recalled, copula))
    return out


def _walk_back(r: Rules, text: str, s: int, head_start: int, head_end: int) -> tuple[int, str | None]:
    """The capitalised name that ends with a series head word, without articles and ordinals."""
    toks = [(m.start() + s, m.group(0)) for m in _TOKEN.finditer(text[s:head_start])]
    begin = head_start
    words: list[str] = []
    i = len(toks) - 1
    while i >= 0:
        pos, w = toks[i]
        between = text[pos + len(w):begin]
        if between.strip() not in ("", "-", "–", "—") or "\n" in between:
            break
        if w in ("and", "&", "for", "on", "of", "-", "–", "—") and words:
            # a connector only inside the name: the word before it must be capitalised too
            if i == 0 or not toks[i - 1][1][:1].isupper():
                break
        elif not (w[:1].isupper() or re.match(r"\d\+\d", w)):
            break
        if r["ordinal_words"].match(w.rstrip("-–—")) or w in CALENDAR_WORDS:
            break
        words.insert(0, w)
        begin = pos
        i -= 1
    while words and words[0] in ("of", "and", "for", "on", "&", "-", "–", "—"):
        begin += len(words.pop(0))
        begin = begin + len(text[begin:]) - len(text[begin:].lstrip())
    if not words:
        return head_start, None
    while len(words) > 1 and words[0] in ("The", "A", "An", "This", "Readout"):
        begin = text.index(words[1], begin + len(words.pop(0)))
    name = re.sub(r"\s+", " ", text[begin:head_end])
    if len(name.split()) < 2:
        return begin, None
    return begin, name


@lru_cache(maxsize=4)
def _pair_prefix(p: Pipeline) -> re.Pattern[str]:
    """"U.S.-Iraq ...", "Kenya – United States ...": two countries before a series name."""
    alt = "|".join(re.escape(k) for k in sorted(country_table(p), key=len, reverse=True))
    return re.compile(rf"(?P<a>{alt})\s*[-–—/]\s*(?P<b>{alt})\s+(?P<rest>\S.*)$")


@lru_cache(maxsize=4)
def _series_names(p: Pipeline) -> dict[str, str]:
    """The gazetteer's series by every lower-cased name, alias and abbreviation."""
    out = {}
    for s in p.gazetteer.series:
        for form in (s.name, *s.aliases, *s.abbreviations):
            out.setdefault(form.lower(), s.name)
    return out


@lru_cache(maxsize=4096)
def _canonical(p: Pipeline, surface: str) -> tuple[str | None, tuple[str, ...]]:
    """The series' name (gazetteer's if known), and the parties of a leading "X-Y" pair."""
    name = re.sub(r"(\w)-\s+", r"\1-", re.sub(r"\s+", " ", surface)).strip()  # "Japan- Australia"
    for lead in ("Joint Statement of the ", "Joint Statement on the ", "Joint Statement: ",
                 "Readout of the "):
        if name.startswith(lead):
            name = name[len(lead):]
    pair: tuple[str, ...] = ()
    codes = country_table(p)
    m = _pair_prefix(p).match(name)
    if m is not None:
        pair = tuple(sorted({codes[m.group("a")], codes[m.group("b")]}))
        bare = m.group("rest")
        if "USA" in pair or _known_series(p, bare):
            name = bare  # the gazetteer's convention: U.S. dialogues are named without the pair
    name = _known_series(p, name) or name
    words = [w for w in name.split() if w[:1].isupper()]
    if not words or len(name.split()) < 2:
        return None, pair
    return name, pair


def _known_series(p: Pipeline, name: str) -> str | None:
    """The gazetteer's name of the series called ``name`` (any case), if it knows it."""
    return _series_names(p).get(name.lower())


def abbreviations(text: str) -> dict[str, str]:
    """"... Joint Coordination Committee (JCC)": the abbreviation a document defines."""
    r = rules()
    out = {}
    for m in _ABBR_DEF.finditer(text):
        for h in r["head"].finditer(text, max(0, m.start() - 120), m.start()):
            if text[h.end():m.start()].strip() == "":
                _, name = _walk_back(r, text, max(0, m.start() - 120), h.start(), h.end())
                if name:
                    out[m.group("a")] = name
    return out


def same_series(a: str | None, b: str | None) -> bool:
    """"2+2 ... Consultations" and "Japan-Australia 2+2 ... Consultations" are one series."""
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return a.endswith(b) or b.endswith(a)
