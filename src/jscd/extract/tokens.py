"""The columns of a tokenised document that the rules read, and its sentences.

Reading a spaCy ``Doc`` token by token creates a Python ``Token`` object per access, and some
innocent-looking properties are whole-document scans (``Doc.text`` re-joins every token,
``Token.sent`` and ``Token.is_sent_start = ...`` check the annotation of every token). On a
700-word report those made up most of the extraction time. :class:`Tokens` copies the few
columns the rules need out of the ``Doc`` with one ``to_array`` call and splits sentences on
those columns:

* spaCy's sentencizer rule, unchanged: a sentence ends after a run of sentence punctuation
  (``Sentencizer.default_punct_chars``) and the next one starts at the first token that is
  not punctuation; ``Sentencizer.predict`` does the same by visiting ``Token`` objects;
* a line end starts a sentence, since headlines and bullets carry no full stop;
* "... from the U.S. This includes": after initials, a capitalised sentence opener.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain, pairwise

from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER, ORTH
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from jscd.extract.patterns import compile_rule

__all__ = ["SENTENCE_OPENERS", "Tokens", "sentence_starts"]

_PUNCT = frozenset(get_string_id(c) for c in Sentencizer.default_punct_chars)
#: Words that open a sentence after initials ("... from the U.S. This includes"); the
#: pipeline adds the gazetteer's country names and demonyms ("... in D.C. Jordan's minister").
SENTENCE_OPENERS = frozenset({
    "The", "This", "That", "These", "Those", "They", "It", "Its", "Their", "Both", "He", "She",
    "We", "In", "On", "At", "During", "After", "Before", "Additionally", "Also", "Further",
    "Furthermore", "Moreover", "However", "Meanwhile", "Delegations", "Officials", "Leaders",
    "Ministers", "Participants"})
_NEWLINES = re.compile(r"\n+")
_INITIALS = compile_rule(r"(?<=\.)[A-Z]\.(?= [A-Z])")  # the "S." of "U.S. This"


def sentence_starts(text: str, orth: list[int], is_punct: list[int], idx: list[int],
                    end: list[int], openers: frozenset[str] = SENTENCE_OPENERS) -> list[int]:
    """Index of the first token of every sentence (see the module docstring for the rules)."""
    n = len(orth)
    if n == 0:
        return []
    starts = {0}
    start, seen_period = 0, False
    for i, (o, p) in enumerate(zip(orth, is_punct, strict=True)):
        in_punct = o in _PUNCT
        if seen_period and not p and not in_punct:
            starts.add(start)
            start, seen_period = i, False
        elif in_punct:
            seen_period = True
    starts.add(start)
    for m in chain(_NEWLINES.finditer(text), _INITIALS.finditer(text)):
        i = bisect_left(idx, m.end())  # first token starting after the match
        if i < n and ("\n" in m.group(0) or text[idx[i]:end[i]] in openers):
            starts.add(i)
    return sorted(starts)


@dataclass(frozen=True)
class Tokens:
    """Token columns and sentence boundaries of one document."""

    lower: list[str]  # lower-case form of every token
    start: list[int]  # character offset where every token starts
    end: list[int]  # character offset where every token ends
    sent_start: list[int]  # index of the first token of every sentence
    sentences: list[tuple[int, int]]  # character span of every sentence

    @classmethod
    def of(cls, doc: Doc, text: str, openers: frozenset[str] = SENTENCE_OPENERS) -> Tokens:
        """The columns of ``doc``, the tokenisation of ``text``."""
        if len(doc) == 0:
            return cls([], [], [], [], [])
        strings = doc.vocab.strings
        lower, idx, length, orth, punct = doc.to_array(
            [LOWER, IDX, LENGTH, ORTH, IS_PUNCT]).T.tolist()
        end = [i + n for i, n in zip(idx, length, strict=True)]
        starts = sentence_starts(text, orth, punct, idx, end, openers)
        bounds = [*starts, len(idx)]
        sentences = [(idx[a], end[b - 1]) for a, b in pairwise(bounds)]
        return cls([strings[h] for h in lower], idx, end, starts, sentences)
