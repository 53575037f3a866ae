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
        pytest.fail("models changed without a migration (run: DJANGO_SETTINGS_MODULE=jscd.conf.settings "
                    f"python -m django makemigrations record):\n{out.getvalue()} exit {exc.code}")
