"""Loading UCDP GED conflict events and placing each one in a governorate.

The HDX-style UCDP export has quirks the loader must absorb rather than pass on: a second
header row of HXL hashtags, empty ``adm_1`` on several hundred events, UCDP's own
transliterations (and Kirkuk's old name, At-Ta'mim), and provinces that disagree with the
event's coordinates. Each event's placement is decided by one rule set and the decision is
kept per event, so the threat figures of any governorate can be traced back to events.

Placement rules, in order (the ``placement`` column):

``name``            adm_1 and the coordinates agree.
``name_only``       adm_1 is known, the point lies outside every polygon (border, river).
``point``           adm_1 is empty; the point (precise enough, see ``max_point_precision``)
                    lies in a governorate.
``point_over_name`` adm_1 and the point disagree and the point is precise (where_prec <= 3:
                    a named place or within 25 km); the coordinates win.
``name_over_point`` they disagree but the point is only a province or region centroid
                    (where_prec >= 4); the province name wins.
``unplaced``        no usable name and no usable point (e.g. "Iraq" as a whole,
                    where_prec 6); counted nationally, never in a governorate.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from jscd.assess.geo import Governorates, load_governorates
from jscd.core import InputError

__all__ = [
    "PLACEMENTS",
    "REQUIRED_COLUMNS",
    "EventTable",
    "file_sha256",
    "load_ucdp_events",
]

#: Columns of UCDP GED the loader needs; any other columns are ignored.
REQUIRED_COLUMNS = (
    "id",
    "date_start",
    "adm_1",
    "latitude",
    "longitude",
    "where_prec",
    "side_a",
    "side_b",
    "dyad_name",
    "best",
    "low",
    "high",
)
PLACEMENTS = ("name", "name_only", "point", "point_over_name", "name_over_point", "unplaced")
#: Coordinates this precise or better are a real location (UCDP where_prec 1-3).
_PRECISE = 3
_COUNT_FIELDS = ("best", "low", "high")


def file_sha256(path: str | Path) -> str:
    """Checksum recorded with every run, so a result can be tied to the exact input bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class EventTable:
    """Events with their governorate, month and the placement decision behind it.

    ``frame`` columns: id, record (data record number, header = 1), month
    (``YYYY*12 + m - 1``), governorate (ISO or ""), placement, adm_1, where_prec, deaths (best), low, high, is_involved.
    """

    frame: pd.DataFrame
    source: str
    sha256: str

    def __len__(self) -> int:
        return len(self.frame)

    def placement_summary(self) -> dict[str, object]:
        """How many events each rule placed, and which events were moved or left out."""
        f = self.frame
        counts = {p: int((f["placement"] == p).sum()) for p in PLACEMENTS}
        moved = f[f["placement"] == "point_over_name"]
        return {
            "events": len(f),
            "counts": counts,
            "placed": int((f["governorate"] != "").sum()),
            "moved": [
                {"id": int(r.id), "record": int(r.record), "adm_1": r.adm_1, "governorate": r.governorate}
                for r in moved.itertuples()
            ],
            "unplaced_ids": [int(i) for i in f.loc[f["placement"] == "unplaced", "id"]],
        }


def _record_lines(path: Path) -> list[int]:
    """Physical line on which each data record starts (quoted fields may span lines).

    Only called when an error must be reported, so the fast path never pays for it.
    """
    starts: list[int] = []
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        prev = 0
        for _ in reader:
            starts.append(prev + 1)
            prev = reader.line_num
    return starts[1:]  # drop the header record


def _fail(path: Path, row: int, field: str, message: str) -> InputError:
    lines = _record_lines(path)
    line = lines[row] if row < len(lines) else None
    return InputError(message, file=str(path), line=line, field=field)


