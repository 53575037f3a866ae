"""Documents the record is built from, and evidence: the characters a fact came from."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jscd.record.access import Actor, history_user
from jscd.record.models.base import MarkedModel, RestrictedQuerySet

__all__ = ["Evidence", "EvidenceMixin", "Source"]


class Source(MarkedModel):
    KINDS = ["official", "news", "readout", "note", "sample", "other"]

    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=[(k, k) for k in KINDS], default="other")
    origin = models.CharField(max_length=500, blank=True, help_text="File name or address.")
    text = models.TextField(help_text="The text as read; evidence offsets point into it.")
    checksum = models.CharField(max_length=64, db_index=True, help_text="sha256 of the text")
    history = HistoricalRecords(get_user=history_user, excluded_fields=["text"])

    class Meta:
        ordering = ["-published", "title"]
        constraints = [
            # Stored once per marking: the other party's copy of the same text is neither
            # found nor revealed by storing it again (services.sources.add_source).
            models.UniqueConstraint(fields=["checksum", "marking"], name="source_checksum_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceQuerySet(RestrictedQuerySet):
    """Evidence is read on its own (API, exports), so it also needs its fact to be visible."""

    def visible_to(self, user: Any, action: Any = "view") -> RestrictedQuerySet:
        qs = super().visible_to(user, action)
        if Actor.of(user).markings is None:  # the operator: every fact is in reach anyway
            return qs
        cond = Q(pk__in=[])
        for model in apps.get_app_config("record").get_models():
            if issubclass(model, EvidenceMixin):
                cond |= Q(content_type=ContentType.objects.get_for_model(model),
                          object_id__in=model._default_manager.visible_to(user).values("pk"))
        return qs.filter(cond)


class Evidence(MarkedModel):
    """A character span of a source that supports one fact of any kind."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("source",)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["source_id", "start"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                   name="evidence_end_after_start")
        ]

    @property
    def quote(self) -> str:
        return self.source.text[self.start:self.end]

    def __str__(self) -> str:
        return f"{self.source} [{self.start}:{self.end}]"


class EvidenceMixin(models.Model):
    """Gives a fact its evidence; the relation is read through ``visible_evidence(user)``."""

    evidence = GenericRelation(Evidence)

    class Meta:
        abstract = True

    def visible_evidence(self, user: object) -> models.QuerySet:
        return (Evidence.objects.visible_to(user)
                .filter(content_type=ContentType.objects.get_for_model(type(self)),
                        object_id=self.pk)
                .select_related("source"))
