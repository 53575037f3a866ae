"""The thread compliance report: how far each party kept each commitment, round by round.

Scores follow summit-compliance research (−1 no compliance, 0 partial, +1 full), each with
its written rationale; a party's average over the threads scored at a round is the usual
headline figure, shown with how many threads it rests on.
"""

from __future__ import annotations

from collections import defaultdict

from jscd.core import party_name
from jscd.record.models import ComplianceScore
from jscd.record.services.threads import effective_scores
from jscd.reports.context import ReportContext, compliance_label, status_label
from jscd.reports.document import Document, Markings, Paragraph, Section, Table

__all__ = ["build_compliance"]


def build_compliance(ctx: ReportContext) -> Document:
    marks = Markings()
    upto = ctx.ordinal if ctx.round is not None else ctx.ordinal - 1
    threads = list(ctx.threads())
    scores = list(ComplianceScore.objects.visible_to(ctx.user)
                  .filter(thread__in=threads, round__series=ctx.series, round__ordinal__lte=upto)
                  .select_related("round", "thread").order_by("round__ordinal", "party_id"))
    marks.add(*scores)
    per_round: dict[tuple[int, str], list[int]] = defaultdict(list)
    per_thread: dict[int, list[ComplianceScore]] = defaultdict(list)
    for score in effective_scores(scores):
        per_round[(score.round.ordinal, score.party_id)].append(score.score)
    for score in scores:
        per_thread[score.thread_id].append(score)

    summary = Section("Average compliance by party and round")
    if per_round:
        summary.add(Table(["Round", "Party", "Threads scored", "Average", "Full / partial / none"],
                          [[str(r), party_name(p), str(len(v)), f"{sum(v) / len(v):+.2f}",
                            f"{v.count(1)} / {v.count(0)} / {v.count(-1)}"]
                           for (r, p), v in sorted(per_round.items())]))
    else:
        summary.add(Paragraph("No compliance score is recorded for this period."))

    detail = Section("Scores by thread")
    for thread in threads:
        marks.add(thread)
        rows = [[str(s.round.ordinal), s.party_id, compliance_label(s.score), s.rationale]
                for s in per_thread.get(thread.pk, [])]
        sub = Section(f"{thread.title} — {status_label(thread.status)}", level=3)
        sub.add(Paragraph(f"Owner {thread.owner}; kept by {thread.keeper or 'nobody named'}"
                          + (f"; due {thread.due.isoformat()}" if thread.due else "") + "."))
        if rows:
            sub.add(Table(["Round", "Party", "Score", "Rationale"], rows))
        else:
            sub.add(Paragraph("Not scored yet.", style="note"))
        detail.subsections.append(sub)
    unscored = [t.title for t in threads if t.pk not in per_thread]
    method = Section("Method", [Paragraph(
        "Each party's compliance with each thread is scored at each round: +1 full, "
        "0 partial, −1 none, with the reason written down. Averages are over the threads "
        f"scored at that round. {len(unscored)} of {len(threads)} threads are not scored yet.",
        style="note")])
    return Document(
        kind="Thread compliance report", title=f"Compliance report: {ctx.round_name}",
        subtitle=f"{ctx.series.name} — scores up to round {upto}" if upto else ctx.series.name,
        banner=marks.banner, generated=ctx.today, prepared_for=ctx.audience,
        sections=[summary, detail, method],
        filename_stem=f"compliance-{ctx.series.acronym or 'series'}-round{ctx.ordinal}",
        ordinal=ctx.ordinal,
    )
