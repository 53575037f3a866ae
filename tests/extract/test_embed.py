"""The ``[embed]`` extra: optional, and when installed, it tells a rewording from another topic.

Without the extra (as in CI), the module still imports and the matcher says what to install;
the tests that need the real model skip with that reason. With it, they load the packaged
all-MiniLM-L6-v2 offline and embed real sentences: nothing is faked.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from jscd.core.extraction import DocumentResult, StatementMention
from jscd.extract import embed
from jscd.extract.embed import (
    INSTALL_HINT,
    MODEL_PACKAGE,
    EmbeddingUnavailable,
    ParaphraseMatcher,
    embedding_available,
)

# Our own sentences: one commitment said two ways, and something else entirely.
COMMISSION = "The two ministries agreed to set up a joint commission to review the coalition's mission."
COMMISSION_REWORDED = ("Both sides decided to establish a bilateral body that will assess the "
                       "future of the coalition.")
REPATRIATION = "Iraq will bring its citizens home from the camps in northeast Syria."
EXERCISES = "Iraqi units are invited to take part in regional military exercises next year."


def test_the_module_imports_without_the_extra_and_keeps_it_unloaded():
    code = ("import sys, jscd.extract.embed; "
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert embedding_available() == (importlib.util.find_spec(MODEL_PACKAGE) is not None)


@pytest.mark.skipif(embedding_available(), reason="the [embed] extra is installed here")
def test_without_the_extra_the_matcher_says_what_to_install():
    with pytest.raises(EmbeddingUnavailable) as caught:
        ParaphraseMatcher()
    assert INSTALL_HINT in str(caught.value)
    assert isinstance(caught.value, ImportError)


@pytest.fixture(scope="module")
def matcher() -> ParaphraseMatcher:
    pytest.importorskip(MODEL_PACKAGE, reason=f"the [embed] extra is not installed ({INSTALL_HINT})")
    return ParaphraseMatcher(device="cpu")


def _doc(doc_id: str, *texts: str) -> DocumentResult:
    statements, pos = [], 0
    for t in texts:
        statements.append(StatementMention(modality="decided", text=t, start=pos, end=pos + len(t)))
        pos += len(t) + 1
    return DocumentResult(id=doc_id, statements=statements)


def test_a_rewording_scores_higher_than_an_unrelated_statement(matcher):
    paraphrase = matcher.similarity(COMMISSION, COMMISSION_REWORDED)
    unrelated = matcher.similarity(COMMISSION, REPATRIATION)
    assert paraphrase > unrelated
    assert paraphrase > max(unrelated, matcher.similarity(COMMISSION_REWORDED, EXERCISES)) + 0.2


def test_embeddings_are_real_unit_vectors(matcher):
    vectors = matcher.embed([COMMISSION, REPATRIATION])
    assert vectors.shape == (2, 384)  # all-MiniLM-L6-v2's width
    assert abs(float((vectors[0] ** 2).sum()) - 1) < 1e-4
    assert float(abs(vectors[0] - vectors[1]).sum()) > 1  # different texts, different vectors


def test_match_pairs_rewordings_across_reports_only(matcher):
    a = _doc("a.txt", COMMISSION, REPATRIATION)
    b = _doc("b.txt", EXERCISES, COMMISSION_REWORDED)
    same_doc = _doc("c.txt", COMMISSION, COMMISSION_REWORDED)

    found = matcher.match([a, b], threshold=0.45)
    assert [(m.a, m.b) for m in found] == [(("a.txt", 0), ("b.txt", 1))]
    assert found[0].score == pytest.approx(matcher.similarity(COMMISSION, COMMISSION_REWORDED),
                                           abs=1e-3)
    assert matcher.match([same_doc], threshold=0.0) == []  # a report never matches itself


def test_the_model_is_loaded_once_per_process(matcher):
    assert ParaphraseMatcher(device="cpu").model is matcher.model
    assert embed._load_model.cache_info().currsize >= 1
