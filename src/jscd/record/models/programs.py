"""Security cooperation programs and their milestones."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jscd.core import ProgramKind
from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel
from jscd.record.models.parties import Party
from jscd.record.models.sources import EvidenceMixin
from jscd.record.models.threads import Thread

__all__ = ["PROGRAM_STATUSES", "Milestone", "Program"]

PROGRAM_STATUSES = ["planned", "active", "completed", "suspended"]


class Program(EvidenceMixin, MarkedModel):
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in ProgramKind])
    name = models.CharField(max_length=300)
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT,
                              help_text="Providing party, if any.")
    description = models.TextField(blank=True)
    keeper = models.CharField(max_length=200, blank=True,
                              help_text="Who keeps this program current.")
    status = models.CharField(max_length=12, choices=[(s, s) for s in PROGRAM_STATUSES],
                              default="active")
    threads = models.ManyToManyField(Thread, blank=True, related_name="programs")
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Milestone(EvidenceMixin, MarkedModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("program",)

    class Meta:
        ordering = ["program", "order", "due"]
        constraints = [
            # Each marking numbers its own milestones (see services.programs.add_milestone).
            models.UniqueConstraint(fields=["program", "marking", "order"],
                                    name="milestone_order_unique"),
        ]

    def __str__(self) -> str:
        return self.name
