"""``jscd ingest --workers``: extraction in worker processes, every write here, same outcome.

Two runs of one batch (the seeds read from ../shared, a bad file, a copy of a seed under
another name) are compared: one in-process, one over two workers, each in a transaction
rolled back afterwards. Source ids may differ between the runs, so sources are compared by
origin.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from jscd.record.models import ConflictFlag, Proposal, Source
from jscd.record.services.ingest import ingest_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(tmp_path: Path, shared: Path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    seeds = sorted((shared / "seeds").glob("*.txt"))
    for s in seeds:
        shutil.copy(s, d / s.name)
    (d / "002a-empty.txt").write_bytes(b"")
    shutil.copy(seeds[0], d / "003a-copy.txt")  # same text: skipped once the first is stored
    return d


def _origins(value: Any, by_pk: dict[int, str]) -> Any:
    """``value`` with every source id replaced by that source's origin."""
    if isinstance(value, dict):
        return {k: (by_pk.get(v, v) if k == "source" else
                    [by_pk.get(x, x) for x in v] if k == "documents" else _origins(v, by_pk))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_origins(v, by_pk) for v in value]
    return value


def _snapshot(user: Any, batch: Path, workers: int) -> tuple[list, list, list]:
    with transaction.atomic():
        report = ingest_paths(user, [batch], workers=workers)
        by_pk = {s.pk: s.origin for s in Source.objects.all()}
        # PostgreSQL does not roll sequences back: ids in messages are named by origin too
        files = [(f.path, f.status, by_pk.get(f.source_id), f.proposals, f.conflicts,
                  re.sub(r"#(\d+)", lambda m: by_pk.get(int(m.group(1)), m.group(0)), f.message),
                  f.warnings) for f in report.files]
        proposals = sorted(
            (p.kind, json.dumps(_origins(p.payload, by_pk), sort_keys=True),
             sorted(s.origin for s in p.sources.all())) for p in Proposal.objects.all())
        flags = sorted((c.kind, c.surface, c.canonical, sorted(s.origin for s in c.sources.all()))
                       for c in ConflictFlag.objects.all())
        transaction.set_rollback(True)
    return files, proposals, flags


def test_two_workers_store_the_same_sources_and_proposals_as_one(usa_editor: Any,
                                                                  batch: Path) -> None:
    files, proposals, flags = _snapshot(usa_editor, batch, 1)
    assert [f[1] for f in files] == ["stored", "stored", "stored", "failed", "stored",
                                     "skipped", "stored"]  # sorted: 002a after 002_, ...
    assert "empty" in files[3][5] and files[5][5].startswith("already stored as source ")
    assert proposals and flags
    assert _snapshot(usa_editor, batch, 2) == (files, proposals, flags)


def test_the_command_takes_workers_and_refuses_zero(batch: Path) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 7"):
        call_command("ingest", str(batch), "--workers", "2", "--no-progress", stdout=out,
                     stderr=io.StringIO())
    assert "5 stored, 1 skipped, 1 failed" in out.getvalue()
    with pytest.raises(CommandError, match="at least 1"):
        call_command("ingest", str(batch), "--workers", "0", "--no-progress",
                     stdout=io.StringIO(), stderr=io.StringIO())
