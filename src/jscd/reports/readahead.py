"""The read-ahead: what a delegation must know walking into a round.

Since the last round: every thread by status with its last evidence and compliance, what is
overdue or stale, what each party pledged, program milestones, contradictions between
reports still open, and the Commission's assessment once one has been run.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from typing import Any

from django.db.models import Q

from jscd.core import BOTH, COMMITMENT_MODALITIES, Modality, ThreadStatus
from jscd.record.models import ConflictFlag, Milestone, Program, Source, Statement, Thread
from jscd.record.services.programs import overdue_milestones
from jscd.record.services.threads import is_overdue, is_stale
from jscd.reports.context import (
    CATEGORY_LABELS,
    ReportContext,
    actor_label,
    compliance_label,
    country,
    ordinal_word,
    status_label,
)
from jscd.reports.document import BulletList, Document, Markings, Paragraph, Section, Table

__all__ = ["build_read_ahead"]

STATUS_ORDER = [ThreadStatus.IN_PROGRESS, ThreadStatus.ANNOUNCED, ThreadStatus.FULFILLED,
                ThreadStatus.LAPSED, ThreadStatus.SUPERSEDED]


def _last_evidence(ctx: ReportContext, thread: Thread, marks: Markings) -> tuple[str, str]:
    """(date and status, quoted evidence with its source) of the thread's latest change."""
    changes = ctx.changes(thread)
    if not changes:
        return "—", "no status change recorded"
    last = changes[-1]
    marks.add(last)
    evidence = ctx.evidence(last)
    marks.add(*evidence, *(e.source for e in evidence))
    when = f"{last.date.isoformat()} ({status_label(last.status)})"
    if not evidence:
        return when, last.note or "—"
    first = evidence[0]
    quote = first.quote if len(first.quote) <= 160 else first.quote[:157] + "…"
    return when, f"“{quote}” — {first.source.title}"


def _compliance_cell(ctx: ReportContext, thread: Thread, marks: Markings) -> str:
    scores = ctx.compliance(thread)
    marks.add(*scores)
    latest: dict[str, Any] = {}
    for score in scores:
        latest[score.party_id] = score
    if not latest:
        return "not scored"
    return "\n".join(f"{p}: {compliance_label(s.score)} (round {s.round.ordinal})"
                     for p, s in sorted(latest.items()))


def _threads_section(ctx: ReportContext, threads: list[Thread], marks: Markings) -> Section:
    section = Section("Threads by status")
    section.add(Paragraph(
        "Every commitment followed across rounds, grouped by where it stands. The last "
        "evidence is the source passage behind the latest status change; compliance is the "
        "most recent summit-compliance score per party (−1 none, 0 partial, +1 full)."))
    by_status: dict[str, list[Thread]] = defaultdict(list)
    for thread in threads:
        by_status[thread.status].append(thread)
    for status in STATUS_ORDER:
        group = by_status.get(status.value, [])
        if not group:
            continue
        rows = []
        for thread in group:
            marks.add(thread)
            when, evidence = _last_evidence(ctx, thread, marks)
            rows.append([thread.title, thread.owner, thread.keeper or "nobody named",
                         thread.due.isoformat() if thread.due else "—", when, evidence,
                         _compliance_cell(ctx, thread, marks)])
        sub = Section(f"{status_label(status).capitalize()} ({len(group)})", level=3)
        sub.add(Table(["Thread", "Owner", "Keeper", "Due", "Last change", "Last evidence",
                       "Compliance"], rows))
        section.subsections.append(sub)
    return section


def _attention_section(ctx: ReportContext, threads: list[Thread]) -> Section:
    section = Section("Overdue and stale items")
    rows = []
    for thread in threads:
        flags = []
        if is_overdue(thread, ctx.today):
            flags.append(f"overdue since {thread.due.isoformat()}")
        if is_stale(thread, ctx.today):
            flags.append("stale: no status change within the configured period")
        if not thread.keeper:
            flags.append("no keeper named")
        if flags:
            rows.append([thread.title, thread.owner, thread.keeper or "—", "; ".join(flags)])
    if rows:
        section.add(Table(["Thread", "Owner", "Keeper", "Why it needs attention"], rows))
    else:
        section.add(Paragraph("No thread is overdue or stale, and every thread names a keeper."))
    return section


