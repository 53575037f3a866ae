"""As the other party: every page, its JSON twin, search and the admin keep the other's rows out.

One generic suite (NetBox's ``utilities/testing`` habit) runs over tables of URL names. The
``party_rows`` fixture builds one row of every model under each marking; each row's text
carries its marking's tag ("usa", "irq"), so a page leaks if the other party's tag phrases
appear in it, and the test is not vacuous because the own party's phrases must appear.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

OTHER = {"USA": "IRQ", "IRQ": "USA"}


def phrases(marking: str) -> dict[str, str]:
    """A phrase per kind of row that only a row of this marking contains (tests/factories.py)."""
    tag = marking.lower()
    return {
        "round": f"{tag} city", "event": f"{tag} visit", "statement": f"Review the plan ({tag})",
        "thread": f"{tag} plan review", "person": f"Person {tag}", "organization": f"{tag} ministry",
        "source": f"{tag} test note", "meeting": f"{tag} side meeting", "series": f"Test series {tag}",
        "program": f"{tag} course",
    }


def leaked(content: str, marking: str) -> list[str]:
    return [p for p in phrases(marking).values() if p in content]


#: Detail pages: URL name → the party_rows kind whose pk it takes.
DETAIL_PAGES = {
    "web:round_detail": "round",
    "web:event_detail": "event",
    "web:thread_detail": "thread",
    "web:person_detail": "person",
    "web:organization_detail": "organization",
    "web:source_detail": "source",
}

#: List pages: URL name → the kind of row they list (its own phrase must show).
LIST_PAGES = {
    "web:round_list": "round",
    "web:event_list": "event",
    "web:statement_list": "statement",
    "web:thread_list": "thread",
    "web:person_list": "person",
    "web:organization_list": "organization",
    "web:source_list": "source",
}

#: Admin changelists: model name → the kind whose phrase it lists.
ADMIN_MODELS = {
    "round": "round", "event": "event", "statement": "statement", "thread": "thread",
    "person": "person", "organization": "organization", "source": "source",
    "meeting": "meeting", "dialogueseries": "series", "program": "program",
}

#: Search terms: each one matches a row of every marking.
SEARCH_TERMS = ["plan", "city", "visit", "Person", "ministry", "note"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(params=["USA", "IRQ"])
def side(request: pytest.FixtureRequest, party_rows: dict, usa_editor: Any,
         irq_editor: Any) -> tuple[str, Client, dict]:
    """(party, logged-in client of that party's editor, party_rows) — run for both sides."""
    user = usa_editor if request.param == "USA" else irq_editor
    return request.param, _client(user), party_rows


# Each test walks a whole table and reports every failing URL at once: building the rows of
# three markings is the slow part, so it happens once per side, not once per URL.

def test_detail_of_the_other_partys_row_is_404(side):
    party, client, rows = side
    failures = []
    for url_name, kind in DETAIL_PAGES.items():
        for fmt in ("", "?format=json"):
            url = reverse(url_name, args=[rows[OTHER[party]][kind].pk]) + fmt
            response = client.get(url)
            if response.status_code != 404 or leaked(response.content.decode(), OTHER[party]):
                failures.append((url, response.status_code))
    assert failures == []


def test_detail_of_a_visible_row_shows_no_row_of_the_other_party(side):
    party, client, rows = side
    failures = []
    for url_name, kind in DETAIL_PAGES.items():
        for marking in ("JOINT", party):
            for fmt in ("", "?format=json"):
                url = reverse(url_name, args=[rows[marking][kind].pk]) + fmt
                response = client.get(url)
                if response.status_code != 200:
                    failures.append((url, response.status_code))
                elif found := leaked(response.content.decode(), OTHER[party]):
                    failures.append((url, found))
    assert failures == []


def test_list_shows_own_and_joint_rows_but_never_the_other_partys(side):
    party, client, _ = side
    failures = []
    for url_name, kind in LIST_PAGES.items():
        for fmt in ("", "?format=json"):
            url = reverse(url_name) + fmt
            content = client.get(url).content.decode()
            missing = [p for p in (phrases(party)[kind], phrases("JOINT")[kind]) if p not in content]
            if missing or leaked(content, OTHER[party]):
                failures.append((url, missing, leaked(content, OTHER[party])))
    assert failures == []


def test_htmx_list_fragment_keeps_the_same_rule(side):
    party, client, _ = side
    for url_name, kind in LIST_PAGES.items():
        content = client.get(reverse(url_name), HTTP_HX_REQUEST="true").content.decode()
        assert "<html" not in content, url_name  # a fragment, not the page
        assert phrases(party)[kind] in content, url_name
        assert leaked(content, OTHER[party]) == [], url_name


def test_search_finds_own_rows_and_never_the_other_partys(side):
    party, client, _ = side
    for term in SEARCH_TERMS:
        for fmt in ("", "&format=json"):
            content = client.get(reverse("web:search") + f"?q={term}{fmt}").content.decode()
            assert any(p in content for p in phrases(party).values()), (term, fmt)
            assert leaked(content, OTHER[party]) == [], (term, fmt)


def test_dashboard_shows_no_row_of_the_other_party(side):
    party, client, _ = side
    for fmt in ("", "?format=json"):
        content = client.get(reverse("web:dashboard") + fmt).content.decode()
        assert phrases(party)["thread"] in content
        assert leaked(content, OTHER[party]) == []


def test_filters_do_not_accept_the_other_partys_round(side):
    party, client, rows = side
    other_round = rows[OTHER[party]]["round"]
    data = client.get(reverse("web:statement_list") + f"?round={other_round.pk}&format=json").json()
    assert all(OTHER[party].lower() not in r["text"] for r in data["results"])


# -- admin -------------------------------------------------------------------------------

def test_admin_changelist_lists_no_row_of_the_other_party(side):
    party, client, _ = side
    for model, kind in ADMIN_MODELS.items():
        response = client.get(reverse(f"admin:record_{model}_changelist"))
        assert response.status_code == 200, model
        content = response.content.decode()
        assert phrases(party)[kind] in content, model
        assert leaked(content, OTHER[party]) == [], model


ADMIN_KINDS = ["round", "event", "statement", "thread", "source", "person", "organization",
               "program", "meeting", "participation", "status_change", "compliance"]


def test_admin_pages_of_the_other_partys_row_are_404(side):
    party, client, rows = side
    failures = []
    for kind in ADMIN_KINDS:
        row = rows[OTHER[party]][kind]
        for view in ("change", "delete", "history"):
            url = reverse(f"admin:record_{row._meta.model_name}_{view}", args=[row.pk])
            if (status := client.get(url).status_code) != 404:
                failures.append((url, status))
    assert failures == []


def test_admin_pages_of_an_own_row_offer_no_row_of_the_other_party(side):
    party, client, rows = side
    for kind in ADMIN_KINDS:
        row = rows[party][kind]
        for view in ("change", "history"):
            url = reverse(f"admin:record_{row._meta.model_name}_{view}", args=[row.pk])
            response = client.get(url)
            assert response.status_code == 200, url
            assert leaked(response.content.decode(), OTHER[party]) == [], url


def test_admin_user_list_shows_only_the_own_partys_accounts(parties):
    from tests.conftest import _user

    usa_admin, _ = _user("usa-admin", "USA", "admin"), _user("irq-admin", "IRQ", "admin")
    content = _client(usa_admin).get(reverse("admin:record_user_changelist")).content.decode()
    assert "usa-admin" in content and "irq-admin" not in content


# -- anonymous visitors --------------------------------------------------------------------

def _all_urls(rows: dict) -> list[str]:
    urls = [reverse(name) for name in LIST_PAGES] + [reverse("web:dashboard"), reverse("web:search")]
    urls += [reverse(name, args=[rows["JOINT"][kind].pk]) for name, kind in DETAIL_PAGES.items()]
    return urls


def test_anonymous_requests_are_sent_to_the_login_page(party_rows):
    client = Client()
    for url in _all_urls(party_rows):
        for fmt in ("", "?format=json"):
            response = client.get(url + fmt)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("web:login")), url


def test_anonymous_admin_requests_are_sent_to_a_login_page(party_rows):
    response = Client().get(reverse("admin:record_round_changelist"))
    assert response.status_code == 302
    assert "login" in response["Location"]
