"""The Higher Military Commission's assessment in the record: runs, the tables people enter,
overrides and decisions.

The split follows how conditions-based transitions were run: the computed assessment is
stored as it came out (with input checksums and the model version, so it can be reproduced);
an assessor's different view is an ``Override`` beside it, never an edit of it; and what the
deciding authority did with the recommendation is a ``Decision`` of its own, with who took it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel

__all__ = [
    "DECISION_OUTCOMES",
    "AssessmentDecision",
    "AssessmentOverride",
    "AssessmentRun",
    "CapabilityRating",
    "Requirement",
]

_ISO = RegexValidator(r"^IQ-[A-Z]{2}$", "expected a governorate code IQ-xx")
_MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", "expected a month YYYY-MM")
_RATING = [(c, c) for c in ("C1", "C2", "C3", "C4")]
DECISION_OUTCOMES = ["accepted", "accepted_as_overridden", "modified", "deferred", "rejected"]


class AssessmentRun(MarkedModel):
    """One computed assessment, stored whole: the result JSON is never edited after saving."""

    as_of = models.CharField(max_length=7, validators=[_MONTH], db_index=True)
    label = models.CharField(max_length=200, blank=True)
    config_name = models.CharField(max_length=200)
    config_version = models.CharField(max_length=50)
    config_sha256 = models.CharField(max_length=64)
    inputs = models.JSONField(help_text="Each input's source, sha256 and coverage.")
    result = models.JSONField(help_text="The full result, schema jscd-assessment/1, with explain.")
    stale = models.BooleanField(default=False, help_text="Some input was older than the model allows.")
    draws = models.PositiveIntegerField(default=0)
    seed = models.BigIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Assessment as of {self.as_of} (model {self.config_version}){f' — {self.label}' if self.label else ''}"


class _Entered(MarkedModel):
    governorate = models.CharField(max_length=5, validators=[_ISO], db_index=True)
    assessed_on = models.DateField()
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Requirement(_Entered):
    """An operational requirement in one governorate and how far own forces cover it."""

    requirement = models.CharField(max_length=40)
    need = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(3)])
    own_coverage = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["governorate", "requirement", "-assessed_on"]

    def __str__(self) -> str:
        return f"{self.governorate} {self.requirement} ({self.assessed_on})"


class CapabilityRating(_Entered):
    """ISF capability of one formation in one governorate, C1 (best) to C4, per dimension."""

    formation = models.CharField(max_length=200)
    personnel = models.CharField(max_length=2, choices=_RATING)
    equipment = models.CharField(max_length=2, choices=_RATING)
    readiness = models.CharField(max_length=2, choices=_RATING)
    training = models.CharField(max_length=2, choices=_RATING)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["governorate", "formation", "-assessed_on"]

    def __str__(self) -> str:
        return f"{self.formation} ({self.governorate}, {self.assessed_on})"


class AssessmentOverride(MarkedModel):
    """An assessor's different judgement on one governorate of a run, with the reasons.

    Stored beside the computed result: the run's JSON keeps what the model said.
    """

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="overrides")
    governorate = models.CharField(max_length=5, validators=[_ISO])
    phase = models.CharField(max_length=40)
    tranche = models.CharField(max_length=20, blank=True)
    rationale = models.TextField()
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("run",)

    class Meta:
        ordering = ["run", "governorate", "-created"]

    def __str__(self) -> str:
        return f"Override of {self.governorate} to {self.phase}"


class AssessmentDecision(MarkedModel):
    """What the deciding authority did with a recommendation, and who recorded it."""

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="decisions")
    governorate = models.CharField(max_length=5, validators=[_ISO])
    outcome = models.CharField(max_length=30, choices=[(o, o) for o in DECISION_OUTCOMES])
    phase = models.CharField(max_length=40, help_text="The phase decided on.")
    authority = models.CharField(max_length=200, help_text="Who decided, e.g. the HMC co-chairs.")
    decided_on = models.DateField()
    note = models.TextField(blank=True)
    override = models.ForeignKey(
        AssessmentOverride, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("run", "override")

    class Meta:
        ordering = ["run", "governorate", "-decided_on"]

    def __str__(self) -> str:
        return f"Decision on {self.governorate}: {self.outcome} ({self.phase})"
