r"""Regular expressions that start with ``\b`` or a lookbehind, searched with ``re``'s fast scan.

``re`` finds where a match can start by scanning for the pattern's literal prefix or first
character set; a leading ``\b`` or ``(?<!\w)`` hides that prefix, so the engine tries the whole
pattern at every position of the text. On a 5,000-character report ``\bliaison\b`` was
measured 25 times slower than ``liaison\b``, and almost every rule of the lexicon, the date
finder and the gazetteer alternations starts that way. :func:`compile_rule` compiles the
pattern without its leading assertion, checks the assertion alone at each candidate start
and, when it fails, resumes one character later: exactly the matches of the original pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as _c
from re import _parser

__all__ = ["GuardedPattern", "PrefixGate", "Rule", "alternation", "caseless", "compile_rule",
           "literal_prefixes"]


class GuardedPattern:
    r"""A leading zero-width assertion (the guard) and the rest (the body), searched apart."""

    def __init__(self, pattern: str, guard: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self.guard = re.compile(guard, flags)
        self.body = re.compile(pattern[len(guard):], flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        search, guard = self.body.search, self.guard.match
        while pos <= end:
            m = search(text, pos, end)
            if m is None:
                return
            at = m.start()
            if guard(text, at, end):
                yield m
                pos = m.end() if m.end() > at else at + 1
            else:
                pos = at + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        return self.body.match(text, pos, end) if self.guard.match(text, pos, end) else None

    def __repr__(self) -> str:
        return f"compile_rule({self.pattern!r})"


Rule = re.Pattern[str] | GuardedPattern  # what compile_rule returns


def compile_rule(pattern: str, flags: int = 0) -> Rule:
    r"""Compile ``pattern``; one that starts with ``\b`` or a lookbehind gets the fast search.

    The assertion is only lifted when it applies to the whole pattern (no top-level ``|``).
    """
    compiled = re.compile(pattern, flags)
    guard = _leading_assertion(pattern)
    if guard is None or _top_level_alternation(pattern) or not _scannable(
            pattern[len(guard):], flags):
        return compiled
    return GuardedPattern(pattern, guard, flags)


def _scannable(pattern: str, flags: int) -> bool:
    """Whether ``re`` can scan for where ``pattern`` starts: it begins with a fixed character,
    a character set, or an alternation of fixed characters, all case-sensitive. Otherwise
    (an optional group, a repeat, ``(?i:...)``) lifting a guard off it only adds work."""
    if flags & re.IGNORECASE:
        return False
    try:
        items = _parser.parse(pattern, flags).data
    except re.error:
        return False
    while items and items[0][0] is _c.SUBPATTERN:
        _, add_flags, _, sub = items[0][1]
        if add_flags & re.IGNORECASE:
            return False
        items = sub.data
    if not items:
        return False
    op, av = items[0]
    if op is _c.BRANCH:
        return all(alt and alt[0][0] is _c.LITERAL for alt in av[1])
    return op in (_c.LITERAL, _c.IN)


def literal_prefixes(pattern: str, flags: int = 0, limit: int = 64) -> frozenset[str] | None:
    """Strings one of which starts every match of ``pattern`` (after zero-width assertions).

    ``any(p in text for p in prefixes)`` is a substring test in C, far cheaper than a regex
    search, so a rule whose prefixes are all absent is skipped without running it. ``None``
    when no such set is known (the pattern starts with a character class, a repeat, ...,
    or is case-insensitive): such a rule always runs.
    """
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:  # an inline (?i) for the whole pattern
        return None
    found, _ = _prefixes(parsed.data, limit)
    return None if found is None or "" in found else frozenset(found)


def _prefixes(items: list, limit: int) -> tuple[set[str] | None, bool]:
    """(prefixes, whether they span all of ``items``) of a parsed sequence."""
    out = {""}
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: consumes nothing
        if op is _c.LITERAL:
            out = {p + chr(av) for p in out}
            continue
        if op is _c.IN and all(kind is _c.LITERAL for kind, _ in av):  # [sl]: one of these
            out = {p + chr(v) for p in out for _, v in av}
            if len(out) > limit:
                return None, False
            continue
        if op is _c.SUBPATTERN:
            if av[1] & re.IGNORECASE:  # (?i:...): its letters match either case
                return out, False
            alternatives = [av[-1]]
        elif op is _c.BRANCH:
            alternatives = av[1]
        else:
            return out, False
        subs, complete = set(), True
        for alt in alternatives:
            found, whole = _prefixes(list(alt), limit)
            if found is None:
                return out, False
            subs |= found
            complete = complete and whole
        out = {p + s for p in out for s in subs}
        if len(out) > limit:
            return None, False
        if not complete:
            return out, False
    return out, True


class PrefixGate:
    """Which of many rules could match a text, from one scan for all their literal prefixes.

    Testing each rule's prefixes with ``in`` costs a Python step per prefix (~200 for the
    category rules). Instead all prefixes go into one regular expression shaped as a trie
    (``re`` tries a flat alternation's branches one by one, four times slower); searched
    from every position where the last match started, it finds at each position the longest
    prefix present there, and every shorter prefix present at that position is a prefix of
    that one, so the set of rules is exact. Rules without known prefixes are always candidates.
    """

    def __init__(self, prefixes: list[frozenset[str] | None]) -> None:
        self.always = frozenset(i for i, ps in enumerate(prefixes) if ps is None)
        literals = {p for ps in prefixes if ps for p in ps}
        self.scan = re.compile(alternation(literals)) if literals else None
        self.rules_of = {
            lit: frozenset(i for i, ps in enumerate(prefixes) if ps and any(
                lit.startswith(p) for p in ps))
            for lit in literals
        }

    def candidates(self, text: str) -> set[int]:
        """Indexes of the rules that may match ``text``."""
        out = set(self.always)
        if self.scan is None:
            return out
        search, pos = self.scan.search, 0
        while (m := search(text, pos)) is not None:
            out |= self.rules_of[m.group(0)]
            pos = m.start() + 1
        return out


def alternation(words: Iterable[str]) -> str:
    """A pattern (a string) for any of ``words``, shaped as a trie, longest word first.

    It matches what ``"|".join`` of the escaped words sorted longest first matches, and in
    the same order of preference, but ``re`` fails a position after one character test per
    trie level instead of trying every word: gazetteer alternations of ~150 country names and
    demonyms, or ~100 titles, were the slowest scans of a document.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return f"(?:{build(root)})"


def caseless(text: str) -> str:
    """``text`` in lower case with every character offset kept, for case-insensitive rules.

    Searching a lower-cased copy with lower-case patterns is several times faster than
    ``re.IGNORECASE``, which gives up the prefix scan. ``str.lower`` keeps offsets unless a
    character lower-cases to several (Turkish dotted I); then only A-Z are lowered.
    """
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _leading_assertion(pattern: str) -> str | None:
    if pattern.startswith(r"\b"):
        return r"\b"
    if pattern.startswith(("(?<!", "(?<=")):
        end = _group_end(pattern)
        return pattern[:end] if end else None
    return None


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, nesting depth) of every unescaped character outside [classes]."""
    depth, escaped, in_class = 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            if ch == ")":
                depth -= 1
            yield i, ch, depth
            if ch == "(":
                depth += 1


def _group_end(pattern: str) -> int | None:
    for i, ch, depth in _scan(pattern):
        if ch == ")" and depth == 0:
            return i + 1
    return None


def _top_level_alternation(pattern: str) -> bool:
    return any(ch == "|" and depth == 0 for _, ch, depth in _scan(pattern))
