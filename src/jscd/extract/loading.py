"""Reading documents: plain text, HTML, PDF and DOCX, into one string of text.

Offsets everywhere in jscd are character offsets into the string returned here, so this is
the one place that decides what "the text as read" is. Nothing is executed: HTML is reduced
to its text by trafilatura (scripts and styles are dropped, never run). Every failure is an
:class:`ExtractError` naming the file, so a batch can report it and continue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from jscd.extract.errors import ExtractError

__all__ = ["MAX_BYTES", "MAX_DOCUMENT_CHARS", "LoadedDocument", "check_length", "load_bytes",
           "load_document"]

#: Larger files are refused: no joint statement or news report is anywhere near this size.
MAX_BYTES = 50 * 1024 * 1024
#: Longer texts are refused before any tokenising. A long report is a few tens of thousands
#: of characters; 2 million is a book. Below this the extractor works (it tokenises the
#: whole text with the blank tokenizer, whose memory is small, and parses only the lines
#: that hold a trigger word, each at most a couple of thousand characters); above it, a
#: text is refused here rather than by spaCy's raw E088 after gigabytes of work.
MAX_DOCUMENT_CHARS = 2_000_000

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass
class LoadedDocument:
    """A document's text as read, with what the file itself says about it."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    checksum: str = ""
    warnings: list[str] = field(default_factory=list)


def load_document(path: str | Path) -> LoadedDocument:
    """Read one file; raise :class:`ExtractError` (naming the file) if it cannot be used.

    The document id is the file name, which is how reports and the gold annotation refer
    to documents.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ExtractError("is a directory, not a document", file=str(p))
        if size > MAX_BYTES:
            raise ExtractError(
                f"file is {size / 1e6:.0f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB",
                file=str(p),
            )
        raw = p.read_bytes()
    except ExtractError:
        raise
    except OSError as exc:
        raise ExtractError(f"cannot read file: {exc.strerror or exc}", file=str(p)) from None
    return load_bytes(raw, p.name, shown=str(p))


def load_bytes(raw: bytes, name: str, *, shown: str | None = None) -> LoadedDocument:
    """Read a document from bytes; ``name``'s suffix chooses the format."""
    shown = shown or name
    if len(raw) > MAX_BYTES:
        raise ExtractError("file is larger than the 50 MB limit", file=shown)
    if not raw.strip():
        raise ExtractError("file is empty", file=shown)
    suffix = Path(name).suffix.lower()
    checksum = hashlib.sha256(raw).hexdigest()
    if suffix == ".pdf" or raw[:5] == b"%PDF-":
        doc = _pdf(raw, shown)
    elif suffix == ".docx" or (raw[:2] == b"PK" and suffix not in _HTML_SUFFIXES):
        doc = _docx(raw, shown)
    elif suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and _looks_html(raw)):
        doc = _html(_decode(raw, shown, []), shown)
    else:
        warnings: list[str] = []
        text = _decode(raw, shown, warnings)
        doc = LoadedDocument(id=name, text=text, title=_first_line(text), warnings=warnings)
    doc.id, doc.checksum = name, checksum
    if not doc.text.strip():
        raise ExtractError("no text found in file", file=shown)
    check_length(doc.text, shown)
    return doc


def check_length(text: str, shown: str) -> None:
    """Refuse a text longer than :data:`MAX_DOCUMENT_CHARS`, naming the file and the limit."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ExtractError(
            f"document is {len(text):,} characters long; the limit is "
            f"{MAX_DOCUMENT_CHARS:,} characters (split it into smaller documents)", file=shown)


def _looks_html(raw: bytes) -> bool:
    head = raw[:2048].lower()
    return b"<html" in head or b"<!doctype html" in head


def _decode(raw: bytes, shown: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else latin-1 with a warning."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ExtractError(f"invalid UTF-16 text: {exc.reason}", file=shown) from None
    if b"\x00" in raw[:8192]:
        raise ExtractError("binary file (contains NUL bytes), not a text document", file=shown)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    controls = sum(1 for b in raw[:8192] if b < 9 or 13 < b < 32)
    if controls > 8:
        raise ExtractError("binary file (control bytes), not a text document", file=shown)
    warnings.append(f"{shown}: not UTF-8; read as latin-1")
    return raw.decode("latin-1")


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def _html(markup: str, shown: str) -> LoadedDocument:
    import trafilatura

    warnings: list[str] = []
    result = trafilatura.bare_extraction(
        markup, include_comments=False, include_tables=True, with_metadata=True
    )
    text, title, published = None, None, None
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text, title = data.get("text"), data.get("title")
        published = _iso_date(data.get("date"))
    if not text:
        text = _html_fallback(markup)
        warnings.append(f"{shown}: no main content found; used all visible text")
    return LoadedDocument(id=shown, text=text or "", title=title, published=published,
                          warnings=warnings)


def _html_fallback(markup: str) -> str:
    """Visible text of a short page trafilatura declines: scripts and styles dropped."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(markup)
    except (ValueError, TypeError):
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return re.sub(r"\n\s*\n+", "\n\n", tree.text_content()).strip()


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _pdf(raw: bytes, shown: str) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractError(f"unreadable PDF: {exc}", file=shown) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ExtractError(
            "PDF has no text layer (a scan?); run OCR first, jscd does not guess text",
            file=shown,
        )
    title = (meta.title if meta else None) or _first_line(text)
    published = meta.creation_date.date() if meta and meta.creation_date else None
    return LoadedDocument(id=shown, text=text, title=title, published=published)


def _docx(raw: bytes, shown: str) -> LoadedDocument:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExtractError(f"unreadable DOCX: {exc}", file=shown) from None
    text = "\n\n".join(p.text for p in document.paragraphs if p.text.strip())
    props = document.core_properties
    published = props.created.date() if props.created else None
    return LoadedDocument(id=shown, text=text, title=props.title or _first_line(text),
                          published=published)
