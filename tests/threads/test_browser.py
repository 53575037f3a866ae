"""The timeline and the portfolio in real headless Chromium, with screenshots to look at."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import login, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USA_ONLY = "(Illustrative) Sustainment review visit to Baghdad"


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


def test_timeline_and_portfolio_render_for_each_party(page: Any, live_server: Any,
                                                      transactional_db: Any, demo_record: None,
                                                      usa_editor: Any, irq_viewer: Any,
                                                      screenshot_dir: Any) -> None:
    login(page, live_server.url, usa_editor.username)
    page.goto(f"{live_server.url}/timeline/")
    page.wait_for_selector("#timeline-chart[data-ready='1']", timeout=30_000)
    # plotly drew every lane: the rounds lane plus one per thread the user may see.
    lanes = int(page.get_attribute("#timeline-chart", "data-lanes"))
    assert lanes >= 6
    assert page.locator("#timeline-chart .scatterlayer .trace").count() > lanes
    ticks = page.eval_on_selector_all("#timeline-chart .ytick text",
                                      "els => els.map(e => e.textContent)")
    assert "Rounds and meetings" in ticks
    assert any("Higher Military Commission" in t for t in ticks)
    assert page.locator("#timeline-table tr.is-round").count() == 2
    assert page.js_errors == []
    page.screenshot(path=str(screenshot_dir / "threads-timeline-usa.png"), full_page=True)
    # Hovering a round shows its dates: the chart is live, and needed no network.
    box = page.locator("#timeline-chart .scatterlayer .trace").first.locator(
        ".point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#timeline-chart .hoverlayer .hovertext", timeout=10_000)
    assert "Washington" in page.text_content("#timeline-chart .hoverlayer")
    page.goto(f"{live_server.url}/programs/")
    rows = page.locator("table.programs tbody tr")
    assert rows.count() >= 6
    assert page.locator("text=Foreign Military Sales to the Iraqi Security Forces").is_visible()
    assert page.locator(".flag-overdue").count() >= 1
    page.screenshot(path=str(screenshot_dir / "threads-portfolio-usa.png"), full_page=True)
    page.select_option("select[name=kind]", "fms")
    page.wait_for_load_state("networkidle")
    wait_until(lambda: page.locator("table.programs tbody tr").count() <= 3, what="the FMS rows")
    assert all("Foreign Military Sales" in t or "FMS" in t
               for t in page.locator("table.programs tbody tr td:first-child").all_inner_texts())
    page.locator("table.programs tbody tr td a").first.click()
    page.wait_for_selector(".milestones")
    page.screenshot(path=str(screenshot_dir / "threads-program-detail-usa.png"), full_page=True)
    page.goto(f"{live_server.url}/threads/suggestions/")
    page.screenshot(path=str(screenshot_dir / "threads-suggestions-usa.png"), full_page=True)
    page.goto(f"{live_server.url}/reports/")
    page.select_option("select[name=product]", "read-ahead")
    page.select_option("select[name=round]", "next")
    page.click("text=Preview")
    page.wait_for_selector("#report-preview .jscd-report h1")
    assert "USA ONLY" in page.inner_text("#report-preview .banner-bar >> nth=0")
    page.screenshot(path=str(screenshot_dir / "reports-preview-usa.png"), full_page=True)

    page.context.clear_cookies()
    login(page, live_server.url, irq_viewer.username)
    page.goto(f"{live_server.url}/timeline/")
    page.wait_for_selector("#timeline-chart[data-ready='1']", timeout=30_000)
    assert USA_ONLY not in page.content()
    page.screenshot(path=str(screenshot_dir / "threads-timeline-irq.png"), full_page=True)
    page.goto(f"{live_server.url}/programs/")
    assert "(Illustrative) FMS sustainment case DEMO-IQ-01" not in page.inner_text("body")
    page.screenshot(path=str(screenshot_dir / "threads-portfolio-irq.png"), full_page=True)
    assert page.js_errors == []
