"""The assessment model as versioned YAML: indicators, normalisation, weights, thresholds,
the decision rule, tranches and the sensitivity settings.

Past rating systems failed when their standards shifted under them; here the standard is a
file with a version, checked on load so that an error names the file, the line and the
dotted field (``factors.threat.indicators``). Factors are data, not code: a model may add
"governance" beside the three HMC factors by naming indicators of the kinds below.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from jscd.core import InputError

__all__ = [
    "INDICATOR_KINDS",
    "NORMALISERS",
    "Factor",
    "Indicator",
    "ModelConfig",
    "Phase",
    "Threshold",
    "Tranche",
    "default_config_path",
    "load_config",
]

SCHEMA = "jscd-assess-model/1"
#: kind -> (required parameters, optional parameters)
INDICATOR_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "monthly_mean": (("column", "window_months"), ()),
    "monthly_share": (("numerator", "denominator", "window_months"), ()),
    "monthly_trend": (("column", "window_months"), ("alpha",)),
    "coverage": ((), ("table",)),
    "rating_mean": (("field",), ("table",)),
    "table_value": (("table", "indicator"), ()),
}
#: method -> required parameters
NORMALISERS: dict[str, tuple[str, ...]] = {
    "identity": (),
    "linear": ("lo", "hi"),
    "linear_inverse": ("lo", "hi"),
    "log_inverse": ("cap",),
    "trend": (),
}
PANEL_COLUMNS = ("events", "deaths", "deaths_low", "deaths_high", "is_events")
_WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Indicator:
    id: str
    kind: str
    params: Mapping[str, Any]
    normalise: Mapping[str, Any]
    label: str

    @property
    def table(self) -> str | None:
        default = {"coverage": "requirements", "rating_mean": "capability"}.get(self.kind)
        return self.params.get("table", default)


@dataclass(frozen=True)
class Threshold:
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Factor:
    id: str
    label: str
    weights: Mapping[str, float]  # indicator id -> weight (sums to 1)
    concentration: float
    thresholds: Mapping[str, Threshold]  # phase id -> threshold (all phases but the first)


@dataclass(frozen=True)
class Phase:
    id: str
    label: str


@dataclass(frozen=True)
class Tranche:
    id: str
    label: str
    min_margin: float  # -inf for the catch-all last tranche


@dataclass(frozen=True)
class ModelConfig:
    """A validated model. ``sha256`` is of the file's bytes, recorded with every run."""

    name: str
    version: str
    description: str
    indicators: Mapping[str, Indicator]
    factors: Mapping[str, Factor]
    phases: tuple[Phase, ...]
    rule: str
    composite_weights: Mapping[str, float]
    composite_concentration: float
    composite_thresholds: Mapping[str, Threshold]
    tranches: tuple[Tranche, ...]
    rating_scale: Mapping[str, float]
    requirement_kinds: tuple[str, ...]
    events_max_age_months: int
    tables_max_age_months: int
    draws: int
    seed: int
    source: str
    sha256: str
    text: str = field(repr=False, default="")

    def tables_needed(self) -> set[str]:
        used = {i for f in self.factors.values() for i in f.weights}
        return {t for i in used if (t := self.indicators[i].table)}

    def as_dict(self) -> dict[str, Any]:
        """The configuration as plain data, for results and the explain endpoint."""
        return yaml.safe_load(self.text) if self.text else {}


def default_config_path() -> Path:
    return Path(str(resources.files("jscd.assess") / "data" / "model-v1.yaml"))


