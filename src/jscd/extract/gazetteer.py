"""Gazetteers: the officeholders, institutions, titles, series and places jscd knows.

They are versioned YAML files inside the package (``data/*.yaml``) so that a new minister or
a new dialogue is a data change, reviewed like code. Every entry is validated on load and a
bad one raises :class:`GazetteerError` naming the file and line, because a silently skipped
entry would make the extractor quietly worse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from jscd.core.vocab import is_party_code
from jscd.extract.errors import GazetteerError

__all__ = [
    "Appointment",
    "Country",
    "Gazetteer",
    "Organization",
    "Person",
    "Place",
    "Series",
    "Title",
    "load_gazetteer",
    "load_yaml",
]

SUPPORTED_VERSION = 1


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Appointment:
    title: str
    start: dt.date | None
    end: dt.date | None
    office: str | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    party: str
    aliases: tuple[str, ...]
    appointments: tuple[Appointment, ...]

    def title_on(self, day: dt.date | None) -> str | None:
        """The title held on ``day``; without a day, only an unambiguous title is returned."""
        if day is not None:
            held = [a for a in self.appointments if a.holds_on(day)]
            return held[0].title if held else None
        titles = {a.title for a in self.appointments}
        return next(iter(titles)) if len(titles) == 1 else None

    def holder_on(self, title: str, day: dt.date | None) -> bool:
        return any(a.title == title and (day is None or a.holds_on(day)) for a in self.appointments)


@dataclass(frozen=True)
class Organization:
    name: str
    party: str | None
    domain: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Series:
    name: str
    abbreviations: tuple[str, ...]
    rounds: bool
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    nisba: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    title: str
    aliases: tuple[str, ...]
    party: str | None = None  # the country whose office it is when no country is named with it


@dataclass
class Gazetteer:
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)  # part of how a name is written
    lexicon: dict[str, Any] = field(default_factory=dict)


class _Checker:
    """Validates one file's entries and raises with its name and the entry's line."""

    def __init__(self, path: str, source: Path | None = None) -> None:
        self.path = path
        self.source = source  # the file itself, to find the line of a plain value

    def fail(self, entry: Any, message: str) -> GazetteerError:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        return GazetteerError(message, file=self.path, line=line)

    def fail_at(self, keys: tuple[str | int, ...], message: str) -> GazetteerError:
        """An error at the value under ``keys`` (mapping keys, list indexes): a plain value
        (a string, a list) remembers no line, so the file is read again to find it."""
        return GazetteerError(message, file=self.path, line=self.line_of(keys))

    def line_of(self, keys: tuple[str | int, ...]) -> int | None:
        """Line of the key (or list item) ``keys`` leads to, or of the last one found."""
        if self.source is None:
            return None
        try:
            node = yaml.compose(self.source.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            return None
        line = 1
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == key), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(
                    node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def keys(self, entry: Any, required: set[str], optional: set[str] = frozenset()) -> dict:
        if not isinstance(entry, dict):
            raise self.fail(entry, f"expected a mapping, got {type(entry).__name__}")
        present = set(entry) - {"__line__"}
        missing = required - present
        if missing:
            raise self.fail(entry, f"missing field(s) {', '.join(sorted(missing))}")
        unknown = present - required - set(optional)
        if unknown:
            raise self.fail(entry, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        return entry

    def text(self, entry: dict, key: str, *, nullable: bool = False) -> str | None:
        value = entry.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(entry, f"field {key!r} must be a non-empty string, got {value!r}")
        return value

    def texts(self, entry: dict, key: str) -> tuple[str, ...]:
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(entry, f"field {key!r} must be a list of strings, got {value!r}")
        return tuple(value)

    def party(self, entry: dict, key: str, *, nullable: bool = False) -> str | None:
        value = entry.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not is_party_code(value):
            raise self.fail(entry, f"field {key!r}: unknown party code {value!r}")
        return value

    def date(self, entry: dict, key: str) -> dt.date | None:
        value = entry.get(key)
        if value is None or isinstance(value, dt.date):
            return value
        raise self.fail(entry, f"field {key!r} must be an ISO date (YYYY-MM-DD), got {value!r}")


def load_yaml(path: Path | str, name: str | None = None) -> tuple[dict, _Checker]:
    """Read one versioned YAML file; the version is checked before anything else."""
    shown = name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise GazetteerError(f"not valid YAML: {exc}", file=shown, line=line) from None
    check = _Checker(shown, Path(path))
    if not isinstance(data, dict) or data.get("version") != SUPPORTED_VERSION:
        raise GazetteerError(
            f"expected a mapping with version: {SUPPORTED_VERSION}", file=shown, line=1
        )
    return data, check


def _people(data: dict, c: _Checker) -> list[Person]:
    people = []
    for e in data.get("people", []):
        c.keys(e, {"name", "party", "appointments"}, {"aliases"})
        appointments = []
        for a in e["appointments"] or []:
            c.keys(a, {"title"}, {"from", "until", "office"})
            start, end = c.date(a, "from"), c.date(a, "until")
            if start and end and end < start:
                raise c.fail(a, f"appointment ends ({end}) before it starts ({start})")
            appointments.append(
                Appointment(c.text(a, "title"), start, end, c.text(a, "office", nullable=True))
            )
        if not appointments:
            raise c.fail(e, f"{e['name']!r} has no appointment")
        people.append(
            Person(c.text(e, "name"), c.party(e, "party"), c.texts(e, "aliases"), tuple(appointments))
        )
    return people


def _organizations(data: dict, c: _Checker, countries: list[Country]) -> list[Organization]:
    orgs = []
    for e in data.get("organizations", []):
        c.keys(e, {"name", "party", "domain"}, {"abbreviations", "aliases"})
        orgs.append(Organization(
            c.text(e, "name"), c.party(e, "party", nullable=True), c.text(e, "domain"),
            c.texts(e, "abbreviations"), c.texts(e, "aliases"),
        ))
    for e in data.get("per_country", []):
        c.keys(e, {"name", "domain"}, {"aliases"})
        for country in countries:
            for demonym in country.demonyms[:1]:
                fill = {"demonym": demonym, "country": country.names[-1] if country.code == "USA"
                        else country.names[0]}
                try:
                    name = e["name"].format(**fill)
                    aliases = tuple(a.format(**fill) for a in c.texts(e, "aliases"))
                except (KeyError, IndexError) as exc:
                    raise c.fail(e, f"unknown placeholder {exc} (use {{demonym}}, {{country}})") from None
                orgs.append(Organization(name, country.code, c.text(e, "domain"), (), aliases))
    return orgs


@lru_cache(maxsize=4)
def load_gazetteer(directory: str | None = None) -> Gazetteer:
    """Load and validate every gazetteer file; cached, so a process reads them once."""
    base = Path(directory) if directory else Path(str(resources.files("jscd.extract") / "data"))

    def read(name: str) -> tuple[dict, _Checker]:
        return load_yaml(base / f"{name}.yaml", f"{name}.yaml")

    g = Gazetteer()
    data, c = read("places")
    for e in data.get("countries", []):
        c.keys(e, {"code", "names"}, {"demonyms", "nisba"})
        g.countries.append(Country(
            c.party(e, "code"), c.texts(e, "names"), c.texts(e, "demonyms"), c.texts(e, "nisba")
        ))
    for e in data.get("places", []):
        c.keys(e, {"name", "country"}, {"aliases"})
        g.places.append(Place(c.text(e, "name"), c.party(e, "country", nullable=True),
                              c.texts(e, "aliases")))
    data, c = read("people")
    g.people = _people(data, c)
    data, c = read("organizations")
    g.organizations = _organizations(data, c, g.countries)
    data, c = read("series")
    for e in data.get("series", []):
        c.keys(e, {"name", "rounds"}, {"abbreviations", "aliases"})
        if not isinstance(e["rounds"], bool):
            raise c.fail(e, "field 'rounds' must be true or false")
        g.series.append(Series(c.text(e, "name"), c.texts(e, "abbreviations"), e["rounds"],
                               c.texts(e, "aliases")))
    data, c = read("titles")
    for e in data.get("titles", []):
        c.keys(e, {"title"}, {"aliases", "party"})
        party = e.get("party")
        if party is not None and (not isinstance(party, str) or not is_party_code(party)):
            raise c.fail(e, f"field 'party' is not an ISO 3166-1 alpha-3 code: {party!r}")
        g.titles.append(Title(c.text(e, "title"), c.texts(e, "aliases"), party))
    g.ranks = list(c.texts(data, "ranks"))
    g.honorifics = list(c.texts(data, "honorifics")) if "honorifics" in data else []
    data, c = read("lexicon")
    _check_lexicon(data, c)
    g.lexicon = strip_lines(data)
    return g


def strip_lines(value: Any) -> Any:
    """The loader's values without the line numbers it keeps for error messages."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


