"""End to end in real headless Chromium: each party walks dashboard → round → thread → source.

The demo record holds one invented source, statement, thread and program per party; each side
must see its own and never the other's, on every page of the walk. Screenshots of every step
land in test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import login, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: What only one party may see, by the titles the demo gives those rows.
ONLY = {
    "USA": ["(Illustrative) Sustainment review visit to Baghdad",
            "U.S. staff note: sustainment follow-up to round 2"],
    "IRQ": ["(Illustrative) Consolidated HMC working-group report for the Minister",
            "Iraqi MoD staff note: HMC working groups after round 2"],
}
OTHER = {"USA": "IRQ", "IRQ": "USA"}


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _absent(page: Any, party: str) -> None:
    text = page.inner_text("body")
    for phrase in ONLY[OTHER[party]]:
        assert phrase not in text, f"{party} user sees {phrase!r} on {page.url}"


@pytest.mark.parametrize("party", ["USA", "IRQ"])
def test_each_party_walks_dashboard_round_thread_and_source(
        party, page, live_server, transactional_db, demo_record, usa_viewer, irq_viewer,
        screenshot_dir):
    user = usa_viewer if party == "USA" else irq_viewer
    shot = lambda name: page.screenshot(  # noqa: E731 - a one-line helper keeps steps readable
        path=str(screenshot_dir / f"web-{party.lower()}-{name}.png"), full_page=True)

    login(page, live_server.url, user.username)
    # Dashboard: who you are, the two rounds on the timeline, the open threads.
    assert page.inner_text(".party-banner-code") == party
    assert page.inner_text(".userbox-name").lower().startswith(user.username)
    assert page.locator(".timeline-list li.is-round").count() == 2
    assert page.locator("text=Higher Military Commission").first.is_visible()
    body = page.inner_text("body")
    assert ONLY[party][0] in body
    _absent(page, party)
    shot("1-dashboard")

    # Round 2: delegations with their leads, side meetings, statements with evidence.
    page.click(".timeline-list li.is-round >> nth=1 >> a")
    page.wait_for_load_state("networkidle")
    assert "22 July 2024" in page.inner_text(".facts")
    assert "Washington, D.C." in page.inner_text(".facts")
    assert page.locator(".delegation").count() == 2
    assert page.locator(".statement").count() >= 10
    assert page.locator(".statement .evidence").count() >= 10
    _absent(page, party)
    shot("2-round")

    # The Higher Military Commission thread: status history with evidence, compliance.
    page.click(".thread-tag:has-text('Higher Military Commission') >> nth=0")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == "Higher Military Commission"
    assert page.locator(".history li").count() >= 2
    assert page.locator(".history .evidence").count() >= 2
    _absent(page, party)
    shot("3-thread")

    # An evidence quote opens the source viewer at the highlighted span.
    page.click(".history .evidence a >> nth=0")
    page.wait_for_load_state("networkidle")
    assert "#span-" in page.url
    span_id = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{span_id}").count() == 1
    assert page.locator(".source-text .is-target").first.is_visible()  # the whole span is lit
    assert page.locator(".source-text a.ev").count() >= 3
    assert page.locator(".legend-item").count() >= 2
    _absent(page, party)
    page.screenshot(path=str(screenshot_dir / f"web-{party.lower()}-4-source-at-span.png"))
    page.evaluate("window.scrollTo(0, 0)")
    shot("4-source")

    # The own party's staff note is there; the other party's is a plain "not found".
    page.goto(f"{live_server.url}/sources/")
    page.fill(".filters input[name=q]", "staff note")
    # HTMX swaps the filtered rows in without a page load.
    wait_until(lambda: page.locator("#list-results tbody tr").count() == 1, what="one filtered row")
    assert ONLY[party][1] in page.inner_text("#list-results")
    assert "q=staff%20note" in page.url  # the filter is in the address, so it can be shared
    _absent(page, party)
    shot("5-sources-filtered")

    # A person and an organization, reached from the lists.
    page.goto(f"{live_server.url}/people/?q=Abbasi")
    page.click("#list-results tbody tr >> nth=0 >> a")
    page.wait_for_load_state("networkidle")
    assert "Minister of Defense" in page.inner_text("body")
    shot("6-person")
    page.goto(f"{live_server.url}/organizations/?q=Defense+Security+Cooperation")
    page.click("#list-results tbody tr >> nth=0 >> a")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == "Defense Security Cooperation Agency"
    _absent(page, party)
    shot("7-organization")

    # The same layout on a phone-sized screen: one column, the menu scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    assert page.locator(".party-banner").is_visible()
    shot("8-dashboard-phone")

    from jscd.record.models import Source

    other = Source.objects.get(marking=OTHER[party])
    response = page.goto(f"{live_server.url}/sources/{other.pk}/")
    assert response.status == 404
    _absent(page, party)


def test_search_as_you_type_stays_inside_the_party(page, live_server, transactional_db,
                                                    demo_record, usa_viewer, screenshot_dir):
    page.goto(f"{live_server.url}/threads/")  # anonymous: sent to sign in first
    assert "/login/" in page.url
    page.screenshot(path=str(screenshot_dir / "web-0-login.png"))
    login(page, live_server.url, usa_viewer.username)
    page.goto(f"{live_server.url}/search/")
    page.fill(".filters input[name=q]", "Illustrative")
    page.wait_for_selector("#search-results .search-group")
    text = page.inner_text("#search-results")
    assert ONLY["USA"][0] in text
    _absent(page, "USA")
    page.screenshot(path=str(screenshot_dir / "web-usa-9-search.png"), full_page=True)
