"""``--workers``: a process pool gives the same results, in the same order, as one process.

The seed reports are read from ../shared (never copied); bad files are generated here. No
test here measures time: throughput lives in ``bench/extract_bench.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jscd.core.extraction import DocumentResult
from jscd.extract import ExtractError, extract_documents, iter_extract
from jscd.extract.commands import extract_main
from jscd.extract.workers import ExtractionPool, default_workers


@pytest.fixture
def batch(seed_paths: list[Path], tmp_path: Path) -> list[Path]:
    """The seeds with a bad file in the middle (empty) and one at the end (binary)."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 40)
    return [*seed_paths[:2], empty, *seed_paths[2:], blob]


def test_two_workers_give_the_same_extraction_as_one_and_report_the_bad_files(batch):
    one = extract_documents(batch, workers=1)
    two = extract_documents(batch, workers=2)
    assert two.model_dump_json(by_alias=True) == one.model_dump_json(by_alias=True)
    assert [d.id for d in one.documents] == [p.name for p in batch if p.suffix == ".txt"
                                            and p.name not in ("empty.txt", "blob.txt")]
    for errors in (one.errors, two.errors):
        assert len(errors) == 2
        assert "empty.txt" in errors[0] and "empty" in errors[0]
        assert "blob.txt" in errors[1] and "binary" in errors[1]


def test_iter_extract_streams_in_input_order_with_errors_in_place(batch):
    kinds = [type(r).__name__ for r in iter_extract(batch, workers=2)]
    assert kinds == ["DocumentResult"] * 2 + ["ExtractError"] + ["DocumentResult"] * 3 + [
        "ExtractError"]


def test_the_cli_prints_the_same_json_with_one_and_two_workers(batch, capsys):
    args = ["--json", *map(str, batch)]
    assert extract_main(["--workers", "1", *args]) == 1  # some files failed
    one = capsys.readouterr()
    assert extract_main(["--workers", "2", *args]) == 1
    two = capsys.readouterr()
    assert two.out == one.out
    assert two.err == one.err and "empty.txt" in one.err and "blob.txt" in one.err


def test_workers_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        extract_main(["--workers", "0", "x.txt"])
    assert "at least 1" in capsys.readouterr().err
    assert default_workers() == (os.cpu_count() or 1)


def _dies_on_crash(text: str, doc_id: str, published=None, **meta) -> DocumentResult:
    """A stand-in extractor whose process dies on one text (as the OOM killer would do)."""
    if "CRASH" in text:
        os._exit(3)
    return DocumentResult(id=doc_id, title=meta.get("title"))


def test_a_worker_that_dies_fails_only_its_own_document(tmp_path: Path):
    paths = []
    for i in range(6):
        p = tmp_path / f"doc-{i}.txt"
        p.write_text("CRASH\n" if i == 2 else f"Document {i}.\n", encoding="utf-8")
        paths.append(p)
    out = list(iter_extract(paths, _dies_on_crash, workers=2))
    assert [r.id if isinstance(r, DocumentResult) else None for r in out] == [
        "doc-0.txt", "doc-1.txt", None, "doc-3.txt", "doc-4.txt", "doc-5.txt"]
    assert isinstance(out[2], ExtractError) and out[2].file == str(paths[2])
    assert "worker process died" in out[2].message


def test_one_worker_uses_no_process(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("The two sides agreed to meet again.\n", encoding="utf-8")
    with ExtractionPool(1, _dies_on_crash) as pool:
        from jscd.extract.workers import extract_item

        assert [r.id for r in pool.map(extract_item, [p])] == ["a.txt"]
        assert pool._pool is None