def load_ucdp_events(
    path: str | Path,
    governorates: Governorates | None = None,
    *,
    is_actors: tuple[str, ...] = ("IS",),
    max_point_precision: int = 5,
) -> EventTable:
    """Read a UCDP GED CSV (Iraq subset), validate it and place every event.

    ``is_actors`` are the UCDP actor names counted as the Islamic State (UCDP codes it as
    one actor, "IS", across its renamings). Points with ``where_prec`` above
    ``max_point_precision`` are not trusted to pick a governorate on their own.
    Raises InputError naming the line and field of the first bad value.
    """
    path = Path(path)
    govs = governorates or load_governorates()
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV: {exc}", file=str(path)) from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(
            f"not a UCDP GED file: missing column(s) {', '.join(missing)}",
            file=str(path),
            line=1,
            field=missing[0],
        )
    raw = raw[list(REQUIRED_COLUMNS)]
    # HXL hashtag rows (#date+year, #adm1+name, ...) describe columns; they are not events.
    hxl = raw.apply(lambda col: col.str.startswith("#")).any(axis=1).to_numpy()
    rows = np.flatnonzero(~hxl)
    raw = raw.iloc[rows].reset_index(drop=True)

    ids = pd.to_numeric(raw["id"], errors="coerce")
    if ids.isna().any():
        r = int(np.flatnonzero(ids.isna())[0])
        raise _fail(path, int(rows[r]), "id", f"event id {raw['id'][r]!r} is not a number")
    dates = pd.to_datetime(raw["date_start"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        r = int(np.flatnonzero(dates.isna())[0])
        raise _fail(path, int(rows[r]), "date_start", f"date {raw['date_start'][r]!r} is not YYYY-MM-DD")
    counts = {}
    for name in _COUNT_FIELDS:
        values = pd.to_numeric(raw[name], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            r = int(np.flatnonzero(bad.to_numpy())[0])
            raise _fail(path, int(rows[r]), name, f"death count {raw[name][r]!r} is not a count >= 0")
        counts[name] = values.to_numpy(dtype=np.int64)
    lat = pd.to_numeric(raw["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(raw["longitude"], errors="coerce").to_numpy(dtype=float)
    prec = pd.to_numeric(raw["where_prec"], errors="coerce").fillna(9).to_numpy(dtype=int)

    adm = raw["adm_1"].str.strip().to_numpy(dtype=object)
    named = govs.resolve_many(adm)
    unknown = (adm != "") & (named == "")
    if unknown.any():
        r = int(np.flatnonzero(unknown)[0])
        raise _fail(
            path,
            int(rows[r]),
            "adm_1",
            f"unknown governorate {adm[r]!r}; add the spelling to governorate_names.yaml",
        )
    pointed = govs.place(lon, lat)
    usable_point = (pointed != "") & (prec <= max_point_precision)
    has_name = named != ""
    placement = np.full(len(raw), "unplaced", dtype=object)
    governorate = np.full(len(raw), "", dtype=object)
    agree = has_name & (pointed == named)
    placement[agree] = "name"
    name_only = has_name & (pointed == "")
    placement[name_only] = "name_only"
    by_point = ~has_name & usable_point
    placement[by_point] = "point"
    disagree = has_name & (pointed != "") & (pointed != named)
    placement[disagree & (prec <= _PRECISE)] = "point_over_name"
    placement[disagree & (prec > _PRECISE)] = "name_over_point"
    take_name = np.isin(placement, ["name", "name_only", "name_over_point"])
    take_point = np.isin(placement, ["point", "point_over_name"])
    governorate[take_name] = named[take_name]
    governorate[take_point] = pointed[take_point]

    actors = set(is_actors)
    side_a = raw["side_a"].to_numpy(dtype=object)
    side_b = raw["side_b"].to_numpy(dtype=object)
    dyad = raw["dyad_name"].to_numpy(dtype=object)
    is_involved = np.fromiter(
        (
            a in actors or b in actors or any(p.strip() in actors for p in d.split(" - "))
            for a, b, d in zip(side_a, side_b, dyad, strict=True)
        ),
        dtype=bool,
        count=len(raw),
    )
    month = (dates.dt.year * 12 + dates.dt.month - 1).to_numpy(dtype=np.int64)
    frame = pd.DataFrame(
        {
            "id": ids.to_numpy(dtype=np.int64),
            "record": rows + 2,  # data row r is record r+2 counting the header as 1
            "month": month,
            "governorate": governorate,
            "placement": placement,
            "adm_1": adm,
            "where_prec": prec,
            "deaths": counts["best"],
            "low": counts["low"],
            "high": counts["high"],
            "is_involved": is_involved,
        }
    )
    return EventTable(frame=frame, source=str(path), sha256=file_sha256(path))
