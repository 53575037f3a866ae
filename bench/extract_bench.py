"""Benchmark of the default extractor (trained parser): throughput, workers and memory.

Targets (issue 9): >= 25 documents/s per core for ~700-word reports (median of repeated
runs), >= 1.8x that with 2 workers on an idle 2-core machine, and <= 500 MB peak resident
memory per worker for a streamed batch of 10,000 documents, with and without the
``[embed]`` extra installed (run this script once more with the Python of a venv that has
the extra, e.g. ``--stream-only``; it prints whether torch is installed and whether it
was loaded).

The documents are generated at run time by recombining the sentences of the seed reports
(read from ../shared/seeds, never copied into the repository) and of the test readouts in
random order, so every document is ~700 words of realistic report language and no two are
the same.

One worker runs in this process: throughput is reported as CPU time of this process
(``time.process_time``: what one core does, unaffected by other busy processes on a
shared machine) and as wall-clock time. Two workers are a warmed
:class:`jscd.extract.workers.ExtractionPool` (start-up is not timed, it is paid once per
batch) fed the same documents; only wall-clock time means anything there, and it is
compared with one worker's wall-clock time, so read it with the load average printed at
the start. The streamed batch writes the documents to a temporary directory and reads
them back through the pool as ``jscd extract``/``jscd ingest`` do, keeping only counters;
a worker's peak resident memory is its ``VmHWM`` (``ru_maxrss`` of this process for one
worker), so it shows whether memory stays flat.

    python bench/extract_bench.py [--docs 10000] [--repeats 5] [--sample 200]
                                  [--stream-workers 1] [--stream-only] [--profile]
"""

from __future__ import annotations

import argparse
import importlib.util
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


def hwm_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a live process, in MB; 0 if it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def torch_state() -> str:
    installed = importlib.util.find_spec("torch") is not None
    return (f"torch installed: {'yes ([embed] extra)' if installed else 'no'}; "
            f"torch loaded by this process: {'yes' if 'torch' in sys.modules else 'no'}")


def throughput(docs: list[str], repeats: int) -> tuple[list[float], list[float]]:
    """One worker (this process): documents per second of CPU and of wall-clock time."""
    from jscd.extract import extract_text

    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        for i, text in enumerate(docs):
            extract_text(text, f"bench-{i}.txt")
        cpu.append(len(docs) / (time.process_time() - c0))
        wall.append(len(docs) / (time.perf_counter() - w0))
    return cpu, wall


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process (from /proc), 0 if it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def throughput_pool(docs: list[str], repeats: int, workers: int) -> tuple[list[float], float]:
    """``workers`` warmed worker processes: documents per second of wall-clock time per run,
    and documents per second of each worker's CPU time over all runs (what a worker does
    when it has a core: on a busy machine the wall-clock figure is bounded by the cores the
    other processes leave free, not by the workers)."""
    from jscd.extract.workers import ExtractionPool, TextJob, extract_job

    jobs = [TextJob(t, f"bench-{i}.txt", None, None, None, f"bench-{i}.txt")
            for i, t in enumerate(docs)]
    wall, done = [], 0
    with ExtractionPool(workers) as pool:
        pool.start()
        pids = pool.worker_pids()
        cpu0 = sum(cpu_seconds(p) for p in pids)
        for _ in range(repeats):
            w0 = time.perf_counter()
            n = sum(1 for _ in pool.map(extract_job, jobs))
            wall.append(n / (time.perf_counter() - w0))
            done += n
        cpu = sum(cpu_seconds(p) for p in pids) - cpu0
    return wall, (done / cpu if cpu else 0.0)


