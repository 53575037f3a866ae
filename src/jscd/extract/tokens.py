"""The columns of a tokenised document that the rules read, as plain Python lists.

Reading a spaCy ``Doc`` token by token creates a Python ``Token`` object per access, and some
innocent-looking properties are whole-document scans (``Doc.text`` re-joins every token,
``Token.sent`` and ``Token.is_sent_start = ...`` check the annotation of every token). On a
700-word report those made up most of the extraction time. :class:`Tokens` copies the few
columns the rules need out of the ``Doc`` once (one ``to_array`` call) and answers "which
sentence is this token in" with a precomputed list.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from spacy.attrs import IDX, IS_ALPHA, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc

__all__ = ["Tokens"]


@dataclass(frozen=True)
class Tokens:
    """Token columns and sentence boundaries of one document."""

    lower: list[str]  # lower-case form of every token
    start: list[int]  # character offset where every token starts
    end: list[int]  # character offset where every token ends
    alpha: list[bool]
    sent_start: list[int]  # index of the first token of every sentence
    sentences: list[tuple[int, int]]  # character span of every sentence

    @classmethod
    def of(cls, doc: Doc) -> Tokens:
        if len(doc) == 0:
            return cls([], [], [], [], [], [])
        strings = doc.vocab.strings
        lower, idx, length, alpha, sent = doc.to_array(
            [LOWER, IDX, LENGTH, IS_ALPHA, SENT_START]).T.tolist()
        end = [i + n for i, n in zip(idx, length, strict=True)]
        # as Doc.sents: the first token, then every token whose SENT_START is 1
        starts = [0] + [i for i in range(1, len(sent)) if sent[i] == 1]
        bounds = [*starts, len(idx)]
        sentences = [(idx[a], end[b - 1]) for a, b in pairwise(bounds)]
        return cls([strings[h] for h in lower], idx, end, [bool(a) for a in alpha], starts,
                   sentences)

    def __len__(self) -> int:
        return len(self.lower)

    def sentence_of(self, token: int) -> int:
        """Index of the sentence holding token ``token``."""
        return bisect_right(self.sent_start, token) - 1

    def sentence_tokens(self, sentence: int) -> tuple[int, int]:
        """Token range [first, last + 1) of sentence ``sentence``."""
        nxt = sentence + 1
        return self.sent_start[sentence], (
            self.sent_start[nxt] if nxt < len(self.sent_start) else len(self.lower))
