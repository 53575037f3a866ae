"""The Django admin for editors, under the same access rules as every other page.

One base class carries the rules, so no model's admin can forget one (NetBox habit):
rows come from ``visible_to(request.user)``; a row of the other party is a 404, also on its
history pages; what a user may do depends on their role (viewer: nothing, editor: view, add
and change, admin: also delete); the marking offers JOINT and the user's party only; choices
of related rows are restricted the same way; and saving goes through
``jscd.record.services.admin`` (validation, history author, the re-check after writing).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from jscd.core import JOINT, DomainError
from jscd.record import models as record
from jscd.record.access import Action, may_write
from jscd.record.models.base import MarkedModel, allowed_markings
from jscd.record.services.admin import delete_object, save_object, save_user
from jscd.record.services.sources import checksum

__all__ = ["MarkedAdmin", "PartyUserAdmin", "can_edit", "can_read"]

admin.site.site_header = "jscd administration"
admin.site.site_title = "jscd admin"
admin.site.index_title = "Edit the record (your party's view)"


def can_read(request: HttpRequest) -> bool:
    """The admin is for editors and admins; a viewer reads through the web pages."""
    return may_write(getattr(request, "user", None), Action.CHANGE)


def can_edit(request: HttpRequest) -> bool:
    return can_read(request)


def can_delete(request: HttpRequest) -> bool:
    return may_write(getattr(request, "user", None), Action.DELETE)


def restricted(model: type[models.Model], request: HttpRequest) -> models.QuerySet:
    """Rows of ``model`` that may be offered to this user in a form or filter."""
    manager: Any = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(request.user)
    if model is record.User:
        return manager.filter(party_id=getattr(request.user, "party_id", None) or "")
    return manager.all()


class MarkedAdmin(SimpleHistoryAdmin):
    """Base admin of every marked record model."""

    object_history_list_template = "web/admin/history_list.html"  # names no other party's author

    #: False for rows only services may write (evidence spans, status changes).
    editable: bool = True
    list_display: Any = ("__str__", "marking")
    list_filter: Any = ("marking",)
    readonly_fields: Any = ()

    # -- reading ---------------------------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return self.model._default_manager.visible_to(request.user)

    def _require_visible(self, request: HttpRequest, object_id: Any) -> None:
        """Someone else's row answers exactly like a row that does not exist: 404."""
        try:
            found = self.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, TypeError, models.ObjectDoesNotExist):
            found = False
        if not found:
            raise Http404(f"no such {self.model._meta.verbose_name}")

    def get_history_queryset(self, request: HttpRequest, history_manager: Any, pk_name: str,
                             object_id: Any) -> models.QuerySet:
        # A row now JOINT may once have been marked for one party: those versions stay hidden.
        qs = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return qs.filter(marking__in=allowed_markings(request.user))

    def set_history_delta_changes(self, request: HttpRequest, historical_records: Any,
                                  foreign_keys_are_objs: bool = True) -> None:
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        # Who in the other government edited a shared row is not ours to know: the change
        # shows, its author does not. The page's own list template reads ``shown_author``;
        # history's stored user is written only by simple-history from the kernel's context.
        party = getattr(request.user, "party_id", None)
        for record_ in historical_records:
            author = getattr(record_, "history_user", None)
            record_.shown_author = author if author is not None and author.party_id == party else None

    # -- permissions follow the role, not Django's per-model permission table --------------
    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_read(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_read(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.editable and can_edit(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.editable and can_edit(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_delete(request)

    # -- forms offer only what the user may see and write ----------------------------------
    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "marking":
            party = getattr(request.user, "party_id", None)
            choices = [(JOINT, "JOINT — both parties")]
            if party:
                choices.append((party, f"{party} only"))
            return forms.ChoiceField(choices=choices, initial=JOINT, label="Marking",
                                     help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs["queryset"] = restricted(db_field.related_model, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs["queryset"] = restricted(db_field.related_model, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # -- writing goes through the service ---------------------------------------------------
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_object(request.user, obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_object(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        with transaction.atomic():
            for obj in queryset:
                delete_object(request.user, obj)

    def _refused(self, request: HttpRequest, exc: DomainError) -> HttpResponse:
        self.message_user(request, f"Not saved — {exc}", messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request: HttpRequest, object_id: Any = None, form_url: str = "",
                        extra_context: Any = None) -> HttpResponse:
        if object_id is not None:
            self._require_visible(request, object_id)
        try:
            # Django runs this view in a transaction: a refused save rolls everything back.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            return self._refused(request, exc)

    def delete_view(self, request: HttpRequest, object_id: Any, extra_context: Any = None) -> Any:
        self._require_visible(request, object_id)
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            return self._refused(request, exc)

    def history_view(self, request: HttpRequest, object_id: Any, extra_context: Any = None) -> Any:
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request: HttpRequest, object_id: Any, version_id: Any,
                          extra_context: Any = None) -> Any:
        self._require_visible(request, object_id)
        history = self.model.history.filter(pk=object_id, history_id=version_id)
        if not history.filter(marking__in=allowed_markings(request.user)).exists():
            raise Http404("no such version")
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except DomainError as exc:
            return self._refused(request, exc)


# -- models with their own needs ------------------------------------------------------------

class ReadOnlyMarkedAdmin(MarkedAdmin):
    """Rows whose invariants only their service can keep (spans inside the text, a status
    change with evidence): shown here, written elsewhere."""

    editable = False


@admin.register(record.Party)
class PartyAdmin(ReadOnlyMarkedAdmin):
    list_display = ("code", "name")


@admin.register(record.Round)
class RoundAdmin(MarkedAdmin):
    list_display = ("__str__", "start", "end", "location", "marking")
    list_filter = ("marking", ("series", RelatedOnlyFieldListFilter))
    search_fields = ("location", "note", "series__name")


@admin.register(record.Event)
class EventAdmin(MarkedAdmin):
    list_display = ("name", "kind", "start", "location", "marking")
    list_filter = ("marking", "kind")
    search_fields = ("name", "location")


@admin.register(record.Statement)
class StatementAdmin(MarkedAdmin):
    list_display = ("__str__", "round", "actor", "modality", "category", "marking")
    list_filter = ("marking", "modality", "category")
    search_fields = ("text",)


@admin.register(record.Thread)
class ThreadAdmin(MarkedAdmin):
    list_display = ("title", "status", "owner", "due", "keeper", "marking")
    list_filter = ("marking", "status", "category")
    search_fields = ("title", "keeper")
    readonly_fields = ("status",)  # moved only by the status service, with evidence


@admin.register(record.Person)
class PersonAdmin(MarkedAdmin):
    list_display = ("name", "party", "marking")
    list_filter = ("marking", "party")
    search_fields = ("name",)


@admin.register(record.Organization)
class OrganizationAdmin(MarkedAdmin):
    list_display = ("name", "acronym", "party", "kind", "marking")
    list_filter = ("marking", "kind", "party")
    search_fields = ("name", "acronym")


@admin.register(record.Source)
class SourceAdmin(MarkedAdmin):
    list_display = ("title", "publisher", "published", "kind", "marking")
    list_filter = ("marking", "kind")
    search_fields = ("title", "publisher")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Evidence offsets point into the text: once stored, the text never changes.
        return ("checksum", "text") if obj is not None else ("checksum",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.checksum = checksum(obj.text)
        save_object(request.user, obj)


for _model in (record.Evidence, record.StatusChange):
    admin.site.register(_model, ReadOnlyMarkedAdmin)
for _model in (record.Proposal, record.ConflictFlag):  # decided in the review queue
    admin.site.register(_model, ReadOnlyMarkedAdmin)


@admin.register(record.User)
class PartyUserAdmin(DjangoUserAdmin):
    """A party admin manages their own party's accounts and never sees the other party's."""

    list_display = ("username", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("party", "role", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2", "role")}),
    )
    readonly_fields = ("party", "last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return restricted(record.User, request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_delete(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_delete(request)

    has_add_permission = has_module_permission

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_delete(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_delete(request) and obj != request.user

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_user(request.user, obj)

    def changeform_view(self, request: HttpRequest, object_id: Any = None, form_url: str = "",
                        extra_context: Any = None) -> HttpResponse:
        if object_id is not None and not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404("no such user")
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            self.message_user(request, f"Not saved — {exc}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


# Every other marked model of the record (e.g. the assessment's) gets the same rules.
for _model in apps.get_app_config("record").get_models():
    if issubclass(_model, MarkedModel) and not admin.site.is_registered(_model):
        admin.site.register(_model, MarkedAdmin)
