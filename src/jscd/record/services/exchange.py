"""Import a JSON export into an empty record, validating every row before anything is kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import connection, transaction

from jscd.core import InputError
from jscd.record.access import OPERATOR, acting_as
from jscd.record.exchange import EXPORT_SCHEMA, exported_models, user_fields
from jscd.record.models import Round, Source
from jscd.record.services.base import validation_message

__all__ = ["import_record", "read_export"]


def read_export(path: str | Path) -> dict[str, Any]:
    """Parse an export file; a syntax error names the line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", file=str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=str(path),
                         line=exc.lineno) from None
    if not isinstance(data, dict) or data.get("schema") != EXPORT_SCHEMA:
        raise InputError(f"not a jscd export (expected schema {EXPORT_SCHEMA!r})", file=str(path),
                         line=1, field="schema")
    if not isinstance(data.get("models"), dict):
        raise InputError("missing 'models'", file=str(path), line=1, field="models")
    return data


def import_record(data: dict[str, Any], *, file: str = "<import>") -> dict[str, int]:
    """Load an export into an empty record (restore or transfer) in one transaction.

    Rows keep their ids so that exporting again gives the same document. Each row is
    validated (types, choices, markings, constraints) before the next; the first bad row
    raises an InputError naming ``models.<label>[i].<field>`` and nothing is kept.
    """
    if Round.objects.exists() or Source.objects.exists():
        raise InputError("the record is not empty; import loads an export into an empty database",
                         file=file)
    known = {m._meta.label_lower: m for m in exported_models()}
    unknown = sorted(set(data["models"]) - set(known))
    if unknown:
        raise InputError(f"unknown model {unknown[0]!r}", file=file, field=f"models.{unknown[0]}")
    counts: dict[str, int] = {}
    with transaction.atomic(), acting_as(OPERATOR):  # history: written by the operator, no user
        for label, model in known.items():
            rows = data["models"].get(label) or []
            if not isinstance(rows, list):
                raise InputError("expected a list of rows", file=file, field=f"models.{label}")
            for i, row in enumerate(rows):
                where = f"models.{label}[{i}]"
                _import_row(model, label, row, where, file)
            counts[label] = len(rows)
        _reset_sequences([m for m in known.values()])
    return counts


def _import_row(model: type, label: str, row: Any, where: str, file: str) -> None:
    if not isinstance(row, dict) or "pk" not in row or not isinstance(row.get("fields"), dict):
        raise InputError("a row needs 'pk' and 'fields'", file=file, field=where)
    users = get_user_model().objects
    fields = dict(row["fields"])
    for name in user_fields(model):
        # Users are not part of an export: keep who-did-what only for users this database has.
        value = fields.get(name)
        if value and not users.filter(username=value[0]).exists():
            fields[name] = None
    row = {**row, "fields": fields}
    try:
        (obj,) = serializers.deserialize("python", [{"model": label, **row}],
                                         handle_forward_references=False)
    except DeserializationError as exc:
        cause = exc.__cause__ or exc
        raise InputError(str(cause), file=file, field=where) from None
    instance = obj.object
    try:
        instance.full_clean(exclude=["content_type"] if label == "record.evidence" else None)
    except ValidationError as exc:
        message, field = validation_message(exc)
        raise InputError(message, file=file, field=f"{where}.{field}" if field else where) from None
    if label == "record.evidence":
        target_model = instance.content_type.model_class()
        if target_model is None or not target_model._default_manager.filter(pk=instance.object_id).exists():
            raise InputError("evidence points at a fact that is not in the file", file=file,
                             field=f"{where}.object_id")
        if instance.end > len(instance.source.text):
            raise InputError(f"span {instance.start}-{instance.end} lies outside its source",
                             file=file, field=f"{where}.end")
    instance.save(force_insert=True)
    # auto_now(_add) fields stamp the time of this save; put back the exported time.
    stamped = [f.name for f in model._meta.concrete_fields
               if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    if stamped:
        model._default_manager.filter(pk=instance.pk).update(**{k: row["fields"].get(k) for k in stamped})
    for name, ids in obj.m2m_data.items():
        getattr(instance, name).set(ids)


def _reset_sequences(models: list[type]) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
