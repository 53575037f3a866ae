"""The map and the run comparison in real headless Chromium, offline, with screenshots."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from jscd.record.services import assessment as service
from tests.conftest import login, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser: Any, live_server: Any) -> Any:
    """A page that refuses every request leaving the live server and records it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.external = []
    local = urlparse(live_server.url).netloc

    def guard(route: Any) -> None:
        if urlparse(route.request.url).netloc != local:
            page.external.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


def _wait_drawn(page: Any, selector: str) -> None:
    page.wait_for_load_state("load")
    assert not page.errors, page.errors
    page.wait_for_selector(f"{selector}[data-rendered='1']", timeout=20000)
    # The choropleth draws one SVG path per governorate.
    wait_until(lambda: page.locator(f"{selector} .choroplethlocation").count() >= 18,
               what="one path per governorate")


def test_map_and_comparison_render_offline(page, live_server, usa_editor, screenshot_dir):
    _, early = service.run_assessment(usa_editor, as_of="2015-06", draws=500, tables="example", label="mid-2015")
    _, late = service.run_assessment(usa_editor, as_of="2018-06", draws=500, tables="example", label="mid-2018")
    login(page, live_server.url, usa_editor.username)

    page.goto(f"{live_server.url}/assessment/runs/{late.pk}/")
    _wait_drawn(page, "#assessment-map")
    page.wait_for_selector("#factor-bars[data-rendered='1']")
    assert page.locator("#tranche-table tr[data-iso]").count() == 18
    assert page.inner_text("[data-testid=as-of]") == "2018-06"
    page.screenshot(path=str(screenshot_dir / "assess-1-map-2018-06.png"), full_page=True)

    page.goto(f"{live_server.url}/assessment/runs/{late.pk}/IQ-NI/")
    page.wait_for_selector("#threat-series[data-rendered='1']", timeout=20000)
    assert page.locator("#threat-series .trace.bars").count() >= 1
    page.screenshot(path=str(screenshot_dir / "assess-2-nineveh.png"), full_page=True)

    page.goto(f"{live_server.url}/assessment/compare/?a={early.pk}&b={late.pk}")
    _wait_drawn(page, "#compare-map-a")
    _wait_drawn(page, "#compare-map-b")
    rows = page.locator("#compare-table tr[data-iso]")
    assert rows.count() == 18
    ninawa = page.inner_text("#compare-table tr[data-iso='IQ-NI']")
    assert "Coalition support" in ninawa and "Advise and assist" in ninawa
    page.screenshot(path=str(screenshot_dir / "assess-3-compare.png"), full_page=True)

    assert page.external == [], f"pages asked the network: {page.external}"
