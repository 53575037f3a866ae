"""What every product needs first: who it is for, which round, and the rows they may see.

A product "for IRQ" is built through ``visible_to`` of an Iraqi reader, exactly as the
web pages are, so it cannot contain a row an Iraqi user could not open. ``ReportViewer``
stands for such a reader when no real user is at hand (the CLI): it is not saved anywhere
and carries nothing but a party.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from jscd.core import BOTH, JOINT, Category, DomainError, ThreadStatus, party_name
from jscd.record.models import (
    ComplianceScore,
    DialogueSeries,
    Evidence,
    Party,
    Round,
    StatusChange,
    Thread,
)

__all__ = [
    "CATEGORY_LABELS",
    "ReportContext",
    "ReportViewer",
    "actor_label",
    "compliance_label",
    "country",
    "ordinal_word",
    "resolve",
    "status_label",
    "viewer_for_party",
]

#: Category headings in the order published joint statements treat them.
CATEGORY_LABELS: dict[str, str] = {
    Category.DIALOGUE: "The dialogue and the partnership",
    Category.GOVERNANCE_BODY: "Bilateral bodies",
    Category.COALITION_TRANSITION: "The Coalition's mission and its transition",
    Category.COUNTER_ISIS: "The enduring defeat of ISIS",
    Category.FORCE_PRESENCE: "U.S. presence and the advisory mission",
    Category.FORCE_PROTECTION: "Protection of personnel and facilities",
    Category.CAPABILITY_DEVELOPMENT: "Developing Iraq's security capabilities",
    Category.SECURITY_ASSISTANCE: "Security assistance",
    Category.SUSTAINMENT: "Sustainment of equipment",
    Category.EDUCATION_TRAINING: "Education and training",
    Category.EXERCISES: "Exercises",
    Category.LIAISON: "Liaison and the new phase of cooperation",
    Category.AGREEMENT: "Agreements",
    Category.REPATRIATION: "Repatriation from northeast Syria",
}


@dataclass
class ReportViewer:
    """A reader of one party (or ``JOINT`` only), enough for ``visible_to`` and nothing more."""

    party_id: str
    is_authenticated: bool = True
    is_active: bool = True

    @property
    def username(self) -> str:
        return f"{self.party_id} reader"


def viewer_for_party(code: str | None) -> ReportViewer:
    """A reader for a product generated for ``code``; ``None`` gives a JOINT-only product."""
    if code is None or code == JOINT:
        return ReportViewer(JOINT)
    if not Party.objects.filter(code=code).exists():
        known = ", ".join(Party.objects.values_list("code", flat=True)) or "none"
        raise DomainError(f"party {code!r} is not part of this record (parties: {known})",
                          field="party")
    return ReportViewer(code)


def country(code: str) -> str:
    """A party's name as it reads in a sentence: "Iraq", "the United States"."""
    try:
        name = party_name(code)
    except ValueError:
        return code
    return f"the {name}" if name.split()[0] in ("United", "Russian", "Netherlands") else name


def ordinal_word(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
             7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"}
    return words.get(n, f"{n}th")


def actor_label(actor: str, parties: list[str]) -> str:
    if actor == BOTH:
        return "Both sides"
    try:
        return party_name(actor)
    except ValueError:
        return actor


def status_label(status: str) -> str:
    return ThreadStatus(status).value.replace("_", " ")


def compliance_label(score: int) -> str:
    return {-1: "−1 none", 0: "0 partial", 1: "+1 full"}.get(score, str(score))


@dataclass
class ReportContext:
    """A product's reader, series and target round (which may not have been held yet)."""

    user: Any
    series: DialogueSeries
    ordinal: int
    round: Round | None  #: None for the upcoming round
    previous: Round | None  #: the last round before the target: "since the last round"
    today: dt.date

    @property
    def is_upcoming(self) -> bool:
        return self.round is None

    @property
    def date(self) -> dt.date:
        """The date titles are read at: the round's first day, or today for the next one."""
        return self.round.start if self.round else self.today

    @property
    def party(self) -> str:
        return getattr(self.user, "party_id", None) or JOINT

    @property
    def audience(self) -> str:
        party = self.party
        if party == JOINT:
            return "both parties (JOINT rows only)"
        return f"{party_name(party)} ({party})"

    @property
    def round_name(self) -> str:
        return f"{self.series.acronym or self.series.name} round {self.ordinal}"

    @property
    def parties(self) -> list[str]:
        return sorted(self.series.parties.values_list("code", flat=True))

    # -- reads, always through visible_to -------------------------------------------------
    def threads(self) -> Any:
        """Threads of this series, and threads not yet tied to any statement."""
        return (Thread.objects.visible_to(self.user)
                .filter(Q(links__statement__round__series=self.series) | Q(links__isnull=True))
                .distinct().order_by("category", "title"))

    def changes(self, thread: Thread) -> list[StatusChange]:
        return list(StatusChange.objects.visible_to(self.user).filter(thread=thread)
                    .select_related("round").order_by("date", "id"))

    def evidence(self, obj: Any) -> list[Evidence]:
        return list(obj.visible_evidence(self.user))

    def compliance(self, thread: Thread) -> list[ComplianceScore]:
        return list(ComplianceScore.objects.visible_to(self.user).filter(thread=thread)
                    .select_related("round").order_by("round__ordinal", "party_id"))


def resolve(user: Any, round_spec: str | int, *, series: str | None = None,
            today: dt.date | None = None) -> ReportContext:
    """Find the series and round a product is for; a round that does not exist is refused.

    ``round_spec`` is an ordinal of a held round or ``"next"`` (the round after the last).
    """
    all_series = DialogueSeries.objects.visible_to(user)
    if series:
        chosen = (all_series.filter(acronym__iexact=series).first()
                  or all_series.filter(name__iexact=series).first())
        if chosen is None:
            raise DomainError(f"no dialogue series {series!r}", field="series")
    else:
        with_rounds = [s for s in all_series if Round.objects.visible_to(user).filter(
            series=s).exists()]
        if not with_rounds:
            raise DomainError("the record holds no round to report on", field="round")
        chosen = max(with_rounds, key=lambda s: Round.objects.visible_to(user).filter(series=s).count())
    rounds = list(Round.objects.visible_to(user).filter(series=chosen).order_by("ordinal"))
    held = [r.ordinal for r in rounds]
    today = today or dt.date.today()
    spec = str(round_spec).strip().lower()
    if spec == "next":
        ordinal = (held[-1] + 1) if held else 1
        target = None
    else:
        if not spec.isdigit():
            raise DomainError(f"round {round_spec!r} is neither a number nor 'next'",
                              field="round")
        ordinal = int(spec)
        target = next((r for r in rounds if r.ordinal == ordinal), None)
        if target is None:
            span = f"rounds {held[0]}-{held[-1]}" if held else "no rounds"
            raise DomainError(f"round {ordinal} does not exist in {chosen.acronym or chosen.name} "
                              f"(it has {span}); use 'next' for the upcoming round",
                              field="round")
    previous = next((r for r in reversed(rounds) if r.ordinal < ordinal), None)
    return ReportContext(user=user, series=chosen, ordinal=ordinal, round=target,
                         previous=previous, today=today)
