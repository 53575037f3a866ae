"""``jscd threads``: suggest and apply, list with flags, export and import CSV."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jscd.record.models import Thread, ThreadLink


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("threads", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_suggest_then_apply_then_nothing_left(demo: None) -> None:
    ThreadLink.objects.all().delete()
    suggestions = json.loads(_run("suggest", "--json"))
    assert suggestions and all(s["score"] is not None for s in suggestions)
    text = _run("suggest", "--apply")
    assert "applied:" in text
    assert ThreadLink.objects.filter(confirmed=False).count() >= 2 * 5
    assert _run("suggest").strip().endswith("0 suggestions")


@pytest.mark.django_db
def test_list_flags_overdue_threads(demo: None) -> None:
    text = _run("list", "--overdue", "--today", "2025-01-01")
    assert "(Illustrative) Sustainment review visit" in text and "OVERDUE" in text
    assert "Higher Military Commission" not in text
    everything = _run("list", "--today", "2025-01-01")
    assert everything.strip().endswith(f"{Thread.objects.count()} threads")


@pytest.mark.django_db
def test_export_and_import_round_trip_and_bad_file(demo: None, tmp_path: Path) -> None:
    path = tmp_path / "threads.csv"
    _run("export", str(path))
    assert "Higher Military Commission" in path.read_text()
    assert "0 created, 0 updated" in _run("import", str(path))
    programs = tmp_path / "programs.csv"
    _run("export", "--programs", str(programs))
    assert "0 created, 0 updated" in _run("import", str(programs))
    bad = tmp_path / "bad.csv"
    bad.write_text("id,title,category\n,New thread,not_a_category\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 rows refused"):
        _run("import", str(bad))
    assert not Thread.objects.filter(title="New thread").exists()
    with pytest.raises(CommandError, match="cannot read"):
        _run("import", str(tmp_path / "missing.csv"))
