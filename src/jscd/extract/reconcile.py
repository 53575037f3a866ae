"""Many documents' extractions become one proposal for the record.

Which reports describe the same round is decided from the series and ordinal, then dates
(exact, or a month and day without a year), then leads and place. Each slot of a round is a
weighted vote (a report's own round counts 1, a round it only recalls counts 0.5) that keeps
the documents on each side. Anything the reports disagree on, and every name variant, wrong
acronym expansion and mistranslation seen in a document, becomes a :class:`Conflict` listing
the documents: a conflict is shown to people, never silently resolved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from jscd.core.extraction import (
    Conflict,
    DocumentResult,
    RecordProposal,
    RoundMention,
    RoundProposal,
    SlotVote,
    ThreadProposal,
)
from jscd.core.vocab import COMMITMENT_MODALITIES, Modality

__all__ = ["apply_record", "reconcile"]

_MAIN, _RECALLED = 1.0, 0.5
_TOPICS = {
    "dialogue": "holding further rounds of the dialogue",
    "governance_body": "joint governance body",
    "agreement": "new bilateral agreement",
    "coalition_transition": "future of the coalition's mission",
    "counter_isis": "enduring defeat of ISIS",
    "force_presence": "role and presence of partner forces",
    "force_protection": "force protection pledge",
    "security_assistance": "security assistance (sales and financing)",
    "sustainment": "sustainment of equipment",
    "education_training": "military education and training",
    "exercises": "participation in exercises",
    "liaison": "liaison officers",
    "repatriation": "repatriation of displaced persons and detainees",
    "capability_development": "developing defence capabilities",
}


class _Cluster:
    def __init__(self, series: str | None, ordinal: int | None) -> None:
        self.series, self.ordinal = series, ordinal
        self.items: list[tuple[str, RoundMention]] = []

    def month_days(self) -> set[str]:
        return {f"--{m.start:%m-%d}" for _, m in self.items if m.start}

    def starts(self) -> set:
        return {m.start for _, m in self.items if m.start}


def _weight(m: RoundMention) -> float:
    return _MAIN if m.main else _RECALLED


def _vote(items: list[tuple[str, RoundMention]], get) -> SlotVote:
    tally: dict[object, float] = defaultdict(float)
    docs: dict[object, list[str]] = defaultdict(list)
    for doc_id, m in items:
        value = get(m)
        if value is None or value == [] or value == "":
            continue
        key = tuple(value) if isinstance(value, list) else value
        tally[key] += _weight(m)
        if doc_id not in docs[key]:
            docs[key].append(doc_id)
    if not tally:
        return SlotVote()
    best = max(tally, key=lambda k: (tally[k], len(docs[k])))
    value = ",".join(best) if isinstance(best, tuple) else best
    against = {(",".join(k) if isinstance(k, tuple) else str(k)): d
               for k, d in docs.items() if k != best}
    return SlotVote(value=value if not hasattr(value, "isoformat") else value.isoformat(),
                    support=docs[best], against=against)


def _cluster(results: list[DocumentResult]) -> list[_Cluster]:
    clusters: dict[tuple, _Cluster] = {}
    loose: list[tuple[str, RoundMention]] = []
    for r in results:
        for m in r.rounds:
            if m.ordinal is None:
                loose.append((r.id, m))
                continue
            clusters.setdefault((m.series, m.ordinal), _Cluster(m.series, m.ordinal)).items.append(
                (r.id, m))
    out = list(clusters.values())
    for doc_id, m in loose:
        fits = [c for c in out if c.series == m.series and (
            (m.start and m.start in c.starts())
            or (m.partial_start and m.partial_start in c.month_days()))]
        if not fits:
            fits = [c for c in out if c.series == m.series and m.leads and any(
                mm.leads.get(p) == n for _, mm in c.items for p, n in m.leads.items())
                and (m.location is None or m.location in {mm.location for _, mm in c.items})]
        if len(fits) == 1:
            fits[0].items.append((doc_id, m))
        else:
            c = _Cluster(m.series, None)
            c.items.append((doc_id, m))
            out.append(c)
    return sorted(out, key=lambda c: (c.series or "", c.ordinal or 10**6))


def _round(c: _Cluster, conflicts: list[Conflict]) -> RoundProposal:
    slots = {
        "series": _vote(c.items, lambda m: m.series),
        "parties": _vote(c.items, lambda m: m.parties),
        "ordinal": _vote(c.items, lambda m: m.ordinal),
        "start": _vote(c.items, lambda m: m.start),
        "end": _vote(c.items, lambda m: m.end),
        "location": _vote(c.items, lambda m: m.location),
    }
    for key in ("start", "end"):  # a month and day without a year supports the same day
        vote = slots[key]
        if vote.value:
            for doc_id, m in c.items:
                partial = m.partial_start if key == "start" else m.partial_end
                if partial and vote.value.endswith(partial[1:]) and doc_id not in vote.support:
                    vote.support.append(doc_id)
    parties = {p for _, m in c.items for p in m.leads}
    for party in sorted(parties):
        slots[f"lead:{party}"] = _vote(c.items, lambda m, p=party: m.leads.get(p))
    kinds = {"start": "date_disagreement", "end": "date_disagreement",
             "ordinal": "ordinal_disagreement", "location": "location_disagreement"}
    for key, vote in slots.items():
        if vote.against and key in kinds:
            for other, docs in vote.against.items():
                conflicts.append(Conflict(
                    kind=kinds[key], surface=str(other), canonical=str(vote.value),
                    documents=sorted(docs), detail=f"{key} of {c.series} round {c.ordinal}: "
                    f"{vote.value} ({', '.join(vote.support)}) vs {other}"))
    value = slots["ordinal"].value
    return RoundProposal(
        series=slots["series"].value, parties=sorted(p for p in str(slots["parties"].value or "")
                                                     .split(",") if p),
        ordinal=int(value) if value is not None else None,
        start=slots["start"].value, end=slots["end"].value, location=slots["location"].value,
        leads={k.split(":", 1)[1]: str(v.value) for k, v in slots.items()
               if k.startswith("lead:") and v.value},
        documents=sorted({d for d, m in c.items if m.main}), slots=slots)


def _carry_leads(rounds: list[RoundProposal], results: list[DocumentResult]) -> None:
    """A delegation head of an earlier round, reported present at a later one, leads it too.

    Only when no report of the later round names a lead for that party, and the vote says so
    in its own slot ("carried") so a reviewer can see it is an inference.
    """
    people = {r.id: {p.name for p in r.people} for r in results}
    for i, later in enumerate(rounds):
        for earlier in rounds[:i]:
            if earlier.series != later.series or earlier.ordinal is None:
                continue
            for party, name in earlier.leads.items():
                if party in later.leads:
                    continue
                docs = [d for d in later.documents if name in people.get(d, set())]
                if docs:
                    later.leads[party] = name
                    later.slots[f"lead:{party}"] = SlotVote(
                        value=name, support=docs,
                        against={"carried": [f"led round {earlier.ordinal}"]})


def _threads(results: list[DocumentResult]) -> list[ThreadProposal]:
    by_cat: dict[tuple, ThreadProposal] = {}
    orgs_in: dict[tuple, Counter[str]] = defaultdict(Counter)
    series_of = {r.id: next((m.series for m in r.rounds if m.main), None) for r in results}
    several = len(set(series_of.values()) - {None}) > 1
    for r in results:
        series = series_of[r.id]
        for i, s in enumerate(r.statements):
            if s.round is None or s.category is None or s.negated or s.hypothetical:
                continue
            if s.modality not in COMMITMENT_MODALITIES and s.modality != Modality.DISCUSSED:
                continue
            topic = _TOPICS.get(s.category, s.category)
            t = by_cat.setdefault((series, s.category), ThreadProposal(
                topic=f"{topic} ({series})" if several and series else topic,
                category=s.category))
            if s.round not in t.rounds:
                t.rounds.append(s.round)
            t.statements.append((r.id, i))
            for o in r.organizations:
                if s.start <= o.start < s.end and o.party is None:
                    orgs_in[(series, s.category)][o.name] += 1
    for key, t in by_cat.items():
        if key[1] == "governance_body" and orgs_in[key]:
            t.topic = orgs_in[key].most_common(1)[0][0]
    _follow_bodies(results, by_cat, series_of)
    for t in by_cat.values():
        t.rounds.sort()
    return sorted(by_cat.values(), key=lambda t: (t.rounds[0], t.topic))


def _follow_bodies(results: list[DocumentResult], by_cat: dict[tuple, ThreadProposal],
                   series_of: dict[str, str | None]) -> None:
    """A joint body's thread also takes later statements that name the body, whatever their category.

    A body set up at one round is followed at the next through what it produced (its work, its
    conclusions awaited before a decision), and those statements are filed under the matter
    they decide, not under "governance body".
    """
    for r in results:
        series = series_of[r.id]
        body_thread = by_cat.get((series, "governance_body"))
        if body_thread is None:
            continue
        for i, s in enumerate(r.statements):
            if (s.round is None or s.category == "governance_body" or s.negated or s.hypothetical
                    or (r.id, i) in body_thread.statements):
                continue
            named = any(s.start <= o.start < s.end and o.party is None and o.name == body_thread.topic
                        for o in r.organizations)
            if named:
                body_thread.statements.append((r.id, i))
                if s.round not in body_thread.rounds:
                    body_thread.rounds.append(s.round)


def reconcile(results: Iterable[DocumentResult]) -> RecordProposal:
    """Merge per-document results into rounds, conflicts and threads (see module doc)."""
    results = list(results)
    conflicts: list[Conflict] = []
    clusters = _cluster(results)
    rounds = [_round(c, conflicts) for c in clusters]
    _carry_leads(rounds, results)
    merged: dict[tuple, Conflict] = {}
    for r in results:
        for c in r.conflicts:
            key = (c.kind, c.surface, c.canonical)
            if key not in merged:
                merged[key] = Conflict(kind=c.kind, surface=c.surface, canonical=c.canonical,
                                       documents=[], detail=c.detail)
            if r.id not in merged[key].documents:
                merged[key].documents.append(r.id)
    return RecordProposal(rounds=rounds, conflicts=list(merged.values()) + conflicts,
                          threads=_threads(results))


def apply_record(results: list[DocumentResult], record: RecordProposal) -> None:
    """Give statements the round their document reports, once reconciliation numbered it.

    A report that never says "first" or "second" (but whose dates or leads match a numbered
    round) has statements with ``round=None``; they belong to that round.
    """
    for r in results:
        for prop in record.rounds:
            if r.id in prop.documents and prop.ordinal is not None:
                for s in r.statements:
                    if s.round is None and not s.historical:
                        s.round = prop.ordinal
