"""Suggest threads: link statements of successive rounds that speak of the same commitment.

A thread is one commitment followed across rounds. Staff used to find them by reading two
joint statements side by side; here the record does the first pass and an editor confirms.

The rule is general (nothing in it knows the U.S.–Iraq record):

* only statements of the **same category** may be linked, so unrelated topics never are;
* within a category, the **object** must be similar (``jscd.core.similarity``: content
  lemmas, acronyms expanded, rapidfuzz token-set ratio blended with an IDF-weighted overlap),
  scoring at least ``threshold``;
* rounds are walked in order and each statement joins at most one chain, the best-scoring
  free one (greedy one-to-one matching per round), so a round's three counter-ISIS statements
  do not all pile onto one thread;
* threads that already exist are chains too: a new round's statement is suggested as a link
  to the existing thread before a new thread is proposed.

Suggested links are written with ``confirmed=False`` and their score; an editor confirms or
rejects each one (``confirm_link`` / ``reject_link``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from jscd.core import BOTH, JOINT, DomainError, ThreadStatus
from jscd.core.similarity import Corpus, similarity
from jscd.record.models import DialogueSeries, Evidence, Source, Statement, Thread, ThreadLink
from jscd.record.services.base import Actor, require_writer
from jscd.record.services.sources import EvidenceSpec
from jscd.record.services.threads import (
    create_thread,
    link_statement,
    move_thread_status,
    unlink_statement,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "SuggestedLink",
    "Suggestion",
    "apply_suggestions",
    "confirm_link",
    "propose_title",
    "reject_link",
    "suggest_threads",
    "suggestion_dict",
]

#: Lowest object similarity at which two same-category statements are linked. Greedy
#: matching already takes the best pairs first, so this floor only decides whether a
#: statement left over in its category joins anything. Measured on the demo record (the
#: test prints the table): pairs of one commitment score 0.36-1.0, a leftover statement of
#: the same category scores at most 0.23 against the remaining chains.
DEFAULT_THRESHOLD = 0.3


@dataclass
class SuggestedLink:
    statement: Statement
    score: float | None  #: similarity with which it joined; None for the first statement


@dataclass
class Suggestion:
    """A proposed new thread (``thread`` is None) or new links for an existing one."""

    category: str
    thread: Thread | None = None
    existing: list[Statement] = field(default_factory=list)
    links: list[SuggestedLink] = field(default_factory=list)

    @property
    def statements(self) -> list[Statement]:
        return self.existing + [link.statement for link in self.links]

    @property
    def score(self) -> float | None:
        """The weakest link's score: how sure the suggestion is as a whole."""
        scores = [link.score for link in self.links if link.score is not None]
        return min(scores) if scores else None

    @property
    def title(self) -> str:
        return self.thread.title if self.thread else propose_title(self.statements[0].text)

    @property
    def owner(self) -> str:
        """The party that must act: the one actor if all statements share it, else BOTH."""
        if self.thread:
            return self.thread.owner
        actors = {s.actor for s in self.statements}
        return actors.pop() if len(actors) == 1 else BOTH

    @property
    def marking(self) -> str:
        if self.thread:
            return self.thread.marking
        marks = {s.marking for s in self.statements} - {JOINT}
        return marks.pop() if len(marks) == 1 else JOINT

    @property
    def rounds(self) -> list[int]:
        return sorted({s.round.ordinal for s in self.statements if s.round_id})


def propose_title(text: str, limit: int = 90) -> str:
    """A short title from a statement's text: its first clause, cut at a word boundary."""
    # A sentence ends at ". " after a lower-case word, not inside "U.S. forces".
    clause = re.split(r"(?<=[a-z0-9)])[.;:]\s", text.strip(), maxsplit=1)[0].rstrip(".")
    if len(clause) <= limit:
        return clause[:1].upper() + clause[1:]
    cut = clause[:limit].rsplit(" ", 1)[0].rstrip(",")
    return cut[:1].upper() + cut[1:] + "…"


@dataclass
class _Chain:
    category: str
    statements: list[Statement]
    thread: Thread | None = None
    new: list[SuggestedLink] = field(default_factory=list)

    @property
    def last_ordinal(self) -> int:
        return max(s.round.ordinal for s in self.statements)

    @property
    def markings(self) -> set[str]:
        return {s.marking for s in self.statements}


def _compatible(chain: _Chain, stmt: Statement) -> bool:
    """A statement of one party never joins a chain holding the other party's rows."""
    marks = (chain.markings | {stmt.marking}) - {JOINT}
    return len(marks) <= 1


def suggest_threads(
    user: Actor, *, series: DialogueSeries | None = None, threshold: float = DEFAULT_THRESHOLD,
) -> list[Suggestion]:
    """Suggestions over what ``user`` may see (the operator sees everything)."""
    statements = Statement.objects.visible_to(user).filter(round__isnull=False)
    links = ThreadLink.objects.visible_to(user)
    threads = Thread.objects.visible_to(user)
    if series is not None:
        statements = statements.filter(round__series=series)
    statements = list(statements.select_related("round").order_by("round__ordinal", "id"))
    by_id = {s.pk: s for s in statements}
    in_thread: dict[int, list[Statement]] = defaultdict(list)
    for link in links.filter(statement_id__in=list(by_id)).order_by("statement__round__ordinal"):
        in_thread[link.thread_id].append(by_id[link.statement_id])
    linked = {s.pk for group in in_thread.values() for s in group}

    suggestions: list[Suggestion] = []
    by_series: dict[int, list[Statement]] = defaultdict(list)
    for stmt in statements:
        by_series[stmt.round.series_id].append(stmt)
    thread_rows = {t.pk: t for t in threads.filter(pk__in=in_thread)}
    for series_id, stmts in by_series.items():
        corpus = Corpus((s.text for s in stmts), glossary=_source_texts(user, stmts))
        chains = [
            _Chain(thread_rows[tid].category, list(group), thread_rows[tid])
            for tid, group in in_thread.items()
            if tid in thread_rows and group[0].round.series_id == series_id
        ]
        ordinals = sorted({s.round.ordinal for s in stmts})
        for ordinal in ordinals:
            fresh = [s for s in stmts if s.round.ordinal == ordinal and s.pk not in linked]
            _match_round(fresh, chains, corpus, ordinal, threshold)
        for chain in chains:
            if chain.thread is not None and chain.new:
                suggestions.append(Suggestion(chain.category, chain.thread,
                                              existing=chain.statements[:-len(chain.new)],
                                              links=chain.new))
            elif chain.thread is None and len(chain.statements) > 1:
                first = SuggestedLink(chain.statements[0], chain.new[0].score)
                suggestions.append(Suggestion(chain.category, None, links=[first, *chain.new]))
    suggestions.sort(key=lambda s: (s.category, -(s.score or 0)))
    return suggestions


