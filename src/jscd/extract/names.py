"""Names: normalising Arabic transliteration variants and resolving them to canonical people.

Reports write the same minister as "Thabit al-Abbasi", "Thabet Al-Abbasi" and "Thabit
Al-Abbas". We compare normalised forms (case, the article al-/el-, hyphens, accents, middle
initials and suffixes removed) first exactly, then with rapidfuzz, using jellyfish's
Jaro-Winkler on the family name as a cheap gate. An exact normalised match is the same name;
a fuzzy one is resolved *and* reported as a ``name_variant`` conflict, never silently merged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from jscd.extract.gazetteer import Gazetteer, Person

__all__ = ["NameIndex", "NameMatch", "normalize_name", "surname_key"]

_ARTICLE = re.compile(r"\b(?:al|el|al|ul)[\s\-‐]+", re.IGNORECASE)
_DROP = {"jr", "sr", "ii", "iii", "iv"}
_VOWELS = set("aeiou")


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """Lower-case ASCII form with the Arabic article written one way and initials dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "").replace("'", "").replace("‘", "")
    text = _ARTICLE.sub("al ", text.lower())
    words = re.split(r"[\s\-‐.,]+", text)
    words = [w for w in words if len(w) > 1 and w not in _DROP]
    return " ".join(words)


def surname_key(name: str) -> str:
    """The family name without the article: 'al-Abbasi' -> 'abbasi'."""
    words = [w for w in normalize_name(name).split() if w != "al"]
    return words[-1] if words else ""


@dataclass(frozen=True)
class NameMatch:
    person: Person
    exact: bool  # the surface is the canonical name or a listed alias (after normalising)
    score: float


class NameIndex:
    """Every known person's normalised forms, looked up exactly and then fuzzily."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.exact: dict[str, Person] = {}
        self.by_surname: dict[str, list[Person]] = {}
        self.forms: dict[str, list[str]] = {}
        for person in gazetteer.people:
            forms = [normalize_name(f) for f in (person.name, *person.aliases)]
            self.forms[person.name] = forms
            for form in forms:
                self.exact.setdefault(form, person)
            self.by_surname.setdefault(surname_key(person.name), []).append(person)
        self._surnames = list(self.by_surname)
        self._memo: dict[str, NameMatch | None] = {}

    def match(self, surface: str) -> NameMatch | None:
        """Resolve a full name (two words or more) to a known person, or None."""
        norm = normalize_name(surface)
        if norm not in self._memo:
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[norm] = self._match(surface, norm)
        return self._memo[norm]

    def _match(self, surface: str, norm: str) -> NameMatch | None:
        if len(norm.split()) < 2:
            return None
        if norm in self.exact:
            return NameMatch(self.exact[norm], True, 100.0)
        key = surname_key(surface)
        best: NameMatch | None = None
        for surname in self._surnames:
            # transliterations differ in a first vowel too (Ubaidi / Obaidi, Uthman / Othman)
            if (surname[:1] != key[:1] and not (surname[:1] in _VOWELS and key[:1] in _VOWELS)) or abs(
                    len(surname) - len(key)) > 3:
                continue
            if jellyfish.jaro_winkler_similarity(key, surname) < 0.88:
                continue
            for person in self.by_surname[surname]:
                score = max(fuzz.ratio(norm, f) for f in self.forms[person.name])
                given_ok = norm.split()[0][:1] == self.forms[person.name][0].split()[0][:1]
                if score >= 85 and given_ok and (best is None or score > best.score):
                    best = NameMatch(person, False, score)
                elif best is None and self._shortened(norm, person):
                    best = NameMatch(person, False, 85.0)
        return best

    def _shortened(self, norm: str, person: Person) -> bool:
        """'Badr al Busaidi' for 'Badr bin Saud Al Busaidi': given and family name the same,
        the patronymic left out (a variant to report, not a different person)."""
        words = norm.split()
        for form in self.forms[person.name]:
            full = form.split()
            if len(full) > len(words) and words[0] == full[0] and words[-1] == full[-1] and set(
                    words) <= set(full):
                return True
        return False

    def by_family_name(self, surface: str) -> list[Person]:
        """People whose family name is ``surface`` ('Sudani', 'al-Abbasi', 'Austin')."""
        return list(self.by_surname.get(surname_key(surface), []))
