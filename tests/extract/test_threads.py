"""Threads proposed by reconcile: a joint body is followed through what it produces."""

from __future__ import annotations

from jscd.core.extraction import DocumentResult, OrganizationMention, StatementMention
from jscd.extract import reconcile

BODY = "Joint Planning Board"


def _doc(doc_id: str, text: str, rnd: int, category: str, modality: str = "decided") -> DocumentResult:
    start = text.index(BODY)
    return DocumentResult(
        id=doc_id,
        statements=[StatementMention(actor="BOTH", modality=modality, category=category, round=rnd,
                                     text=text, start=0, end=len(text))],
        organizations=[OrganizationMention(name=BODY, surface=BODY, party=None, start=start,
                                           end=start + len(BODY))],
    )


def test_a_body_set_up_at_one_round_is_followed_by_statements_naming_it_later():
    first = _doc("a.txt", f"The sides agreed to set up a {BODY} to review force posture.", 1,
                 "governance_body")
    later = _doc("b.txt", f"A statement on the mission's future will follow the {BODY}'s findings.", 2,
                 "coalition_transition", "intends")
    record = reconcile([first, later])
    body = next(t for t in record.threads if t.topic == BODY)
    assert body.rounds == [1, 2] and ("b.txt", 0) in body.statements
    transition = next(t for t in record.threads if t.category == "coalition_transition")
    assert transition.rounds == [2]  # still filed under the matter it decides


def test_a_statement_not_naming_the_body_does_not_join_its_thread():
    first = _doc("a.txt", f"The sides agreed to set up a {BODY}.", 1, "governance_body")
    other = DocumentResult(id="c.txt", statements=[StatementMention(
        actor="BOTH", modality="intends", category="coalition_transition", round=2,
        text="A statement on the mission's future will follow.", start=0, end=48)])
    body = next(t for t in reconcile([first, other]).threads if t.topic == BODY)
    assert body.rounds == [1]
