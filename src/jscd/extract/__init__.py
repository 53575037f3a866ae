"""jscd.extract: documents in, evidence-backed facts out. Pure: imports only ``jscd.core``.

Contracts (the ingest command and the API rely on them):

* :func:`load_document` reads one file (txt, HTML, PDF, DOCX) into a :class:`LoadedDocument`
  (``text`` as read, ``title``, ``published``, ``checksum`` = sha256 of the bytes). Offsets in
  every result are character offsets into that ``text``. A file that cannot be used raises
  :class:`ExtractError` naming it; nothing partial is returned.
* :func:`extract_text` extracts one text into a :class:`~jscd.core.DocumentResult`. Unknown
  values are ``None``; nothing is guessed.
* :func:`iter_extract` streams results for many paths (files or directories), one at a time,
  yielding an :class:`ExtractError` in place of a file that failed: memory stays flat however
  many files there are.
* :func:`extract_documents` runs the whole batch and reconciles it into a
  :class:`~jscd.core.DocumentExtraction` (the ``jscd-extract/1`` JSON); failures are listed
  in its ``errors`` and the batch continues.
* :func:`reconcile` merges results into a :class:`~jscd.core.RecordProposal` (rounds with
  slot votes, conflicts with their documents, threads).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from jscd.extract.model import spacy_without_torch

spacy_without_torch()  # before any module of this package imports spaCy (see its docstring)

from jscd.core.extraction import DocumentExtraction, DocumentResult, RecordProposal  # noqa: E402
from jscd.extract.errors import ExtractError, GazetteerError  # noqa: E402
from jscd.extract.loading import LoadedDocument, load_document  # noqa: E402
from jscd.extract.reconcile import apply_record  # noqa: E402
from jscd.extract.reconcile import reconcile as _reconcile  # noqa: E402

__all__ = [
    "ExtractError",
    "GazetteerError",
    "LoadedDocument",
    "expand_paths",
    "extract_documents",
    "extract_text",
    "iter_extract",
    "load_document",
    "reconcile",
]


def extract_text(
    text: str,
    doc_id: str,
    published: dt.date | None = None,
    *,
    title: str | None = None,
    checksum: str | None = None,
) -> DocumentResult:
    """Extract rounds, people, organizations, statements and conflicts from one text.

    ``published`` anchors relative dates ("last summer", "of the current year"); without it
    the extractor looks for a date line at the top of the text, and leaves relative dates
    unresolved if there is none.
    """
    from jscd.extract.document import default_extractor
    from jscd.extract.loading import check_length

    check_length(text, doc_id)  # before any tokenising: too long a text is refused, not parsed
    return default_extractor()(text, doc_id, published, title=title, checksum=checksum)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ExtractError]:
    """Files named, and files under directories named (sorted); errors for what can't be listed."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            try:
                children = sorted(c for c in p.rglob("*") if not c.name.startswith("."))
            except OSError as exc:
                yield ExtractError(f"cannot list directory: {exc.strerror}", file=str(p))
                continue
            for child in children:
                if child.is_file() or not child.exists():
                    yield child
                elif not child.is_dir():
                    yield ExtractError("not a regular file", file=str(child))
        else:
            yield p


def iter_extract(paths: Iterable[str | os.PathLike[str]],
                 extractor: Callable[..., DocumentResult] | None = None,
                 *, workers: int = 1) -> Iterator[DocumentResult | ExtractError]:
    """Stream one result (or one :class:`ExtractError`) per file, in order.

    ``extractor`` has :func:`extract_text`'s signature (the default); the optional LLM
    extractor plugs in here, so every extractor loads and reports files the same way.
    ``workers`` > 1 extracts over that many processes with the same results in the same
    order (:mod:`jscd.extract.workers`; the extractor must then be picklable).
    """
    from jscd.extract.workers import iter_extract as _iter_extract

    return _iter_extract(paths, extractor, workers)


def reconcile(results: Iterable[DocumentResult]) -> RecordProposal:
    """Merge many documents' results into one proposal (see :mod:`jscd.extract.reconcile`)."""
    return _reconcile(results)


def extract_documents(paths: Iterable[str | os.PathLike[str]],
                      extractor: Callable[..., DocumentResult] | None = None,
                      *, workers: int = 1) -> DocumentExtraction:
    """Extract every file and reconcile them: the ``jscd extract --json`` object.

    Reconciliation needs every document, so it runs in this process once the (possibly
    parallel, see :func:`iter_extract`) extraction is done.
    """
    results: list[DocumentResult] = []
    errors: list[str] = []
    for item in iter_extract(paths, extractor, workers=workers):
        if isinstance(item, ExtractError):
            errors.append(str(item))
        else:
            results.append(item)
    record = _reconcile(results)
    apply_record(results, record)
    return DocumentExtraction(documents=results, record=record, errors=errors)