def _pledges_section(ctx: ReportContext, marks: Markings) -> Section:
    section = Section("What each party pledged")
    if ctx.previous is None:
        return section.add(Paragraph("There is no earlier round: nothing has been pledged yet."))
    statements = list(Statement.objects.visible_to(ctx.user).filter(
        round=ctx.previous, modality__in=[m.value for m in COMMITMENT_MODALITIES])
        .order_by("actor", "category", "id"))
    section.add(Paragraph(f"Commitments made at {ctx.previous} ({ctx.previous.start:%d %B %Y}), "
                          "by who made them."))
    by_actor: dict[str, list[Statement]] = defaultdict(list)
    for stmt in statements:
        by_actor[stmt.actor].append(stmt)
        marks.add(stmt)
    order = [*ctx.parties, BOTH]
    for actor in sorted(by_actor, key=lambda a: order.index(a) if a in order else 99):
        sub = Section(actor_label(actor, ctx.parties), level=3)
        sub.add(BulletList([f"{Modality(s.modality).value.capitalize()} — {s.text} "
                            f"[{CATEGORY_LABELS.get(s.category, s.category)}]"
                            for s in by_actor[actor]]))
        section.subsections.append(sub)
    if not statements:
        section.add(Paragraph("No commitment of the last round is visible to this reader."))
    return section


def _programs_section(ctx: ReportContext, marks: Markings) -> Section:
    section = Section("Program milestones")
    since = ctx.previous.start if ctx.previous else None
    rows = []
    # The series' programs: those serving its threads, and those serving no thread yet.
    programs = (Program.objects.visible_to(ctx.user)
                .filter(Q(threads__in=ctx.threads()) | Q(threads__isnull=True))
                .distinct().order_by("kind", "name"))
    for program in programs:
        milestones = Milestone.objects.visible_to(ctx.user).filter(program=program).order_by(
            "order")
        late = {m.pk for m in overdue_milestones(program, ctx.today)}
        for m in milestones:
            if since and m.due and m.due < since and m.done:
                continue  # done before the last round: old news
            marks.add(program, m)
            state = "done" if m.done else ("OVERDUE" if m.pk in late else "open")
            rows.append([program.name, program.kind.replace("_", " "), m.name,
                         m.due.isoformat() if m.due else "—", state, program.keeper or "—"])
    if rows:
        section.add(Table(["Program", "Kind", "Milestone", "Due", "State", "Keeper"], rows))
    else:
        section.add(Paragraph("No program milestone falls in this period."))
    return section


def _conflicts_section(ctx: ReportContext, marks: Markings) -> Section:
    section = Section("Unresolved contradictions between reports")
    conflicts = list(ConflictFlag.objects.visible_to(ctx.user).filter(status="open"))
    if not conflicts:
        return section.add(Paragraph("No open contradiction between reports."))
    rows = []
    for flag in conflicts:
        marks.add(flag)
        sources = Source.objects.visible_to(ctx.user).filter(conflicts=flag)
        rows.append([flag.kind.replace("_", " "), flag.surface, flag.canonical or "—",
                     flag.detail or "—", "; ".join(s.title for s in sources) or "—"])
    section.add(Table(["Kind", "Reports say", "Record keeps", "Detail", "Sources"], rows))
    return section


def _assessment_section(ctx: ReportContext, marks: Markings) -> Section | None:
    """The Commission's assessment summary, if that part of jscd is installed and has run."""
    try:
        service = importlib.import_module("jscd.record.services.assessment")
        models = importlib.import_module("jscd.record.models")
        run_model = models.AssessmentRun
    except (ImportError, AttributeError):
        return None
    run = run_model.objects.visible_to(ctx.user).order_by("-pk").first()
    section = Section("The Commission's assessment")
    if run is None:
        return section.add(Paragraph("No assessment has been run yet."))
    marks.add(run)
    summary = service.assessment_summary(run, ctx.user)
    _summary_blocks(section, summary)
    return section


