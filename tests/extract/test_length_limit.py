"""The document length limit: refused before any tokenising past it, extracted below it.

spaCy refuses texts longer than ``nlp.max_length`` (1,000,000 characters) with its raw
E088, and a 49 MB file used to reach that only after 1.1 GB of work. The texts here are
generated from made-up words and one made-up statement sentence, never from the corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from jscd.extract import ExtractError, extract_text, iter_extract, load_document
from jscd.extract.loading import MAX_DOCUMENT_CHARS

WORDS = ["harbour", "orchard", "lantern", "ribbon", "meadow", "pebble", "compass", "thimble",
         "quarry", "saddle", "violet", "cobalt", "ember", "willow", "juniper"]


def generated(chars: int, seed: int = 7) -> str:
    """About ``chars`` characters of five-sentence lines; every 50th sentence is a statement."""
    rng = random.Random(seed)
    sentences, n, i = [], 0, 0
    while n < chars:
        if i % 50 == 0:
            s = "The two delegations agreed to expand the " + " ".join(
                rng.choice(WORDS) for _ in range(4)) + " programme."
        else:
            s = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
        sentences.append(s)
        n, i = n + len(s) + 1, i + 1
    return "\n".join(" ".join(sentences[k:k + 5]) for k in range(0, len(sentences), 5))


@pytest.fixture
def no_tokenising(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the extractor is even built (that is where tokenising starts)."""
    import jscd.extract.document as document

    def refuse() -> None:
        raise AssertionError("the extractor was reached for a text over the limit")

    monkeypatch.setattr(document, "default_extractor", refuse)


def test_a_text_over_the_limit_is_refused_naming_it_and_the_limit(no_tokenising: None) -> None:
    text = "x" * (MAX_DOCUMENT_CHARS + 1)
    with pytest.raises(ExtractError) as err:
        extract_text(text, "too-long.txt")
    assert err.value.file == "too-long.txt"
    assert f"{MAX_DOCUMENT_CHARS:,} characters" in str(err.value)


def test_a_file_over_the_limit_is_refused_when_read_and_the_batch_goes_on(
        tmp_path: Path, no_tokenising: None) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("lantern meadow " * (MAX_DOCUMENT_CHARS // 15 + 10)), encoding="utf-8")
    with pytest.raises(ExtractError, match=f"limit is {MAX_DOCUMENT_CHARS:,} characters"):
        load_document(big)
    out = list(iter_extract([big]))
    assert len(out) == 1 and isinstance(out[0], ExtractError) and out[0].file == str(big)


def test_a_text_longer_than_spacys_max_length_but_under_the_limit_is_extracted() -> None:
    from jscd.extract.model import load_parser

    text = generated(load_parser().max_length + 50_000)
    assert load_parser().max_length < len(text) <= MAX_DOCUMENT_CHARS
    result = extract_text(text, "long.txt")  # no E088: the whole text is tokenised at once
    assert result.statements
    assert all(text[s.start:s.end] == s.text for s in result.statements)  # offsets kept
    assert any(s.start > load_parser().max_length for s in result.statements)
