"""Benchmark of the HMC assessment (issue 5 targets).

    .venv/bin/python bench/assess_bench.py [--repeat 5]

Targets: loading the 7,473-event UCDP file and placing events <= 1 s; a full assessment of
18 governorates over 120 months with 10,000 Monte Carlo draws <= 2 s on one core. Prints
the best and median of several runs (warm: imports and file caches paid once), the machine,
and whether each target is met. Numeric libraries are pinned to one thread.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JSCD_SHARED") or REPO.parent / "shared") / "data"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from jscd.assess import (
        assess,
        format_month,
        load_config,
        load_governorates,
        load_inputs,
        load_ucdp_events,
        panel_from_events,
    )
    from jscd.assess.monthly import MonthlyPanel

    events = SHARED / "ucdp_ged_iraq_1989-2018.csv"
    geojson = SHARED / "geoBoundaries-IRQ-ADM1.geojson"
    govs = load_governorates(geojson)
    cfg = load_config()

    holder: dict[str, object] = {}

    def load_and_place() -> None:
        table = load_ucdp_events(events, govs)
        holder["panel"] = panel_from_events(table, govs)
        holder["table"] = table

    load_best, load_median = _time(load_and_place, args.repeat)
    table = holder["table"]

    # 120 months: the panel cut to 2009-01 .. 2018-12, assessed at its last month.
    full: MonthlyPanel = holder["panel"]  # type: ignore[assignment]
    start = 2009 * 12 - full.first
    panel = MonthlyPanel(
        codes=full.codes,
        first=full.first + start,
        counts={k: v[:, start : start + 120] for k, v in full.counts.items()},
        source=full.source,
        sha256=full.sha256,
        kind=full.kind,
        placement=full.placement,
    )
    inputs = load_inputs(cfg, geojson=geojson)
    inputs.panel = panel
    as_of = format_month(panel.last)

    def full_run() -> None:
        holder["result"] = assess(as_of, cfg, inputs, draws=10_000)

    run_best, run_median = _time(full_run, args.repeat)

    def monthly_runs() -> None:
        for m in range(panel.first, panel.last + 1):
            assess(format_month(m), cfg, inputs, draws=0, explain=False)

    series_best, series_median = _time(monthly_runs, max(1, args.repeat // 2))

    print("jscd assess benchmark")
    print(f"machine: {os.cpu_count()} CPUs (nproc), {_cpu_model()}, {platform.system()} {platform.release()}")
    print(f"python {platform.python_version()}, single-threaded numeric libraries")
    print(
        f"load + place {len(table):,} UCDP events ({table.placement_summary()['placed']:,} placed): "
        f"best {load_best:.3f} s, median {load_median:.3f} s  (target <= 1 s: "
        f"{'met' if load_median <= 1 else 'MISSED'})"
    )
    print(
        f"full assessment, {len(panel.codes)} governorates x {panel.n_months} months "
        f"({format_month(panel.first)}..{as_of}), 10,000 draws, with explain: "
        f"best {run_best:.3f} s, median {run_median:.3f} s  (target <= 2 s: "
        f"{'met' if run_median <= 2 else 'MISSED'})"
    )
    print(
        f"120 as-of runs (one per month, no draws, no explain): best {series_best:.3f} s, "
        f"median {series_median:.3f} s ({series_median / panel.n_months * 1000:.1f} ms per run)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
