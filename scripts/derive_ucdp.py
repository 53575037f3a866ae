"""Derive the conflict data shipped inside jscd from the raw UCDP GED and geoBoundaries files.

A fresh install must show real figures without the 3 MB raw file, so the package carries
only what the assessment needs: monthly counts per governorate, a placement summary, and
governorate polygons simplified for maps. Run from the repository root:

    .venv/bin/python scripts/derive_ucdp.py [--shared ../shared/data]

Writes under src/jscd/assess/data/: ucdp_monthly.csv, ucdp_monthly.meta.json,
governorates.geojson. Re-running on the same inputs gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import shapely

from jscd.assess.events import file_sha256, load_ucdp_events
from jscd.assess.geo import load_governorates
from jscd.assess.monthly import format_month, panel_from_events

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "jscd" / "assess" / "data"
EVENTS = "ucdp_ged_iraq_1989-2018.csv"
GEOJSON = "geoBoundaries-IRQ-ADM1.geojson"
#: Degrees; about 1 km, invisible at the map's scale, keeps the file small.
TOLERANCE = 0.01
DECIMALS = 4


def _round(coords: object) -> object:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) for c in coords]
    return [_round(c) for c in coords]  # type: ignore[union-attr]


def simplified_geojson(src: Path) -> dict:
    """Simplify all polygons together so neighbours keep a shared border (no slivers)."""
    govs = load_governorates(src)
    geoms = shapely.coverage_simplify(list(govs.geometries), TOLERANCE)
    features = []
    for g, geom in zip(govs.items, geoms, strict=True):
        mapped = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "id": g.iso,
                "properties": {"shapeISO": g.iso, "shapeName": g.name},
                "geometry": {"type": mapped["type"], "coordinates": _round(mapped["coordinates"])},
            }
        )
    return {
        "type": "FeatureCollection",
        "name": "Iraq governorates (geoBoundaries IRQ ADM1, simplified for jscd maps)",
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(os.environ.get("JSCD_SHARED", REPO / ".." / "shared")) / "data"
    parser.add_argument("--shared", type=Path, default=default_shared, help="folder with the raw files")
    args = parser.parse_args(argv)
    events_path, geo_path = args.shared / EVENTS, args.shared / GEOJSON

    # Events are placed with the full-resolution polygons: accuracy at borders matters more
    # here than in the map.
    govs = load_governorates(geo_path)
    table = load_ucdp_events(events_path, govs)
    panel = panel_from_events(table, govs)
    (OUT / "ucdp_monthly.csv").write_text(panel.to_csv(), encoding="utf-8")

    summary = table.placement_summary()
    meta = {
        "schema": "jscd-ucdp-monthly/1",
        "source": {"file": EVENTS, "sha256": file_sha256(events_path), "events": len(table)},
        "geometry": {"file": GEOJSON, "sha256": file_sha256(geo_path)},
        "months": {"first": format_month(panel.first), "last": format_month(panel.last)},
        "placement": summary,
        "derived_by": "scripts/derive_ucdp.py",
    }
    (OUT / "ucdp_monthly.meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    geo = simplified_geojson(geo_path)
    (OUT / "governorates.geojson").write_text(
        json.dumps(geo, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for name in ("ucdp_monthly.csv", "ucdp_monthly.meta.json", "governorates.geojson"):
        print(f"{name}: {(OUT / name).stat().st_size:,} bytes")
    print(f"placement: {summary['counts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
