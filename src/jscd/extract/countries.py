"""Every ISO 3166-1 country, by the names and demonyms diplomatic texts use for it.

A statement's actor may be any country ("Kenya and the United States decided…"), not only the
31 the gazetteer lists, so this index covers all 249 of pycountry's ISO 3166-1 entries from
``data/demonyms.yaml``. The packaged ``places.yaml`` stays authoritative: where it lists a form
for a country, that country wins, so the two files can never give one surface two codes.

Matching is exact and case-sensitive ("US" is a country, "us" is not; "Turkey" is, "turkey" is
not) and word-bounded ("US" in "USA" is not a match, "U.S." in "U.S.-Jordan" is). Names that
contain a country but are not one ("Indian Ocean", "Gulf of Oman") and forms shared by two
countries ("Congolese") are data in the YAML, matched and consumed but resolved to no code: an
actor that cannot be told is left unknown, never guessed.

The module is pure (stdlib, pycountry, PyYAML, ``jscd.core``) so any pipeline can use it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jscd.core.errors import InputError
from jscd.core.vocab import is_party_code
from jscd.core.yamlfile import line_of, load_yaml
from jscd.extract.errors import GazetteerError

__all__ = [
    "Country",
    "CountryIndex",
    "code_of",
    "country_index",
    "demonym_of",
    "find",
    "load_country_index",
    "name_of",
    "parties_in",
]

SUPPORTED_VERSION = 1

_ENTRY_FIELDS = {"names", "demonyms", "plurals", "note"}
_REQUIRED_FIELDS = {"names", "demonyms"}
_POSSESSIVES = ("’s", "'s")
_ARTICLES = ("the ", "The ")
# Placed after a surface's first character: the character before that one is no word character.
_NOT_AFTER_WORD = r"(?<![\w][\s\S])"


@dataclass(frozen=True)
class Country:
    """One country and every form that names it.

    ``names[0]`` is the short name texts use and ``demonyms[0]`` the usual adjective; the rest
    are alternatives. ``nisba`` (Arabic attributive forms, from places.yaml) are kept for callers
    that read names, but never matched: "al-Libi" is a person, not Libya.
    """

    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    plurals: tuple[str, ...] = ()
    nisba: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def demonym(self) -> str:
        return self.demonyms[0]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every matched surface: names, demonyms and plural nouns."""
        return self.names + self.demonyms + self.plurals