def _source_texts(user: Actor, statements: list[Statement]) -> list[str]:
    """The documents the statements were read from: where their acronyms are spelled out."""
    ctype = ContentType.objects.get_for_model(Statement)
    evidence = Evidence.objects.visible_to(user)
    source_ids = set(evidence.filter(content_type=ctype, object_id__in=[s.pk for s in statements])
                     .values_list("source_id", flat=True))
    sources = Source.objects.visible_to(user)
    return list(sources.filter(pk__in=source_ids).values_list("text", flat=True))


def _match_round(
    fresh: list[Statement], chains: list[_Chain], corpus: Corpus, ordinal: int, threshold: float,
) -> None:
    """Greedy one-to-one matching of a round's unlinked statements to earlier chains."""
    pairs: list[tuple[bool, float, int, int]] = []
    for i, stmt in enumerate(fresh):
        for j, chain in enumerate(chains):
            if (chain.category != stmt.category or chain.last_ordinal >= ordinal
                    or not _compatible(chain, stmt)):
                continue
            score = max(similarity(stmt.text, other.text, corpus) for other in chain.statements)
            if score >= threshold:
                same_marking = chain.markings == {stmt.marking}
                pairs.append((same_marking, score, i, j))
    pairs.sort(key=lambda p: (p[0], p[1]), reverse=True)
    used_s: set[int] = set()
    used_c: set[int] = set()
    for _same, score, i, j in pairs:
        if i in used_s or j in used_c:
            continue
        used_s.add(i)
        used_c.add(j)
        chains[j].statements.append(fresh[i])
        chains[j].new.append(SuggestedLink(fresh[i], score))
    for i, stmt in enumerate(fresh):
        if i not in used_s:
            chains.append(_Chain(stmt.category, [stmt]))


def _first_evidence(user: Actor, stmt: Statement) -> list[EvidenceSpec]:
    rows = stmt.visible_evidence(user)
    return [EvidenceSpec(e.source, e.start, e.end) for e in rows[:1]]


def apply_suggestions(user: Actor, suggestions: list[Suggestion]) -> list[Thread]:
    """Write suggestions as unconfirmed links (a new thread is created where none exists).

    A new thread starts ``announced`` at its first round, citing the first statement's
    evidence, so its status history begins with a source like every other change.
    Each suggestion is its own transaction: one refused does not undo the others.
    """
    actor = require_writer(user)
    written: list[Thread] = []
    for suggestion in suggestions:
        with transaction.atomic():
            thread = suggestion.thread
            if thread is None:
                keeper = "" if actor.is_operator else actor.username
                thread = create_thread(user, title=suggestion.title,
                                       category=suggestion.category, owner=suggestion.owner,
                                       keeper=keeper, marking=suggestion.marking)
                first = suggestion.links[0].statement
                evidence = _first_evidence(user, first)
                if evidence:
                    move_thread_status(user, thread, status=ThreadStatus.ANNOUNCED.value,
                                       date=first.round.end, round=first.round,
                                       evidence=evidence,
                                       note="first statement of a suggested thread")
            for link in suggestion.links:
                link_statement(user, thread, link.statement, score=link.score, confirmed=False)
            written.append(thread)
    return written


def _visible_link(user: Actor, link: ThreadLink | int) -> ThreadLink:
    pk = link.pk if isinstance(link, ThreadLink) else link
    qs = ThreadLink.objects.visible_to(user)
    row = qs.select_related("thread", "statement").filter(pk=pk).first()
    if row is None:
        raise DomainError("no such thread link", field="link")
    return row


def confirm_link(user: Actor, link: ThreadLink | int) -> ThreadLink:
    """An editor agrees the statement belongs to the thread; its score is kept for the record."""
    row = _visible_link(user, link)
    return link_statement(user, row.thread, row.statement, confirmed=True)


def reject_link(user: Actor, link: ThreadLink | int) -> None:
    """An editor rejects a suggested link; confirmed links are removed the same way."""
    unlink_statement(user, _visible_link(user, link))


def suggestion_dict(s: Suggestion) -> dict[str, Any]:
    """A plain form of a suggestion for the API, the CLI's JSON and templates."""
    return {
        "thread": s.thread.pk if s.thread else None,
        "title": s.title,
        "category": s.category,
        "owner": s.owner,
        "marking": s.marking,
        "rounds": s.rounds,
        "score": s.score,
        "existing": [st.pk for st in s.existing],
        "links": [{"statement": link.statement.pk, "round": link.statement.round.ordinal,
                   "text": link.statement.text, "score": link.score} for link in s.links],
    }