_LEXICON_SECTIONS = {"version", "modality", "elaboration", "anaphora", "vague_object",
                     "categories"}
_LEXICON_PATTERNS = (("modality", "historical"), ("elaboration",), ("anaphora",),
                     ("vague_object",))


def _check_lexicon(lex: dict, c: _Checker) -> None:
    """What statements.py reads of ``lexicon.yaml`` (see the file's header): four patterns and
    the category rules. A section no code reads is refused, or it would be edited in vain."""
    import re

    from jscd.core.vocab import Category

    def sections(parent: dict, keys: tuple[str, ...], names: set[str]) -> None:
        for key in sorted(set(parent) - names - {"__line__"}, key=str):
            raise c.fail_at((*keys, key), f"unknown section {'.'.join((*keys, str(key)))!r}, "
                            f"which no code reads (known: {', '.join(sorted(names))})")
        for key in sorted(names - set(parent)):
            raise c.fail_at(keys, f"missing section {'.'.join((*keys, key))!r}")

    sections(lex, (), _LEXICON_SECTIONS)
    for key in ("modality", "categories"):
        if not isinstance(lex[key], dict):
            raise c.fail_at((key,), f"section {key!r} must be a mapping, got {lex[key]!r}")
    sections(lex["modality"], ("modality",), {"historical"})
    for keys in _LEXICON_PATTERNS:
        value = lex[keys[0]] if len(keys) == 1 else lex[keys[0]][keys[1]]
        try:
            if not isinstance(value, str):
                raise TypeError(f"expected a string, got {value!r}")
            re.compile(value, re.I)
        except (re.error, TypeError) as exc:
            raise c.fail_at(keys, f"{'.'.join(keys)}: bad regular expression: {exc}") from None
    categories = {x.value for x in Category}
    for category, rules in lex["categories"].items():
        if category == "__line__":
            continue
        if category not in categories:
            raise c.fail_at(("categories", category), f"unknown category {category!r}")
        if not isinstance(rules, list) or not rules:
            raise c.fail_at(("categories", category),
                            f"category {category}: expected a list of rules {{re: ..., w: ...}}")
        for n, rule in enumerate(rules):
            if not isinstance(rule, dict):
                raise c.fail_at(("categories", category, n), f"category {category}: expected a "
                                f"rule {{re: ..., w: ...}}, got {rule!r}")
            c.keys(rule, {"re", "w"})
            if isinstance(rule["w"], bool) or not isinstance(rule["w"], int | float):
                raise c.fail(rule, f"category {category}: weight w must be a number, "
                                   f"got {rule['w']!r}")
            try:
                re.compile(rule["re"])
            except (re.error, TypeError) as exc:
                raise c.fail(rule, f"category {category}: bad rule {rule['re']!r}: {exc}") from None
