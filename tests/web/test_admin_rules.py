"""The admin follows the role, offers only markings a user may write, and saves through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import Person, Round, Source, User
from jscd.record.services.admin import save_object
from tests.conftest import _user

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_viewer_gets_no_admin(party_rows, usa_viewer):
    response = _client(usa_viewer).get(reverse("admin:record_round_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_editor_may_change_but_not_delete(party_rows, usa_editor):
    client = _client(usa_editor)
    row = party_rows["USA"]["round"]
    assert client.get(reverse("admin:record_round_change", args=[row.pk])).status_code == 200
    assert client.get(reverse("admin:record_round_delete", args=[row.pk])).status_code == 403


def test_marking_choices_are_joint_and_the_own_party_only(party_rows, usa_editor):
    html = _client(usa_editor).get(reverse("admin:record_person_add")).content.decode()
    assert 'value="JOINT"' in html and 'value="USA"' in html
    assert 'value="IRQ"' not in html.split('name="marking"')[1].split("</select>")[0]


def test_an_editor_cannot_mark_a_row_for_the_other_party(parties, usa_editor):
    response = _client(usa_editor).post(reverse("admin:record_person_add"), {
        "name": "Someone New", "aliases": "[]", "marking": "IRQ"})
    assert response.status_code == 200  # the form is shown again with its error
    assert "IRQ is not one of the available choices" in response.content.decode()
    assert not Person.objects.filter(name="Someone New").exists()


def test_a_save_in_the_admin_is_recorded_with_its_author(party_rows, usa_editor):
    row = party_rows["USA"]["round"]
    response = _client(usa_editor).post(reverse("admin:record_round_change", args=[row.pk]), {
        "series": row.series_id, "ordinal": row.ordinal, "start": "2024-07-22",
        "end": "2024-07-24", "location": "Elsewhere", "note": "", "marking": "USA"})
    assert response.status_code == 302, response.content.decode()[:2000]
    row.refresh_from_db()
    assert row.location == "Elsewhere"
    assert row.history.latest().history_user == usa_editor


def test_a_save_the_model_refuses_is_not_written(party_rows, usa_editor):
    row = party_rows["USA"]["round"]
    response = _client(usa_editor).post(reverse("admin:record_round_change", args=[row.pk]), {
        "series": row.series_id, "ordinal": row.ordinal, "start": "2024-07-22",
        "end": "2024-07-01", "location": "Backwards", "note": "", "marking": "USA"})
    assert response.status_code == 200
    assert Round.objects.get(pk=row.pk).location != "Backwards"


def test_a_source_added_in_the_admin_gets_its_checksum(parties, usa_editor):
    response = _client(usa_editor).post(reverse("admin:record_source_add"), {
        "title": "Admin note", "publisher": "", "published": "2024-07-25", "kind": "note",
        "origin": "", "text": "A short note typed into the admin.", "marking": "USA"})
    assert response.status_code == 302
    source = Source.objects.get(title="Admin note")
    assert source.checksum == services.sources.checksum("A short note typed into the admin.")
    assert source.history.latest().history_user == usa_editor


def test_a_party_admin_may_delete_and_history_keeps_the_row(party_rows, parties):
    admin = _user("usa-admin", "USA", "admin")
    event = services.create_event(OPERATOR, kind="call", name="A call to delete",
                                  start=dt.date(2024, 1, 5), marking="USA")
    response = _client(admin).post(reverse("admin:record_event_delete", args=[event.pk]),
                                   {"post": "yes"})
    assert response.status_code == 302
    record = event.history.latest()
    assert record.history_type == "-" and record.history_user == admin


def test_a_party_admin_cannot_create_a_superuser_or_an_account_of_the_other_party(parties):
    admin = _user("usa-admin", "USA", "admin")
    response = _client(admin).post(reverse("admin:record_user_add"), {
        "username": "new-analyst", "usable_password": "true", "password1": "long-enough-pw-1",
        "password2": "long-enough-pw-1", "role": "editor", "party": "IRQ", "is_superuser": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="new-analyst")
    assert user.party_id == "USA" and not user.is_superuser and user.is_staff


def test_history_of_a_shared_row_does_not_name_the_other_partys_editor(party_rows, usa_editor,
                                                                       irq_editor):
    row = party_rows["JOINT"]["event"]
    row.location = "Edited by Iraq"
    save_object(irq_editor, row)
    html = _client(usa_editor).get(reverse("admin:record_event_history", args=[row.pk])).content.decode()
    assert "Edited by Iraq" in html
    assert "irq-editor" not in html
    html = _client(irq_editor).get(reverse("admin:record_event_history", args=[row.pk])).content.decode()
    assert "irq-editor" in html


def test_the_history_of_a_shared_row_does_not_name_the_other_partys_author(party_rows, usa_editor,
                                                                            irq_editor):
    row = party_rows["JOINT"]["person"]
    response = _client(usa_editor).post(reverse("admin:record_person_change", args=[row.pk]), {
        "name": row.name, "aliases": "[]", "marking": "JOINT"})
    assert response.status_code == 302, response.content.decode()[:2000]
    url = reverse("admin:record_person_history", args=[row.pk])
    theirs = _client(irq_editor).get(url).content.decode()
    ours = _client(usa_editor).get(url).content.decode()
    assert usa_editor.username not in theirs and "another party" in theirs
    assert usa_editor.username in ours
    assert row.history.latest().history_user == usa_editor  # stored as it happened
