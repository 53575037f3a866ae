"""The review pages through Django's test client: who may use them, and how refusals look."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client

from jscd.record import services
from jscd.record.models import Person, Proposal
from jscd.record.services.ingest import flag_conflict, upsert_proposal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TEXT = "Note of 2 May 2025. Minister Jane Roe <i>spoke</i> first; the sides agreed to meet again."
HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user: Any) -> Client:
    c = Client()
    # django-axes checks every password sign-in against its lock-out, so it needs the request
    assert c.login(username=user.username, password=PASSWORD, request=HttpRequest())
    return c


@pytest.fixture
def proposal(usa_editor: Any) -> Proposal:
    src = services.add_source(usa_editor, text=TEXT, title="Note", published=dt.date(2025, 5, 2))[0]
    start = TEXT.index("Jane Roe")
    return upsert_proposal(usa_editor, "person", {
        "key": "person:Jane Roe", "name": "Jane Roe", "party": "IRQ", "surfaces": [],
        "evidence": [{"source": src.pk, "start": start, "end": start + 8}]}, [src], "JOINT")[0]


def test_viewers_cannot_open_the_queue_or_decide(usa_viewer, proposal) -> None:
    c = client_for(usa_viewer)
    assert c.get("/review/").status_code == 403
    assert c.post(f"/review/{proposal.pk}/accept/").status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == "pending"


def test_the_queue_shows_each_proposal_with_its_quote_escaped(usa_editor, proposal) -> None:
    body = client_for(usa_editor).get("/review/").content.decode()
    assert f'id="proposal-{proposal.pk}"' in body
    assert "<mark>Jane Roe</mark>" in body
    assert "&lt;i&gt;spoke&lt;/i&gt;" in body and "<i>spoke</i>" not in body
    assert f'href="/sources/{proposal.payload["evidence"][0]["source"]}/#x-' in body


def test_htmx_reject_without_a_reason_returns_the_row_with_the_error(usa_editor, proposal) -> None:
    r = client_for(usa_editor).post(f"/review/{proposal.pk}/reject/", {"note": ""}, **HTMX)
    assert r.status_code == 200
    assert "say why the proposal is rejected" in r.content.decode()
    assert 'data-status="pending"' in r.content.decode()
    assert "<html" not in r.content.decode(), "an HTMX action answers with the row only"


def test_accept_by_form_post_redirects_back_to_the_queue(usa_editor, proposal) -> None:
    r = client_for(usa_editor).post(f"/review/{proposal.pk}/accept/")
    assert r.status_code == 302 and r.url == "/review/"
    assert Person.objects.get().name == "Jane Roe"


def test_edit_page_refuses_bad_json_and_bad_fields_then_accepts(usa_editor, proposal) -> None:
    c = client_for(usa_editor)
    r = c.post(f"/review/{proposal.pk}/edit/", {"payload": "{not json"})
    assert r.status_code == 400 and "payload: not JSON" in r.content.decode()
    bad = {**proposal.payload, "party": "ZZZ"}
    r = c.post(f"/review/{proposal.pk}/edit/", {"payload": json.dumps(bad)})
    assert r.status_code == 400 and "payload.party" in r.content.decode()
    assert not Person.objects.exists()
    good = {**proposal.payload, "name": "Jane Roe-Smith"}
    r = c.post(f"/review/{proposal.pk}/edit/", {"payload": json.dumps(good)})
    assert r.status_code == 302
    assert Person.objects.get().name == "Jane Roe-Smith"


def test_the_other_partys_proposal_is_a_404(irq_editor, usa_editor) -> None:
    src = services.add_source(usa_editor, text=TEXT, title="USA note", marking="USA")[0]
    p = upsert_proposal(usa_editor, "person", {"key": "person:X", "name": "X"}, [src], "USA")[0]
    c = client_for(irq_editor)
    assert c.post(f"/review/{p.pk}/accept/").status_code == 404
    assert c.get(f"/review/{p.pk}/edit/").status_code == 404
    assert f"proposal-{p.pk}" not in c.get("/review/").content.decode()


def test_viewers_read_the_conflicts_page_without_the_other_partys_flags(
        usa_editor, irq_viewer) -> None:
    joint = services.add_source(usa_editor, text="Minister Jane Roo met. Minister Jane Roe met.",
                                title="Joint note")[0]
    hidden = services.add_source(usa_editor, text="USA only: Jon Doh.", title="USA note",
                                 marking="USA")[0]
    flag_conflict(usa_editor, kind="name_variant", surface="Jane Roo", canonical="Jane Roe",
                  detail=None, sources=[joint])
    flag_conflict(usa_editor, kind="name_variant", surface="Jon Doh", canonical="John Doe",
                  detail=None, sources=[hidden], marking="USA")
    body = client_for(irq_viewer).get("/conflicts/").content.decode()
    assert "Jane Roo" in body and "Jon Doh" not in body and "USA note" not in body
