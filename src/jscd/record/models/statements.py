"""What the parties said at a round: decisions, pledges, reaffirmations, intents, topics."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jscd.core import COMMITMENT_MODALITIES, Category, Modality
from jscd.record.access import history_user
from jscd.record.models.base import MarkedModel
from jscd.record.models.dialogue import Round
from jscd.record.models.sources import EvidenceMixin

__all__ = ["Statement"]


class Statement(EvidenceMixin, MarkedModel):
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="statements")
    actor = models.CharField(max_length=4, help_text="A party code or BOTH.")
    modality = models.CharField(max_length=12, choices=[(m.value, m.value) for m in Modality])
    category = models.CharField(max_length=30, choices=[(c.value, c.value) for c in Category])
    text = models.TextField()
    history = HistoricalRecords(get_user=history_user)
    visibility_via = ("round",)

    class Meta:
        ordering = ["round", "category", "id"]

    @property
    def is_commitment(self) -> bool:
        return Modality(self.modality) in COMMITMENT_MODALITIES

    def __str__(self) -> str:
        return f"[{self.actor} {self.modality}] {self.text[:80]}"
