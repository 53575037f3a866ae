"""The dialogue itself: series, rounds, other events, delegations and side meetings."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jscd.core import EventKind, ParticipationRole
from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel
from jscd.record.models.parties import Party, Person
from jscd.record.models.sources import EvidenceMixin

__all__ = ["Delegation", "DialogueSeries", "Event", "Meeting", "Participation", "Round"]


class DialogueSeries(MarkedModel):
    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=20, blank=True)
    parties = models.ManyToManyField(Party, related_name="series")
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "dialogue series"
        # Unique per marking, so naming a series never reveals the other party's of that name.
        constraints = [models.UniqueConstraint(fields=["name", "marking"],
                                               name="series_name_unique")]

    def __str__(self) -> str:
        return self.name


class Event(EvidenceMixin, MarkedModel):
    """A meeting outside the rounds (strategic dialogue, committee, visit, call)."""

    series = models.ForeignKey(DialogueSeries, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="events")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in EventKind])
    name = models.CharField(max_length=300)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("series",)

    class Meta:
        ordering = ["start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="event_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Round(EvidenceMixin, MarkedModel):
    series = models.ForeignKey(DialogueSeries, on_delete=models.PROTECT, related_name="rounds")
    ordinal = models.PositiveIntegerField()
    start = models.DateField()
    end = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    builds_on = models.ManyToManyField(Event, blank=True, related_name="built_on_by")
    note = models.TextField(blank=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("series",)

    class Meta:
        ordering = ["series__name", "ordinal"]
        constraints = [
            # Party-only rounds have their own numbering space, so refusing an ordinal can
            # never reveal a round of the other party.
            models.UniqueConstraint(fields=["series", "ordinal", "marking"],
                                    name="round_ordinal_unique"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                   name="round_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.series.acronym or self.series.name} round {self.ordinal}"


class Delegation(MarkedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="delegations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("round",)

    class Meta:
        ordering = ["round", "party"]
        constraints = [
            # A party-only delegation may sit beside the JOINT one (services.dialogue).
            models.UniqueConstraint(fields=["round", "party", "marking"], name="delegation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.party} delegation to {self.round}"


class Participation(EvidenceMixin, MarkedModel):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                   related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=10,
                            choices=[(r.value, r.value) for r in ParticipationRole])
    title = models.CharField(max_length=200, blank=True, help_text="Title held at the round.")
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("delegation", "person")

    class Meta:
        ordering = ["delegation", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class Meeting(EvidenceMixin, MarkedModel):
    """A side meeting inside a round (minister with secretary, chiefs of defence)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    participants = models.ManyToManyField(Person, blank=True, related_name="meetings")
    summary = models.TextField(blank=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("round",)

    class Meta:
        ordering = ["round", "date", "title"]

    def __str__(self) -> str:
        return self.title
