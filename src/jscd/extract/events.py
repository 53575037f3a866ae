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
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from jscd.core.extraction import EventMention, Span
from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.dates import DateExpr, find_dates
from jscd.extract.errors import GazetteerError
from jscd.extract.gazetteer import load_yaml
from jscd.extract.patterns import caseless, compile_rule
from jscd.extract.pipeline import Pipeline

__all__ = ["find_events"]


class _Located(Protocol):
    start: int
    end: int
    party: str | None


class _Named(Protocol):
    start: int
    end: int
    name: str


@dataclass
class _Event:
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


@lru_cache(maxsize=1)
def _lexicon() -> dict:
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
    words = {w.lower() if lower else w for w in _lexicon()[key]}
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in _lexicon()["counterpart_nouns"])


@lru_cache(maxsize=1)
def _rules() -> dict[str, re.Pattern[str]]:
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


_ORDINALS = {"first": 1, "inaugural": 1, "initial": 1, "second": 2, "third": 3, "fourth": 4,
             "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
             "eleventh": 11, "twelfth": 12}
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(?:[Oo]n\s+|^\s*)(?P<d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                      r"Sunday)\b(?!,?\s+(?:January|February|March|April|May|June|July|August|"
                      r"September|October|November|December|\w+\.?\s+\d))")
_REL_DAY = re.compile(r"\b(?P<w>today|tonight|this\s+(?:morning|afternoon|evening|week)|"
                      r"yesterday|last\s+night)\b", re.I)
_CAP = r"[A-Z][\w’'.\-]*"
_PLACE_SEQ = re.compile(rf"(?:the\s+)?(?P<p>{_CAP}(?:\s+(?:al|bin|el|de|of|the)?\s*{_CAP}){{0,4}}"
                        rf"(?:,\s+{_CAP}(?:\s+{_CAP})?){{0,2}})")
_PREP = re.compile(r"\b(?P<prep>in|at|to|visited|visiting|visits)\s+(?=(?:the\s+)?[A-Z])")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
           "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Monday", "Tuesday", "Wednesday",
           "Thursday", "Friday", "Saturday", "Sunday"}
_SEA = re.compile(r"\s+(?:Ocean|Sea|Gulf|Peninsula|Subcontinent)\b")
# "WASHINGTON, April 17, 2014 –": the story's dateline, not the day of what it reports
_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z.\s]+,\s+[^\n]{5,20}?\s[–—-]\s")
_CALL_FOR = re.compile(r"s?\s+(?:(?:was|were|is|are|has been|have been)\s+(?:also\s+)?"
                       r"(?:made\s+)?)?(?:for|on|upon|to)\b")
_LATER_PAST = re.compile(r"[^;\n]{0,40}?\b(?:last\s+(?:summer|winter|spring|fall|autumn|year|month|"
                         r"week)|earlier\s+this\s+year|in\s+(?:January|February|March|April|May|"
                         r"June|July|August|September|October|November|December)\b(?!\s+\d))")
_ANAPHOR = re.compile(r"\s*(?:This|It|They|The\s+(?:meeting|session|dialogue|talks|round|event|"
                      r"call|visit|consultations))\b[^.;]{0,30}?\b(?:took\s+place|was\s+held|"
                      r"were\s+held|was\s+convened|convened|happened|occurred|met)\b")
_MULTI = re.compile(r"\b\w+s['’](?:\s|$)|\bMinisterial\s+Meeting\b")  # "Defense Ministers' Meeting"
_WILL = re.compile(r"(?:\s*\([A-Z&]{2,8}\))?[^.;]{0,25}?\b(?:will|shall|is\s+(?:scheduled|expected|"
                   r"set|due)|to\s+be\s+held)\b")
