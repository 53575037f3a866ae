"""The draft joint statement, in the register of the statements the dialogue publishes.

Published JSCD joint statements open with who met where and who led, then take the topics
in a settled order, one short paragraph per decision or pledge. The draft follows that shape
from the record: for a held round its commitments; for the upcoming round the open threads
and the commitments to carry forward, marked as text still to be agreed. Officials are named
with the title they hold on the round's date (``Person.title_on``): a title is held over a
period, and a draft must not promote or demote anyone.
"""

from __future__ import annotations

import re
from collections import defaultdict

from jscd.core import BOTH, ParticipationRole, ThreadStatus, party_name
from jscd.record.models import Appointment, Participation, Person, Round, Statement
from jscd.reports.context import (
    CATEGORY_LABELS,
    ReportContext,
    country,
    ordinal_word,
    status_label,
)
from jscd.reports.document import Document, Markings, Paragraph, Section, Table

__all__ = ["build_joint_statement", "phrase"]

#: Modalities a joint statement records, in the order it states them.
STATED = ["decided", "pledged", "reaffirmed", "intends"]
_VERB = {"decided": "decided", "pledged": "pledged", "reaffirmed": "reaffirmed",
         "intends": "intend"}
_FINITE = re.compile(r"\b(agreed|decided|pledged|promised|committed|reaffirmed|affirmed|confirmed|"
                     r"intends?|plans?|reached|stressed|welcomed|is|are|will|remain)\b", re.I)


def _actor_phrase(actor: str) -> str:
    if actor == BOTH:
        return "The delegations"
    name = country(actor)
    return name[:1].upper() + name[1:]


def phrase(stmt: Statement) -> str:
    """A statement as a joint-statement sentence: kept if it is one, else given its actor.

    Record texts are usually whole sentences ("The delegations decided to ..."); a text
    without a finite verb of commitment is introduced by its actor and modality instead.
    """
    text = stmt.text.strip()
    prefix = ""
    note = re.match(r"^\([^)]*\)\s*", text)  # e.g. "(Illustrative) " stays in front
    if note:
        prefix, text = note.group(0), text[note.end():]
    if not text.endswith("."):
        text += "."
    if text[:1].isupper() and _FINITE.search(text):
        return prefix + text
    verb = _VERB.get(stmt.modality, stmt.modality)
    body = text if text[:2].isupper() else text[:1].lower() + text[1:]
    joiner = " that " if stmt.modality == "reaffirmed" else ": "
    return f"{prefix}{_actor_phrase(stmt.actor)} {verb}{joiner}{body}"


def _delegations(ctx: ReportContext, rnd: Round | None, marks: Markings) -> list[list[str]]:
    """Members of each delegation with the title each holds on the product's date."""
    if rnd is None:
        return []
    parts = (Participation.objects.visible_to(ctx.user).filter(delegation__round=rnd)
             .select_related("person", "delegation").order_by("delegation__party_id", "role"))
    rows = []
    for part in parts:
        marks.add(part)
        title = _title(ctx, part.person, marks)
        if title is None:
            # The title recorded at the round holds for that round only, not for a later draft.
            title = part.title if (ctx.round and part.title) else "title on this date not recorded"
        rows.append([party_name(part.delegation.party_id), part.person.name, title,
                     "head of delegation" if part.role == ParticipationRole.LEAD else "member"])
    return rows


def _title(ctx: ReportContext, person: Person, marks: Markings) -> str | None:
    appointments = list(Appointment.objects.visible_to(ctx.user).filter(person=person))
    title = person.title_on(ctx.date, appointments)
    if title:
        marks.add(*[a for a in appointments if a.title == title])
    return title


def _opening(ctx: ReportContext, leads: list[list[str]]) -> Paragraph:
    parties = " and ".join(country(p) for p in ctx.parties)
    acronym = f" ({ctx.series.acronym})" if ctx.series.acronym else ""
    if ctx.round is None:
        where = "[date and place to be agreed]"
    else:
        where = f"in {ctx.round.location} on {ctx.round.start:%-d}–{ctx.round.end:%-d %B %Y}"
    text = (f"Delegations of {parties} held the {ordinal_word(ctx.ordinal)} round of the "
            f"{ctx.series.name}{acronym} {where}.")
    heads = [f"{r[2]} {r[1]}" if not r[2].startswith("title") else r[1]
             for r in leads if r[3] == "head of delegation"]
    if heads:
        text += " The delegations were led by " + " and ".join(heads) + "."
    return Paragraph(text, style="lead")


