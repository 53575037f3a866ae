"""Benchmark of the default (rule-based) extractor: throughput and memory of a streamed batch.

Targets (issue 3): >= 100 documents/s on one core for ~700-word reports (median of repeated
runs) and <= 500 MB resident for a streamed batch of 10,000 documents.

The documents are generated at run time by recombining the sentences of the seed reports
(read from ../shared/seeds, never copied into the repository) in random order, so every
document is ~700 words of realistic report language and they are all different.

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
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((REPO / "tests" / "extract" / "data").glob("*.txt"))]
    if not texts:
        sys.exit(f"no seed reports under {SHARED}/seeds")
    out = []
    for t in texts:
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", t) if len(s.split()) > 5]
    return out


def make_document(pool: list[str], rng: random.Random, words: int = 700) -> str:
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
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="documents in the streamed batch")
    ap.add_argument("--repeats", type=int, default=5, help="throughput runs (median reported)")
    ap.add_argument("--sample", type=int, default=200, help="documents per throughput run")
    args = ap.parse_args()

    from jscd.extract import extract_text, iter_extract

    rng = random.Random(3)
    pool = sentences()
    t0 = time.perf_counter()
    extract_text("The delegations agreed to meet again.", "warm-up")  # build the pipeline once
    build = time.perf_counter() - t0
    docs = [make_document(pool, rng) for _ in range(args.sample)]
    mean_words = statistics.mean(len(d.split()) for d in docs)
    rates = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for i, text in enumerate(docs):
            extract_text(text, f"bench-{i}.txt")
        rates.append(len(docs) / (time.perf_counter() - start))

    print(f"machine: {machine()}")
    print(f"pipeline build (first call): {build:.2f} s")
    print(f"throughput: {statistics.median(rates):.1f} documents/s median of {args.repeats} runs "
          f"of {len(docs)} documents (~{mean_words:.0f} words each); runs: "
          + ", ".join(f"{r:.1f}" for r in rates) + "  [target >= 100]")
    sys.stdout.flush()

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.docs):
            Path(tmp, f"doc-{i:05d}.txt").write_text(make_document(pool, rng), encoding="utf-8")
        start, n, statements, failed = time.perf_counter(), 0, 0, 0
        for result in iter_extract([tmp]):
            n += 1
            if isinstance(result, Exception):
                failed += 1
            else:
                statements += len(result.statements)
        elapsed = time.perf_counter() - start
    print(f"streamed batch: {n} documents ({failed} failed, {statements} statements) in "
          f"{elapsed:.1f} s = {n / elapsed:.1f} documents/s including file reads")
    print(f"peak resident memory: {peak_rss_mb():.0f} MB  [target <= 500]")


if __name__ == "__main__":
    main()
