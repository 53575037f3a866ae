"""The governorate × month panel of conflict indicators the threat factor is computed from.

Both input routes end here: raw UCDP events are counted into the panel, and the derived
``ucdp_monthly.csv`` shipped with the package is read back into the same panel. Keeping
the panel dense (every governorate, every month, zeros included) means a window over it is
a slice, and a month missing from a file is an error rather than a silent zero.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from jscd.assess.events import EventTable, file_sha256
from jscd.assess.geo import Governorates, load_governorates
from jscd.core import InputError

__all__ = [
    "MONTHLY_COLUMNS",
    "MonthlyPanel",
    "default_monthly_path",
    "format_month",
    "load_monthly_csv",
    "panel_from_events",
    "parse_month",
]

#: Columns of the derived monthly file, in order.
MONTHLY_COLUMNS = ("governorate", "month", "events", "deaths", "deaths_low", "deaths_high", "is_events")
_COUNTS = MONTHLY_COLUMNS[2:]


def parse_month(value: str | object) -> int:
    """``"2018-06"`` (or a date/``"2018-06-30"``) → month number ``year*12 + month - 1``."""
    text = str(value).strip()
    try:
        year, month = int(text[0:4]), int(text[5:7])
    except ValueError:
        raise ValueError(f"{text!r} is not a month (YYYY-MM)") from None
    if len(text) < 7 or text[4] != "-" or not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a month (YYYY-MM)")
    return year * 12 + month - 1


def format_month(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@dataclass
class MonthlyPanel:
    """Dense counts per governorate (rows, in ``codes`` order) and month (columns).

    ``first`` is the month number of column 0. ``events_by_cell`` (raw route only) maps
    (governorate index, month number) to the UCDP event ids counted there, for explain.
    """

    codes: tuple[str, ...]
    first: int
    counts: dict[str, np.ndarray]
    source: str
    sha256: str
    kind: str  # "ucdp_events" or "ucdp_monthly"
    placement: dict[str, object] | None = None
    events_by_cell: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    @property
    def n_months(self) -> int:
        return next(iter(self.counts.values())).shape[1]

    @property
    def last(self) -> int:
        return self.first + self.n_months - 1

    def months(self) -> list[str]:
        return [format_month(self.first + i) for i in range(self.n_months)]

    def window(self, end: int, length: int) -> tuple[int, int]:
        """Column slice [start, stop) of the ``length`` months ending at month ``end``,
        clipped to the data; callers flag staleness when ``end`` is past the data."""
        stop = min(end, self.last) - self.first + 1
        start = max(0, stop - length)
        return start, max(start, stop)

    def to_frame(self) -> pd.DataFrame:
        """Long form, one row per governorate and month, in file order."""
        g, m = len(self.codes), self.n_months
        data: dict[str, object] = {
            "governorate": np.repeat(np.asarray(self.codes, dtype=object), m),
            "month": np.tile(np.asarray(self.months(), dtype=object), g),
        }
        for name in _COUNTS:
            data[name] = self.counts[name].reshape(-1)
        return pd.DataFrame(data, columns=list(MONTHLY_COLUMNS))

    def to_csv(self) -> str:
        buf = io.StringIO()
        self.to_frame().to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue()


def panel_from_events(
    table: EventTable,
    governorates: Governorates | None = None,
    *,
    first: int | None = None,
    last: int | None = None,
) -> MonthlyPanel:
    """Count placed events into a dense panel; unplaced events stay out (see placement)."""
    govs = governorates or load_governorates()
    f = table.frame
    placed = f[f["governorate"] != ""]
    first = int(f["month"].min()) if first is None else first
    last = int(f["month"].max()) if last is None else last
    n = last - first + 1
    placed = placed[(placed["month"] >= first) & (placed["month"] <= last)]
    gi = np.fromiter((govs.index(c) for c in placed["governorate"]), dtype=np.int64, count=len(placed))
    mi = placed["month"].to_numpy() - first
    flat = gi * n + mi
    size = len(govs) * n

    def tally(weights: np.ndarray | None) -> np.ndarray:
        return np.bincount(flat, weights=weights, minlength=size).astype(np.int64).reshape(len(govs), n)

    counts = {
        "events": tally(None),
        "deaths": tally(placed["deaths"].to_numpy(dtype=float)),
        "deaths_low": tally(placed["low"].to_numpy(dtype=float)),
        "deaths_high": tally(placed["high"].to_numpy(dtype=float)),
        "is_events": tally(placed["is_involved"].to_numpy(dtype=float)),
    }
    cells: dict[tuple[int, int], list[int]] = {}
    for g, m, i in zip(gi.tolist(), placed["month"].tolist(), placed["id"].tolist(), strict=True):
        cells.setdefault((g, m), []).append(i)
    return MonthlyPanel(
        codes=govs.codes,
        first=first,
        counts=counts,
        source=table.source,
        sha256=table.sha256,
        kind="ucdp_events",
        placement=table.placement_summary(),
        events_by_cell=cells,
    )


def default_monthly_path() -> Path:
    """The derived monthly file shipped with the package (written by scripts/derive_ucdp.py)."""
    return Path(str(resources.files("jscd.assess") / "data" / "ucdp_monthly.csv"))


def load_monthly_csv(path: str | Path | None = None, governorates: Governorates | None = None) -> MonthlyPanel:
    """Read a monthly indicator file and insist it is a dense, non-negative panel.

    Errors name the line (header = 1) and field: unknown governorate, bad or duplicate
    month, negative count, or a governorate missing a month another one has.
    """
    path = Path(path or default_monthly_path())
    govs = governorates or load_governorates()
    where = str(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV: {exc}", file=where) from exc
    missing = [c for c in MONTHLY_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", file=where, line=1, field=missing[0])
    if df.empty:
        raise InputError("no rows", file=where, line=2, field="governorate")
    line = np.arange(len(df)) + 2
    iso = govs.resolve_many(df["governorate"])
    bad = np.flatnonzero(iso == "")
    if bad.size:
        r = int(bad[0])
        raise InputError(
            f"unknown governorate {df['governorate'][r]!r}", file=where, line=int(line[r]), field="governorate"
        )
    months = np.empty(len(df), dtype=np.int64)
    for r, text in enumerate(df["month"]):
        try:
            months[r] = parse_month(text)
        except ValueError as exc:
            raise InputError(str(exc), file=where, line=int(line[r]), field="month") from None
    values: dict[str, np.ndarray] = {}
    for name in _COUNTS:
        col = pd.to_numeric(df[name], errors="coerce")
        bad_mask = (col.isna() | (col < 0) | (col != col.round())).to_numpy()
        if bad_mask.any():
            r = int(np.flatnonzero(bad_mask)[0])
            raise InputError(f"{df[name][r]!r} is not a count >= 0", file=where, line=int(line[r]), field=name)
        values[name] = col.to_numpy(dtype=np.int64)
    first, last = int(months.min()), int(months.max())
    n = last - first + 1
    gi = np.fromiter((govs.index(c) for c in iso), dtype=np.int64, count=len(iso))
    flat = gi * n + (months - first)
    seen = np.full(len(govs) * n, -1, dtype=np.int64)
    for r, cell in enumerate(flat.tolist()):
        if seen[cell] >= 0:
            raise InputError(
                f"duplicate row for {iso[r]} {format_month(int(months[r]))} (first on line {seen[cell] + 2})",
                file=where,
                line=int(line[r]),
                field="month",
            )
        seen[cell] = r
    holes = np.flatnonzero(seen < 0)
    if holes.size:
        cell = int(holes[0])
        g, m = divmod(cell, n)
        raise InputError(
            f"governorate {govs.codes[g]} has no row for month {format_month(first + m)} "
            f"(the file covers {format_month(first)} to {format_month(last)})",
            file=where,
            field="month",
        )
    counts = {}
    for name in _COUNTS:
        grid = np.zeros(len(govs) * n, dtype=np.int64)
        grid[flat] = values[name]
        counts[name] = grid.reshape(len(govs), n)
    return MonthlyPanel(
        codes=govs.codes, first=first, counts=counts, source=where, sha256=file_sha256(path), kind="ucdp_monthly"
    )
