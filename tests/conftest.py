"""Shared fixtures: parties and users of each side, rows only one side may see, a browser.

The browser is Debian's real Chromium driven by Playwright; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jscd.record.access import OPERATOR

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JSCD_SHARED") or REPO.parent / "shared")
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("JSCD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PASSWORD = "correct-horse-battery"

# Playwright's sync API runs an event loop in the test thread; Django's async-safety check
# would otherwise refuse ORM calls made from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Tests create many users; the production hasher's deliberate slowness buys nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.fail(f"shared reference folder not found at {SHARED} (set JSCD_SHARED)")
    return SHARED


@pytest.fixture
def parties(db: Any) -> None:
    from jscd.record import services

    services.ensure_party(OPERATOR, "USA", "United States")
    services.ensure_party(OPERATOR, "IRQ", "Iraq")


def _user(username: str, party: str, role: str) -> Any:
    from jscd.record import services

    return services.create_user(username=username, party=party, role=role, password=PASSWORD)


@pytest.fixture
def usa_editor(parties: None) -> Any:
    return _user("usa-editor", "USA", "editor")


@pytest.fixture
def irq_editor(parties: None) -> Any:
    return _user("irq-editor", "IRQ", "editor")


@pytest.fixture
def usa_viewer(parties: None) -> Any:
    return _user("usa-viewer", "USA", "viewer")


@pytest.fixture
def irq_viewer(parties: None) -> Any:
    return _user("irq-viewer", "IRQ", "viewer")


@pytest.fixture
def party_rows(usa_editor: Any, irq_editor: Any) -> dict[str, dict[str, Any]]:
    """One row of every kind marked JOINT, USA and IRQ: the raw material of access tests."""
    from tests.factories import make_rows

    return {m: make_rows(m) for m in ("JOINT", "USA", "IRQ")}


@pytest.fixture
def demo_record(db: Any) -> None:
    """The shipped demo record (two U.S.–Iraq rounds), loaded through the services."""
    from jscd.record.demo import load_demo

    load_demo()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Real headless Chromium (Debian's), shared by the session's browser tests."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def wait_until(check: Any, timeout: float = 20.0, what: str = "condition") -> None:
    """Poll ``check()`` from Python until true. Playwright's ``wait_for_function`` evaluates a
    string in the page, which the Content-Security-Policy (no 'unsafe-eval') rightly refuses."""
    import time

    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def login(page: Any, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form."""
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def today() -> dt.date:
    return dt.date(2024, 8, 1)
