"""Who a statement's subject is: a party, both parties, or unknown.

The subject comes from the parse (:mod:`jscd.extract.clauses`); its party follows from what
the subject *is*, in this order:

1. a pronoun: "he"/"she"/"I" is the person last seen as a subject (else the last person
   mentioned), "they"/"we" the group last seen as a subject (else both parties);
2. coordinated subjects ("Kenya and the United States", "the secretary and the chairman"):
   each conjunct is resolved, and two different parties make ``BOTH``;
3. a person mentioned inside the subject (gazetteer, title patterns): that person's party;
4. countries, governments, demonyms and ministries inside the subject: one country is its
   party, two are ``BOTH``;
5. a group noun ("the two", "both", "the leaders", "the ministers", "the delegations") or an
   event noun ("the statement", "the conversation"): ``BOTH``, when the document has two
   parties;
6. a bare title ("the Secretary", "the chairman"): the last person mentioned whose title has
   that word;
7. an organization with a party.

Anything else stays ``None``: unknown is never guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from jscd.core.vocab import BOTH
from jscd.extract.clauses import ClauseLexicon
from jscd.extract.entities import Mention

__all__ = ["ActorResolver"]

CountryFinder = Callable[[str], list[tuple[int, int, str]]]


@dataclass
class ActorResolver:
    """Resolve subjects in document order, remembering who was last the subject."""

    lexicon: ClauseLexicon
    text: str
    people: Sequence[Mention]
    organizations: Sequence[Mention]
    countries: CountryFinder
    parties: Sequence[str]  # the document's two parties when known, most mentioned first
    lemma: Callable[[str], str] = str.lower  # the lookup lemmatizer ("countries" -> "country")
    sentences: Sequence[tuple[int, int]] = ()  # character spans, for "he" across sentences
    last_person: str | None = None
    last_person_at: int = -1
    last_group: str | None = None
    _starts: list[int] = field(default_factory=list)
    _offset: int = 0

    def __post_init__(self) -> None:
        self.people = sorted(self.people, key=lambda m: m.start)
        self._starts = [m.start for m in self.people]

    # ---- helpers --------------------------------------------------------------------------
    def _people_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.people if m.start < end and start < m.end]

    def _person_before(self, pos: int, word: str | None = None) -> Mention | None:
        i = bisect_left(self._starts, pos)
        for m in reversed(self.people[:i]):
            if m.party and (word is None or (m.title and word in m.title.lower())):
                return m
        return None

    def _sentence_subject_before(self, at: int) -> Mention | None:
        """The person a sentence before this one opens with: where readouts name the subject
        that a following "he" continues ("Secretary Carter visited ... He met ...")."""
        starts = [a for a, _b in self.sentences]
        k = bisect_left(starts, at + 1) - 1
        for j in range(k - 1, max(-1, k - 6), -1):
            a, b = self.sentences[j]
            inside = [m for m in self.people if a <= m.start < b and m.party]
            if inside:
                return inside[0]
        return None

    def both(self, explicit: bool = True) -> str | None:
        """``BOTH`` for a subject that says both sides ("the two", "the delegations", the
        document's own passive voice); a guess from context (a "they" with no group before
        it) only when the document's two parties are known."""
        return BOTH if explicit or len(self.parties) >= 2 else None

    def _countries(self, start: int, end: int) -> set[str]:
        return {code for _s, _e, code in self.countries(self.text[start:end])}

    # ---- the rule -------------------------------------------------------------------------
    def resolve(self, subject: Token | None, at: int, offset: int = 0) -> str | None:
        """The actor of a clause whose subject token is ``subject`` (at character ``at``).

        ``offset`` is where the parsed piece starts in the document: token offsets are the
        piece's own.
        """
        if subject is None:
            return None
        self._offset = offset
        actor = self._resolve(subject, at)
        if actor is not None:
            plural = actor == BOTH or subject.tag_ in ("NNS", "NNPS") or subject.lower_ in (
                self.lexicon.plural_pronouns) or any(c.dep_ == "conj" for c in subject.children)
            if plural:
                self.last_group = actor
            else:
                self.last_person, self.last_person_at = actor, at
        return actor

    def _resolve(self, subject: Token, at: int) -> str | None:
        lx = self.lexicon
        lower = subject.lower_
        if subject.tag_ in ("PRP",) or lower in lx.person_pronouns | lx.plural_pronouns:
            if lower in lx.plural_pronouns:
                return self.last_group or self.both(explicit=False)
            if lower in lx.person_pronouns:
                m = self._sentence_subject_before(at)
                if self.last_person and (m is None or self.last_person_at > m.start):
                    return self.last_person
                if m is None:
                    m = self._person_before(at)
                return m.party if m else None
            return None
        conjuncts = [subject, *[c for c in subject.conjuncts if c.i > subject.i]]
        if len(conjuncts) > 1:
            found = set()
            for c in conjuncts:
                lo, hi = self._own_span(c)
                one = self._single(c, lo, hi, at)
                if one:
                    found.add(one)
            if BOTH in found or len(found) >= 2:
                return self.both()
            if len(found) == 1:
                return found.pop()
            return None
        start = self._offset + subject.left_edge.idx
        end = self._offset + subject.right_edge.idx + len(subject.right_edge.text)
        return self._single(subject, start, end, at)

    def _possessor(self, subject: Token) -> str | None:
        """'The statement affirmed Iraq's commitment': the owner of the commitment speaks."""
        verb = subject.head
        for obj in verb.children:
            if obj.dep_ == "dobj" and self.lemma(obj.lower_) in self.lexicon.possessed:
                for poss in obj.children:
                    if poss.dep_ == "poss":
                        lo = self._offset + poss.left_edge.idx
                        hi = self._offset + poss.idx + len(poss.text)
                        found = self._countries(lo, hi)
                        if len(found) == 1:
                            return found.pop()
        return None

    def _own_span(self, tok: Token) -> tuple[int, int]:
        """A conjunct's characters without the conjuncts that hang from it."""
        left = tok.left_edge.idx
        right = tok
        for t in tok.subtree:
            if t.dep_ in ("cc", "conj") and t.head.i == tok.i:
                break
            right = t
        return self._offset + left, self._offset + right.idx + len(right.text)

    def _single(self, head: Token, start: int, end: int, at: int) -> str | None:
        lx = self.lexicon
        lemma = self.lemma(head.lower_) if head.tag_ in ("NNS", "NNPS") else head.lower_
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "quantmod")}
        people = self._people_in(start, end)
        countries = self._countries(start, end)
        group = lemma in lx.group_nouns or head.lower_ in lx.group_nouns
        plural = head.tag_ in ("NNS", "NNPS") or bool(dets & lx.group_determiners) or head.lower_ in (
            "two", "both", "all")
        if group and plural:
            if len(countries) == 1:
                return countries.pop()  # "U.S. officials", "the Iraqi delegation"
            return self.both()
        parties = {m.party for m in people if m.party}
        if len(parties) == 1:
            return parties.pop()
        if len(parties) > 1:
            return self.both()
        head_span = (self._offset + head.idx, self._offset + head.idx + len(head.text))
        names_country = any(s <= head_span[0] - start and head_span[1] - start <= e
                            for s, e, _c in self.countries(self.text[start:end]))
        if countries and (names_country or lemma in lx.agent_nouns or group):
            return countries.pop() if len(countries) == 1 else self.both()
        if lemma in lx.event_nouns:
            return self._possessor(head) or self.both()
        if lemma in lx.title_heads or head.lower_ in lx.title_heads:
            m = self._person_before(at, lemma)
            return m.party if m else None
        orgs = {m.party for m in self.organizations if m.start < end and start < m.end and m.party}
        if len(orgs) == 1:
            return orgs.pop()
        if head.tag_ in ("NNP", "NNPS"):
            # a name the gazetteer does not hold: a surname seen before in a titled mention
            for m in reversed(self.people):
                if m.start < start and m.party and head.text in m.surface.split():
                    return m.party
        return None
