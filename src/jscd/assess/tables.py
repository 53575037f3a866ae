"""The tables people enter: operational requirements, ISF capability ratings, other indicators.

Unlike the conflict events, these are judgements, entered by users (CSV import, API, web
form) and dated. Each row carries ``assessed_on`` so an as-of run uses the latest row known
at that date and can say how old it is. All three tables share one loader so their errors
read alike: file, line, field, and what was expected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from jscd.assess.geo import Governorates, load_governorates
from jscd.core import InputError

__all__ = [
    "CAPABILITY_COLUMNS",
    "CAPABILITY_DIMENSIONS",
    "INDICATOR_COLUMNS",
    "REQUIREMENT_COLUMNS",
    "Table",
    "example_path",
    "load_capability",
    "load_indicator_table",
    "load_requirements",
]

REQUIREMENT_COLUMNS = ("governorate", "requirement", "need", "own_coverage", "assessed_on")
CAPABILITY_DIMENSIONS = ("personnel", "equipment", "readiness", "training")
CAPABILITY_COLUMNS = ("governorate", "formation", *CAPABILITY_DIMENSIONS, "assessed_on")
INDICATOR_COLUMNS = ("governorate", "indicator", "value", "assessed_on")
_KEYS = {
    "requirements": ("governorate", "requirement"),
    "capability": ("governorate", "formation"),
    "indicators": ("governorate", "indicator"),
}


def example_path(name: str) -> Path:
    """Path of an illustrative table shipped in ``jscd/assess/data`` (not real data)."""
    return Path(str(resources.files("jscd.assess") / "data" / name))


@dataclass
class Table:
    """A validated table: ``frame`` has the columns plus ``line`` and ``month``.

    ``month`` is the month number of ``assessed_on`` (``year*12 + m - 1``) so as-of
    selection and ages are integer arithmetic.
    """

    kind: str
    frame: pd.DataFrame
    source: str
    sha256: str

    def as_of(self, month: int, day: dt.date | None = None) -> pd.DataFrame:
        """Latest row per key assessed on or before ``day`` (default: end of ``month``)."""
        f = self.frame
        cutoff = day or _month_end(month)
        known = f[f["assessed_on"] <= cutoff.isoformat()]
        if known.empty:
            return known
        keys = list(_KEYS[self.kind])
        latest = known.sort_values([*keys, "assessed_on", "line"]).groupby(keys, sort=False).tail(1)
        return latest.sort_values("line")


def _month_end(month: int) -> dt.date:
    year, m = divmod(month, 12)
    nxt = dt.date(year + (m == 11), (m + 1) % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(source: str | Path | pd.DataFrame | Iterable[Mapping[str, object]], where: str | None):
    """Accept a CSV path, a DataFrame or rows (the record's entries); return frame, name, sha."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read CSV: {exc}", file=str(path)) from exc
        try:
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, comment="#")
        except pd.errors.ParserError as exc:
            raise InputError(f"cannot read CSV: {exc}", file=str(path)) from exc
        # Comment lines (# ...) at the top label the example tables; line numbers must
        # still be the file's own.
        skipped = 0
        for raw in text.splitlines():
            if raw.startswith("#"):
                skipped += 1
            else:
                break
        df.attrs["first_line"] = skipped + 2
        return df, where or str(path), hashlib.sha256(text.encode("utf-8")).hexdigest()
    df = source.copy() if isinstance(source, pd.DataFrame) else pd.DataFrame(list(source))
    df = df.astype(str) if not df.empty else df
    df.attrs["first_line"] = 1 if not isinstance(source, pd.DataFrame) else 2
    return df, where or "<rows>", _sha(df.to_csv(index=False, lineterminator="\n"))


def _check_columns(df: pd.DataFrame, columns: Sequence[str], where: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}",
            file=where,
            line=1,
            field=missing[0],
        )