def _scalar(value: Any) -> bool:
    return not isinstance(value, list | dict)


def _cell(value: Any) -> str:
    if isinstance(value, list) and all(_scalar(v) for v in value):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, dict) and all(_scalar(v) for v in value.values()):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or "—"
    return str(value)


def _label(key: Any) -> str:
    return str(key).replace("_", " ").capitalize()


def _summary_blocks(section: Section, summary: Any) -> None:
    """Lay out whatever shape the assessment summary takes: text, a mapping or rows.

    Scalars and flat lists go into one key/value table; a mapping of flat values or a list
    of records gets a table of its own under a sub-heading.
    """
    if isinstance(summary, str):
        section.add(Paragraph(summary))
        return
    if isinstance(summary, list):
        if summary and all(isinstance(r, dict) for r in summary):
            columns = list(summary[0])
            section.add(Table([_label(c) for c in columns],
                              [[_cell(r.get(c, "")) for c in columns] for r in summary]))
        elif summary:
            section.add(BulletList([_cell(item) for item in summary]))
        else:
            section.add(Paragraph("None.", style="note"))
        return
    if not isinstance(summary, dict):
        section.add(Paragraph(str(summary)))
        return
    flat = [[_label(k), _cell(v)] for k, v in summary.items()
            if _scalar(v) or (isinstance(v, list) and all(_scalar(x) for x in v))]
    if flat:
        section.add(Table(["Item", "Value"], flat))
    for key, value in summary.items():
        if isinstance(value, dict):
            sub = Section(_label(key), level=3)
            sub.add(Table(["", "Value"], [[str(k), _cell(v)] for k, v in value.items()]))
            section.subsections.append(sub)
        elif isinstance(value, list) and not all(_scalar(x) for x in value):
            sub = Section(_label(key), level=3)
            _summary_blocks(sub, value)
            section.subsections.append(sub)


def build_read_ahead(ctx: ReportContext) -> Document:
    marks = Markings()
    threads = list(ctx.threads())
    when = (f"{ctx.round.start:%d} to {ctx.round.end:%d %B %Y}, {ctx.round.location}"
            if ctx.round else "date and place to be set")
    since = (f"since {ctx.previous} ({ctx.previous.start:%d %B %Y})" if ctx.previous
             else "from the start of the record")
    parties = " and ".join(country(p) for p in ctx.parties)
    open_count = sum(ThreadStatus(t.status).is_open for t in threads)
    overdue = sum(is_overdue(t, ctx.today) for t in threads)
    stale = sum(is_stale(t, ctx.today) for t in threads)
    summary = Section("Summary")
    summary.add(Paragraph(
        f"The {ordinal_word(ctx.ordinal)} round of the {ctx.series.name} between {parties} "
        f"({when}). This read-ahead covers the record {since}: {len(threads)} threads, "
        f"{open_count} of them open, {overdue} overdue and {stale} stale.", style="lead"))
    sections = [summary, _threads_section(ctx, threads, marks),
                _attention_section(ctx, threads), _pledges_section(ctx, marks),
                _programs_section(ctx, marks), _conflicts_section(ctx, marks)]
    assessment = _assessment_section(ctx, marks)
    if assessment is not None:
        sections.append(assessment)
    sections.append(Section("About this read-ahead", [Paragraph(
        "Generated from the jscd record; it contains only rows its reader may see, and its "
        "banner is the highest marking among them. Figures are as recorded on the date of "
        "generation.", style="note")]))
    return Document(
        kind="Read-ahead", title=f"Read-ahead: {ctx.round_name}",
        subtitle=f"{ctx.series.name} — {when}", banner=marks.banner, generated=ctx.today,
        prepared_for=ctx.audience, sections=sections,
        filename_stem=f"read-ahead-{ctx.series.acronym or 'series'}-round{ctx.ordinal}",
        ordinal=ctx.ordinal,
    )
