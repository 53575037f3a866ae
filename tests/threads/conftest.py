"""The demo record loaded once per module, each test rolled back to it.

Loading the demo record takes seconds; the threads and reports tests only read it or change
it inside their own transaction, so one load per module inside an outer transaction serves
them all (each test's ``db`` transaction is a savepoint within it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo_once(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    from jscd.record.demo import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once: None, db: Any) -> None:
    """The demo record for one test; whatever the test writes is rolled back after it."""
