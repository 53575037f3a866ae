"""Assessment pages as each party: their runs only, JSON twins, and forms that go through services."""

from __future__ import annotations

import pytest
from django.test import Client

from jscd.record.models.assessment import AssessmentOverride
from jscd.record.services import assessment as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs(usa_editor, irq_editor):
    _, joint = service.run_assessment(usa_editor, as_of="2015-06", draws=100, tables="example")
    _, usa = service.run_assessment(
        usa_editor, as_of="2018-06", draws=100, tables="example", marking="USA", label="usa only run"
    )
    return {"JOINT": joint, "USA": usa}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_fresh_install_shows_a_preview_on_the_shipped_data(usa_viewer):
    response = _client(usa_viewer).get("/assessment/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "preview, not stored" in body and "Ninawa" in body and "illustrative" in body
    assert "cdn" not in body.lower()


def test_other_partys_run_is_absent_and_a_404(runs, irq_viewer, usa_viewer):
    irq = _client(irq_viewer)
    assert irq.get(f"/assessment/runs/{runs['USA'].pk}/").status_code == 404
    assert irq.get(f"/assessment/runs/{runs['USA'].pk}/IQ-NI/").status_code == 404
    page = irq.get("/assessment/").content.decode()
    assert "usa only run" not in page and f"Run {runs['JOINT'].pk}" in page
    assert "usa only run" in _client(usa_viewer).get("/assessment/").content.decode()


def test_json_twins_carry_the_result(runs, usa_viewer):
    client = _client(usa_viewer)
    data = client.get(f"/assessment/runs/{runs['JOINT'].pk}/?format=json").json()
    assert data["as_of"] == "2015-06" and len(data["governorates"]) == 18
    gov = client.get(f"/assessment/runs/{runs['JOINT'].pk}/IQ-SD/?format=json").json()
    assert set(gov["explain"]["factors"]) == {"threat", "requirements", "capability"}
    diff = client.get(f"/assessment/compare/?a={runs['JOINT'].pk}&b={runs['USA'].pk}&format=json").json()
    assert diff["a"]["as_of"] == "2015-06" and diff["b"]["as_of"] == "2018-06"


def test_override_form_goes_through_the_service_and_refuses_an_empty_rationale(runs, usa_editor, usa_viewer):
    run = runs["JOINT"]
    url = f"/assessment/runs/{run.pk}/IQ-AN/override/"
    editor = _client(usa_editor)
    editor.post(url, {"phase": "partnership", "rationale": "short"})
    assert not AssessmentOverride.objects.exists()
    _client(usa_viewer).post(url, {"phase": "partnership", "rationale": "A viewer may not write this at all."})
    assert not AssessmentOverride.objects.exists()
    response = editor.post(
        url, {"phase": "partnership", "rationale": "Local forces hold every district now."}, follow=True
    )
    assert AssessmentOverride.objects.get().created is not None
    assert "Local forces hold every district now." in response.content.decode()


def test_plotly_is_served_locally(usa_viewer):
    response = _client(usa_viewer).get("/assessment/plotly.min.js")
    assert response.status_code == 200 and response["Content-Type"] == "text/javascript"
    assert b"plotly" in b"".join(response.streaming_content)[:2000].lower()
