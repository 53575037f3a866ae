"""Export → import into an empty database → export gives the same document."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jscd.core import InputError
from jscd.record.exchange import dumps, export_record
from jscd.record.models import Round, Source, Statement
from jscd.record.services.exchange import import_record, read_export

pytestmark = pytest.mark.django_db(transaction=True)


def _wipe() -> None:
    from django.apps import apps

    from jscd.record.exchange import exported_models
    from jscd.record.models import User

    User.objects.all().delete()
    for model in reversed(exported_models()):
        model._default_manager.all().delete()
    for model in apps.get_app_config("record").get_models():
        if model.__name__.startswith("Historical"):
            model.objects.all().delete()


def test_round_trip_gives_identical_json(party_rows, tmp_path):
    first = dumps(export_record())
    path = tmp_path / "record.json"
    path.write_text(first)
    _wipe()
    assert not Round.objects.exists()
    call_command("import", str(path))
    assert dumps(export_record()) == first


def test_export_as_a_user_leaves_out_the_other_partys_rows(party_rows, usa_viewer):
    data = export_record(usa_viewer)
    text = json.dumps(data, default=str)
    assert "irq test note" not in text and "Person irq" not in text
    assert "usa test note" in text and "Person joint" in text
    rounds = data["models"]["record.round"]
    assert {r["fields"]["marking"] for r in rounds} == {"JOINT", "USA"}
    event_ids = {e["pk"] for e in data["models"]["record.event"]}
    for r in rounds:  # many-to-many lists name only rows the reader can see
        assert set(r["fields"]["builds_on"]) <= event_ids


def test_cli_export_requires_saying_whose_view(party_rows):
    with pytest.raises(CommandError):
        call_command("export")


def test_malformed_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"schema": "jscd-record/1",\n "models": {\n  "record.round": [,]\n}}')
    with pytest.raises(InputError) as err:
        read_export(path)
    assert err.value.line == 3 and "bad.json" in str(err.value)


def test_bad_row_names_its_field_and_writes_nothing(party_rows, tmp_path):
    data = export_record()
    _wipe()
    data["models"]["record.statement"][0]["fields"]["modality"] = "promised maybe"
    with pytest.raises(InputError) as err:
        import_record(data, file="x.json")
    assert "record.statement[0].modality" in str(err.value)
    assert not Source.objects.exists() and not Statement.objects.exists()


def test_import_refuses_a_record_that_is_not_empty(party_rows):
    with pytest.raises(InputError, match="not empty"):
        import_record(export_record())


def test_users_travel_by_name_and_only_within_the_readers_party(party_rows, usa_viewer, irq_editor, tmp_path):
    from jscd.record.models import Proposal

    source = party_rows["JOINT"]["source"]
    proposal = Proposal.objects.create(kind="person", payload={"name": "X"}, decided_by=irq_editor)
    proposal.sources.set([source])
    everything = export_record()
    row = next(r for r in everything["models"]["record.proposal"] if r["pk"] == proposal.pk)
    assert list(row["fields"]["decided_by"]) == ["irq-editor"]
    as_usa = export_record(usa_viewer)
    row = next(r for r in as_usa["models"]["record.proposal"] if r["pk"] == proposal.pk)
    assert row["fields"]["decided_by"] is None
    _wipe()  # users are gone too: the import keeps the row and forgets who decided
    import_record(everything)
    assert Proposal.objects.get(pk=proposal.pk).decided_by is None
