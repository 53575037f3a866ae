"""How alike two statements' objects are, so successive rounds can be linked into threads.

Pure (no Django): the suggestion service feeds it statement texts and gets scores in 0..1.
Two statements of successive rounds about the same commitment rarely share wording: one
round "agreed to form a Higher Military Commission (HMC)", the next "reviewed the HMC's six
months of work". What they share is the *object* — a few content words, often rare ones.
So texts are reduced to content lemmas (spaCy's lookup lemmatiser on a blank English
pipeline, stop words and the dialogue's boilerplate removed: who spoke and how firmly is the
modality's business, not the object's), and the score blends

* rapidfuzz's token-set ratio over those lemmas (shared wording, order-free), and
* an IDF-weighted overlap coefficient (a shared rare word such as an acronym or a place
  counts for more than a shared common one; the weights come from the corpus being linked).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

__all__ = ["BOILERPLATE", "Corpus", "acronym_definitions", "content_lemmas", "similarity"]

#: Words that say who spoke, how firmly, or that a meeting took place: present in almost
#: every statement of a dialogue, so they carry nothing about its object.
BOILERPLATE = frozenset([
    "agree", "also", "both", "continue", "continued", "decide", "delegation",
    "delegations", "discuss", "explore", "government", "highlight", "intend", "note", "party",
    "plan", "pledge", "reaffirm", "reiterate", "review", "side", "sides", "stress",
    "importance", "two", "united", "state", "states", "u.s.", "us", "iraq", "iraqi",
    "american", "washington", "baghdad", "confirm", "commit", "commitment", "recognise",
    "recognize", "say", "express", "will", "would", "shall", "could", "should", "new",
])
# "agreement" is deliberately *not* boilerplate: an MoU thread is about an agreement.

_WORD = re.compile(r"[A-Za-z][A-Za-z\-\.']*[A-Za-z]|[A-Za-z]")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """A blank English pipeline with the lookup lemmatiser, built once (no trained model)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=4096)
def content_lemmas(text: str) -> tuple[str, ...]:
    """The content lemmas of a text, lower-cased, in order, without stop words or boilerplate.

    Acronyms are kept whole (``HMC``, ``PME``) because they name the object most precisely.
    """
    doc = _nlp()(text)
    out: list[str] = []
    for token in doc:
        if token.is_punct or token.is_space or token.like_num or token.is_stop:
            continue
        raw = token.text
        lemma = raw.lower() if _ACRONYM.fullmatch(raw) else (token.lemma_ or raw).lower()
        lemma = lemma.strip(".-'")
        if len(lemma) < 2 or lemma in BOILERPLATE or not _WORD.fullmatch(lemma):
            continue
        out.append(lemma)
    return tuple(out)


_DEFINITION = re.compile(r"((?:[\w'\-]+\s+){1,8})\(([A-Z][A-Za-z]{1,7})\)")
_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "a", "an"})


def acronym_definitions(text: str) -> dict[str, str]:
    """``Long Form (LF)`` pairs written in a text: the shortest run of words before the
    parenthesis whose initials (function words aside) spell the acronym."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        words = match.group(1).split()
        acronym = "".join(c for c in match.group(2) if c.isupper())  # "MoU" spells M-U
        for start in range(len(words) - 1, -1, -1):
            if words[start].lower() in _FUNCTION_WORDS:
                continue
            initials = "".join(part[0] for w in words[start:] if w.lower() not in _FUNCTION_WORDS
                               for part in w.split("-") if part)
            if initials.upper() == acronym:
                found[match.group(2)] = " ".join(words[start:])
                break
            if len(initials) > len(acronym):
                break
    return found


class Corpus:
    """The statements being linked: document frequencies and the acronyms they define.

    An acronym defined in one statement ("Higher Military Commission (HMC)") is expanded in
    every other that only writes "HMC", so the two share the long form's words as well.
    """

    def __init__(self, texts: Iterable[str], glossary: Iterable[str] = ()) -> None:
        """``glossary``: further texts (the documents the statements were read from) whose
        acronym definitions count, though their words do not enter the frequencies."""
        texts = list(texts)
        self.acronyms: dict[str, str] = {}
        for text in [*glossary, *texts]:
            self.acronyms.update(acronym_definitions(text))
        self._df: Counter[str] = Counter()
        self._n = 0
        for text in texts:
            self._n += 1
            self._df.update(set(self.lemmas(text)))

    def lemmas(self, text: str) -> tuple[str, ...]:
        """Content lemmas of ``text`` plus those of the long form of each acronym it uses."""
        own = content_lemmas(text)
        extra: list[str] = []
        for acronym, long_form in self.acronyms.items():
            if acronym.lower() in own:
                extra.extend(w for w in content_lemmas(long_form) if w not in own)
        return own + tuple(dict.fromkeys(extra))

    def idf(self, lemma: str) -> float:
        """Smoothed inverse document frequency; unseen words weigh as the rarest."""
        return math.log((1 + self._n) / (1 + self._df.get(lemma, 0))) + 1.0

    def weighted_overlap(self, a: Sequence[str], b: Sequence[str]) -> float:
        """IDF mass of the shared lemmas over the IDF mass of the smaller set (0..1)."""
        sa, sb = set(a), set(b)
        if not sa or not sb:
            return 0.0
        shared = sum(self.idf(w) for w in sa & sb)
        smaller = min(sum(self.idf(w) for w in sa), sum(self.idf(w) for w in sb))
        return shared / smaller if smaller else 0.0


def similarity(a: str, b: str, corpus: Corpus | None = None) -> float:
    """Score in 0..1 of how alike the objects of two statements are.

    Without a corpus the two texts are their own corpus (acronyms, document frequencies).
    """
    corpus = corpus or Corpus([a, b])
    la, lb = corpus.lemmas(a), corpus.lemmas(b)
    if not la or not lb:
        return 0.0
    token_set = fuzz.token_set_ratio(" ".join(la), " ".join(lb)) / 100.0
    overlap = corpus.weighted_overlap(la, lb)
    return round(0.5 * token_set + 0.5 * overlap, 3)
