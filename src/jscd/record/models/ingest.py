"""What ingestion proposes and what it found contradictory, awaiting a person's review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel
from jscd.record.models.sources import Source

__all__ = ["PROPOSAL_STATUSES", "ConflictFlag", "Proposal"]

PROPOSAL_STATUSES = ["pending", "accepted", "rejected", "merged"]


class Proposal(MarkedModel):
    """A fact extracted from sources, not yet part of the record until an editor accepts it."""

    KINDS = ["round", "event", "person", "organization", "statement", "thread"]

    kind = models.CharField(max_length=20, choices=[(k, k) for k in KINDS])
    payload = models.JSONField(help_text="The extracted fact in the jscd-extract/1 vocabulary.")
    sources = models.ManyToManyField(Source, related_name="proposals")
    status = models.CharField(max_length=10, choices=[(s, s) for s in PROPOSAL_STATUSES],
                              default="pending", db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    result_model = models.CharField(max_length=50, blank=True)
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["status", "kind", "id"]


class ConflictFlag(MarkedModel):
    """A contradiction between reports: shown with the documents on each side, never hidden."""

    kind = models.CharField(max_length=30)
    surface = models.CharField(max_length=300)
    canonical = models.CharField(max_length=300, blank=True)
    detail = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="conflicts")
    status = models.CharField(max_length=12, default="open",
                              choices=[("open", "open"), ("acknowledged", "acknowledged")])
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["kind", "surface"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "surface", "canonical"],
                                    name="conflict_unique")
        ]
