"""The API's one read path: ``visible(Model, request)``, and how ids become rows.

Every endpoint reads through :func:`visible`, which is ``Model.objects.visible_to(user)``
for the user behind the request. ``visible_to`` follows each row's parents all the way up
(a JOINT participation under an IRQ-only round stays hidden from USA), and evidence also
needs its fact to be visible, so the API, pages, exports and reports share one rule.

Ids that arrive in a path (``/rounds/{round_id}``) resolve through :func:`get_visible_or_404`:
a row of the other party answers 404, exactly like a row that does not exist, so the API never
reveals what it hides. Ids that arrive in a request body resolve through :func:`ref`, which
raises a :class:`~jscd.core.DomainError` naming the body field instead.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404, HttpRequest

from jscd.core import DomainError
from jscd.record.models import Evidence

__all__ = ["evidence_for", "get_visible_or_404", "maybe_ref", "ref", "refs", "user_of", "visible"]

M = TypeVar("M", bound=models.Model)

def user_of(who: Any) -> Any:
    """The user behind a request (set by ``jscd.api.auth``), or ``who`` if it is a user."""
    if isinstance(who, HttpRequest) or hasattr(who, "auth_user"):
        return getattr(who, "auth_user", None)
    return who


def visible(model: type[M], who: Any) -> models.QuerySet[M]:
    """Rows of ``model`` the requesting user may read, parents' visibility included."""
    return model._default_manager.visible_to(user_of(who))


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
