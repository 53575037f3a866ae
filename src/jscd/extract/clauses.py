"""Clauses of commitment read from the dependency parse.

A statement is a clause whose verb says that someone decided, pledged, reaffirmed, intends or
discussed something (the corpus annotation guide). The parse tells what a word list cannot:
whether "pledge" is a verb or a noun, which noun is the subject of which verb, where a
coordinated verb with its own object begins ("emphasized X and reiterated Y" is two
statements), and whether a verb is a purpose ("met ... to discuss") or a subordinate
reference ("as agreed at the last round") rather than something the party did.

:class:`ClauseReader` turns one parsed sentence into :class:`Clause` objects: the trigger,
the subject token (``None`` when the clause has none of its own and none can be inherited),
the span from subject (or verb) to the end of the object phrase, and the clause's flags.
Who the subject *is* is :mod:`jscd.extract.actors`' job.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from jscd.extract.gazetteer import load_yaml, strip_lines

__all__ = ["Clause", "ClauseLexicon", "ClauseReader", "clause_lexicon"]

_DATA = Path(__file__).parent / "data" / "clauses.yaml"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_MAX_WORDS = 25  # the annotation guide's longest quote


@dataclass(frozen=True)
class ClauseLexicon:
    """``data/clauses.yaml`` as sets: the only words the clause reader knows."""

    verb_modality: dict[str, str]
    light_verbs: frozenset[str]
    light_objects: dict[str, dict[str, Any]]
    nominal_discussion: frozenset[str]
    adjectives: dict[str, dict[str, str]]
    continuing: frozenset[str]
    importance: frozenset[str]
    agent_nouns: frozenset[str]
    framing: frozenset[str]
    possessed: frozenset[str]
    aspect: frozenset[str]
    future_decisions: frozenset[str]
    reporting: frozenset[str]
    group_nouns: frozenset[str]
    group_determiners: frozenset[str]
    event_nouns: frozenset[str]
    title_heads: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    subordinate_marks: frozenset[str]
    historical_adverbs: frozenset[str]

    def candidate_words(self) -> frozenset[str]:
        """Lemmas any of which makes a text worth parsing by itself."""
        return frozenset(self.verb_modality) | frozenset(self.adjectives) | self.importance | {
            "will", "shall", "look"} | self.nominal_discussion

    def worth_parsing(self, words: list[str], lemma: Any) -> bool:
        """Whether a run of lower-case words can hold a statement: a trigger verb, a future, or
        a light verb *with* the noun that gives it a modality ("offered ... support"). Common
        light verbs alone ("have", "make") are no reason to run the parser."""
        lemmas = {lemma(w) for w in words} | set(words)
        if lemmas & self._always:
            return True
        return bool(lemmas & self.light_verbs) and bool(lemmas & self._light_nouns)

    @cached_property
    def _always(self) -> frozenset[str]:
        return self.candidate_words()

    @cached_property
    def _light_nouns(self) -> frozenset[str]:
        return frozenset(self.light_objects)


@lru_cache(maxsize=2)
def clause_lexicon(path: str | None = None) -> ClauseLexicon:
    data, _check = load_yaml(path or _DATA, None if path else "data/clauses.yaml")
    data = strip_lines(data)
    words = lambda key: frozenset(str(w).lower() for w in data.get(key) or [])  # noqa: E731
    verb_modality: dict[str, str] = {}
    for modality, lemmas in (data.get("verbs") or {}).items():
        for lemma in lemmas:
            verb_modality[str(lemma)] = str(modality)
    light = data.get("light_verbs") or {}
    return ClauseLexicon(
        verb_modality=verb_modality,
        light_verbs=frozenset(light.get("verbs") or []),
        light_objects={str(k): dict(v) for k, v in (light.get("objects") or {}).items()},
        nominal_discussion=words("nominal_discussion"),
        adjectives={str(k): dict(v) for k, v in (data.get("adjectives") or {}).items()},
        continuing=words("continuing_verbs"),
        importance=words("importance_adjectives"),
        agent_nouns=words("agent_nouns"), framing=words("framing_verbs"),
        possessed=words("possessed_commitments"), aspect=words("aspect_verbs"),
        future_decisions=words("future_decisions"), reporting=words("reporting_verbs"),
        group_nouns=words("group_nouns"), group_determiners=words("group_determiners"),
        event_nouns=words("event_nouns"), title_heads=words("title_heads"),
        person_pronouns=words("pronouns_person") or frozenset(data["pronouns"]["person"]),
        plural_pronouns=frozenset(data["pronouns"]["plural"]),
        hypothetical_aux=words("hypothetical_aux"), hypothetical_marks=words("hypothetical_marks"),
        subordinate_marks=words("subordinate_marks"), historical_adverbs=words("historical_adverbs"),
    )


@dataclass
class Clause:
    """One statement-shaped clause of a parsed sentence (offsets into the document)."""

    trigger: Token
    modality: str
    subject: Token | None
    start: int
    end: int
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    inherited: bool = False  # the subject belongs to the verb this one is coordinated with
    passive: bool = False  # a passive without an agent: the document's own (joint) voice


class ClauseReader:
    """Find the statement clauses of one parsed sentence."""

    def __init__(self, lexicon: ClauseLexicon | None = None,
                 lemma: Any = None) -> None:
        self.lx = lexicon or clause_lexicon()
        self.lemma = lemma or (lambda word: word)
        self._known: dict[int, str | None] = {}  # token index -> modality, for one sentence

    # ---- triggers -------------------------------------------------------------------------
    def _lemma(self, tok: Token) -> str:
        lower = tok.lower_
        return lower if lower in self.lx.verb_modality else self.lemma(lower)

    def _modality(self, tok: Token) -> str | None:
        """The modality a verb token carries by itself or with its object, if any (each token
        of the sentence being read is looked at once: the walks up the tree ask again)."""
        known = self._known
        if tok.i in known:
            return known[tok.i]
        known[tok.i] = found = self._read_modality(tok)
        return found

    def _read_modality(self, tok: Token) -> str | None:
        if not tok.tag_.startswith("VB"):
            return None
        lemma = self._lemma(tok)
        if lemma == "look" and any(c.lower_ == "forward" for c in tok.children):
            return "intends"
        if lemma == "look" and any(c.dep_ == "prep" and c.lower_ in ("at", "into") for c in tok.children):
            return "discussed"
        if lemma in self.lx.reporting:
            for child in tok.children:
                if child.dep_ == "ccomp" and any(g.dep_ == "acomp" and g.lower_ in self.lx.importance
                                                 for g in child.children):
                    return "reaffirmed"  # "both sides said it is important to keep ..."
        if lemma in self.lx.light_verbs and lemma not in self.lx.verb_modality:
            for child in tok.children:
                if child.dep_ in ("dobj", "attr", "nsubjpass") and child.tag_.startswith("NN"):
                    noun = child.lower_ if child.lower_ in self.lx.light_objects else self.lemma(
                        child.lower_.rstrip("s") if child.tag_ == "NNS" else child.lower_)
                    entry = self.lx.light_objects.get(noun)
                    if entry and (not entry.get("only") or lemma in entry["only"]):
                        return (entry.get("after") or {}).get(lemma, entry["modality"])
        if lemma in self.lx.verb_modality:
            if lemma == "exchange" and not any(self.lemma(c.lower_) in ("view", "idea", "perspective")
                                               for c in tok.children):
                return None
            return self.lx.verb_modality[lemma]
        for child in tok.children:
            if child.dep_ == "acomp" and child.lower_ in self.lx.adjectives:
                entry = self.lx.adjectives[child.lower_]
                if lemma in self.lx.continuing and "continuing" in entry:
                    return entry["continuing"]
                return entry["modality"]
            if child.dep_ == "prep" and child.lower_ == "with":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.lemma(pobj.lower_) in self.lx.nominal_discussion:
                        return "discussed"
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in tok.children):
            return "decided" if lemma in self.lx.future_decisions and any(
                c.dep_ == "auxpass" for c in tok.children) else "intends"
        return None

    def _subordinate(self, tok: Token) -> bool:
        """'as agreed', 'if they decide': a trigger that only qualifies another clause."""
        if tok.dep_ in ("relcl", "acl") and any(
                c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in tok.children) and any(
                c.lower_ == "where" for c in tok.children):
            return False  # "... Washington, where they reaffirmed": a clause of its own
        if tok.dep_ in ("amod", "compound", "acl", "relcl", "pcomp", "csubj"):
            return True
        return any(c.dep_ == "mark" and c.lower_ in self.lx.subordinate_marks for c in tok.children)

    def _nested(self, tok: Token) -> bool:
        """A trigger inside another trigger's object ("stressed the importance of Iraq continuing
        to provide support") is part of that statement; coordination ("X and affirmed Y") is not
        nesting."""
        seen = 0
        while tok.head.i != tok.i and seen < 12:
            seen += 1
            if tok.dep_ == "conj":
                tok = tok.head
                continue
            head = tok.head
            if tok.dep_ not in ("xcomp", "ccomp", "advcl", "parataxis") and self._modality(head) is not None:
                return True
            tok = head
        return False

    def _infinitive(self, tok: Token) -> bool:
        return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children) or (
            tok.dep_ in ("xcomp", "advcl") and tok.tag_ == "VB")

    def triggers(self, sent: SpacySpan) -> list[tuple[Token, str]]:
        """(verb, modality) of every verb that heads a statement of its own."""
        self._known = {}  # a new sentence: token indices mean other tokens now
        out = []
        for tok in sent:
            modality = self._modality(tok)
            if modality is None or self._subordinate(tok):
                continue
            if tok.tag_ == "VBG" and tok.dep_ != "conj" and not (
                    tok.dep_ == "advcl" and tok.i > 0 and tok.nbor(-1).text == ","
                    and modality != "discussed" and self._lemma(tok) not in self.lx.framing):
                # "..., emphasizing X" or "..., considering Y" colours the clause it hangs
                # from; "..., confirming X" affirms something of its own
                continue
            if self._nested(tok):
                continue
            if self._infinitive(tok):
                head = tok.head
                if head.i == tok.i or self._modality(head) is not None:
                    continue  # "agreed to discuss": part of the outer statement
                if self._lemma(head) not in self.lx.aspect:
                    continue  # "met ... to discuss": a purpose, not a statement
            if tok.tag_ == "VBN" and tok.dep_ not in ("ROOT", "conj", "ccomp") and not any(
                    c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
                continue  # a participle modifying a noun ("the agreed plan")
            out.append((tok, modality))
        return out

    # ---- subjects -------------------------------------------------------------------------
    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The subject of ``verb`` and whether it was inherited from a coordinated verb."""
        seen = 0
        tok = verb
        inherited = False
        while seen < 8:
            for child in tok.children:
                if child.dep_ in _SUBJECTS:
                    return child, inherited
            if tok.dep_ == "conj" or (tok.dep_ in ("xcomp", "advcl") and tok.head.i != tok.i):
                tok = tok.head
                inherited = True
                seen += 1
                continue
            return self._fallback_subject(verb), inherited
        return None, inherited

    @staticmethod
    def _fallback_subject(verb: Token) -> Token | None:
        """A subject the parse hung elsewhere: "To deepen ties, Kenya and the United States
        decided ..." reads "Kenya and the United States" as a conjunct of "ties". The noun
        phrase right before a finite verb, after the last comma, is its subject."""
        if verb.dep_ not in ("ROOT", "conj") or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
            return None
        prev = verb.doc[verb.i - 1]
        if not prev.tag_.startswith(("NN", "PRP")):
            return None
        lo = max((t.i for t in verb.doc[verb.sent.start:verb.i] if t.text == ","), default=verb.sent.start - 1)
        chain = [t for t in (prev, *prev.conjuncts) if lo < t.i < verb.i]
        return min(chain, key=lambda t: t.i) if chain else None

    # ---- spans ----------------------------------------------------------------------------
    def _end(self, verb: Token, sent: SpacySpan) -> int:
        """Index (exclusive) of the last token of the verb's own clause."""
        stop = sent.end
        for child in verb.rights:
            own_clause = (child.dep_ == "conj" and child.tag_.startswith("VB")) or child.dep_ == "parataxis"
            reported = child.dep_ == "ccomp" and self._lemma(child) in self.lx.reporting
            another = child.dep_ == "advcl" and self._modality(child) is not None
            if own_clause or reported or another:
                stop = min(stop, child.left_edge.i)
        end = min(stop, verb.right_edge.i + 1)
        doc = verb.doc
        while end > verb.i + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc",)
                                    or doc[end - 1].is_space or doc[end - 1].lower_ in ("and", "or")):
            end -= 1
        return end

    def clauses(self, sent: SpacySpan, text: str | None = None) -> list[Clause]:
        """The statement clauses of one sentence, in order; ``text`` is the parsed text, if at hand.

        Two rules keep what restates or only frames a commitment out:
        * a line without a closing full stop whose verb is in the present tense ("Iraq and the
          United States emphasize ...") is a headline, deck or summary bullet: news style
          restates the body there, and the body is read;
        * "emphasized the value of X and decided to strengthen both": an emphasis coordinated
          with a firmer commitment of the same subject frames it, so only the commitment is
          a statement (emphases coordinated with one another stay separate statements).
        """
        out: list[Clause] = []
        doc = sent.doc
        text = doc.text if text is None else text  # the parsed text (Doc.text re-joins tokens)
        line_end = text.find("\n", sent.end_char)
        line = text[:len(text) if line_end < 0 else line_end].rstrip()
        headline = not line.endswith((".", "!", "?", ":", "”", "\"", ";"))
        for verb, modality in self.triggers(sent):
            if headline and (verb.tag_ in ("VBP", "VBZ") or (verb.tag_ == "VB" and not any(
                    c.dep_ in ("aux", "auxpass") for c in verb.children))):
                continue
            subject, inherited = self.subject(verb)
            start_tok = verb.i
            if subject is not None and not inherited and subject.i < verb.i:
                left = subject.left_edge.i
                between = doc[subject.right_edge.i + 1:verb.i]
                if len(between) <= 5 and not any(t.text in "“”\"" for t in between):
                    start_tok = left
            while start_tok < verb.i and (doc[start_tok].is_space or doc[start_tok].is_punct):
                start_tok += 1
            end_tok = self._end(verb, sent)
            words = [t for t in doc[start_tok:end_tok] if not t.is_punct and not t.is_space]
            if len(words) > _MAX_WORDS:
                end_tok = self._cut(doc, start_tok, end_tok)
            negated = any(c.dep_ == "neg" for c in verb.children)
            aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
            hypothetical = bool(aux & self.lx.hypothetical_aux) or any(
                c.dep_ == "mark" and c.lower_ in self.lx.hypothetical_marks for c in verb.head.children)
            historical = ("had" in aux and verb.tag_ == "VBN") or any(
                c.lower_ in self.lx.historical_adverbs for c in verb.children if c.dep_ == "advmod")
            out.append(Clause(
                trigger=verb, modality=modality, subject=subject,
                start=doc[start_tok].idx, end=doc[end_tok - 1].idx + len(doc[end_tok - 1].text),
                negated=negated, hypothetical=hypothetical, historical=historical,
                inherited=inherited, passive=any(c.dep_ == "auxpass" for c in verb.children) and not any(
                    c.dep_ == "agent" for c in verb.children)))
        return self._framing(out)

    def _framing(self, clauses: list[Clause]) -> list[Clause]:
        keep: list[Clause] = []
        for c in clauses:
            prev = keep[-1] if keep else None
            if (prev is not None and c.inherited and c.trigger.dep_ == "conj" and c.trigger.head.i == prev.trigger.i
                    and prev.modality in ("reaffirmed", "discussed")
                    and self._lemma(prev.trigger) in self.lx.framing
                    and c.modality in ("decided", "pledged", "intends")):
                keep[-1] = c
                continue
            keep.append(c)
        return keep

    @staticmethod
    def _cut(doc: Any, start: int, end: int) -> int:
        """End a quote of more than 25 words at the last comma inside its first 25, else there."""
        count, limit = 0, end
        for i in range(start, end):
            if not doc[i].is_punct and not doc[i].is_space:
                count += 1
            if count == _MAX_WORDS:
                limit = i + 1
                break
        for i in range(limit - 1, start + 4, -1):
            if doc[i].text in (",", ";"):
                return i
        return limit
