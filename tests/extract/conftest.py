"""Fixtures of the extraction tests: the seed reports are read from ../shared, never copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("JSCD_SHARED") or REPO / ".." / "shared")
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted((SHARED / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip(f"seed reports not found under {SHARED}")
    return paths


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return SHARED / "gold" / "seeds.json"


@pytest.fixture(scope="session")
def seed_extraction(seed_paths):
    from jscd.extract import extract_documents

    return extract_documents(seed_paths)
