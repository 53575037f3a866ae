"""One encounter per thing reported: repeats folded together, then completed from context.

A report names the same meeting with a verb, a noun and a series name, often in different
sentences; these rules decide which mentions are one encounter (and when a numbered meeting
is a round of the series), then give each what the document supplies around it: a visit's
day and place, a city already named, the parties of its series.
"""

from __future__ import annotations

from collections import Counter

from jscd.core.vocab import MentionedEventKind as Kind
from jscd.extract.event_draft import Draft
from jscd.extract.event_parties import pick_parties
from jscd.extract.event_series import same_series

__all__ = ["fill", "merge"]


def merge(events: list[Draft], ev: Draft, text: str, s: int, e: int) -> None:
    """Add ``ev``, or fold it into the encounter it repeats."""
    same = None
    if ev.kind == Kind.MEETING and ev.ordinal is not None:
        # "during the third meeting", "a second round of talks": a session of the series
        rounds = [o for o in events if o.kind == Kind.DIALOGUE_ROUND]
        if not rounds:
            ev.ordinal = None
        else:
            ev.kind = Kind.DIALOGUE_ROUND
            fresh = next((o for o in rounds if not o.recalled), rounds[0])
            ev.series = fresh.series
            ev.recalled = ev.recalled or (fresh.ordinal is not None and ev.ordinal != fresh.ordinal)
    for o in events:
        if o.kind != ev.kind or o.recalled != ev.recalled:
            continue
        if ev.kind == Kind.DIALOGUE_ROUND:
            same_name = o.series == ev.series or same_series(o.series, ev.series)
            if same_name and (ev.ordinal == o.ordinal or (not ev.recalled and (
                    ev.ordinal is None or o.ordinal is None))):
                same = o
                break
            continue
        if ev.twin or o.twin:
            continue
        if not ev.verb:
            same = o  # a noun refers back to the encounter of its kind
            break
        if ev.counterpart and o.counterpart and ev.counterpart & o.counterpart:
            same = o
            break
        if not ev.counterpart and ev.sent != o.sent and "also" not in text[s:ev.at]:
            same = o
            break
    if ev.kind == Kind.MEETING and not ev.verb and not ev.recalled:
        # a noun with no encounter of its kind: a meeting noun next to a round is the round
        rnd = next((o for o in events if o.kind == Kind.DIALOGUE_ROUND and not o.recalled), None)
        if same is None and rnd is not None:
            same = rnd
    if same is None:
        if ev.kind == Kind.MEETING and not ev.verb and not ev.recalled and any(
                o.kind in (Kind.VISIT, Kind.CALL) and not o.recalled for o in events):
            return  # "the meeting" in a report of a call or visit: not another encounter
        events.append(ev)
        return
    if ev.kind == Kind.DIALOGUE_ROUND and len(ev.series or "") > len(same.series or ""):
        same.series = ev.series
    same.ordinal = same.ordinal or ev.ordinal
    if same.start is None and ev.start is not None:
        same.start, same.end = ev.start, ev.end
    if ev.loc_rank < same.loc_rank and (same.location is None or ev.kind == Kind.DIALOGUE_ROUND):
        same.location, same.loc_country, same.loc_rank = ev.location, ev.loc_country, ev.loc_rank
    if not same.parties:
        same.parties = ev.parties
    same.spans.append((s, e))


def fill(events: list[Draft], counts: Counter[str]) -> None:
    """What the context supplies: a visit's day and place for the encounters during it,
    the city already named for a country, the document's parties, one series name."""
    visit = None
    for ev in events:
        if ev.recalled:
            continue
        if ev.kind == Kind.VISIT:
            visit = ev
            continue
        if visit is not None and ev.at > visit.at and ev.kind == Kind.MEETING:
            if ev.start is None:
                ev.start, ev.end = visit.start, visit.end
            if ev.location is None or (ev.loc_rank > 4 and ev.loc_country == visit.loc_country):
                ev.location, ev.loc_country = visit.location, visit.loc_country
    rnd = next((ev for ev in events if ev.kind == Kind.DIALOGUE_ROUND and not ev.recalled), None)
    for ev in [ev for ev in events if ev.delegations and ev.kind == Kind.MEETING]:
        if rnd is not None and not ev.recalled:  # "delegations led by ... met in Washington"
            rnd.spans += ev.spans
            rnd.location = rnd.location or ev.location
            rnd.start, rnd.end = rnd.start or ev.start, rnd.end or ev.end
            events.remove(ev)
    prev = None
    for ev in events:  # "Later, Doe met with ...", "He also spoke with ...": the same day
        if ev.recalled:
            continue
        if (prev is not None and ev.start is None and ev.kind in (Kind.MEETING, Kind.CALL)
                and ev.same_day):
            ev.start, ev.end = prev.start, prev.end
        prev = ev
    fresh = [ev for ev in events if not ev.recalled and ev.loc_rank <= 4]
    for ev in events:
        if ev.location and ev.loc_rank > 4:
            city = next((o for o in fresh if o is not ev and o.loc_country == ev.loc_country
                         and o.location != ev.location), None)
            if city is not None:
                ev.location, ev.loc_rank = city.location, city.loc_rank
    by_series: dict[str, list[Draft]] = {}
    for ev in events:
        if ev.kind == Kind.DIALOGUE_ROUND and not ev.recalled and ev.series:
            by_series.setdefault(ev.series, []).append(ev)
    for group in by_series.values():
        main = next((ev for ev in group if ev.start), group[0])
        for ev in group:
            if ev is not main and ev.ordinal and main.ordinal and ev.ordinal < main.ordinal:
                ev.recalled = True  # "the inaugural dialogue": an earlier round
    names = [ev.series for ev in events if ev.series]
    for ev in events:
        if ev.series:
            ev.series = max((n for n in names if same_series(n, ev.series)), key=len)
    for ev in events:
        if ev.series:  # every round of a series: the same two parties
            main = next((o for o in events if o.series == ev.series and not o.recalled), None)
            if main is not None and main is not ev and main.parties:
                ev.parties = main.parties
        if not ev.parties:
            ev.parties = pick_parties(Counter(), counts)
