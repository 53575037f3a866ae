"""Extraction over a pool of worker processes, with results in input order.

Parsing is CPU-bound Python and C under the GIL, so threads would not help: each worker is
a process that loads the trained pipeline once and extracts one document per task. What the
callers rely on:

* **Same output as one worker.** Results come back in the order the inputs were given, and
  a worker runs exactly the code one worker runs in-process, so ``--workers 2`` prints the
  same JSON as ``--workers 1``. ``workers=1`` uses no pool at all (no process start-up, and
  errors keep their tracebacks in-process).
* **Spawned, not forked.** Workers start from a fresh interpreter (the ``spawn`` context),
  so they inherit no open database connection, thread or lock of the parent: ``jscd
  ingest`` runs only the extraction in them and keeps every database write in the parent.
  Nothing here imports Django.
* **A bad file never stops the batch.** A task turns any fault into an
  :class:`~jscd.extract.errors.ExtractError` naming the file; a worker that dies (killed,
  out of memory) fails only the document it was working on: the pool is restarted and the
  documents that were in flight are retried one at a time, so the blame lands on the right
  file.
* **Flat memory.** At most a few tasks per worker are in flight; inputs are read lazily and
  results handed on as they arrive.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from jscd.core.extraction import DocumentResult
from jscd.extract.errors import ExtractError

__all__ = ["ExtractionPool", "TextJob", "default_workers", "extract_item", "extract_job",
           "iter_extract"]

T = TypeVar("T")
R = TypeVar("R")
Extractor = Callable[..., DocumentResult]
#: tasks in flight per worker: enough to keep every worker busy while the parent consumes
#: results, few enough that memory does not grow with the batch
IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """The machine's cores: the default of ``--workers``."""
    return os.cpu_count() or 1


class TextJob(NamedTuple):
    """One text already read (``jscd ingest`` reads files in the parent to skip known ones)."""

    text: str
    doc_id: str
    published: dt.date | None
    title: str | None
    checksum: str | None
    shown: str  # the file name errors are reported under


def _extract(extractor: Extractor | None, text: str, doc_id: str, published: dt.date | None,
             title: str | None, checksum: str | None) -> DocumentResult:
    if extractor is None:
        from jscd.extract import extract_text

        extractor = extract_text
    return extractor(text, doc_id, published, title=title, checksum=checksum)


def extract_item(item: Path | ExtractError, extractor: Extractor | None = None
                 ) -> DocumentResult | ExtractError:
    """Read and extract one file; every failure comes back as an error naming the file."""
    if isinstance(item, ExtractError):
        return item
    from jscd.extract.loading import load_document

    try:
        doc = load_document(item)
        result = _extract(extractor, doc.text, doc.id, doc.published, doc.title, doc.checksum)
    except ExtractError as exc:
        return exc
    except Exception as exc:  # a fault of the extractor on one text must not end the batch
        return ExtractError(f"extraction failed: {type(exc).__name__}: {exc}", file=str(item))
    result.warnings.extend(doc.warnings)
    return result


def extract_job(job: TextJob, extractor: Extractor | None = None) -> DocumentResult | ExtractError:
    """Extract one text already read; a failure comes back as an error naming its file."""
    try:
        return _extract(extractor, job.text, job.doc_id, job.published, job.title, job.checksum)
    except ExtractError as exc:
        if exc.file is None:
            exc.file = job.shown
        return exc
    except Exception as exc:  # a fault of the extractor on one text must not end the batch
        return ExtractError(f"extraction failed: {type(exc).__name__}: {exc}", file=job.shown)


def _start_worker(extractor: Extractor | None) -> None:
    """Build the default extractor when the worker starts, not inside its first task."""
    if extractor is None:
        from jscd.extract import extract_text

        extract_text("The two sides agreed to meet again.", "warm-up")


def _crashed(item: Any) -> ExtractError:
    shown = getattr(item, "shown", None) or getattr(item, "file", None) or str(item)
    return ExtractError("extraction failed: the worker process died while reading this "
                        "document (out of memory?)", file=shown)


class _Call(Generic[T, R]):
    """``fn(item, extractor)`` as a picklable one-argument callable."""

    def __init__(self, fn: Callable[[T, Extractor | None], R], extractor: Extractor | None):
        self.fn, self.extractor = fn, extractor

    def __call__(self, item: T) -> R:
        return self.fn(item, self.extractor)


class ExtractionPool:
    """``workers`` extraction processes (none for one worker), started on first use.

    Use it as a context manager so the processes end with the batch; :meth:`map` may be
    called several times on one pool (``jscd ingest`` extracts new files, then re-reads
    stored ones for reconciliation) without starting the workers again.
    """

    def __init__(self, workers: int = 1, extractor: Extractor | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.extractor = extractor
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(self.extractor,))
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers (none for one worker): for measuring memory."""
        procs = getattr(self._pool, "_processes", None) or {}
        return sorted(procs)

    def start(self) -> None:
        """Start every worker and wait until each has built its extractor (for benchmarks)."""
        if self.workers > 1:
            ex = self._executor()
            for f in [ex.submit(_sleep, 0.5) for _ in range(self.workers)]:
                f.result()

    def map(self, fn: Callable[[T, Extractor | None], R | ExtractError], items: Iterable[T]
            ) -> Iterator[R | ExtractError]:
        """``fn(item, extractor)`` for every item, in order; ``fn`` must be a module function."""
        call = _Call(fn, self.extractor)
        if self.workers == 1:
            yield from map(call, items)
            return
        source = iter(items)
        retry: deque[T] = deque()  # after a crash: in-flight items, re-run one at a time
        pending: deque[tuple[T, Future[R | ExtractError]]] = deque()
        window = self.workers * IN_FLIGHT_PER_WORKER
        done = object()
        while True:
            while len(pending) < (1 if retry else window):
                if retry:
                    item = retry.popleft()
                else:
                    nxt = next(source, done)
                    if nxt is done:
                        break
                    item = nxt  # type: ignore[assignment]
                pending.append((item, self._executor().submit(call, item)))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                if not pending:  # alone in flight: this document killed its worker
                    self._restart()
                    yield _crashed(item)
                    continue
                retry.extendleft(reversed([item, *(i for i, _ in pending)]))
                pending.clear()
                self._restart()
                continue
            yield result


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


def iter_extract(paths: Iterable[str | os.PathLike[str]], extractor: Extractor | None = None,
                 workers: int = 1) -> Iterator[DocumentResult | ExtractError]:
    """One result (or one :class:`ExtractError`) per file, in order, over ``workers`` processes.

    More workers than files would only cost start-up time, so a batch of ``n`` files uses at
    most ``n`` workers (one file is extracted in-process).
    """
    from jscd.extract import expand_paths

    items: Iterable[Path | ExtractError] = expand_paths(paths)
    if workers > 1:
        items = list(items)
        workers = max(1, min(workers, sum(not isinstance(i, ExtractError) for i in items)))
    with ExtractionPool(workers, extractor) as pool:
        yield from pool.map(extract_item, items)
