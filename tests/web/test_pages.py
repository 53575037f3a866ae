"""Page behaviour beyond access: the HTMX switch, the timeline axis, filters and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from jscd.web.views.dashboard import TimelineItem, year_ticks
from jscd.web.views.rounds import date_range

pytestmark = pytest.mark.django_db


def _item(day: dt.date) -> TimelineItem:
    return TimelineItem("event", "x", "x", "", day, None, "/", "JOINT")


@pytest.mark.parametrize(("first", "last", "expected"), [
    (dt.date(2024, 4, 1), dt.date(2024, 7, 22), []),  # one year: no tick to draw
    (dt.date(2023, 8, 7), dt.date(2024, 7, 22), [2024]),
    (dt.date(2008, 11, 17), dt.date(2024, 7, 22), list(range(2009, 2025, 2))),  # thinned
])
def test_year_ticks_mark_each_new_year_and_stay_few(first, last, expected):
    ticks = year_ticks([_item(first), _item(last)])
    assert [year for year, _ in ticks] == expected
    assert all(3 <= pos <= 97 for _, pos in ticks)


@pytest.mark.parametrize(("start", "end", "text"), [
    (dt.date(2024, 7, 22), dt.date(2024, 7, 23), "22–23 July 2024"),
    (dt.date(2024, 7, 31), dt.date(2024, 8, 1), "31 July – 1 August 2024"),
    (dt.date(2023, 8, 7), None, "7 August 2023"),
])
def test_round_dates_read_as_people_write_them(start, end, text):
    assert date_range(start, end) == text


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_htmx_request_gets_the_fragment_and_a_page_load_the_page(party_rows, usa_viewer):
    client = _client(usa_viewer)
    full = client.get(reverse("web:thread_list"))
    part = client.get(reverse("web:thread_list"), HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode() and "<html" not in part.content.decode()
    assert "HX-Request" in full["Vary"] and "HX-Request" in part["Vary"]
    boosted = client.get(reverse("web:thread_list"), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert "<html" in boosted.content.decode()


def test_list_filters_narrow_the_rows_in_page_and_json_alike(party_rows, usa_viewer):
    client = _client(usa_viewer)
    url = reverse("web:statement_list") + "?modality=decided&q=plan"
    data = client.get(url + "&format=json").json()
    assert {r["text"] for r in data["results"]} == {"Review the plan (joint)", "Review the plan (usa)"}
    html = client.get(url).content.decode()
    assert "Review the plan (usa)" in html and "2 results" in html
    assert client.get(reverse("web:statement_list") + "?modality=pledged&format=json").json()["count"] == 0


def test_a_bad_filter_value_is_reported_not_applied(party_rows, usa_viewer):
    html = _client(usa_viewer).get(reverse("web:thread_list") + "?status=nonsense").content.decode()
    assert "Select a valid choice" in html
    assert "usa plan review" in html


def test_search_finds_people_by_another_spelling(party_rows, usa_viewer):
    data = _client(usa_viewer).get(reverse("web:search") + "?q=P. usa&format=json").json()
    assert [h["label"] for h in data["results"]["People"]["hits"]] == ["Person usa"]


def test_round_page_groups_statements_and_shows_leads(party_rows, usa_viewer):
    rnd = party_rows["USA"]["round"]
    data = _client(usa_viewer).get(reverse("web:round_detail", args=[rnd.pk]) + "?format=json").json()
    assert data["delegations"][0]["leads"][0]["name"] == "Person usa"
    assert data["statements"][0]["evidence"][0]["quote"] == "agreed to review the plan"
    assert data["builds_on"][0]["name"] == "usa visit"