def _lines(node: yaml.Node, path: tuple[str, ...], out: dict[tuple[str, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = (*path, str(key.value))
            out[sub] = key.start_mark.line + 1
            _lines(value, sub, out)
            out[sub] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, (*path, str(i)), out)


class _Checker:
    """Raises InputError for a dotted path, finding its line in the YAML source."""

    def __init__(self, where: str, lines: dict[tuple[str, ...], int]) -> None:
        self.where, self.lines = where, lines

    def fail(self, path: tuple[str, ...], message: str) -> InputError:
        probe = path
        while probe and probe not in self.lines:
            probe = probe[:-1]
        return InputError(message, file=self.where, line=self.lines.get(probe), field=".".join(path))

    def mapping(self, data: Any, path: tuple[str, ...]) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(path, "expected a mapping")
        return data

    def number(self, data: Any, path: tuple[str, ...], lo: float = -math.inf, hi: float = math.inf) -> float:
        if isinstance(data, bool) or not isinstance(data, (int, float)) or not lo <= data <= hi:
            raise self.fail(path, f"expected a number between {lo} and {hi}, got {data!r}")
        return float(data)

    def weights(self, data: Any, path: tuple[str, ...], known: Mapping[str, Any], what: str) -> dict[str, float]:
        raw = self.mapping(data, path)
        if not raw:
            raise self.fail(path, "needs at least one weight")
        out = {}
        for key, value in raw.items():
            if key not in known:
                raise self.fail((*path, key), f"unknown {what} {key!r}; known: {', '.join(known)}")
            out[key] = self.number(value, (*path, key), 0.0, 1.0)
        total = sum(out.values())
        if abs(total - 1.0) > _WEIGHT_TOLERANCE:
            raise self.fail(path, f"weights sum to {total:.6g}, not 1")
        return out

    def thresholds(self, data: Any, path: tuple[str, ...], phases: tuple[Phase, ...]) -> dict[str, Threshold]:
        raw = self.mapping(data, path)
        out: dict[str, Threshold] = {}
        ids = [p.id for p in phases[1:]]
        for key in raw:
            if key not in ids:
                raise self.fail((*path, key), f"unknown phase {key!r}; thresholds are for {', '.join(ids)}")
        previous = -math.inf
        for pid in ids:
            if pid not in raw:
                raise self.fail((*path,), f"missing threshold for phase {pid!r}")
            spec = raw[pid]
            p = (*path, pid)
            if isinstance(spec, (int, float)) and not isinstance(spec, bool):
                spec = {"value": spec}
            spec = self.mapping(spec, p)
            value = self.number(spec.get("value"), (*p, "value"), 0.0, 1.0)
            rng = spec.get("range", [value, value])
            if not (isinstance(rng, list) and len(rng) == 2):
                raise self.fail((*p, "range"), "expected [low, high]")
            low = self.number(rng[0], (*p, "range"), 0.0, 1.0)
            high = self.number(rng[1], (*p, "range"), 0.0, 1.0)
            if not low <= value <= high:
                raise self.fail((*p, "range"), f"range [{low}, {high}] does not contain the value {value}")
            if value < previous:
                raise self.fail((*p, "value"), "a later phase needs a threshold at least as high")
            previous = value
            out[pid] = Threshold(value, low, high)
        return out


def _indicator(c: _Checker, iid: str, data: Any) -> Indicator:
    path = ("indicators", iid)
    raw = dict(c.mapping(data, path))
    kind = raw.pop("kind", None)
    if kind not in INDICATOR_KINDS:
        raise c.fail((*path, "kind"), f"unknown kind {kind!r}; known: {', '.join(INDICATOR_KINDS)}")
    label = str(raw.pop("label", iid))
    norm = dict(c.mapping(raw.pop("normalise", {"method": "identity"}), (*path, "normalise")))
    required, optional = INDICATOR_KINDS[kind]
    for name in required:
        if name not in raw:
            raise c.fail(path, f"kind {kind} needs {name!r}")
    for name in raw:
        if name not in required + optional:
            raise c.fail((*path, name), f"kind {kind} takes no parameter {name!r}")
    for name in ("column", "numerator", "denominator"):
        if name in raw and raw[name] not in PANEL_COLUMNS:
            raise c.fail((*path, name), f"unknown column {raw[name]!r}; known: {', '.join(PANEL_COLUMNS)}")
    if "window_months" in raw:
        c.number(raw["window_months"], (*path, "window_months"), 1, 600)
        raw["window_months"] = int(raw["window_months"])
    if "alpha" in raw:
        c.number(raw["alpha"], (*path, "alpha"), 0.0001, 0.5)
    method = norm.get("method")
    if method not in NORMALISERS:
        raise c.fail((*path, "normalise", "method"), f"unknown method {method!r}; known: {', '.join(NORMALISERS)}")
    for name in NORMALISERS[method]:
        c.number(norm.get(name), (*path, "normalise", name))
    if method in ("linear", "linear_inverse") and norm["hi"] <= norm["lo"]:
        raise c.fail((*path, "normalise", "hi"), "hi must be above lo")
    if method == "log_inverse" and norm["cap"] <= 0:
        raise c.fail((*path, "normalise", "cap"), "cap must be positive")
    return Indicator(iid, kind, raw, norm, label)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_config(path: str | Path | None = None) -> ModelConfig:
    """Read and validate a model file (default: the shipped ``model-v1.yaml``).

    Cached on the file's path, size and modification time: services validate every entered
    row against the model, and parsing YAML each time would dominate their cost.
    """
    path = Path(path or default_config_path())
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read model: {exc}", file=str(path)) from exc
    return _load_config(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=32)
def _load_config(where: str, _mtime: int, _size: int) -> ModelConfig:
    path = Path(where)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read model: {exc}", file=where) from exc
    lines: dict[tuple[str, ...], int] = {}
    if node is not None:
        _lines(node, (), lines)
    c = _Checker(where, lines)
    data = c.mapping(data, ())
    if data.get("schema") != SCHEMA:
        raise c.fail(("schema",), f"expected schema {SCHEMA!r}")
    for key in ("name", "version"):
        if not isinstance(data.get(key), (str, int, float)) or not str(data.get(key)).strip():
            raise c.fail((key,), "required")

    phases_raw = data.get("phases")
    if not isinstance(phases_raw, list) or len(phases_raw) < 2:
        raise c.fail(("phases",), "expected a list of at least two phases")
    phases = tuple(
        Phase(str(c.mapping(p, ("phases", str(i)))["id"]), str(p.get("label", p["id"])))
        for i, p in enumerate(phases_raw)
    )
    indicators = {
        iid: _indicator(c, iid, spec) for iid, spec in c.mapping(data.get("indicators"), ("indicators",)).items()
    }
    factors: dict[str, Factor] = {}
    for fid, spec in c.mapping(data.get("factors"), ("factors",)).items():
        p = ("factors", fid)
        spec = c.mapping(spec, p)
        factors[fid] = Factor(
            id=fid,
            label=str(spec.get("label", fid)),
            weights=c.weights(spec.get("indicators"), (*p, "indicators"), indicators, "indicator"),
            concentration=c.number(spec.get("concentration", 100), (*p, "concentration"), 1e-3),
            thresholds=c.thresholds(spec.get("thresholds"), (*p, "thresholds"), phases),
        )
    if not factors:
        raise c.fail(("factors",), "needs at least one factor")

    decision = c.mapping(data.get("decision"), ("decision",))
    rule = decision.get("rule")
    if rule not in ("all_factors", "composite"):
        raise c.fail(("decision", "rule"), "expected all_factors or composite")
    comp = c.mapping(decision.get("composite"), ("decision", "composite"))
    composite_weights = c.weights(comp.get("weights"), ("decision", "composite", "weights"), factors, "factor")
    if rule == "composite" or "thresholds" in comp:
        composite_thresholds = c.thresholds(comp.get("thresholds"), ("decision", "composite", "thresholds"), phases)
    else:
        composite_thresholds = {}

    tranches_raw = data.get("tranches")
    if not isinstance(tranches_raw, list) or not tranches_raw:
        raise c.fail(("tranches",), "expected a list of tranches")
    tranches: list[Tranche] = []
    previous = math.inf
    for i, t in enumerate(tranches_raw):
        p = ("tranches", str(i))
        t = c.mapping(t, p)
        last = i == len(tranches_raw) - 1
        if last and "min_margin" in t:
            raise c.fail((*p, "min_margin"), "the last tranche takes every remaining governorate")
        margin = -math.inf if last else c.number(t.get("min_margin"), (*p, "min_margin"), -1.0, 1.0)
        if margin >= previous:
            raise c.fail((*p, "min_margin"), "tranches must be in decreasing min_margin order")
        previous = margin
        tranches.append(Tranche(str(t.get("id", i + 1)), str(t.get("label", t.get("id", i + 1))), margin))

    scale_raw = c.mapping(data.get("rating_scale"), ("rating_scale",))
    scale = {str(k): c.number(v, ("rating_scale", str(k)), 0.0, 1.0) for k, v in scale_raw.items()}
    kinds = data.get("requirement_kinds", [])
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise c.fail(("requirement_kinds",), "expected a list of names")
    stale = c.mapping(data.get("staleness", {}), ("staleness",))
    sens = c.mapping(data.get("sensitivity", {}), ("sensitivity",))
    return ModelConfig(
        name=str(data["name"]),
        version=str(data["version"]),
        description=str(data.get("description", "")).strip(),
        indicators=indicators,
        factors=factors,
        phases=phases,
        rule=rule,
        composite_weights=composite_weights,
        composite_concentration=c.number(
            comp.get("concentration", 100), ("decision", "composite", "concentration"), 1e-3
        ),
        composite_thresholds=composite_thresholds,
        tranches=tuple(tranches),
        rating_scale=scale,
        requirement_kinds=tuple(kinds),
        events_max_age_months=int(
            c.number(stale.get("events_max_age_months", 3), ("staleness", "events_max_age_months"), 0)
        ),
        tables_max_age_months=int(
            c.number(stale.get("tables_max_age_months", 6), ("staleness", "tables_max_age_months"), 0)
        ),
        draws=int(c.number(sens.get("draws", 10000), ("sensitivity", "draws"), 1, 10_000_000)),
        seed=int(c.number(sens.get("seed", 0), ("sensitivity", "seed"), 0)),
        source=where,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
    )
