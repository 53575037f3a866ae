"""visible_to(user) is the one read path: each party sees JOINT rows and its own, never the other's."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from jscd.record import models
from jscd.record.access import OPERATOR

pytestmark = pytest.mark.django_db


def _visible(model: type, user: Any) -> set[int]:
    return set(model.objects.visible_to(user).values_list("pk", flat=True))


def test_each_party_sees_joint_and_own_rows_only(party_rows, usa_viewer, irq_viewer):
    for kind in party_rows["JOINT"]:
        model = type(party_rows["JOINT"][kind])
        joint, usa, irq = (party_rows[m][kind].pk for m in ("JOINT", "USA", "IRQ"))
        seen_by_usa, seen_by_irq = _visible(model, usa_viewer), _visible(model, irq_viewer)
        assert joint in seen_by_usa and joint in seen_by_irq, kind
        assert usa in seen_by_usa and usa not in seen_by_irq, kind
        assert irq in seen_by_irq and irq not in seen_by_usa, kind


def test_evidence_follows_the_stricter_of_fact_and_source(party_rows, usa_viewer, irq_viewer):
    usa_evidence = models.Evidence.objects.filter(source=party_rows["USA"]["source"])
    assert usa_evidence.exists()
    assert not usa_evidence.visible_to(irq_viewer).exists()
    assert usa_evidence.visible_to(usa_viewer).count() == usa_evidence.count()


def test_anonymous_and_partyless_users_see_nothing(party_rows):
    nobody = models.User.objects.create(username="nobody")
    for model in (models.Round, models.Statement, models.Source, models.Thread, models.Program):
        assert not model.objects.visible_to(AnonymousUser()).exists()
        assert not model.objects.visible_to(nobody).exists()
        assert not model.objects.visible_to(None).exists()


def test_inactive_user_sees_nothing(party_rows, usa_viewer):
    usa_viewer.is_active = False
    usa_viewer.save()
    assert not models.Round.objects.visible_to(usa_viewer).exists()


def test_a_joint_child_of_a_party_row_stays_hidden_from_the_other_party(party_rows, irq_viewer):
    # Children are filtered through their parents (visibility_via) whatever their own marking.
    usa_round = party_rows["USA"]["round"]
    assert not models.Delegation.objects.visible_to(irq_viewer).filter(round=usa_round).exists()
    assert not models.Participation.objects.visible_to(irq_viewer).filter(
        delegation__round=usa_round).exists()


def test_visibility_follows_parents_all_the_way_up(party_rows, usa_viewer, irq_viewer):
    from jscd.record import services

    # A JOINT thread linking a JOINT statement that hangs from an IRQ-only round.
    irq_round = party_rows["IRQ"]["round"]
    stmt = services.add_statement(OPERATOR, round=irq_round, actor="BOTH", modality="decided",
                                  category="dialogue", text="deep joint statement")
    thread = party_rows["JOINT"]["thread"]
    link = services.link_statement(OPERATOR, thread, stmt)
    assert link.marking == "JOINT"
    assert not models.ThreadLink.objects.visible_to(usa_viewer).filter(pk=link.pk).exists()
    assert models.ThreadLink.objects.visible_to(irq_viewer).filter(pk=link.pk).exists()