class CountryIndex:
    """Countries with a surface → code table and one compiled matcher over all surfaces.

    Build it with :func:`load_country_index` (or the cached :func:`country_index`); it is
    immutable afterwards, so one instance serves every document and thread.
    """

    def __init__(self, countries: Mapping[str, Country], surfaces: Mapping[str, str | None]) -> None:
        self.countries: Mapping[str, Country] = dict(countries)
        # surface -> code; None for a form that is matched but names no single country.
        self._surfaces: dict[str, str | None] = _with_apostrophe_twins(surfaces)
        self._pattern = _compile(self._surfaces)

    def __len__(self) -> int:
        return len(self.countries)

    def __contains__(self, code: object) -> bool:
        return code in self.countries

    def code_of(self, surface: str) -> str | None:
        """The alpha-3 code a surface names exactly, or None.

        A trailing possessive ("Iraq’s", "Iraqis'") and a leading "the"/"The" are tolerated
        because subjects arrive that way from a parse ("the United States'", "The UAE's").
        Ambiguous forms and non-countries give None.
        """
        for candidate in _variants(surface):
            if candidate in self._surfaces:
                return self._surfaces[candidate]
        return None

    def name_of(self, code: str) -> str | None:
        country = self.countries.get(code)
        return country.name if country else None

    def demonym_of(self, code: str) -> str | None:
        country = self.countries.get(code)
        return country.demonym if country else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every country name or demonym in ``text`` as ``(start, end, code)``, in text order.

        Longest match first and no overlaps ("Papua New Guinea" is PNG, never Guinea); matches
        are word-bounded but a hyphen or an apostrophe bounds a word, so "U.S.-Jordan" gives USA
        and JOR and "Iraq’s" gives IRQ over "Iraq". ``text[start:end]`` is the surface itself,
        without a possessive or a leading "the".
        """
        surfaces = self._surfaces
        found = []
        for m in self._pattern.finditer(text):
            code = surfaces[m.group()]
            if code is not None:
                found.append((m.start(), m.end(), code))
        return found

    def parties_in(self, text: str) -> Counter[str]:
        """How often each country is mentioned in ``text``."""
        return Counter(code for _, _, code in self.find(text))


def _with_apostrophe_twins(surfaces: Mapping[str, str | None]) -> dict[str, str | None]:
    """Every form with a straight apostrophe also with a typographic one, and the reverse.

    Readouts are typeset ("People’s Republic of China") as often as typed, and the data file
    should not have to list each form twice.
    """
    result = dict(surfaces)
    for form, code in surfaces.items():
        for a, b in (("'", "’"), ("’", "'")):
            if a in form:
                result.setdefault(form.replace(a, b), code)
    return result


def _variants(surface: str) -> Iterable[str]:
    yield surface
    bare = surface
    for suffix in _POSSESSIVES:
        if bare.endswith(suffix):
            bare = bare[: -len(suffix)]
            break
    else:
        if bare.endswith(("s'", "s’")):
            bare = bare[:-1]
    if bare != surface:
        yield bare
    for article in _ARTICLES:
        if bare.startswith(article):
            yield bare[len(article):]


def _compile(surfaces: Iterable[str]) -> re.Pattern[str]:
    """One regex over every surface, as a character trie, so a text is scanned once.

    A flat alternation of ~1,700 strings makes the engine try each one at every position; the
    trie shares prefixes, so a position that starts no surface fails on its first character.
    Greedy optional tails try the longest surface first and back off to a shorter one only when
    the longer is not followed by a word boundary. The "no word character before" test sits after
    each first character (a two-character lookbehind) rather than in front of the pattern, so
    the engine can still skip ahead to positions holding a possible first character: this
    halves the time of a scan.
    """
    trie: dict[str, dict] = {}
    for surface in surfaces:
        node = trie
        for ch in surface:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict], first: bool = False) -> str:
        after = _NOT_AFTER_WORD if first else ""
        branches = [re.escape(ch) + after + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie, first=True) + r"(?!\w)")


class _Check:
    """Raises GazetteerError naming the file, the line and the entry, as gazetteer.py does."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, message: str, where: Any = None, entry: str | None = None) -> GazetteerError:
        return GazetteerError(message, file=self.path, line=line_of(where), field=entry)

    def forms(self, entry: Mapping, key: str, code: str, *, required: bool) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not value:
            raise self.fail(f"field {key!r} must be a non-empty list of strings, got {value!r}",
                            entry, code)
        for form in value:
            if not isinstance(form, str) or not form.strip() or form != form.strip():
                raise self.fail(f"field {key!r}: {form!r} is not a trimmed, non-empty string",
                                entry, code)
            if form.startswith(_ARTICLES):
                raise self.fail(f"field {key!r}: write {form!r} without the leading article "
                                "(a leading 'the' is never part of a match)", entry, code)
        return tuple(dict.fromkeys(value))


def _read(path: Path, check: _Check) -> dict:
    try:
        data = load_yaml(path)
    except InputError as exc:
        raise GazetteerError(exc.message, file=check.path, line=exc.line) from None
    if not isinstance(data, dict) or data.get("version") != SUPPORTED_VERSION:
        raise check.fail(f"expected a mapping with version: {SUPPORTED_VERSION}", data)
    return data


def _code(check: _Check, code: Any, where: Any) -> str:
    if not isinstance(code, str) or not is_party_code(code):
        raise check.fail(f"{code!r} is not an ISO 3166-1 alpha-3 code", where, str(code))
    return code


def _load_demonyms(path: Path) -> tuple[dict[str, Country], dict[str, str | None]]:
    check = _Check(str(path))
    data = _read(path, check)
    unknown = set(data) - {"version", "countries", "ambiguous", "not_countries"}
    if unknown:
        raise check.fail(f"unknown section(s) {', '.join(sorted(map(str, unknown)))}", data)

    ambiguous = data.get("ambiguous") or {}
    if not isinstance(ambiguous, dict):
        raise check.fail("'ambiguous' must map a form to the codes it may name", ambiguous)
    for form, codes in ambiguous.items():
        if not isinstance(codes, list) or len(codes) < 2:
            raise check.fail("must list at least two codes", codes or ambiguous,
                             f"ambiguous.{form}")
        for code in codes:
            _code(check, code, codes)

    entries = data.get("countries")
    if not isinstance(entries, dict) or not entries:
        raise check.fail("'countries' must map alpha-3 codes to entries", data)
    countries: dict[str, Country] = {}
    owner: dict[str, str] = {}
    for code, entry in entries.items():
        _code(check, code, entry)
        if not isinstance(entry, dict):
            raise check.fail(f"expected a mapping, got {type(entry).__name__}", entry, code)
        missing = _REQUIRED_FIELDS - set(entry)
        if missing:
            raise check.fail(f"missing field(s) {', '.join(sorted(missing))}", entry, code)
        extra = set(entry) - _ENTRY_FIELDS
        if extra:
            raise check.fail(f"unknown field(s) {', '.join(sorted(map(str, extra)))}", entry, code)
        if "note" in entry and not isinstance(entry["note"], str):
            raise check.fail("field 'note' must be a string", entry, code)
        country = Country(
            code,
            check.forms(entry, "names", code, required=True),
            check.forms(entry, "demonyms", code, required=True),
            check.forms(entry, "plurals", code, required=False),
        )
        for form in country.forms:
            other = owner.setdefault(form, code)
            if other != code and form not in ambiguous:
                raise check.fail(f"{form!r} is also a form of {other}; list it under "
                                 "'ambiguous' or keep it in one country", entry, code)
        countries[code] = country

    surfaces: dict[str, str | None] = dict(owner)
    for form in ambiguous:
        surfaces[form] = None

    excluded = data.get("not_countries") or []
    if not isinstance(excluded, list):
        raise check.fail("'not_countries' must be a list of names", excluded, "not_countries")
    for form in excluded:
        if not isinstance(form, str) or not form.strip():
            raise check.fail(f"{form!r} is not a non-empty string", excluded, "not_countries")
        if form in surfaces:
            raise check.fail(f"{form!r} is a country form ({surfaces[form] or 'ambiguous'}); "
                             "it cannot also be excluded", excluded, "not_countries")
        surfaces[form] = None
    return countries, surfaces