def streamed(pool_docs: list[str], rng: random.Random, n: int, workers: int) -> None:
    """Write ``n`` documents, stream them back through the pool, report time and memory."""
    from jscd.extract import expand_paths
    from jscd.extract.workers import ExtractionPool, extract_item

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            Path(tmp, f"doc-{i:05d}.txt").write_text(make_document(pool_docs, rng),
                                                     encoding="utf-8")
        rss_before = peak_rss_mb()
        peaks: dict[int, float] = {}

        def measure(pool: ExtractionPool) -> str:
            if workers == 1:
                return f"{peak_rss_mb():.0f} MB"
            for pid in pool.worker_pids():
                peaks[pid] = max(peaks.get(pid, 0.0), hwm_mb(pid))
            return ", ".join(f"{v:.0f}" for v in peaks.values()) + " MB per worker"

        c0, w0 = time.process_time(), time.perf_counter()
        count, statements, failed = 0, 0, 0
        with ExtractionPool(workers) as pool:
            for result in pool.map(extract_item, expand_paths([tmp])):
                count += 1
                if isinstance(result, Exception):
                    failed += 1
                else:
                    statements += len(result.statements)
                if count % 1000 == 0:
                    print(f"  ... {count} documents, peak resident memory {measure(pool)}",
                          flush=True)
            final = measure(pool)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    rate = f"{count / cpu:.1f} documents/s CPU, " if workers == 1 else ""
    print(f"streamed batch over {workers} worker(s): {count} documents ({failed} failed, "
          f"{statements} statements), files read from disk: {rate}{count / wall:.1f} "
          f"documents/s wall ({wall:.0f} s)")
    before = f" (this process before the batch: {rss_before:.0f} MB)" if workers == 1 else ""
    print(f"peak resident memory: {final}{before}  [target <= 500 per worker]")
    print(torch_state())


def profile(docs: list[str]) -> None:
    """Where one worker's time goes: cProfile of the sample, top functions by own time."""
    import cProfile
    import pstats

    from jscd.extract import extract_text

    prof = cProfile.Profile()
    prof.enable()
    for i, text in enumerate(docs):
        extract_text(text, f"bench-{i}.txt")
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="documents in the streamed batch")
    ap.add_argument("--repeats", type=int, default=5, help="throughput runs (median reported)")
    ap.add_argument("--sample", type=int, default=200, help="documents per throughput run")
    ap.add_argument("--workers", type=int, default=2, help="workers of the parallel runs")
    ap.add_argument("--stream-workers", type=int, default=1,
                    help="workers of the streamed batch (1: all of it in one process, the "
                         "worst case for memory)")
    ap.add_argument("--stream-only", action="store_true",
                    help="only the streamed batch (e.g. for the run with the [embed] extra)")
    ap.add_argument("--profile", action="store_true", help="cProfile one worker on the sample")
    args = ap.parse_args()

    print(f"machine: {machine()}", flush=True)
    print(f"python: {sys.executable}; {torch_state()}", flush=True)
    from jscd.extract import extract_text

    rng = random.Random(3)
    pool = sentences()
    t0 = time.perf_counter()
    extract_text("The delegations agreed to meet again.", "warm-up")  # build the pipeline once
    print(f"pipeline build (first call): {time.perf_counter() - t0:.2f} s")
    docs = [make_document(pool, rng) for _ in range(args.sample)]
    mean_words = statistics.mean(len(d.split()) for d in docs)
    if args.profile:
        profile(docs)
        return
    if not args.stream_only:
        cpu, wall = throughput(docs, args.repeats)
        print(f"throughput, {args.repeats} runs of {len(docs)} documents (~{mean_words:.0f} "
              "words each), in memory:")
        print(f"  1 worker, CPU time:  median {statistics.median(cpu):.1f} documents/s; runs: "
              + ", ".join(f"{r:.1f}" for r in cpu) + "  [target >= 25 per core]")
        print(f"  1 worker, wall time: median {statistics.median(wall):.1f} documents/s; runs: "
              + ", ".join(f"{r:.1f}" for r in wall))
        sys.stdout.flush()
        par, per_worker_cpu = throughput_pool(docs, args.repeats, args.workers)
        ratio = statistics.median(par) / statistics.median(wall)
        print(f"  {args.workers} workers, wall time: median {statistics.median(par):.1f} "
              "documents/s; runs: " + ", ".join(f"{r:.1f}" for r in par)
              + f"; {ratio:.2f}x one worker's wall time  [target >= 1.8x on an idle machine]")
        print(f"  {args.workers} workers, CPU time: {per_worker_cpu:.1f} documents/s per "
              f"worker ({per_worker_cpu * args.workers / statistics.median(cpu):.2f}x one "
              "worker's CPU figure if each had a core of its own)")
        print(f"  load average now: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        sys.stdout.flush()
    if args.docs:
        streamed(pool, rng, args.docs, args.stream_workers)


if __name__ == "__main__":
    main()
