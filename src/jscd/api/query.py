"""The API's one read path: ``visible(Model, request)``, and how ids become rows.

Every endpoint reads through :func:`visible`, which starts from
``Model.objects.visible_to(user)`` and then also requires each parent named in the model's
``visibility_via`` to be visible *through the same rule*, recursively. ``visible_to`` checks
a parent's own marking only; a JOINT participation under a JOINT delegation of an IRQ-only
round would pass it, and its id would tell a USA user that the round exists. Chasing the
chain here costs a few sub-queries and closes that gap for every endpoint at once.

Ids that arrive in a path (``/rounds/{round_id}``) resolve through :func:`get_visible_or_404`:
a row of the other party answers 404, exactly like a row that does not exist, so the API never
reveals what it hides. Ids that arrive in a request body resolve through :func:`ref`, which
raises a :class:`~jscd.core.DomainError` naming the body field instead.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest

from jscd.core import DomainError
from jscd.record.models import Evidence

__all__ = ["evidence_for", "get_visible_or_404", "maybe_ref", "ref", "refs", "user_of", "visible"]

M = TypeVar("M", bound=models.Model)

#: How far up a chain of parents the check goes (organizations nest inside organizations).
MAX_DEPTH = 4


def user_of(who: Any) -> Any:
    """The user behind a request (set by ``jscd.api.auth``), or ``who`` if it is a user."""
    if isinstance(who, HttpRequest) or hasattr(who, "auth_user"):
        return getattr(who, "auth_user", None)
    return who


def _visible_qs(model: type[M], user: Any, depth: int) -> models.QuerySet[M]:
    qs = model._default_manager.visible_to(user)
    if depth >= MAX_DEPTH:
        return qs
    for path in getattr(model, "visibility_via", ()):
        name = path.split("__")[0]
        field = model._meta.get_field(name)
        parents = _visible_qs(field.related_model, user, depth + 1).values("pk")
        cond = Q(**{f"{name}__in": parents})
        if field.null:
            cond |= Q(**{f"{name}__isnull": True})
        qs = qs.filter(cond)
    if model is Evidence:
        qs = qs.filter(_visible_targets(user, depth))
    return qs


def _visible_targets(user: Any, depth: int) -> Q:
    """Evidence is shown only when the fact it supports is visible too (deny by default)."""
    cond = Q(pk__in=[])
    type_ids = Evidence.objects.order_by().values_list("content_type", flat=True).distinct()
    for ct in ContentType.objects.filter(pk__in=list(type_ids)):
        target = ct.model_class()
        if target is None or not hasattr(target._default_manager, "visible_to"):
            continue
        ids = _visible_qs(target, user, depth + 1).values("pk")
        cond |= Q(content_type=ct, object_id__in=ids)
    return cond


def visible(model: type[M], who: Any) -> models.QuerySet[M]:
    """Rows of ``model`` the requesting user may read, parents' visibility included."""
    return _visible_qs(model, user_of(who), 0)


def get_visible_or_404(model: type[M], who: Any, pk: Any) -> M:
    """One visible row by primary key; hidden and missing rows are the same 404."""
    obj = visible(model, who).filter(pk=pk).first()
    if obj is None:
        raise Http404(f"no {model._meta.verbose_name} {pk}")
    return obj


def ref(model: type[M], who: Any, pk: Any, *, field: str) -> M:
    """A row named by id in a request body; an unknown or hidden id is a DomainError on ``field``."""
    obj = visible(model, who).filter(pk=pk).first()
    if obj is None:
        raise DomainError(f"no {model._meta.verbose_name} with id {pk}", field=field)
    return obj


def maybe_ref(model: type[M], who: Any, pk: Any | None, *, field: str) -> M | None:
    """Like :func:`ref` for an optional id: ``None`` stays ``None``."""
    return None if pk is None else ref(model, who, pk, field=field)


def refs(model: type[M], who: Any, pks: list[Any], *, field: str) -> list[M]:
    """Several rows named by id, each resolved like :func:`ref` (the field names the index)."""
    return [ref(model, who, pk, field=f"{field}.{i}") for i, pk in enumerate(pks)]


def evidence_for(obj: models.Model, who: Any) -> models.QuerySet[Evidence]:
    """The visible evidence attached to one fact."""
    return (visible(Evidence, who)
            .filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)
            .select_related("source"))
