"""Who takes part: parties, organizations, people and the titles they hold over time."""

from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords

from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel
from jscd.record.models.sources import EvidenceMixin

__all__ = ["Appointment", "Organization", "Party", "Person"]


class Party(MarkedModel):
    code = models.CharField(max_length=3, primary_key=True, help_text="ISO 3166-1 alpha-3")
    name = models.CharField(max_length=100)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.code


class Organization(EvidenceMixin, MarkedModel):
    KINDS = ["ministry", "agency", "command", "force", "body", "coalition", "council", "other"]

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT,
                              help_text="Empty for bilateral or multinational bodies.")
    kind = models.CharField(max_length=20, choices=[(k, k) for k in KINDS], default="other")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children")
    aliases = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("parent",)

    class Meta:
        ordering = ["name"]
        # Unique per marking: the other party's row of the same name is neither found nor
        # revealed by a refusal (its existence is not ours to know).
        constraints = [models.UniqueConstraint(fields=["name", "marking"],
                                               name="organization_name_unique")]

    def __str__(self) -> str:
        return self.name


class Person(EvidenceMixin, MarkedModel):
    name = models.CharField(max_length=200, help_text="Canonical spelling.")
    aliases = models.JSONField(default=list, blank=True,
                               help_text="Other spellings seen in sources.")
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["name"]
        # Unique per marking, like organizations.
        constraints = [models.UniqueConstraint(fields=["name", "marking"],
                                               name="person_name_unique")]

    def __str__(self) -> str:
        return self.name

    def title_on(self, date: dt.date, appointments: list[Appointment] | None = None) -> str | None:
        """The title this person held on ``date``: a title is held over a period, not forever."""
        rows = appointments if appointments is not None else list(self.appointments.all())
        for appt in sorted(rows, key=lambda a: a.start or dt.date.min, reverse=True):
            if (appt.start is None or appt.start <= date) and (appt.end is None or date <= appt.end):
                return appt.title
        return None


class Appointment(EvidenceMixin, MarkedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="appointments")
    title = models.CharField(max_length=200)
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="appointments")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("person", "organization")

    class Meta:
        ordering = ["person__name", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="appointment_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"
