"""Export the record as JSON or CSV: one user's view of it, or all of it for the operator.

Django's serializers do the field work (every field type, many-to-many, content types by
natural key); this module decides which rows go out and orders them so that an export,
imported into an empty database and exported again, gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import models

from jscd.record.access import OPERATOR, Actor
from jscd.record.models.base import MarkedModel

__all__ = ["EXPORT_SCHEMA", "export_csv_zip", "export_record", "exported_models", "user_fields"]

EXPORT_SCHEMA = "jscd-record/1"


def exported_models() -> list[type[models.Model]]:
    """Every marked model of the record, parents before the rows that point at them."""
    candidates = [m for m in apps.get_app_config("record").get_models()
                  if issubclass(m, MarkedModel) and not m.__name__.startswith("Historical")]
    order: list[type[models.Model]] = []
    seen: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in seen:
            return
        seen.add(model)
        for f in model._meta.get_fields():
            target = getattr(f, "related_model", None)
            if (f.concrete and f.is_relation and target in candidates and target is not model
                    and (f.many_to_one or f.one_to_one or f.many_to_many)):
                visit(target)
        order.append(model)

    for model in sorted(candidates, key=lambda m: m.__name__):
        visit(model)
    # Evidence may point at any fact, so it goes last.
    order.sort(key=lambda m: m._meta.model_name == "evidence")
    return order


def _sorted_for_parents(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Self-referencing rows (an organization's parent) come after their parent."""
    by_pk = {r["pk"]: r for r in rows}
    out: list[dict[str, Any]] = []
    placed: set[Any] = set()

    def place(row: dict[str, Any]) -> None:
        if row["pk"] in placed:
            return
        parent = row["fields"].get("parent")
        if parent in by_pk:
            place(by_pk[parent])
        placed.add(row["pk"])
        out.append(row)

    for row in rows:
        place(row)
    return out


def _rows(model: type[models.Model], user: Any, visible: dict[type, set[Any]]) -> list[dict[str, Any]]:
    actor = Actor.of(user)
    qs = model._default_manager.visible_to(actor)
    objects = list(qs.order_by("pk"))
    visible[model] = {o.pk for o in objects}
    rows = serializers.serialize("python", objects, use_natural_foreign_keys=True)
    m2m = {f.name: f.related_model for f in model._meta.many_to_many}
    names = user_fields(model)
    party_users = None if actor.is_operator else set(
        get_user_model().objects.filter(party_id=actor.party).values_list("username", flat=True))
    for row in rows:
        row.pop("model", None)
        for name in names:  # people of the other party are not the reader's business
            value = row["fields"].get(name)
            if party_users is not None and value and value[0] not in party_users:
                row["fields"][name] = None
        for name, target in m2m.items():
            ids = row["fields"].get(name) or []
            if target in visible:  # never name a related row the reader may not see
                ids = [i for i in ids if i in visible[target]]
            row["fields"][name] = sorted(ids)
    if any(f.name == "parent" for f in model._meta.fields):
        rows = _sorted_for_parents(rows)
    return rows


def user_fields(model: type[models.Model]) -> list[str]:
    """Foreign keys to users: exported by username (a natural key), not by id."""
    return [f.name for f in model._meta.fields if f.is_relation and f.related_model is get_user_model()]


def export_record(user: Any = OPERATOR) -> dict[str, Any]:
    """The record as a JSON-ready dict: ``user``'s view, or everything for the operator."""
    visible: dict[type, set[Any]] = {}
    out: dict[str, Any] = {"schema": EXPORT_SCHEMA, "models": {}}
    for model in exported_models():
        out["models"][model._meta.label_lower] = _rows(model, user, visible)
    return out


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def export_csv_zip(user: Any = OPERATOR) -> bytes:
    """One CSV per model in a zip, for the spreadsheets staff keep; lists become JSON cells."""
    data = export_record(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for label, rows in data["models"].items():
            zf.writestr(f"{label.split('.')[-1]}.csv", _csv(rows))
    return buffer.getvalue()


def _csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    columns = ["pk", *sorted({k for r in rows for k in r["fields"]})]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for r in rows:
        values = [r["pk"], *(r["fields"].get(c) for c in columns[1:])]
        writer.writerow([json.dumps(v, default=str) if isinstance(v, list | dict) else
                         ("" if v is None else v) for v in values])
    return out.getvalue()
