"""The source viewer shows a document's text escaped, with each visible evidence span marked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import Event, Evidence

pytestmark = pytest.mark.django_db

HOSTILE = ('Opening line. <script>alert("pwned")</script> Both sides agreed to <b>train</b> '
           'officers & "cadets". <img src=x onerror=alert(1)> The end.')


@pytest.fixture
def hostile_source(usa_editor):
    source, _ = services.add_source(OPERATOR, text=HOSTILE, title="A <i>hostile</i> note",
                                    kind="note", published=dt.date(2024, 7, 24))
    series = services.create_series(OPERATOR, name="Viewer series", parties=["USA", "IRQ"])
    rnd = services.create_round(OPERATOR, series=series, ordinal=1, start=dt.date(2024, 7, 22),
                                end=dt.date(2024, 7, 23),
                                evidence=[services.find_quote(source, "Opening line.")])
    stmt = services.add_statement(
        OPERATOR, round=rnd, actor="BOTH", modality="decided", category="education_training",
        text="Train <b>officers</b>",
        evidence=[services.find_quote(source, 'agreed to <b>train</b> officers & "cadets"'),
                  services.find_quote(source, "<script>")])
    return source, rnd, stmt


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_markup_in_a_document_is_shown_as_text_never_run(hostile_source, usa_viewer):
    source, _, _ = hostile_source
    html = _client(usa_viewer).get(reverse("web:source_detail", args=[source.pk])).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>train</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;train&lt;/b&gt;" in html
    assert "A &lt;i&gt;hostile&lt;/i&gt; note" in html


def test_every_visible_span_is_highlighted_and_anchored(hostile_source, usa_viewer):
    source, rnd, stmt = hostile_source
    html = _client(usa_viewer).get(reverse("web:source_detail", args=[source.pk])).content.decode()
    for ev in stmt.evidence.all():
        assert f'id="span-{ev.pk}"' in html
        assert f'id="ev-{ev.pk}"' in html
    assert html.count('class="ev ev-statement') >= 2
    assert 'class="ev ev-round' in html
    # the legend names each kind present, and facts link back to their pages
    assert re.search(r"legend-swatch\">Statement<", html)
    assert reverse("web:round_detail", args=[rnd.pk]) + f"#statement-{stmt.pk}" in html


def test_round_page_quotes_evidence_escaped_and_links_into_the_viewer(hostile_source, usa_viewer):
    source, rnd, stmt = hostile_source
    html = _client(usa_viewer).get(reverse("web:round_detail", args=[rnd.pk])).content.decode()
    ev = stmt.evidence.get(start=HOSTILE.index("<script>"))
    assert f'{reverse("web:source_detail", args=[source.pk])}#span-{ev.pk}' in html
    assert "“&lt;script&gt;”" in html
    assert "Train &lt;b&gt;officers&lt;/b&gt;" in html


def test_json_twin_gives_text_and_spans_with_their_facts(hostile_source, usa_viewer):
    source, _, _ = hostile_source
    data = _client(usa_viewer).get(
        reverse("web:source_detail", args=[source.pk]) + "?format=json").json()
    assert data["text"] == HOSTILE
    quotes = {e["quote"] for e in data["evidence"] if e["fact"]["kind"] == "statement"}
    assert quotes == {'agreed to <b>train</b> officers & "cadets"', "<script>"}


def test_a_span_supporting_a_hidden_fact_is_not_shown(usa_viewer, irq_viewer, hostile_source):
    # A JOINT source cited by a fact that hangs from a USA-only series. The services mark such
    # evidence USA; the viewer must hold even for a mis-marked JOINT evidence row (written here
    # directly, as an old import might have), because it checks the fact itself too.
    source, _, _ = hostile_source
    series = services.create_series(OPERATOR, name="US-only series", parties=["USA", "IRQ"],
                                    marking="USA")
    event = services.create_event(OPERATOR, kind="call", name="US-only call",
                                  start=dt.date(2024, 5, 1), series=series, marking="JOINT")
    start = HOSTILE.index("The end.")
    Evidence.objects.create(source=source, start=start, end=start + 8, marking="JOINT",
                            content_type=ContentType.objects.get_for_model(Event),
                            object_id=event.pk)
    usa = _client(usa_viewer).get(reverse("web:source_detail", args=[source.pk])).content.decode()
    irq = _client(irq_viewer).get(reverse("web:source_detail", args=[source.pk])).content.decode()
    assert "US-only call" in usa and "ev-event" in usa
    assert "US-only call" not in irq and "ev-event" not in irq
    assert "The end." in irq