def _merge_places(path: Path, countries: dict[str, Country],
                  surfaces: dict[str, str | None]) -> None:
    """Add places.yaml's forms; where both files list a form, places.yaml's country wins."""
    check = _Check(str(path))
    data = _read(path, check)
    for entry in data.get("countries") or []:
        if not isinstance(entry, dict) or "code" not in entry or "names" not in entry:
            raise check.fail("a country needs code and names", entry)
        code = _code(check, entry["code"], entry)
        lists = {key: entry.get(key) or [] for key in ("names", "demonyms", "nisba")}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise check.fail(f"field {key!r} must be a list of strings", entry, code)
        names, demonyms = (tuple(_strip_article(v) for v in lists[k]) for k in ("names", "demonyms"))
        base = countries.get(code) or Country(code, names, demonyms or names)
        countries[code] = Country(
            code,
            tuple(dict.fromkeys(base.names + names)),
            tuple(dict.fromkeys(base.demonyms + demonyms)),
            base.plurals,
            tuple(dict.fromkeys(base.nisba + tuple(lists["nisba"]))),
        )
        for form in names + demonyms:
            previous = surfaces.get(form)
            if previous is not None and previous != code:
                _drop_form(countries, previous, form)
            surfaces[form] = code


def _strip_article(form: str) -> str:
    for article in _ARTICLES:
        if form.startswith(article):
            return form[len(article):]
    return form


def _drop_form(countries: dict[str, Country], code: str, form: str) -> None:
    c = countries[code]
    keep = [tuple(f for f in forms if f != form) for forms in (c.names, c.demonyms, c.plurals)]
    countries[code] = Country(code, keep[0] or c.names, keep[1] or c.demonyms, keep[2], c.nisba)


def load_country_index(path: str | Path, places: str | Path | None = None) -> CountryIndex:
    """Read and validate a demonym file (and, if given, places.yaml's countries).

    A bad entry raises :class:`GazetteerError` naming the file, the line and the entry: a
    silently skipped country would make every document about it lose its actor.
    """
    countries, surfaces = _load_demonyms(Path(path))
    if places is not None:
        _merge_places(Path(places), countries, surfaces)
    return CountryIndex(countries, surfaces)


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    """The packaged index (demonyms.yaml merged with places.yaml), built once per process."""
    data = resources.files("jscd.extract") / "data"
    return load_country_index(Path(str(data / "demonyms.yaml")), Path(str(data / "places.yaml")))


def code_of(surface: str) -> str | None:
    """The alpha-3 code ``surface`` names (see :meth:`CountryIndex.code_of`)."""
    return country_index().code_of(surface)


def name_of(code: str) -> str | None:
    """The short name of ``code`` ("Republic of Korea" for KOR), or None for an unknown code."""
    return country_index().name_of(code)


def demonym_of(code: str) -> str | None:
    """The usual adjective of ``code`` ("Emirati" for ARE), or None for an unknown code."""
    return country_index().demonym_of(code)


def find(text: str) -> list[tuple[int, int, str]]:
    """Every country mention in ``text`` as ``(start, end, code)`` (see :meth:`CountryIndex.find`)."""
    return country_index().find(text)


def parties_in(text: str) -> Counter[str]:
    """How often each country is mentioned in ``text``."""
    return country_index().parties_in(text)
