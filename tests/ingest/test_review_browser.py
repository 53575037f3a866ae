"""In real headless Chromium: an editor accepts one proposal and rejects another in the
review queue (HTMX, in place), then reads the conflicts page, which must list the six
contradictions the gold annotation names; markup in an ingested document stays text.

The six conflicts are read from ``gold/seeds.json``; if the extractor does not flag one of
them, this test fails and names it (it is not faked here).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jscd.record.models import Proposal, Round, Source
from jscd.record.services.ingest import ingest_paths
from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKUP = "<script>window.__pwned = 1</script><b>not bold</b>"


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def ingested(shared: Path, usa_editor: Any, tmp_path: Path) -> dict[str, Any]:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Readout, 24 July 2024\n\nThe two delegations agreed to hold further "
                       f"rounds of the dialogue. {MARKUP}\n", encoding="utf-8")
    report = ingest_paths(usa_editor, [shared / "seeds", hostile])
    assert not report.failed, report.failed
    return {"hostile": Source.objects.get(origin=str(hostile))}


def test_editor_accepts_and_rejects_in_the_queue_and_sees_the_six_conflicts(
        page: Any, live_server: Any, ingested: dict[str, Any], usa_editor: Any, shared: Path,
        screenshot_dir: Path) -> None:
    shot = lambda name: page.screenshot(  # noqa: E731 - one-line helper keeps the steps readable
        path=str(screenshot_dir / f"ingest-{name}.png"), full_page=True)
    login(page, live_server.url, usa_editor.username)
    page.goto(f"{live_server.url}/review/?kind=round")
    shot("1-queue-rounds")
    rounds = page.locator("li.proposal[data-kind=round][data-status=pending]")
    assert rounds.count() >= 2
    first = rounds.first
    pk = first.get_attribute("id").removeprefix("proposal-")
    assert first.locator("blockquote.evidence a").count() >= 1, "a proposal shows its quotes"
    href = first.locator("blockquote.evidence a").first.get_attribute("href")
    assert href.startswith("/sources/") and "#x-" in href
    first.locator("button[name=accept]").click()
    page.wait_for_selector(f"#proposal-{pk}[data-status=accepted]")
    assert Proposal.objects.get(pk=pk).status == "accepted"
    assert Round.objects.count() == 1
    shot("2-accepted")

    page.goto(f"{live_server.url}/review/?kind=statement")
    victim = page.locator("li.proposal[data-kind=statement][data-status=pending]").first
    vpk = victim.get_attribute("id").removeprefix("proposal-")
    victim.locator("input[name=note]").fill("reads a quotation as a decision")
    victim.locator("button[name=reject]").click()
    page.wait_for_selector(f"#proposal-{vpk}[data-status=rejected]")
    rejected = Proposal.objects.get(pk=vpk)
    assert (rejected.status, rejected.note, rejected.decided_by_id) == (
        "rejected", "reads a quotation as a decision", usa_editor.pk)
    assert "reads a quotation as a decision" in page.inner_text(f"#proposal-{vpk}")
    shot("3-rejected")

    page.goto(f"{live_server.url}/conflicts/")
    shot("4-conflicts")
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["conflicts"]
    listed = {(el.get_attribute("data-kind"), el.locator(".conflict-surface").text_content())
              for el in page.locator("li.conflict").all()}
    missing = [(g["kind"], g["surface"]) for g in gold
               if (g["kind"], g["surface"]) not in listed]
    assert not missing, f"gold conflicts the extractor did not flag: {missing}"
    for g in gold:  # the document on the surface side is named and linked
        card = page.locator("li.conflict", has=page.locator(".conflict-surface",
                                                             has_text=g["surface"])).first
        assert card.locator("section").first.locator("blockquote a").count() >= 1, g["surface"]

    source = ingested["hostile"]
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    shot("5-source-extracted")
    assert page.evaluate("() => window.__pwned") is None, "a script in a document ran"
    assert MARKUP in page.inner_text("#source-text")
    assert page.locator("#source-text b").count() == 0
    assert page.locator("#extracted-text .ev").count() >= 1, "extracted spans are highlighted"
    page.goto(f"{live_server.url}/review/?kind=statement")
    assert page.evaluate("() => window.__pwned") is None
    assert not page.errors, page.errors