def _common(kind: str, df: pd.DataFrame, columns: Sequence[str], where: str, sha: str, govs: Governorates) -> Table:
    """Validate governorate and assessed_on, the columns every table shares."""
    _check_columns(df, columns, where)
    first = int(df.attrs.get("first_line", 2))
    # A record row's primary key, when rows come from the database, so explain can name it.
    df = df[[*columns, *(["id"] if "id" in df.columns else [])]].copy()
    df["line"] = np.arange(len(df)) + first
    iso = govs.resolve_many(df["governorate"])
    for r in np.flatnonzero(iso == ""):
        raise InputError(
            f"unknown governorate {df['governorate'].iloc[r]!r}",
            file=where,
            line=int(df["line"].iloc[r]),
            field="governorate",
        )
    df["governorate"] = iso
    months = []
    for r, text in enumerate(df["assessed_on"]):
        try:
            day = dt.date.fromisoformat(str(text).strip())
        except ValueError:
            raise InputError(
                f"{text!r} is not a date (YYYY-MM-DD)", file=where, line=int(df["line"].iloc[r]), field="assessed_on"
            ) from None
        df.iloc[r, df.columns.get_loc("assessed_on")] = day.isoformat()
        months.append(day.year * 12 + day.month - 1)
    df["month"] = np.asarray(months, dtype=np.int64)
    keys = list(_KEYS[kind])
    dup = df.duplicated([*keys, "assessed_on"], keep="first").to_numpy()
    if dup.any():
        r = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"second row for the same {' and '.join(keys)} on the same date",
            file=where,
            line=int(df["line"].iloc[r]),
            field=keys[-1],
        )
    return Table(kind=kind, frame=df.reset_index(drop=True), source=where, sha256=sha)


def _number(df: pd.DataFrame, name: str, where: str, lo: float, hi: float, what: str) -> None:
    values = pd.to_numeric(df[name], errors="coerce")
    bad = (values.isna() | (values < lo) | (values > hi)).to_numpy()
    if bad.any():
        r = int(np.flatnonzero(bad)[0])
        raise InputError(f"{df[name].iloc[r]!r} is not {what}", file=where, line=int(df["line"].iloc[r]), field=name)
    df[name] = values.astype(float)


def load_requirements(
    source: str | Path | pd.DataFrame | Iterable[Mapping[str, object]],
    *,
    kinds: Sequence[str],
    governorates: Governorates | None = None,
    where: str | None = None,
) -> Table:
    """Operational requirements: per governorate and requirement, how much it is needed
    (``need`` 1-3) and what share own forces cover (``own_coverage`` 0-1)."""
    df, name, sha = _read(source, where)
    table = _common("requirements", df, REQUIREMENT_COLUMNS, name, sha, governorates or load_governorates())
    f = table.frame
    allowed = set(kinds)
    for r, kind in enumerate(f["requirement"]):
        if kind not in allowed:
            raise InputError(
                f"unknown requirement {kind!r}; the model knows {', '.join(kinds)}",
                file=name,
                line=int(f["line"].iloc[r]),
                field="requirement",
            )
    _number(f, "need", name, 1, 3, "a need from 1 (low) to 3 (high)")
    _number(f, "own_coverage", name, 0, 1, "a share between 0 and 1")
    return table


def load_capability(
    source: str | Path | pd.DataFrame | Iterable[Mapping[str, object]],
    *,
    scale: Sequence[str] = ("C1", "C2", "C3", "C4"),
    governorates: Governorates | None = None,
    where: str | None = None,
) -> Table:
    """ISF capability ratings per formation and governorate on each dimension, on ``scale``."""
    df, name, sha = _read(source, where)
    table = _common("capability", df, CAPABILITY_COLUMNS, name, sha, governorates or load_governorates())
    f = table.frame
    allowed = set(scale)
    for dim in CAPABILITY_DIMENSIONS:
        f[dim] = f[dim].str.strip().str.upper()
        off = ~f[dim].isin(allowed)
        if off.any():
            r = int(np.flatnonzero(off.to_numpy())[0])
            raise InputError(
                f"rating {f[dim].iloc[r]!r} is off the scale {'-'.join((scale[0], scale[-1]))}",
                file=name,
                line=int(f["line"].iloc[r]),
                field=dim,
            )
    for r, formation in enumerate(f["formation"]):
        if not str(formation).strip():
            raise InputError("formation is empty", file=name, line=int(f["line"].iloc[r]), field="formation")
    return table


def load_indicator_table(
    source: str | Path | pd.DataFrame | Iterable[Mapping[str, object]],
    *,
    governorates: Governorates | None = None,
    where: str | None = None,
) -> Table:
    """Any further indicator per governorate (e.g. governance capacity), a number per row."""
    df, name, sha = _read(source, where)
    table = _common("indicators", df, INDICATOR_COLUMNS, name, sha, governorates or load_governorates())
    _number(table.frame, "value", name, -np.inf, np.inf, "a number")
    return table
