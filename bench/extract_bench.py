"""Benchmark of the default (rule-based) extractor: throughput and memory of a streamed batch.

Targets (issue 3): >= 100 documents/s on one core for ~700-word reports (median of repeated
runs) and <= 500 MB resident for a streamed batch of 10,000 documents.

The documents are generated at run time by recombining the sentences of the seed reports
(read from ../shared/seeds, never copied into the repository) and of the test readouts in
random order, so every document is ~700 words of realistic report language and no two are
the same.

Throughput is reported both as CPU time of this process (``time.process_time``: what one
core does, unaffected by other busy processes on a shared machine) and as wall-clock time.
The streamed batch writes the documents to a temporary directory and reads them back
through :func:`jscd.extract.iter_extract`, as ``jscd ingest`` does, keeping only counters,
so peak resident memory (``ru_maxrss``) shows whether memory stays flat.

    python bench/extract_bench.py [--docs 10000] [--repeats 5] [--sample 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JSCD_SHARED") or REPO / ".." / "shared")


def sentences() -> list[str]:
    """Sentences of the seed reports and test readouts (read, never copied)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    if not texts:
        sys.exit(f"no seed reports under {SHARED}/seeds")
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((REPO / "tests" / "extract" / "data").glob("*.txt"))]
    out = []
    for t in texts:
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", t) if len(s.split()) > 5]
    return out


def make_document(pool: list[str], rng: random.Random, words: int = 700) -> str:
    """About ``words`` words of pooled sentences, four to a paragraph."""
    paragraphs, para, count = [], [], 0
    while count < words:
        s = rng.choice(pool)
        para.append(s)
        count += len(s.split())
        if len(para) == 4:
            paragraphs.append(" ".join(para))
            para = []
    paragraphs.append(" ".join(para))
    return "\n\n".join(p for p in paragraphs if p)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({model}), load average at start {load}, "
            f"Python {platform.python_version()}, {platform.system()}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def throughput(docs: list[str], repeats: int) -> tuple[list[float], list[float]]:
    """Documents per second of CPU time and of wall-clock time, one figure per run."""
    from jscd.extract import extract_text

    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        for i, text in enumerate(docs):
            extract_text(text, f"bench-{i}.txt")
        cpu.append(len(docs) / (time.process_time() - c0))
        wall.append(len(docs) / (time.perf_counter() - w0))
    return cpu, wall


def streamed(pool: list[str], rng: random.Random, n: int) -> None:
    """Write ``n`` documents, stream them back through iter_extract, report time and memory."""
    from jscd.extract import iter_extract

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            Path(tmp, f"doc-{i:05d}.txt").write_text(make_document(pool, rng), encoding="utf-8")
        rss_before = peak_rss_mb()
        c0, w0 = time.process_time(), time.perf_counter()
        count, statements, failed = 0, 0, 0
        for result in iter_extract([tmp]):
            count += 1
            if isinstance(result, Exception):
                failed += 1
            else:
                statements += len(result.statements)
            if count % 1000 == 0:
                print(f"  ... {count} documents, peak resident memory {peak_rss_mb():.0f} MB",
                      flush=True)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"streamed batch: {count} documents ({failed} failed, {statements} statements), "
          f"files read from disk: {count / cpu:.1f} documents/s CPU, {count / wall:.1f} "
          f"documents/s wall ({wall:.0f} s)")
    print(f"peak resident memory: {peak_rss_mb():.0f} MB (before the batch: {rss_before:.0f} MB)"
          "  [target <= 500]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="documents in the streamed batch")
    ap.add_argument("--repeats", type=int, default=5, help="throughput runs (median reported)")
    ap.add_argument("--sample", type=int, default=200, help="documents per throughput run")
    args = ap.parse_args()

    print(f"machine: {machine()}", flush=True)
    from jscd.extract import extract_text

    rng = random.Random(3)
    pool = sentences()
    t0 = time.perf_counter()
    extract_text("The delegations agreed to meet again.", "warm-up")  # build the pipeline once
    print(f"pipeline build (first call): {time.perf_counter() - t0:.2f} s")
    docs = [make_document(pool, rng) for _ in range(args.sample)]
    mean_words = statistics.mean(len(d.split()) for d in docs)
    cpu, wall = throughput(docs, args.repeats)
    print(f"throughput, {args.repeats} runs of {len(docs)} documents (~{mean_words:.0f} words "
          "each), in memory:")
    print(f"  CPU time:  median {statistics.median(cpu):.1f} documents/s; runs: "
          + ", ".join(f"{r:.1f}" for r in cpu) + "  [target >= 100]")
    print(f"  wall time: median {statistics.median(wall):.1f} documents/s; runs: "
          + ", ".join(f"{r:.1f}" for r in wall))
    sys.stdout.flush()
    streamed(pool, rng, args.docs)


if __name__ == "__main__":
    main()
