"""How the access suite exercises a route: one ``Case`` per (method, path) of the API.

``test_access.py`` enumerates every route of the OpenAPI document and looks its case up in
``CASES``, which merges ``CASES`` of every ``tests/api/cases_<area>.py`` module. A route
without a case fails the suite, so a new endpoint cannot ship without access tests: add a
``Case`` to the module of your area.

The rows come from the ``party_rows`` fixture (``tests.factories.make_rows``) plus a proposal,
a conflict and an evidence row per marking (``tests/api/test_access.py``); a case names them
by kind (``"round"``, ``"thread"``...).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CASES", "Case", "Rows"]

#: The rows of ONE marking, by kind (``rows["round"]`` is a Round model instance).
Rows = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """What one route needs to be called, and what to check.

    - ``kind``: the kind of row a GET route returns. Lists must show the caller's own and JOINT
      rows of that kind and never the other party's; details answer 404 for the other party's.
    - ``param``: the path parameter that carries the row's key (details and sub-resources).
    - ``params``: for writes, path parameter -> kind of the parent row it names.
    - ``body``: for writes, ``body(rows, marking)`` builds a valid body from rows of one marking.
      If the route's schema has a ``marking`` field the suite also sends the other party's
      marking and expects a refusal.
    - ``body_refs``: the body names rows by id; the suite then also builds the body from the
      other party's rows and expects a refusal (hidden ids must be "no such id").
    - ``shared``: every row of this kind is JOINT (parties), so only leaks are checked.
    - ``key``: the attribute that is the row's key in the URL and in list items.
    """

    kind: str | None = None
    param: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    body: Callable[[Rows, str], dict[str, Any]] | None = None
    body_refs: bool = False
    shared: bool = False
    key: str = "pk"
    item_key: str = "id"


def _load() -> dict[tuple[str, str], Case]:
    cases: dict[tuple[str, str], Case] = {}
    package = importlib.import_module("tests.api")
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("cases_"):
            module = importlib.import_module(f"tests.api.{info.name}")
            for route, case in module.CASES.items():
                if route in cases:
                    raise AssertionError(f"two access cases for {route} (in {info.name})")
                cases[route] = case
    return cases


CASES = _load()
