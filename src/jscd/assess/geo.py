"""Iraq's governorates: their polygons, their many spellings, and placing points in them.

The assessment is area by area, so every input row must land on exactly one governorate.
Names arrive in many spellings (UCDP transliterations, English, old names), and some
events carry no province at all; this module settles both through one alias table and a
vectorised point-in-polygon test, so callers never guess.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
import yaml
from shapely.geometry import shape

from jscd.core import InputError

__all__ = [
    "Governorate",
    "Governorates",
    "default_geojson_path",
    "load_governorates",
    "normalise_name",
]

_ISO = re.compile(r"^IQ-[A-Z]{2}$")
_SUFFIX = re.compile(r"\s+(province|governorate|muhafazat)$")


def normalise_name(name: str) -> str:
    """Fold a governorate name to the form the alias table is matched on.

    Diacritics, apostrophes and case vary between sources that mean the same place;
    folding them lets one alias cover "Karbalā’ province", "Karbala" and "KARBALA".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`‘ʿʾ]", "", text.lower())
    text = re.sub(r"[-_./]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _SUFFIX.sub("", text)


@dataclass(frozen=True)
class Governorate:
    """One first-level division: its ISO 3166-2 code and the name maps and tables show."""

    iso: str
    name: str


@dataclass
class Governorates:
    """The 18 governorates in a fixed order, with geometry and the alias table.

    The order (that of the GeoJSON) is the row order of every array the assessment
    builds, so indices mean the same governorate everywhere.
    """

    items: tuple[Governorate, ...]
    geometries: tuple[object, ...]
    aliases: Mapping[str, str]
    source: str = ""
    _index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {g.iso: i for i, g in enumerate(self.items)}
        for geom in self.geometries:
            shapely.prepare(geom)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(g.iso for g in self.items)

    def index(self, iso: str) -> int:
        return self._index[iso]

    def name_of(self, iso: str) -> str:
        return self.items[self._index[iso]].name

    def resolve(self, name: str) -> str | None:
        """ISO code for a code or any known spelling of a governorate; None if unknown."""
        if not isinstance(name, str) or not name.strip():
            return None
        stripped = name.strip()
        if stripped.upper() in self._index:
            return stripped.upper()
        return self.aliases.get(normalise_name(stripped))

    def resolve_many(self, names: Iterable[object]) -> np.ndarray:
        """Resolve an array of names; unknown or empty names become "" (callers decide)."""
        cache_: dict[object, str] = {}
        out = []
        for n in names:
            if n not in cache_:
                cache_[n] = (self.resolve(n) or "") if isinstance(n, str) else ""
            out.append(cache_[n])
        return np.asarray(out, dtype=object)

    def place(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """ISO code of the polygon holding each point, "" outside all of them.

        One ``shapely.contains_xy`` call per governorate over all points: 18 vectorised
        passes instead of thousands of Python-level point objects.
        """
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        out = np.full(lon.shape, "", dtype=object)
        valid = np.isfinite(lon) & np.isfinite(lat)
        for g, geom in zip(self.items, self.geometries, strict=True):
            hit = np.zeros(lon.shape, dtype=bool)
            hit[valid] = shapely.contains_xy(geom, lon[valid], lat[valid])
            out[hit & (out == "")] = g.iso
        return out

    def feature_collection(self) -> dict:
        """GeoJSON with ``id`` = ISO code, the shape plotly's choropleth keys on.

        Exterior rings are turned clockwise: d3-geo (inside plotly.js) reads a
        counter-clockwise ring, the RFC 7946 order, as "the whole globe except this area".
        """
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": g.iso,
                    "properties": {"iso": g.iso, "name": g.name},
                    "geometry": shapely.geometry.mapping(shapely.orient_polygons(geom, exterior_cw=True)),
                }
                for g, geom in zip(self.items, self.geometries, strict=True)
            ],
        }


def default_geojson_path() -> Path:
    """The simplified governorate polygons shipped with the package (see data/LICENCE.md)."""
    return Path(str(resources.files("jscd.assess") / "data" / "governorates.geojson"))


def _load_aliases(codes: set[str]) -> dict[str, str]:
    path = resources.files("jscd.assess") / "data" / "governorate_names.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for iso, names in raw.items():
        if iso not in codes:
            raise InputError(f"alias table names unknown code {iso!r}", file=str(path), field=iso)
        for n in [iso, *names]:
            aliases[normalise_name(n)] = iso
    return aliases


@cache
def _load_cached(path: str) -> Governorates:
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read GeoJSON: {exc}", file=path) from exc
    items: list[Governorate] = []
    geoms: list[object] = []
    for n, feat in enumerate(data.get("features", []), start=1):
        props = feat.get("properties") or {}
        iso = props.get("shapeISO") or props.get("iso") or feat.get("id")
        name = props.get("shapeName") or props.get("name")
        if not isinstance(iso, str) or not _ISO.match(iso):
            raise InputError(f"feature {n} has no ISO code IQ-xx", file=path, field="shapeISO")
        items.append(Governorate(iso=iso, name=str(name or iso)))
        geoms.append(shape(feat["geometry"]))
    if not items:
        raise InputError("no governorate features", file=path, field="features")
    aliases = _load_aliases({g.iso for g in items})
    for g in items:
        aliases.setdefault(normalise_name(g.name), g.iso)
    return Governorates(tuple(items), tuple(geoms), aliases, source=path)


def load_governorates(path: str | Path | None = None) -> Governorates:
    """Load governorates from a GeoJSON (default: the shipped simplified file); cached."""
    return _load_cached(str(Path(path or default_geojson_path()).resolve()))
