"""People and organizations in one document, and the conflicts their names reveal.

People are found three ways: a known name or alias (exactly or fuzzily, see ``names``), a
family name after a title or already introduced in full ("Prime Minister Sudani",
"al-Abbasi"), and an unknown name after a title ("Minister of Defense X Y"). Titles come from
the officeholder's appointment on the document's date, so a report of 2024 calls Charles Q.
Brown Chairman and one of 2022 does not.

Organizations are :mod:`jscd.extract.organizations`' (``EntityFinder.organizations`` hands
them over, so callers keep one finder).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc

from jscd.core.extraction import Conflict, PersonMention
from jscd.extract.gazetteer import Person
from jscd.extract.mentions import Mention
from jscd.extract.names import NameIndex, normalize_name
from jscd.extract.organizations import OrganizationFinder, to_org
from jscd.extract.patterns import alternation, compile_rule
from jscd.extract.pipeline import Pipeline
from jscd.extract.tokens import Tokens

__all__ = ["EntityFinder", "Mention", "to_org", "to_person"]

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"  # capitals of Latin-script names
_LOW = "a-zß-öø-ÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżž"
_NAME_WORD = (rf"(?:(?:al|el|Al|El|bin|ibn|Abu|Abd|Abdul)[-‐ ][{_UP}][\w’']+"
              rf"|[{_UP}][{_LOW}][\w’']*(?:-[{_UP}][\w’']+)?|[{_UP}]\.(?:[{_UP}]\.)?)")
_NAME_SEQ = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD})*")
_POSSESSIVE = re.compile(r"[’']s$")
_REGNAL_WORDS = {"I", "II", "III", "IV", "V", "VI"}
_NICKNAME = re.compile(r"\b([A-Z][a-z]+) [“\"]([A-Z][a-z]+)[”\"] ([A-Z][\w’'-]+)")


def _spelling(name: str) -> str:
    """A name as spelled: accents and case folded, everything else (hyphens, letters) kept."""
    text = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\w+)\s+$", text[max(0, pos - 30):pos])
    return m.group(1) if m else ""
_REGNAL = re.compile(r" (?:I|II|III|IV|V|VI)\b")
_CONNECTORS = {"of", "the", "and", "for", "to", "on", "in", "–", "-", "—", "&"}
_NOT_NAME = {
    "The", "This", "That", "These", "Joint", "Staff", "Command", "Department", "Ministry",
    "Forces", "Force", "Service", "Council", "Agency", "Dialogue", "Office", "Committee",
    "Commission", "Coalition", "Security", "Defense", "Defence", "Military", "Army", "Navy",
    "Air", "Government", "State", "National", "Embassy", "News", "Operations", "Cooperation",
    "Strategic", "Framework", "Agreement", "During", "On", "In", "And", "But", "While", "Both",
    "General", "Minister", "Secretary",
}


class EntityFinder:
    """Finds people and organizations; holds the indexes built from the gazetteers."""

    def __init__(self, pipeline: Pipeline) -> None:
        g = pipeline.gazetteer
        self.p = pipeline
        self.names = NameIndex(g)
        self.title_of: dict[str, str] = {}
        for t in g.titles:
            for form in (t.title, *t.aliases):
                self.title_of[form] = t.title
        titles = sorted(self.title_of, key=len, reverse=True)
        ranks = sorted(g.ranks, key=len, reverse=True)
        demonyms = sorted({d for c in g.countries for d in c.demonyms}, key=len, reverse=True)
        alt = alternation(titles)
        self.title_re = compile_rule(rf"(?<![\w])(?:{alt})(?![\w])")
        self.rank_re = re.compile(rf"^(?:{alternation(ranks)}\s+)+")
        self.demonym_re = alternation(demonyms)
        self.party_of_demonym = {d: c.code for c in g.countries for d in c.demonyms}
        self.nisba_of = {n.lower(): c for c in g.countries for n in c.nisba}
        self.title_words = {w for t in titles for w in t.split()} | {
            w for r in g.ranks for w in r.split()} | set(self.party_of_demonym)
        self.nisba_re = compile_rule(
            rf"\b({self.demonym_re})[-‐ ]({self.demonym_re}) ({alt})\b"
        )
        self.orgs = OrganizationFinder(pipeline)
        self.title_party = {t.title: t.party for t in g.titles if t.party}
        self.honorifics = tuple(g.honorifics)
        self.title_heads = {"Secretary", "Minister", "President", "General", "Ambassador", "Chairman",
                            "Admiral", "King", "Emir", "Sultan", "Prince", "Senator"}
        self.org_party = sorted(((form, o.party) for o in g.organizations if o.party
                                 for form in (o.name, *o.aliases) if len(form) > 3),
                                key=lambda fp: -len(fp[0]))
        # words that end a name after a title: institutions' words, and every word of a
        # place, country or abbreviation the gazetteer knows ("Minister of Defense in Amman")
        self.not_name = _NOT_NAME | {
            w for form in (*pipeline.place_of, *pipeline.country_of,
                           *(a for o in g.organizations for a in o.abbreviations))
            for w in form.split()}
        self._sequence = lru_cache(maxsize=65536)(self._read_sequence)

    def organizations(self, doc: Doc, tokens: Tokens, text: str
                      ) -> tuple[list[Mention], list[Mention], list[Conflict]]:
        """Organization mentions, series mentions (for rounds) and conflicts."""
        return self.orgs.organizations(doc, tokens, text)

    # ---- people --------------------------------------------------------------------------
    def people(
        self, text: str, day: dt.date | None
    ) -> tuple[list[Mention], list[Conflict]]:
        found: list[Mention] = []
        conflicts: list[Conflict] = []
        known: set[str] = set()
        family: list[tuple[int, str, tuple[Person, ...]]] = []
        for m in _NAME_SEQ.finditer(text):
            read = self._sequence(m.group(0))
            if read is None:
                continue
            kind, offset, *rest = read
            if kind == "family":  # a family name that known people bear
                family.append((m.start() + offset, *rest))
                continue
            end, match = rest
            start, end = m.start() + offset, m.start() + end
            surface = text[start:end]
            known.add(match.person.name)
            found.append(self._person(match.person, start, end, surface, text, day))
            if not match.exact or self._spelled_apart(surface, match.person):
                conflicts.append(Conflict(kind="name_variant", surface=self._as_written(text, start, end),
                                          canonical=match.person.name))
        found += self._nicknamed(text, found, day)
        for wstart, word, people in family:
            titled = self._title_before(text, wstart)
            chosen = [p for p in people if p.name in known or (titled and p.holder_on(
                self.title_of[titled], day))]
            head = _word_before(text, wstart)
            if not chosen and head in self.title_heads:  # "Secretary Kerry"
                chosen = [p for p in people if any(head in a.title and (day is None or a.holds_on(day))
                                                   for a in p.appointments)]
            if len(chosen) == 1:
                found.append(self._person(chosen[0], wstart, wstart + len(word), word, text, day))
        found += self._unknown_people(text, found, day)
        found += self._surnames(text, found)
        found_c, conflicts_c = self._nisba(text, day)
        return sorted(found + found_c, key=lambda x: x.start), conflicts + conflicts_c

    def _spelled_apart(self, surface: str, person: Person) -> bool:
        """Same name, other spelling ("Al-Thani" for "Al Thani"): case aside, the report did not
        write any listed form, so the record shows the variant instead of hiding it."""
        key = _spelling(surface)
        return all(_spelling(form) != key for form in (person.name, *person.aliases))

    def _as_written(self, text: str, start: int, end: int) -> str:
        """The name with the honorific the report wrote before it ("Sheikh Tamim ...")."""
        before = text[max(0, start - 12):start]
        for h in self.honorifics:
            if before.endswith(h + " "):
                return text[start - len(h) - 1:end]
        return text[start:end]

    def _nicknamed(self, text: str, found: list[Mention], day) -> list[Mention]:
        """'Benjamin “Benny” Gantz': a quoted nickname between given and family name."""
        out = []
        taken = [(f.start, f.end) for f in found]
        for m in _NICKNAME.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            for cand in (f"{m.group(2)} {m.group(3)}", f"{m.group(1)} {m.group(3)}"):
                match = self.names.match(cand)
                if match:
                    out.append(self._person(match.person, m.start(), m.end(), m.group(0), text, day))
                    break
        return out

    def _read_sequence(self, seq: str) -> tuple | None:
        """What a run of capitalised words can name, with offsets relative to its start.

        ``("name", start, end, NameMatch)`` for the best known full name inside it; else
        ``("family", start, word, people)`` when it is one family name (titles aside) that
        known people bear; else None. Runs repeat within and across reports (names, titles,
        institutions), so :attr:`_sequence` caches this.
        """
        words = seq.split(" ")
        for k, w in enumerate(words):  # "Ash Carter's Meetings": a possessive ends the name
            if _POSSESSIVE.search(w) or (len(w) > 2 and w.endswith(("’", "'"))):
                words = [*words[:k], _POSSESSIVE.sub("", w).rstrip("’'")]
                break
        hit = self._best_full_name(words, _word_offsets(0, words))
        if hit is not None:
            return ("name", *hit)
        rest = [w for w in words if w not in self.title_words]
        if len(rest) != 1:
            return None
        word = _POSSESSIVE.sub("", rest[0])
        people = tuple(self.names.by_family_name(word))
        return ("family", seq.index(word), word, people) if people else None

    def _best_full_name(self, words: list[str], offsets: list[int]):
        best = None
        n = len(words)
        for i in range(n):
            if words[i] in self.title_words or words[i] in _CONNECTORS:
                continue
            for j in range(min(n, i + 5), i + 1, -1):
                cand = " ".join(words[i:j])
                match = self.names.match(cand)
                if match and (best is None or (match.exact, j - i) > (best[2].exact, best[3])):
                    best = (offsets[i], offsets[j - 1] + len(words[j - 1]), match, j - i)
        return None if best is None else best[:3]

    def _title_before(self, text: str, start: int) -> str | None:
        window = text[max(0, start - 60):start].rstrip(" ,")
        last = None
        for m in self.title_re.finditer(window):
            if m.end() >= len(window) - 1:
                last = m.group(0)
        return last

    def _person(self, person: Person, start: int, end: int, surface: str, text: str,
                day: dt.date | None) -> Mention:
        title = person.title_on(day)
        if title is None:
            near = self._title_before(text, start) or self._title_after(text, end)
            if near and person.holder_on(self.title_of[near], None):
                title = self.title_of[near]
        return Mention("person", start, end, person.name, surface, person.party, title)

    def _title_after(self, text: str, end: int) -> str | None:
        m = re.match(r",\s*(?:the\s+)?([^,.;]{3,60})", text[end:end + 70])
        if m:
            t = self.title_re.match(m.group(1))
            return t.group(0) if t else None
        return None

    def _unknown_people(self, text: str, found: list[Mention], day) -> list[Mention]:
        """'Minister of Defense X Y' where X Y is nobody we know: a new person, same title.

        Between the title and the name may stand "of <country>" ("Emir of Qatar Sheikh
        Tamim") and ranks or honorifics ("Lt. Gen.", "Navy Rear Adm.", "Sheikh"), which are
        part of neither. The party is the country named with the title (a demonym or name
        just before it, or "of X" after it), else the institution named in it ("Pentagon
        Press Secretary"), else the country whose office the title is (``titles.yaml``).
        """
        taken = [(f.start, f.end) for f in found]
        out = []
        for t in self.title_re.finditer(text):
            rest = text[t.end():t.end() + 120]
            of = re.match(r",? of (?:the )?((?:[A-Z][\w.’']*)(?: [A-Z][\w.’']*){0,3})", rest)
            skip = of.end() if of and self.p.countries(of.group(1)) else 0
            sep = re.match(r"[ ,]+", rest[skip:])
            if not sep:
                continue
            skip += sep.end()
            rank = self.rank_re.match(rest[skip:])
            if rank:
                skip += rank.end()
            m = re.match(rf"((?:{_NAME_WORD})(?: {_NAME_WORD}){{0,3}})", rest[skip:])
            if not m:
                continue
            words = m.group(1).split(" ")
            for k, w in enumerate(words):  # "Ash Carter's Meetings": the name ends at the possessive
                if _POSSESSIVE.search(w) or w.endswith(("’", "'")):
                    words = [*words[:k], _POSSESSIVE.sub("", w).rstrip("’'")]
                    break
            while words and (words[-1] in self.not_name or words[-1] in self.title_words):
                words.pop()
            if len(words) < 2 and not (rank and words) and not _REGNAL.match(rest[skip + m.end():]):
                continue
            if not words or any(w in self.not_name or w in self.title_words for w in words):
                continue
            name = _POSSESSIVE.sub("", " ".join(words))
            regnal = _REGNAL.match(rest[skip + len(name):])
            if regnal:
                name += regnal.group(0)
            start = t.end() + skip
            if any(s <= start < e for s, e in taken):
                continue
            title = self.title_of[t.group(0)]
            after = re.match(r" of (?:the )?((?:[A-Z][\w.’']*)(?: [A-Z][\w.’']*){0,3})", text[start + len(name):])
            of_text = (of.group(1) if of and of.end() <= skip else "") + " " + (after.group(1) if after else "")
            party = self._title_party(text, t.start(), t.group(0), of_text)
            out.append(Mention("person", start, start + len(name), name, name, party, title))
            taken.append((start, start + len(name)))
        return out

    def _title_party(self, text: str, title_start: int, title: str, of: str) -> str | None:
        before = re.split(r"[,;:(]|\bwith\b|\band\b", text[max(0, title_start - 60):title_start])[-1]
        for window in (of, before):
            found = self.p.countries(window)
            if found:
                return found[-1][2]
        for form, party in self.org_party:
            if form in title or form in before:
                return party
        return self.title_party.get(self.title_of.get(title, title))

    def _surnames(self, text: str, found: list[Mention]) -> list[Mention]:
        """'Hagel', 'Secretary Carter': a family name alone, after the full name was given."""
        taken = [(f.start, f.end) for f in found]
        out = []
        first: dict[str, Mention] = {}
        for f in sorted(found, key=lambda x: x.start):
            words = [w for w in f.name.split() if w not in _REGNAL_WORDS]
            if len(words) >= 2:
                first.setdefault(words[-1], f)
        for word, f in first.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                if m.start() <= f.start or any(s <= m.start() < e for s, e in taken):
                    continue
                out.append(Mention("person", m.start(), m.end(), f.name, word, f.party, f.title))
                taken.append((m.start(), m.end()))
        return out

    def _nisba(self, text: str, day) -> tuple[list[Mention], list[Conflict]]:
        """'Iraqi-Sudanese Prime Minister': al-Sudani's family name read as a nationality."""
        mentions, conflicts = [], []
        for m in self.nisba_re.finditer(text):
            first, second, title = m.group(1), m.group(2), self.title_of[m.group(3)]
            for party_word, nisba_word in ((first, second), (second, first)):
                party = self.party_of_demonym.get(party_word)
                country = next((c for c in self.p.gazetteer.countries
                                if nisba_word in c.demonyms), None)
                if country is None or party is None or country.code == party:
                    continue
                holders = [p for p in self.p.gazetteer.people if p.party == party
                           and p.holder_on(title, day)
                           and any(normalize_name(n) in normalize_name(p.name).split()
                                   for n in country.nisba)]
                if len(holders) == 1:
                    person = holders[0]
                    mentions.append(Mention("person", m.start(), m.end(), person.name,
                                            m.group(0), person.party, person.title_on(day)
                                            or title))
                    conflicts.append(Conflict(
                        kind="mistranslation", surface=m.group(0), canonical=person.name,
                        detail=f"the family name {person.name.split()[-1]} was rendered as "
                               f"the nationality {nisba_word!r}"))
                    break
        return mentions, conflicts

def _word_offsets(start: int, words: list[str]) -> list[int]:
    offsets, pos = [], start
    for w in words:
        offsets.append(pos)
        pos += len(w) + 1
    return offsets


def to_person(m: Mention) -> PersonMention:
    return PersonMention(name=m.name, surface=m.surface, party=m.party, title=m.title,
                         start=m.start, end=m.end)