_VERB_RECALL = re.compile(r"\b(?:last|previously|recently|had|had\s+last|had\s+previously|first)\s+$", re.I)
_SAME_DAY = re.compile(r"\b(?:[Ll]ater|also|then|afterwards|separately)\b")
# "The ... Working Group (SDWG) of the ... Commission met in": the series as the subject
_SUBJECT_OF = re.compile(r"(?:\s*\([A-Z&]{2,8}\))?(?:\s+of\s+the\s+[^;\n]{0,80}?)?,?\s+(?:met|"
                         r"convened|was\s+held|were\s+held|held\s+its|took\s+place|concluded|opened|"
                         r"gathered|began)\b|\s+(?:meeting|meetings|session|round|plenary)\b")
# "met the requirements", "hosted the exercise", "meeting their needs": no counterpart
_THING_OBJECT = re.compile(r"\s+(?:the|its|their|his|her|our|all|these|those|a|an|new)\s+"
                           r"(?P<w>[a-z][a-z-]+)")
_FORCES = re.compile(r"\s+(?:[A-Z][\w.]*\s+|coalition\s+|allied\s+)*(?:forces|troops|bases|"
                     r"service\s+members|personnel|exercises?|conferences?|events?)\b")
_DELEGATIONS = re.compile(r"\b(?:[Dd]elegations|[Bb]oth\s+sides|[Tt]he\s+(?:two\s+)?sides)\b")
_ABBR_DEF = re.compile(r"\((?P<a>[A-Z][A-Z&]{1,7})\)")
_TOKEN = re.compile(r"[\w’'.+&]+[-–—]?|[-–—]")


@lru_cache(maxsize=4)
def _country_table(p: Pipeline) -> dict[str, str]:
    """The gazetteer's countries and demonyms, completed with every ISO 3166 country's names
    (pycountry) and the "-n" demonym of names in -a ("Kenya", "Kenyan")."""
    import pycountry

    table = dict(p.country_of)
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            name = getattr(c, attr, None)
            if not name or "," in name or "(" in name:
                continue
            table.setdefault(name, c.alpha_3)
            if name.endswith("a") and " " not in name:
                table.setdefault(name + "n", c.alpha_3)
    return table


@lru_cache(maxsize=4)
def _by_first_word(p: Pipeline) -> dict[str, list[str]]:
    """Names only pycountry knows, by their first word, longest first."""
    out: dict[str, list[str]] = {}
    for name in sorted(_country_table(p), key=len, reverse=True):
        if name not in p.country_of:
            out.setdefault(re.split(r"[ -]", name)[0], []).append(name)
    return out


# no leading look-behind (it would make re try every position): the character before a
# word is checked in Python
_CAP_WORD = re.compile(r"[A-Z][\w’'.]*")


