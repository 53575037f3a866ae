"""Fixtures for the pure assessment library: the real UCDP and geoBoundaries files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("JSCD_SHARED") or REPO.parent / "shared") / "data"
EVENTS_CSV = SHARED_DATA / "ucdp_ged_iraq_1989-2018.csv"
GEOJSON = SHARED_DATA / "geoBoundaries-IRQ-ADM1.geojson"


@pytest.fixture(scope="session")
def events_csv() -> Path:
    if not EVENTS_CSV.exists():
        pytest.fail(f"UCDP GED file not found at {EVENTS_CSV} (set JSCD_SHARED)")
    return EVENTS_CSV


@pytest.fixture(scope="session")
def full_governorates():
    from jscd.assess import load_governorates

    return load_governorates(GEOJSON)


@pytest.fixture(scope="session")
def event_table(events_csv, full_governorates):
    from jscd.assess import load_ucdp_events

    return load_ucdp_events(events_csv, full_governorates)


@pytest.fixture(scope="session")
def config():
    from jscd.assess import load_config

    return load_config()


@pytest.fixture(scope="session")
def default_inputs(config):
    from jscd.assess import load_inputs

    return load_inputs(config)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