def _held_round_body(ctx: ReportContext, marks: Markings) -> list[Section]:
    statements = (Statement.objects.visible_to(ctx.user)
                  .filter(round=ctx.round, modality__in=STATED).order_by("id"))
    by_category: dict[str, list[Statement]] = defaultdict(list)
    for stmt in statements:
        by_category[stmt.category].append(stmt)
    sections = []
    for category, label in CATEGORY_LABELS.items():
        items = sorted(by_category.get(category, []), key=lambda s: STATED.index(s.modality))
        if not items:
            continue
        marks.add(*items)
        sections.append(Section(label, [Paragraph(phrase(s)) for s in items], level=3))
    return sections


def _upcoming_body(ctx: ReportContext, marks: Markings) -> list[Section]:
    """For a round not yet held: open threads to report on, commitments to carry forward."""
    by_category: dict[str, list[Paragraph]] = defaultdict(list)
    previous = ctx.previous
    for thread in ctx.threads():
        marks.add(thread)
        status = ThreadStatus(thread.status)
        if status.is_open:
            by_category[thread.category].append(Paragraph(
                f"[{status_label(status)}] {thread.title}: the delegations reviewed progress "
                f"since the {ordinal_word(previous.ordinal) if previous else 'last'} round and "
                "[state the outcome to be agreed].", style="draft"))
        elif status == ThreadStatus.FULFILLED:
            by_category[thread.category].append(Paragraph(
                f"{thread.title}: the delegations welcomed that this commitment has been "
                "fulfilled.", style="draft"))
    if previous is not None:
        for stmt in Statement.objects.visible_to(ctx.user).filter(
                round=previous, modality__in=["decided", "pledged"]).order_by("id"):
            marks.add(stmt)
            by_category[stmt.category].append(Paragraph(
                f"[Carried forward from round {previous.ordinal}, to be reaffirmed or updated] "
                f"{phrase(stmt)}", style="draft"))
    return [Section(label, by_category[c], level=3)
            for c, label in CATEGORY_LABELS.items() if by_category.get(c)]


def build_joint_statement(ctx: ReportContext) -> Document:
    marks = Markings()
    rnd = ctx.round or ctx.previous  # the upcoming round is led, for now, by the last leads
    members = _delegations(ctx, rnd, marks)
    intro = Section("Opening", [_opening(ctx, members)])
    if ctx.round is None and members:
        intro.add(Paragraph("Delegation heads are those of the last round, with the titles "
                            f"they hold on {ctx.date:%-d %B %Y}; confirm before release.",
                            style="note"))
    body = Section("Outcomes by topic")
    body.subsections = _held_round_body(ctx, marks) if ctx.round else _upcoming_body(ctx, marks)
    if not body.subsections:
        body.add(Paragraph("No decided or pledged item is visible to this reader."))
    sections = [intro, body]
    if members:
        sections.append(Section("Delegations", [Table(
            ["Party", "Name", f"Title on {ctx.date:%-d %B %Y}", "Role"], members)]))
    sections.append(Section("Drafting note", [Paragraph(
        "Draft generated from the jscd record for staff review; it is not an agreed text. "
        "Items are the decisions and pledges in the record (reaffirmations and intents "
        "follow them), arranged by topic in the order published joint statements use.",
        style="note")]))
    state = "draft for the upcoming round" if ctx.round is None else "draft"
    return Document(
        kind="Draft joint statement",
        title=f"Joint statement on the {ordinal_word(ctx.ordinal)} round of the {ctx.series.name}",
        subtitle=f"{ctx.round_name} — {state}", banner=marks.banner, generated=ctx.today,
        prepared_for=ctx.audience, sections=sections,
        filename_stem=f"joint-statement-{ctx.series.acronym or 'series'}-round{ctx.ordinal}",
        ordinal=ctx.ordinal,
    )
