"""Committed migrations match the models (the suite itself runs with --nomigrations for speed)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:
        pytest.fail(f"models changed without a migration (run jscd makemigrations):\n{out.getvalue()}"
                    f" exit {exc.code}")
