"""Thread suggestion links successive rounds' statements of one commitment, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from jscd.core.similarity import Corpus, acronym_definitions, similarity
from jscd.record.access import OPERATOR
from jscd.record.models import Statement, Thread, ThreadLink
from jscd.record.services.suggest import (
    apply_suggestions,
    confirm_link,
    reject_link,
    suggest_threads,
)

#: The five threads issue 2 names, by the words their demo titles carry.
FIVE = ("Higher Military Commission", "further JSCD rounds", "Protection of U.S.",
        "Repatriation", "education and training")


def _demo_threads() -> dict[str, list[Statement]]:
    """Each of the five demo threads' statements, read before the links are removed."""
    out = {}
    for words in FIVE:
        thread = Thread.objects.get(title__icontains=words)
        out[words] = list(Statement.objects.filter(links__thread=thread)
                          .select_related("round").order_by("round__ordinal"))
    return out


def test_acronyms_defined_once_are_expanded_everywhere() -> None:
    found = acronym_definitions("form a Higher Military Commission (HMC) and a Memorandum of "
                                "Understanding (MoU) with the Counter-Terrorism Service (CTS)")
    assert found == {"HMC": "Higher Military Commission", "MoU": "Memorandum of Understanding",
                     "CTS": "Counter-Terrorism Service"}
    corpus = Corpus(["agreed to form a Higher Military Commission (HMC)",
                     "reviewed the six months of work of the HMC"])
    assert "commission" in corpus.lemmas("reviewed the six months of work of the HMC")


def test_same_object_scores_higher_than_a_different_one() -> None:
    a = "Iraq pledged to protect Coalition personnel, advisers and convoys"
    b = "Iraq again pledged to protect the advisers, convoys and facilities of the Coalition"
    c = "The delegations discussed repatriation of displaced persons from northeast Syria"
    assert similarity(a, b) > 0.6 > similarity(a, c)


@pytest.mark.django_db
def test_suggestion_links_the_five_threads_of_the_demo_without_help(demo: None) -> None:
    expected = _demo_threads()
    ThreadLink.objects.all().delete()  # start from the statements alone
    suggestions = suggest_threads(OPERATOR)

    table = sorted((s.category, s.score or 0, s.title[:50]) for s in suggestions)
    print("\n".join(f"{c:24} {score:.3f} {t}" for c, score, t in table))  # the measured scores
    chains = [{st.pk for st in s.statements} for s in suggestions]
    for words, statements in expected.items():
        first = statements[0]
        later = [s for s in statements if s.round.ordinal > first.round.ordinal
                 and s.category == first.category]
        assert later, words
        assert any(first.pk in chain and later[0].pk in chain for chain in chains), (
            f"no suggestion links the {words!r} thread")


@pytest.mark.django_db
def test_no_suggestion_links_unrelated_categories(demo: None) -> None:
    ThreadLink.objects.all().delete()
    suggestions = suggest_threads(OPERATOR)
    assert suggestions
    for suggestion in suggestions:
        assert {s.category for s in suggestion.statements} == {suggestion.category}
        ordinals = [s.round.ordinal for s in suggestion.statements]
        assert len(ordinals) == len(set(ordinals)), "one statement per round per thread"


@pytest.mark.django_db
def test_existing_thread_is_extended_before_a_new_one_is_proposed(demo: None) -> None:
    thread = Thread.objects.get(title__icontains="Repatriation")
    r2 = thread.links.get(statement__round__ordinal=2)
    r2_statement = r2.statement
    r2.delete()
    mine = [s for s in suggest_threads(OPERATOR) if s.thread == thread]
    assert len(mine) == 1 and [link.statement for link in mine[0].links] == [r2_statement]
    assert mine[0].links[0].score is not None and mine[0].links[0].score > 0.3


@pytest.mark.django_db
def test_applied_suggestions_wait_for_an_editor(demo: None, usa_editor: Any) -> None:
    ThreadLink.objects.all().delete()
    Thread.objects.all().delete()
    suggestions = suggest_threads(usa_editor)
    threads = apply_suggestions(usa_editor, suggestions)
    assert len(threads) == len(suggestions)
    links = ThreadLink.objects.filter(thread__in=threads)
    assert links.exists() and not links.filter(confirmed=True).exists()
    assert all(link.score is not None for link in links)
    # Every new thread starts announced with the first statement's evidence, and a keeper.
    for thread in threads:
        assert thread.changes.count() == 1 and thread.changes.get().evidence.exists()
        assert thread.keeper == usa_editor.username
    # Applying again suggests nothing more: the statements are now in threads.
    assert suggest_threads(usa_editor) == []

    link = links.first()
    confirm_link(usa_editor, link)
    link.refresh_from_db()
    assert link.confirmed and link.score is not None
    other = links.exclude(pk=link.pk).first()
    reject_link(usa_editor, other)
    assert not ThreadLink.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_other_party_statements_are_never_suggested(party_rows: dict, usa_editor: Any,
                                                     irq_editor: Any) -> None:
    suggestions = suggest_threads(irq_editor)
    seen = {st.marking for s in suggestions for st in s.statements}
    assert "USA" not in seen
    with pytest.raises(Exception, match="no such thread link"):
        confirm_link(irq_editor, party_rows["USA"]["thread"].links.first())