def _find_countries(p: Pipeline, text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of every country name or demonym, gazetteer's first; names only
    pycountry knows are looked up by their first capitalised word (a 500-name alternation
    would cost more than the rest of the rules together)."""
    table = _country_table(p)
    by_first = _by_first_word(p)
    found = [(m.start(), m.end(), p.country_of[m.group(0)]) for m in p.country_re.finditer(text)
             if m.group(0) in p.country_of and not _SEA.match(text, m.end())]
    taken = {a for a, _, _ in found}
    for m in _CAP_WORD.finditer(text):
        names = by_first.get(m.group(0).rstrip(".’'"))
        at = m.start()
        if names is None or at in taken or (at and (text[at - 1].isalnum() or text[at - 1] in "._")):
            continue
        for name in names:
            after = at + len(name)
            if text.startswith(name, at) and not (after < len(text) and text[after].isalnum()) \
                    and not _SEA.match(text, after):
                found.append((at, after, table[name]))
                break
    found.sort()
    # "South Sudan" is not also "Sudan"
    return [f for i, f in enumerate(found) if not (i and found[i - 1][0] < f[0] < found[i - 1][1])]


@lru_cache(maxsize=4)
def _pair_prefix(p: Pipeline) -> re.Pattern[str]:
    """"U.S.-Iraq ...", "Kenya – United States ...": two countries before a series name."""
    alt = "|".join(re.escape(k) for k in sorted(_country_table(p), key=len, reverse=True))
    return re.compile(rf"(?P<a>{alt})\s*[-–—/]\s*(?P<b>{alt})\s+(?P<rest>\S.*)$")


@lru_cache(maxsize=4)
def _series_names(p: Pipeline) -> dict[str, str]:
    out = {}
    for s in p.gazetteer.series:
        for form in (s.name, *s.aliases, *s.abbreviations):
            out.setdefault(form.lower(), s.name)
    return out


def find_events(p: Pipeline, text: str, sentences: Sequence[tuple[int, int]],
                dates: Sequence[DateExpr], published: dt.date | None,
                people: Sequence[_Located] = (), organizations: Sequence[_Located] = (),
                series: Sequence[_Named] = ()) -> list[EventMention]:
    """The encounters ``text`` reports, the one it is about first marked ``main``.

    ``sentences`` are character spans (``Tokens.sentences``), ``dates`` what
    :func:`find_dates` found with ``published``, ``people`` and ``organizations`` mentions
    with a ``party`` (or None), ``series`` the gazetteer's series mentions (with ``name``).
    """
    r = _rules()
    ref = published or _dateline_day(text)
    body = _body_start(text)
    countries = _find_countries(p, text)
    counts = _party_counts(countries, text, body, people, organizations)
    abbrs = _abbreviations(text)
    sent_list = list(sentences)
    hits = _all_hits(r, text)
    events: list[_Event] = []
    for si, (s, e) in enumerate(sent_list):
        title = s == 0
        if not title and s < body:
            continue
        for clause_s, clause_e in _clauses(text, s, e):
            _read_clause(p, r, text, clause_s, clause_e, si, title, events, dates, published, ref,
                         people, organizations, series, abbrs, counts, hits, countries)
    _fill(events, counts)
    title_end = sent_list[0][1] if sent_list else 0
    kind = _title_kind(text[:title_end]) if not any(not ev.recalled for ev in events) else None
    if kind is not None:
        # "Readout of the Secretary's Meeting with ...", "Joint Statement by ...": the title
        # names what the body only summarises; a statement is dated by its release
        day = published if kind == Kind.STATEMENT else None
        ev = _Event(kind, 0, 0, start=day, end=day)
        _who(countries, text, 0, title_end, ev, people, organizations, counts)
        ev.spans.append(sent_list[0] if sent_list else (0, 0))
        events.insert(0, ev)
        _fill(events, counts)
    return _to_mentions(events)


# ---------------------------------------------------------------------------- reading a clause

_TITLE_KIND = ((Kind.CALL, re.compile(r"\b(?:(?:phone|telephone|video)\s+)?call\b(?!\s+for)", re.I)),
               (Kind.MEETING, re.compile(r"\b(?:meeting|meets|talks)\b", re.I)),
               (Kind.VISIT, re.compile(r"\b(?:visit|visits|trip)\b", re.I)),
               (Kind.STATEMENT, re.compile(r"\bjoint\s+statement\b", re.I)))


def _title_kind(title: str) -> Kind | None:
    for kind, rule in _TITLE_KIND:
        if rule.search(title):
            return kind
    return None


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence, split before "; " so that two reported encounters stay apart."""
    out, pos = [], s
    for m in re.finditer(r";\s+", text[s:e]):
        out.append((pos, s + m.start()))
        pos = s + m.end()
    out.append((pos, e))
    return out


def _read_clause(p, r, text, s, e, si, title, events, dates, published, ref, people, orgs,
                 series, abbrs, counts, hits, countries) -> None:
    sent = text[s:e]
    found: list[_Event] = []
    lo, hi = bisect_left(hits[0], s), bisect_left(hits[0], e)
    if lo == hi and not _ANAPHOR.match(sent) and not any(s <= m.start < e for m in series) and not any(
            a in sent for a in abbrs):
        return  # no event word, series name or anaphor in the clause
    rounds = _series_mentions(p, r, text, s, e, series, abbrs, title, hits[1][lo:hi])
    for at, end, name, ordinal, pair, recalled, copula in rounds:
        if copula:
            main = next((ev for ev in events if ev.kind == Kind.DIALOGUE_ROUND
                         and ev.series == name and not ev.recalled), None)
            if main is not None:
                main.ordinal = main.ordinal or ordinal
                main.spans.append((s, e))
                continue
        ev = _Event(Kind.DIALOGUE_ROUND, at, si, stop=end, recalled=recalled, series=name,
                    ordinal=ordinal, parties=list(pair))
        found.append(ev)
    if not title:
        found += _triggers(p, r, text, s, e, si, found, hits[1][lo:hi])
    if not found and _ANAPHOR.match(sent):
        last = next((ev for ev in reversed(events) if not ev.recalled), None)
        if last is not None:  # "This took place in Washington on July 22-23"
            if last.start is None:
                _when(last, text, s, e, dates, published, ref)
            if last.location is None:
                _where(p, r, text, s, e, last)
            last.spans.append((s, e))
    for ev in found:
        lo, hi = _scope(r, text, s, e, ev)
        _when(ev, text, lo, hi, dates, published, ref)
        _where(p, r, text, lo, hi, ev)
        _who(countries, text, lo, hi, ev, people, orgs, counts)
        ev.spans.append((s, e))
        _merge(events, ev, text, s, e)


_TRIGGERS = (("meeting_verb", Kind.MEETING, True), ("call_verb", Kind.CALL, True),
             ("visit_verb", Kind.VISIT, True), ("spoke", Kind.CALL, True),
             ("called", Kind.CALL, True), ("welcomed", Kind.MEETING, True),
             ("call_noun", Kind.CALL, False), ("visit_noun", Kind.VISIT, False),
             ("meeting_noun", Kind.MEETING, False), ("head", None, False))


_CASED = frozenset({"welcomed", "called", "head"})


def _all_hits(r, text: str) -> tuple[list[int], list[tuple[int, int, Kind | None, bool]]]:
    """Every event word and series head of the document, once: (starts, hits) by start."""
    lower = caseless(text)
    hits = sorted(((m.start(), m.end(), kind, verb) for key, kind, verb in _TRIGGERS
                   for m in r[key].finditer(text if key in _CASED else lower)),
                  key=lambda h: (h[0], h[1]))
    return [h[0] for h in hits], hits


def _triggers(p, r, text, s, e, si, rounds: list[_Event], hits) -> list[_Event]:
    """Event verbs and nouns of one clause (a clause reporting a round adds no meeting)."""
    out: list[_Event] = []
    for at, end, kind, verb in hits:
        if kind is None or end > e:
            continue
        left = text[max(s, at - 60):at]
        if r["future"].search(left) or r["not_event"].search(left):
            continue
        if kind == Kind.MEETING and any(ev.at - 80 <= at <= ev.stop + 30 or (
                ev.stop < at and (m := _SUBJECT_OF.match(text, ev.stop)) and m.end() >= end)
                for ev in rounds):
            continue  # "held the second session of the X", "the X (XC) met in": the round itself
        if kind == Kind.CALL and not verb and _CALL_FOR.match(text, end):
            continue  # "a call for", "a call was made for": no conversation
        if kind == Kind.MEETING and text[at:end].lower() in ("met", "meets", "hosted", "hosts",
                                                             "meeting", "meetings"):
            obj = _THING_OBJECT.match(text, end)
            if obj and obj.group("w") not in _person_nouns():
                continue  # "met the requirements", "hosted the exercise"
            if _FORCES.match(text, end):
                continue  # "has hosted U.S. forces for decades"
        om = (r["ordinal"].search(left) or r["nth_of"].search(left)) if (
            kind == Kind.MEETING and not verb) else None
        if om is not None and r["future"].search(text, max(s, at - 90), at - len(om.group(0))):
            continue  # "plan to hold a second round of talks"
        recalled = (not verb and bool(r["recall"].search(left) or _month_before(left))) or (
            verb and bool(_VERB_RECALL.search(left)))
        if verb and recalled and re.search(r"\bwho\s+(?:\w+\s+)?$", left):
            continue  # "Sullivan, who recently met with ...": background on a third person
        counterpart = _counterpart(text, end, e) - _country_table(p).keys()
        if any(o.kind == kind and o.recalled == recalled and not (
                verb and o.verb and counterpart and o.counterpart
                and not counterpart & o.counterpart) for o in out) or any(
                o.kind != kind and not verb and not recalled and at - o.at < 60 for o in out):
            continue  # "met ... for a meeting", "a phone call ... the call"
        if not recalled and not verb and _LATER_PAST.match(text, end):
            recalled = True  # "the visit to Washington in April", "the dialogue last summer"
        if not (verb or recalled) and kind == Kind.VISIT and not re.match(
                r"s?\s+(?:to|in)\s+(?:the\s+)?[A-Z]", text[end:end + 20]):
            continue  # "ended his visit": the visit already reported
        ev = _Event(kind, at, si, recalled=recalled)
        ev.same_day = verb and bool(_SAME_DAY.search(text, s, end))
        ev.delegations = verb and bool(_DELEGATIONS.search(text, s, at))
        if om is not None:
            ev.ordinal = _ordinal(om.group("o"))
        ev.counterpart = counterpart
        ev.verb = verb
        if not verb and kind == Kind.VISIT and text[end - 1:end] == "s":
            # "visits to Japan by the Prime Minister and by the Minister": one visit per visitor
            ev2 = [m for m in r["plural_by"].finditer(text, end, e)]
            for k in range(1, len(ev2)):
                twin = _Event(kind, at + k, si, recalled=recalled)
                twin.verb = False
                twin.twin = True
                out.append(twin)
        out.append(ev)
    out.sort(key=lambda ev: ev.at)
    return out


def _month_before(left: str) -> bool:
    """"their August meeting": a month right before the noun names an earlier encounter."""
    words = left.split()
    return bool(words) and words[-1] in _MONTHS


def _counterpart(text: str, pos: int, end: int) -> frozenset[str]:
    """The capitalised words right after the verb: whom the encounter was with."""
    chunk = text[pos:min(end, pos + 90)]
    cut = re.search(r"\b(?:to|on|at|in|yesterday|today|for|later|then|before|after|while|met|"
                    r"and\s+(?:later|then|also|separately))\b\s", chunk)
    chunk = chunk[:cut.start()] if cut else chunk
    return frozenset(w for w in re.findall(r"[A-Z][\w’'.-]+", chunk) if w not in _GENERIC)


_GENERIC = frozenset({"Minister", "Secretary", "Defense", "Defence", "Prime", "King", "Emir",
                      "Crown", "Prince", "Sultan", "President", "Chairman", "General", "Gen.",
                      "Lt.", "Foreign", "Affairs", "National", "Chief", "Staff", "Sheikh", "His",
                      "Majesty", "Highness", "Royal", "The", "Mr", "Mr.", "Ms.", "Dr."})


def _scope(r, text, s, e, ev: _Event) -> tuple[int, int]:
    """Where the trigger's own day and place are written: up to a report or purpose clause."""
    if ev.recalled:
        return ev.at, min(e, ev.at + 60)
    m = r["report"].search(text, ev.at + 3, e)
    return s, m.start() if m else e


# ---------------------------------------------------------------------------- series and rounds

def _series_mentions(p, r, text, s, e, series, abbrs, title, hits):
    """(at, end, name, ordinal, parties, recalled, copula) of every round named in [s, e)."""
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
        ordinal = _ordinal(om.group("o")) if om else None
        context = (title or om is not None or bool(r["of_context"].search(left))
                   or bool(_SUBJECT_OF.match(text, end)))
        if not context or (om is None and surface.endswith(("Meeting", "Summit"))):
            continue  # "Esper's Meeting with": a meeting; "the 49th ... Meeting": a round
        if re.search(r"\w['’]s\b", surface):
            continue
        recalled = bool(r["recall"].search(left)) and not title
        copula = bool(om and r["copula"].search(text[max(s, om.start() - 40):om.start()]))
        out.append((begin, end, name, ordinal, pair, recalled, copula))
    return out


def _walk_back(r, text, s, head_start, head_end) -> tuple[int, str | None]:
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
        if r["ordinal_words"].match(w.rstrip("-–—")) or w in _MONTHS:
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


@lru_cache(maxsize=4096)
def _canonical(p: Pipeline, surface: str) -> tuple[str | None, tuple[str, ...]]:
    """The series' name (gazetteer's if known), and the parties of a leading "X-Y" pair."""
    name = re.sub(r"(\w)-\s+", r"\1-", re.sub(r"\s+", " ", surface)).strip()  # "Japan- Australia"
    for lead in ("Joint Statement of the ", "Joint Statement on the ", "Joint Statement: ",
                 "Readout of the "):
        if name.startswith(lead):
            name = name[len(lead):]
    pair: tuple[str, ...] = ()
    codes = _country_table(p)
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
    return _series_names(p).get(name.lower())


def _abbreviations(text: str) -> dict[str, str]:
    """"... Joint Coordination Committee (JCC)": the abbreviation a document defines."""
    r = _rules()
    out = {}
    for m in _ABBR_DEF.finditer(text):
        for h in r["head"].finditer(text, max(0, m.start() - 120), m.start()):
            if text[h.end():m.start()].strip() == "":
                _, name = _walk_back(r, text, max(0, m.start() - 120), h.start(), h.end())
                if name:
                    out[m.group("a")] = name
    return out


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    m = re.match(r"(\d{1,3})(?:st|nd|rd|th)$", word)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------------- when, where, who

def _when(ev: _Event, text, lo, hi, dates, published, ref) -> None:
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


def _where(p: Pipeline, r, text, lo, hi, ev: _Event) -> None:
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
    gm = p.place_re.match(text, pos) if hasattr(p.place_re, "match") else None
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
    if first in _MONTHS or first.rstrip(".") in _NOT_PLACE or any(
            w in _NOT_PLACE for w in place.split()):
        return None, None, False
    parts = [x.strip() for x in place.split(",")]
    codes = _country_table(p)
    if len(parts) == 1 and place in codes:
        cap = re.match(r"\s+capital(?:\s+city)?(?:\s+of)?\s*,?\s+(?P<c>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)?)",
                       text[m.end():hi])
        if cap:  # "the US capital Washington"
            return cap.group("c"), codes[place], False
        return place, codes[place], True
    if place.startswith("the ") and place[4:] in codes:
        return place[4:], codes[place[4:]], True
    if any(x in codes for x in parts[:1]) or any(w in codes and i == 0 for i, w in enumerate(
            place.split())):
        return None, None, False  # "in Iraqi Security Forces", "to Jordan's army"
    # "Clark, Pampanga, Philippines" up to its country; "in Jeddah, Doe met": only the city
    last = max((i for i, x in enumerate(parts) if x in codes or x in p.place_of or x in ("D.C.",
                                                                                    "DC")),
               default=0)
    parts = parts[:last + 1]
    country = codes.get(parts[-1]) if len(parts) > 1 else None
    if len(parts) == 2 and country:
        return parts[0], country, False  # "Muscat, Oman": the city
    return ", ".join(parts), country, False


_NOT_PLACE = frozenset({"Secretary", "Minister", "President", "King", "Emir", "Prince", "General",
                        "Gen", "Adm", "Mr", "Ms", "Dr", "His", "Her", "Security", "Forces",
                        "Coalition", "Committee", "Dialogue", "Council", "Commission", "Agreement",
                        "Defense", "Ministry", "Department", "Government", "Staff", "Sheikh"})
def _who(countries, text, lo, hi, ev: _Event, people, orgs, counts: Counter) -> None:
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
    ev.parties = _pick(codes, counts)


def _pick(codes: Counter, counts: Counter) -> list[str]:
    ranked = sorted(codes, key=lambda c: (-counts.get(c, 0), -codes[c], c))
    top = [c for c, _ in counts.most_common()]
    chosen = ranked[:2]
    for c in top:
        if len(chosen) >= 2:
            break
        if c not in chosen:
            chosen.append(c)
    return sorted(chosen) if len(chosen) == 2 else []


def _party_counts(countries, text: str, body: int, people, orgs) -> Counter[str]:
    counts: Counter[str] = Counter()
    title_end = text.find("\n")
    for a, _, code in countries:
        if not title_end < a < body:
            counts[code] += 1
    for m in (*people, *orgs):
        if m.party:  # whose officials and institutions report: weighs more than a name
            counts[m.party] += 3
    return counts


def _body_start(text: str) -> int:
    """Where the body starts: after a title, an address and a date line (the corpus layout)."""
    lines = text.split("\n", 3)
    if len(lines) >= 3 and re.match(r"\s*https?://", lines[1]):
        return len(lines[0]) + len(lines[1]) + len(lines[2]) + 3
    return len(lines[0]) + 1 if lines else 0


def _dateline_day(text: str) -> dt.date | None:
    """A full date among the first lines, when no publication date is known: a year to give
    "August 15" (the copy's date, or the note's), never a day for an encounter."""
    head = "\n".join(text.split("\n", 4)[:4])
    for d in find_dates(head):
        if d.first:
            return d.first
    return None


# ---------------------------------------------------------------------------- merging

def _merge(events: list[_Event], ev: _Event, text: str, s: int, e: int) -> None:
    """Add ``ev``, or fold it into the encounter it repeats."""
    same = None
    if ev.kind == Kind.MEETING and ev.ordinal is not None:
        # "during the third meeting", "a second round of talks": a session of the series
        rounds = [o for o in events if o.kind == Kind.DIALOGUE_ROUND]
        if not rounds:
            ev.ordinal = None
        else:
            ev.kind = Kind.DIALOGUE_ROUND
            fresh = next((o for o in rounds if not o.recalled), rounds[0])
            ev.series = fresh.series
            ev.recalled = ev.recalled or (fresh.ordinal is not None and ev.ordinal != fresh.ordinal)
    for o in events:
        if o.kind != ev.kind or o.recalled != ev.recalled:
            continue
        if ev.kind == Kind.DIALOGUE_ROUND:
            same_series = o.series == ev.series or _same_series(o.series, ev.series)
            if same_series and (ev.ordinal == o.ordinal or (not ev.recalled and (
                    ev.ordinal is None or o.ordinal is None))):
                same = o
                break
            continue
        if ev.twin or o.twin:
            continue
        if not ev.verb:
            same = o  # a noun refers back to the encounter of its kind
            break
        if ev.counterpart and o.counterpart and ev.counterpart & o.counterpart:
            same = o
            break
        if not ev.counterpart and ev.sent != o.sent and "also" not in text[s:ev.at]:
            same = o
            break
    if ev.kind == Kind.MEETING and not ev.verb and not ev.recalled:
        # a noun with no encounter of its kind: a meeting noun next to a round is the round
        rnd = next((o for o in events if o.kind == Kind.DIALOGUE_ROUND and not o.recalled), None)
        if same is None and rnd is not None:
            same = rnd
    if same is None:
        if ev.kind != Kind.DIALOGUE_ROUND and not ev.verb and not ev.recalled \
                and any(o.kind in (Kind.MEETING, Kind.VISIT, Kind.CALL) and not o.recalled
                        and o.kind != ev.kind for o in events) and ev.kind == Kind.MEETING:
            return  # "the meeting" in a report of a call or visit: not another encounter
        events.append(ev)
        return
    if ev.kind == Kind.DIALOGUE_ROUND and len(ev.series or "") > len(same.series or ""):
        same.series = ev.series
    same.ordinal = same.ordinal or ev.ordinal
    if same.start is None and ev.start is not None:
        same.start, same.end = ev.start, ev.end
    if ev.loc_rank < same.loc_rank and (same.location is None or ev.kind == Kind.DIALOGUE_ROUND):
        same.location, same.loc_country, same.loc_rank = ev.location, ev.loc_country, ev.loc_rank
    if not same.parties:
        same.parties = ev.parties
    same.spans.append((s, e))


def _same_series(a: str | None, b: str | None) -> bool:
    """"2+2 ... Consultations" and "Japan-Australia 2+2 ... Consultations" are one series."""
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return a.endswith(b) or b.endswith(a)


def _fill(events: list[_Event], counts: Counter) -> None:
    """What the context supplies: a visit's day and place for the encounters during it,
    the city already named for a country, the document's parties, one series name."""
    visit = None
    for ev in events:
        if ev.recalled:
            continue
        if ev.kind == Kind.VISIT:
            visit = ev
            continue
        if visit is not None and ev.at > visit.at and ev.kind == Kind.MEETING:
            if ev.start is None:
                ev.start, ev.end = visit.start, visit.end
            if ev.location is None or (ev.loc_rank > 4 and ev.loc_country == visit.loc_country):
                ev.location, ev.loc_country = visit.location, visit.loc_country
    rnd = next((ev for ev in events if ev.kind == Kind.DIALOGUE_ROUND and not ev.recalled), None)
    for ev in [ev for ev in events if ev.delegations and ev.kind == Kind.MEETING]:
        if rnd is not None and not ev.recalled:  # "delegations led by ... met in Washington"
            rnd.spans += ev.spans
            rnd.location = rnd.location or ev.location
            rnd.start, rnd.end = rnd.start or ev.start, rnd.end or ev.end
            events.remove(ev)
    prev = None
    for ev in events:  # "Later, Doe met with ...", "He also spoke with ...": the same day
        if ev.recalled:
            continue
        if (prev is not None and ev.start is None and ev.kind in (Kind.MEETING, Kind.CALL)
                and ev.same_day):
            ev.start, ev.end = prev.start, prev.end
        prev = ev
    fresh = [ev for ev in events if not ev.recalled and ev.loc_rank <= 4]
    for ev in events:
        if ev.location and ev.loc_rank > 4:
            city = next((o for o in fresh if o is not ev and o.loc_country == ev.loc_country
                         and o.location != ev.location), None)
            if city is not None:
                ev.location, ev.loc_rank = city.location, city.loc_rank
    by_series: dict[str, list[_Event]] = {}
    for ev in events:
        if ev.kind == Kind.DIALOGUE_ROUND and not ev.recalled and ev.series:
            by_series.setdefault(ev.series, []).append(ev)
    for group in by_series.values():
        main = next((ev for ev in group if ev.start), group[0])
        for ev in group:
            if ev is not main and ev.ordinal and main.ordinal and ev.ordinal < main.ordinal:
                ev.recalled = True  # "the inaugural dialogue": an earlier round
    names = [ev.series for ev in events if ev.series]
    for ev in events:
        if ev.series:
            ev.series = max((n for n in names if _same_series(n, ev.series)), key=len)
    for ev in events:
        if ev.series:  # every round of a series: the same two parties
            main = next((o for o in events if o.series == ev.series and not o.recalled), None)
            if main is not None and main is not ev and main.parties:
                ev.parties = main.parties
        if not ev.parties:
            ev.parties = _pick(Counter(), counts)


def _to_mentions(events: list[_Event]) -> list[EventMention]:
    # the document is about what its title or its earliest report names
    fresh = [ev for ev in events if not ev.recalled]
    main = min(fresh, key=lambda ev: (min(ev.spans)[0] if ev.spans else ev.at,
                                      ev.kind != Kind.DIALOGUE_ROUND, ev.at), default=None)
    out = []
    for ev in sorted(events, key=lambda ev: ev.at):
        spans = sorted(set(ev.spans))
        out.append(EventMention(
            kind=ev.kind, series=ev.series, ordinal=ev.ordinal, start=ev.start,
            end=ev.end or ev.start, location=ev.location, parties=ev.parties,
            evidence=[Span(start=a, end=b) for a, b in spans], main=ev is main))
    return out
