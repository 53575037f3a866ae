"""Who may call the API: bearer tokens by hash, the browser session with CSRF, and no one else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from jscd.record import services
from jscd.record.models import ApiToken, Thread
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_a_token_identifies_its_user_and_party(usa: Api) -> None:
    response = usa.get("/api/me")
    assert response.status_code == 200
    assert response.json() == {"username": "usa-editor", "party": "USA", "role": "editor",
                               "can_write": True}


def test_only_the_hash_of_a_token_is_stored_and_use_is_stamped(usa: Api) -> None:
    token = ApiToken.objects.get(user=usa.user)
    assert usa.token not in (token.key_hash, token.prefix)
    assert token.key_hash == ApiToken.hash(usa.token)
    assert token.last_used is None
    assert usa.get("/api/rounds").status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None


@pytest.mark.parametrize("header", [
    "Bearer jscd_not-a-token",
    "Bearer ",
    "Token {key}",  # wrong scheme
    "{key}",  # no scheme
])
def test_a_wrong_or_malformed_token_is_401(usa: Api, header: str) -> None:
    response = Client().get("/api/rounds", headers={"Authorization": header.format(key=usa.token)})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"].startswith("authentication required")


def test_an_inactive_user_is_401_even_with_a_valid_token(usa: Api) -> None:
    usa.user.is_active = False
    usa.user.save()
    assert usa.get("/api/me").status_code == 401


def test_a_user_without_a_party_is_401(parties: None) -> None:
    from jscd.record.models import User

    nobody = User.objects.create(username="partyless")
    api = Api(Client(), services.issue_token(nobody), nobody)
    assert api.get("/api/me").status_code == 401


def test_the_browser_session_reads_the_api(usa_editor: Any) -> None:
    browser = Client()
    browser.force_login(usa_editor)
    response = browser.get("/api/me")
    assert response.status_code == 200
    assert response.json()["party"] == "USA"


def test_a_session_write_needs_the_csrf_token(usa_editor: Any) -> None:
    body = json.dumps({"title": "Session thread", "category": "liaison"})
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(usa_editor)
    before = Thread.objects.count()
    refused = browser.post("/api/threads", body, content_type="application/json")
    assert refused.status_code == 403
    assert Thread.objects.count() == before
    secret = "webUiCsrfSecret0123456789abcdefg"  # 32 alphanumerics, as Django's cookie holds
    browser.cookies["csrftoken"] = secret
    accepted = browser.post("/api/threads", body, content_type="application/json",
                            headers={"X-CSRFToken": secret})
    assert accepted.status_code == 201, accepted.content
    assert Thread.objects.count() == before + 1


def test_a_viewer_reads_but_cannot_write(usa_reader: Api) -> None:
    assert usa_reader.get("/api/threads").status_code == 200
    refused = usa_reader.post("/api/threads", {"title": "Viewer thread", "category": "liaison"})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "your role may read the record but not change it",
                              "field": "role"}
