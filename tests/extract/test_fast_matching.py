"""The faster matching helpers find exactly what the plain ways of matching find.

The extractor's speed comes from :mod:`jscd.extract.patterns` (guarded regexes, literal
prefix gates, trie-shaped alternations, lower-cased copies) and :mod:`jscd.extract.tokens`
(the sentencizer rule on token arrays). These tests pin that each gives the same answer as the
straightforward version it replaces, on the seed reports and on random text.
"""

from __future__ import annotations

import random
import re

import pytest
import spacy

from jscd.extract.patterns import (
    GuardedPattern,
    PrefixGate,
    alternation,
    caseless,
    compile_rule,
    literal_prefixes,
)
from jscd.extract.pipeline import get_pipeline
from jscd.extract.tokens import Tokens

_ALPHABET = "ab cU.S.IraqUSJuly 22-23, 2024 liaison_é1 sign-İ’s\n"


@pytest.fixture(scope="module")
def texts(seed_paths) -> list[str]:
    rng = random.Random(7)
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths]
    return seeds + ["".join(rng.choice(_ALPHABET) for _ in range(400)) for _ in range(100)]


def _rules() -> list[str]:
    lexicon = get_pipeline().lexicon
    return [r["re"] for rules in lexicon["categories"].values() for r in rules] + [
        r"\b(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>July|August)",
        r"(?<![\w.])(?:U\.S\.|US|Iraq|Iraqi)(?![\w])",
        r"\bab|c",  # a top-level alternation keeps the plain pattern
    ]


def test_guarded_rules_find_the_same_matches_as_re(texts):
    guarded = 0
    for pattern in _rules():
        plain, fast = re.compile(pattern), compile_rule(pattern)
        guarded += isinstance(fast, GuardedPattern)
        for text in texts:
            for t in (text, text.lower()):
                assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)]
                assert [m.span() for m in fast.finditer(t, 5, 300)] == [
                    m.span() for m in plain.finditer(t, 5, 300)]
                got, want = fast.search(t), plain.search(t)
                assert (got and got.span()) == (want and want.span())
    assert guarded > 40  # most lexicon rules start with \b and get the fast scan


def test_prefix_gate_never_skips_a_rule_that_matches(texts):
    rules = _rules()
    gate = PrefixGate([literal_prefixes(r) for r in rules])
    for text in texts:
        low = text.lower()
        matching = {i for i, r in enumerate(rules) if re.search(r, low)}
        assert matching <= gate.candidates(low)


def test_literal_prefixes_stop_at_case_insensitive_or_optional_parts():
    assert literal_prefixes(r"\bliaison\b") == {"liaison"}
    assert literal_prefixes(r"\b(isis|isil)\b") == {"isis", "isil"}
    assert literal_prefixes(r"\b(?i:the )?Iraq") is None
    assert literal_prefixes(r"x?y") is None
    assert literal_prefixes("abc", re.IGNORECASE) is None


def test_trie_alternation_prefers_the_longest_word_like_a_sorted_flat_one(texts):
    words = ["Iraq", "Iraqi", "US", "U.S.", "United States", "United Kingdom", "Un"]
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(alternation(words))
    for text in [*texts, "the Iraqi and United States sides; Un U.S.A."]:
        assert [m.group(0) for m in trie.finditer(text)] == [m.group(0) for m in flat.finditer(text)]


def test_caseless_keeps_every_offset():
    for text in ("The U.S. Side", "İstanbul and IRAQ", "ÉTÉ — Last Summer"):
        low = caseless(text)
        assert len(low) == len(text)
        assert all(c.lower() == lc for c, lc in zip(text, low, strict=True) if c.isascii())


def test_sentences_follow_spacys_sentencizer_plus_line_ends(seed_paths):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        theirs = {s.start for s in nlp(text).sents}
        ours = set(Tokens.of(get_pipeline().nlp.make_doc(text), text).sent_start)
        # ours only adds starts (after line ends and initials), never drops the sentencizer's
        assert theirs <= ours
        assert len(ours - theirs) <= text.count("\n") + text.count(". ")
