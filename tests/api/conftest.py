"""Fixtures of the API tests: a bearer token per user and a client that sends it.

Requests go through Django's test client, i.e. the whole middleware and URL stack in-process;
nothing is mocked.

``world`` builds the rows of every marking and the four users ONCE per module inside an outer
transaction (Django's ``setUpTestData`` idea): each test still runs in its own savepoint that
is rolled back, and the module's rows are rolled back at the end. The access suite calls
every route with them, which would otherwise rebuild ~60 rows per route.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from jscd.record import services
from jscd.record.access import OPERATOR


@dataclass
class Api:
    """A caller of the API: a token (or none, for anonymous) and the Django test client."""

    client: Client
    token: str | None = None
    user: Any = None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self._headers())

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, json.dumps(body), content_type="application/json",
                                headers=self._headers())

    def request(self, method: str, path: str, body: Any = None) -> Any:
        if method == "get":
            return self.get(path)
        return self.client.generic(method.upper(), path, json.dumps(body or {}),
                                   content_type="application/json", headers=self._headers())


PARTIES = ("USA", "IRQ")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Users are made per test; the production hasher would spend most of the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _api(user: Any) -> Api:
    return Api(Client(), services.issue_token(user), user)


@pytest.fixture
def anonymous(db: Any) -> Api:
    return Api(Client())


@pytest.fixture
def usa(usa_editor: Any) -> Api:
    return _api(usa_editor)


@pytest.fixture
def irq(irq_editor: Any) -> Api:
    return _api(irq_editor)


@pytest.fixture
def usa_reader(usa_viewer: Any) -> Api:
    return _api(usa_viewer)


@pytest.fixture
def irq_reader(irq_viewer: Any) -> Api:
    return _api(irq_viewer)


@pytest.fixture
def callers(usa: Api, irq: Api) -> dict[str, Api]:
    """Editors of each party by party code."""
    return {"USA": usa, "IRQ": irq}


@dataclass
class World:
    rows: dict[str, dict[str, Any]]
    editors: dict[str, Api]
    viewers: dict[str, Api]
    anonymous: Api


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Rows of each marking plus an editor and a viewer per party, built once per module."""
    from tests.api.rows import extra_rows
    from tests.factories import make_rows

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            services.ensure_party(OPERATOR, "USA", "United States")
            services.ensure_party(OPERATOR, "IRQ", "Iraq")
            editors = {p: _api(services.create_user(username=f"{p.lower()}-api-editor",
                                                    party=p, role="editor")) for p in PARTIES}
            viewers = {p: _api(services.create_user(username=f"{p.lower()}-api-viewer",
                                                    party=p, role="viewer")) for p in PARTIES}
            rows = {m: make_rows(m) for m in ("JOINT", *PARTIES)}
            extra_rows(rows)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield World(rows, editors, viewers, Api(Client()))
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
