"""Bad input: a clear per-file error, and the batch goes on."""

from __future__ import annotations

import os

import pytest

from jscd.extract import ExtractError, extract_documents, iter_extract, load_document

GOOD = "The delegations agreed to form a joint committee on border security."


def test_empty_binary_and_huge_files_are_refused_with_their_name(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    for name, words in (("empty.txt", "empty"), ("binary.txt", "binary"), ("huge.txt", "MB")):
        with pytest.raises(ExtractError) as err:
            load_document(tmp_path / name)
        assert name in str(err.value) and words in str(err.value)


def test_latin1_and_utf16_with_bom_are_read(tmp_path):
    (tmp_path / "l1.txt").write_bytes("Café talks: the delegations agreed.".encode("latin-1"))
    (tmp_path / "u16.txt").write_bytes(GOOD.encode("utf-16"))
    l1 = load_document(tmp_path / "l1.txt")
    assert l1.text.startswith("Café") and "latin-1" in l1.warnings[0]
    assert load_document(tmp_path / "u16.txt").text == GOOD


def test_html_scripts_are_dropped_not_run(tmp_path):
    page = ("<html><head><title>Readout</title><script>alert('x')</script></head><body>"
            f"<article><h1>Readout</h1><p>{GOOD}</p><p>{GOOD.replace('border', 'maritime')}</p>"
            "<script>document.write('injected')</script></article></body></html>")
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    doc = load_document(tmp_path / "r.html")
    assert "agreed to form" in doc.text
    assert "alert" not in doc.text and "injected" not in doc.text


def test_pdf_without_text_layer_is_a_clear_error(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with (tmp_path / "scan.pdf").open("wb") as f:
        writer.write(f)
    with pytest.raises(ExtractError, match="no text layer"):
        load_document(tmp_path / "scan.pdf")


def test_docx_is_read(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Joint statement")
    d.add_paragraph(GOOD)
    d.save(tmp_path / "s.docx")
    doc = load_document(tmp_path / "s.docx")
    assert GOOD in doc.text and doc.checksum


def test_batch_continues_past_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "d.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    x = extract_documents([tmp_path])
    assert [d.id for d in x.documents if d.id != "d.txt"] == ["a.txt", "c.txt"]
    assert any("b.txt" in e and "empty" in e for e in x.errors)
    if os.geteuid() != 0:
        assert any("d.txt" in e for e in x.errors)
    kinds = [type(i).__name__ for i in iter_extract([tmp_path / "b.txt", tmp_path / "a.txt"])]
    assert kinds == ["ExtractError", "DocumentResult"]
