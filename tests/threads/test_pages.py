"""The threads area's pages and API: each party sees its own and JOINT rows, never the other's;
only editors decide links; bad requests are refused."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jscd.record import services
from jscd.record.models import Program, Thread, ThreadLink

USA_THREAD = "(Illustrative) Sustainment review visit to Baghdad"
USA_PROGRAM = "(Illustrative) FMS sustainment case DEMO-IQ-01"
IRQ_THREAD = "(Illustrative) Consolidated HMC working-group report for the Minister"

PAGES = ["web:timeline", "web:program_list", "web:thread_suggestions", "web:report_index"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_pages_show_own_and_joint_rows_and_never_the_other_partys(demo: None, usa_viewer: Any,
                                                                 irq_viewer: Any) -> None:
    for user, own, other in ((usa_viewer, USA_THREAD, IRQ_THREAD),
                             (irq_viewer, IRQ_THREAD, USA_THREAD)):
        client = _client(user)
        for name in PAGES:
            for suffix in ("", "?format=json"):
                response = client.get(reverse(name) + suffix)
                assert response.status_code == 200, (name, suffix)
                assert other not in response.content.decode(), (user.party_id, name, suffix)
        assert own in client.get(reverse("web:timeline")).content.decode()
    irq = _client(irq_viewer)
    assert USA_PROGRAM not in irq.get(reverse("web:program_list")).content.decode()
    usa_program = Program.objects.get(name=USA_PROGRAM)
    for suffix in ("", "?format=json"):
        url = reverse("web:program_detail", args=[usa_program.pk]) + suffix
        assert irq.get(url).status_code == 404
        assert _client(usa_viewer).get(url).status_code == 200


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(demo: None) -> None:
    for name in PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302 and reverse("web:login") in response["Location"]


@pytest.mark.django_db
def test_portfolio_filters_by_kind_and_flag(demo: None, usa_viewer: Any) -> None:
    client = _client(usa_viewer)
    data = client.get(reverse("web:program_list") + "?kind=fms&format=json").json()
    assert data["count"] >= 2 and {r["kind"] for r in data["results"]} == {"fms"}
    overdue = client.get(reverse("web:program_list") + "?flag=overdue&format=json").json()
    assert overdue["count"] >= 1 and all(r["overdue_milestones"] for r in overdue["results"])
    html = client.get(reverse("web:program_list") + "?kind=fms", HTTP_HX_REQUEST="true")
    assert "<html" not in html.content.decode() and "Foreign Military Sales" in html.content.decode()


@pytest.mark.django_db
def test_only_editors_decide_links_and_their_decisions_are_kept(demo: None, usa_viewer: Any,
                                                                usa_editor: Any) -> None:
    hmc = Thread.objects.get(title="Higher Military Commission")
    r2 = hmc.links.get(statement__round__ordinal=2)
    statement = r2.statement
    r2.delete()
    url = reverse("web:thread_suggestions")
    assert _client(usa_viewer).post(url, {"action": "apply", "key": "x"}).status_code == 403
    editor = _client(usa_editor)
    data = editor.get(url + "?format=json").json()
    mine = next(s for s in data["suggestions"] if s["thread"] == hmc.pk)
    assert [link["statement"] for link in mine["links"]] == [statement.pk]
    assert mine["links"][0]["score"] > 0.3
    editor.post(url, {"action": "apply", "key": mine["key"]})
    link = ThreadLink.objects.get(thread=hmc, statement=statement)
    assert not link.confirmed and link.score == mine["links"][0]["score"]
    editor.post(url, {"action": "confirm", "link": link.pk})
    link.refresh_from_db()
    assert link.confirmed
    response = editor.post(url, {"action": "confirm", "link": "999999"}, follow=True)
    assert "no such thread link" in response.content.decode()


@pytest.mark.django_db
def test_report_download_is_the_users_view_with_its_banner(demo: None, irq_viewer: Any) -> None:
    from docx import Document

    client = _client(irq_viewer)
    url = reverse("web:report_download")
    response = client.get(url, {"product": "read-ahead", "round": "next", "format": "docx",
                                "series": "JSCD"})
    assert response.status_code == 200 and response["X-Jscd-Banner"] == "IRQ ONLY"
    assert 'filename="read-ahead-JSCD-round3-IRQ.docx"' in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = Document(io.BytesIO(response.content)).tables
    cells = " ".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert USA_THREAD not in text + cells and IRQ_THREAD in cells
    bad = client.get(url, {"product": "read-ahead", "round": "9", "format": "md"})
    assert bad.status_code == 400 and b"round" in bad.content


@pytest.mark.django_db
def test_api_report_and_csv_for_a_party(demo: None, irq_editor: Any) -> None:
    headers = {"Authorization": f"Bearer {services.issue_token(irq_editor)}"}
    client = Client()
    report = client.get("/api/reports", {"product": "compliance", "round": "2", "format": "pdf"},
                        headers=headers).json()
    assert report["round"] == 2 and base64.b64decode(report["content_base64"]).startswith(b"%PDF")
    missing = client.get("/api/reports", {"round": "4"}, headers=headers)
    assert missing.status_code == 400 and missing.json()["field"] == "round"
    exported = client.get("/api/threads-csv", headers=headers).json()["csv"]
    assert USA_THREAD not in exported and IRQ_THREAD in exported
    again = client.post("/api/threads-csv", json.dumps({"csv": exported}),
                        content_type="application/json", headers=headers).json()
    assert again["created"] == again["updated"] == 0 and again["errors"] == []
