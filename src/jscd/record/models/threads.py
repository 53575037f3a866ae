"""Threads: one commitment followed across rounds, with its status history and compliance."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jscd.core import Category, ThreadStatus
from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel
from jscd.record.models.dialogue import Round
from jscd.record.models.parties import Party
from jscd.record.models.sources import EvidenceMixin
from jscd.record.models.statements import Statement

__all__ = ["ComplianceScore", "StatusChange", "Thread", "ThreadLink"]

STATUS_CHOICES = [(s.value, s.value) for s in ThreadStatus]


class Thread(EvidenceMixin, MarkedModel):
    title = models.CharField(max_length=300)
    category = models.CharField(max_length=30, choices=[(c.value, c.value) for c in Category])
    owner = models.CharField(max_length=4, help_text="Party code or BOTH: who must act.")
    keeper = models.CharField(max_length=200, blank=True,
                              help_text="Who keeps this thread current.")
    due = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=STATUS_CHOICES, default=ThreadStatus.ANNOUNCED.value,
        help_text="Latest status; written only by the status service with its history row.",
    )
    statements = models.ManyToManyField(Statement, through="ThreadLink", related_name="threads")
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ThreadLink(MarkedModel):
    """A statement's place in a thread; suggested links carry their score until confirmed."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="links")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="links")
    score = models.FloatField(null=True, blank=True)
    confirmed = models.BooleanField(default=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("thread", "statement")

    class Meta:
        ordering = ["thread", "statement__round__ordinal", "statement_id"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "statement", "marking"],
                                    name="thread_link_unique")
        ]


class StatusChange(EvidenceMixin, MarkedModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES)
    date = models.DateField()
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="status_changes")
    note = models.TextField(blank=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("thread", "round")

    class Meta:
        ordering = ["thread", "date", "id"]


class ComplianceScore(EvidenceMixin, MarkedModel):
    """Summit-compliance score (−1 none, 0 partial, +1 full) of a party at a round."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="compliance")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="compliance")
    party = models.ForeignKey(Party, on_delete=models.PROTECT)
    score = models.SmallIntegerField()
    rationale = models.TextField()
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("thread", "round")

    class Meta:
        ordering = ["thread", "round__ordinal", "party"]
        constraints = [
            # One score per marking: a party's own score sits beside the JOINT one and never
            # replaces it (services.threads.set_compliance).
            models.UniqueConstraint(fields=["thread", "round", "party", "marking"],
                                    name="compliance_unique"),
            models.CheckConstraint(condition=models.Q(score__gte=-1, score__lte=1),
                                   name="compliance_score_range"),
        ]
