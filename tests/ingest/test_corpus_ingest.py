"""Ingesting real readouts of other dialogues: events, people with parties and statements are
proposed, the review queue shows them, and an undated encounter waits for a reviewer."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client

from jscd.core import DomainError
from jscd.record.models import Event, Proposal
from jscd.record.services.ingest import ingest_paths
from jscd.record.services.review import accept_proposal
from tests.conftest import PASSWORD
from tests.extract.conftest import SHARED

pytestmark = pytest.mark.django_db

DOCS = SHARED / "corpus" / "docs"
NAMES = [  # from the half that was read while writing rules, and one it never saw
    "2014-04-17_us-uae_hagel-mbz-call.txt",
    "2015-07-23_us-iraq_carter-abadi-ubaidi_readout.txt",
    "2018-04-09_us-qatar_mattis-emir-tamim.txt",
    "2021-10-06_us-poland_austin-blaszczak_readout.txt",
    "2016-12-11_us-iraq_carter-abadi_readout.txt",
]


@pytest.fixture
def ingested(usa_editor: Any) -> Any:
    paths = [DOCS / n for n in NAMES]
    if not all(p.exists() for p in paths):
        pytest.skip(f"the dev corpus is not under {DOCS}")
    report = ingest_paths(usa_editor, paths, workers=1)
    assert not report.failed, [f.message for f in report.failed]
    return report


def test_events_people_and_statements_are_proposed(ingested: Any) -> None:
    kinds = set(Proposal.objects.values_list("kind", flat=True))
    assert {"event", "person", "statement"} <= kinds
    events = [p.payload for p in Proposal.objects.filter(kind="event")]
    assert {"call", "meeting", "visit"} <= {e["kind"] for e in events}
    assert all(e["evidence"] for e in events)
    visit = next(e for e in events if e["kind"] == "visit" and e["location"] == "Baghdad")
    assert visit["parties"] == ["IRQ", "USA"] and visit["start"] == "2015-07-23"


def test_people_come_with_their_parties_and_no_headline_fragment(ingested: Any) -> None:
    people = {p.payload["name"]: p.payload for p in Proposal.objects.filter(kind="person")}
    assert people["Chuck Hagel"]["party"] == "USA"
    assert people["Mohammed bin Zayed Al Nahyan"]["party"] == "ARE"
    assert people["Tamim bin Hamad Al Thani"]["party"] == "QAT"
    assert not [n for n in people if "Meeting" in n or n.endswith(("'s", "’s"))]


def test_statements_carry_actor_and_modality(ingested: Any) -> None:
    statements = [p.payload for p in Proposal.objects.filter(kind="statement")]
    both = [s for s in statements if s["text"].startswith("Both affirmed")]
    assert both and both[0]["actor"] == "BOTH" and both[0]["modality"] == "reaffirmed"


def test_the_review_queue_shows_the_event_proposals(ingested: Any, usa_editor: Any) -> None:
    c = Client()
    assert c.login(username=usa_editor.username, password=PASSWORD, request=HttpRequest())
    body = c.get("/review/").content.decode()
    for p in Proposal.objects.filter(kind="event"):
        assert f'id="proposal-{p.pk}"' in body


def test_an_undated_encounter_waits_for_its_date(ingested: Any, usa_editor: Any) -> None:
    undated = next(p for p in Proposal.objects.filter(kind="event") if p.payload["start"] is None)
    with pytest.raises(DomainError) as err:
        accept_proposal(usa_editor, undated)
    assert err.value.field == "payload.start"
    assert not Event.objects.exists()
    dated = next(p for p in Proposal.objects.filter(kind="event") if p.payload["start"])
    accept_proposal(usa_editor, dated)
    assert Event.objects.filter(start=dated.payload["start"]).exists()
