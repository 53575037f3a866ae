"""Organizations in one document, and the conflicts their names reveal.

Organizations come from the gazetteer's PhraseMatchers. Two kinds of error are reported as
conflicts rather than followed: an acronym expanded into words that do not name its
institution ("Joint Staff Coordination Dialogue (JSCD)"), and an acronym translated as an
unrelated institution sharing it ("Hamad Medical Corporation" for the HMC).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from spacy.tokens import Doc

from jscd.core.extraction import Conflict, OrganizationMention
from jscd.extract.gazetteer import Organization
from jscd.extract.mentions import Mention
from jscd.extract.names import normalize_name
from jscd.extract.pipeline import Pipeline
from jscd.extract.tokens import Tokens

__all__ = ["OrganizationFinder", "to_org"]


class OrganizationFinder:
    """Finds organizations and series; holds the acronym indexes built from the gazetteers."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.p = pipeline
        self.known_abbr = _known_abbreviations(pipeline)
        self.abbr_orgs: dict[str, list[Organization]] = {}
        for org in pipeline.gazetteer.organizations:
            for a in org.abbreviations:
                self.abbr_orgs.setdefault(a.upper(), []).append(org)

    def organizations(self, doc: Doc, tokens: Tokens, text: str
                      ) -> tuple[list[Mention], list[Mention], list[Conflict]]:
        """Organization mentions, series mentions (for rounds) and conflicts."""
        g = self.p.gazetteer
        strings = self.p.nlp.vocab.strings
        raw = []
        for match_id, s, e in [*self.p.phrases(doc), *self.p.acronyms(doc)]:
            kind, _, idx = strings[match_id].partition(":")
            raw.append((tokens.start[s], tokens.end[e - 1], kind, int(idx)))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        kept, last_end = [], -1
        for r in raw:
            if r[0] >= last_end:
                kept.append(r)
                last_end = r[1]
        present = {g.organizations[i].name for s, e, k, i in kept if k == "ORG"}
        present_abbr = {text[s:e].upper() for s, e, k, i in kept}
        orgs, series, conflicts = [], [], []
        for s, e, kind, i in kept:
            surface = text[s:e]
            if kind == "SERIES":
                series.append(Mention("series", s, e, g.series[i].name, surface))
                continue
            org = self._choose_org(surface, g.organizations[i], present)
            swapped = self._swapped(org, surface, present, present_abbr)
            if swapped is not None:
                conflicts.append(Conflict(
                    kind="mistranslation", surface=surface, canonical=swapped.name,
                    detail=f"{org.name} ({org.domain}) shares an acronym with "
                           f"{swapped.name}, which this report is about"))
                org = swapped
            orgs.append(Mention("org", s, e, org.name, surface, org.party))
        conflicts += self._wrong_expansions(text)
        return orgs, series, conflicts

    def _choose_org(self, surface: str, org: Organization, present: set[str]) -> Organization:
        """An acronym shared by several institutions: the one named in the text, else defence."""
        options = self.abbr_orgs.get(surface.upper(), [])
        if len(options) <= 1 or surface.upper() not in {a.upper() for a in org.abbreviations}:
            return org
        security = [o for o in options if o.domain == "security"]
        if len(security) == 1:
            return security[0]
        named = [o for o in security or options if o.name in present]
        return named[0] if len(named) == 1 else org

    def _swapped(self, org: Organization, surface: str, present: set[str],
                 present_abbr: set[str]) -> Organization | None:
        if org.domain == "security" or surface.upper() in {a.upper() for a in org.abbreviations}:
            return None
        for abbr in org.abbreviations:
            for other in self.abbr_orgs.get(abbr.upper(), []):
                if other is not org and other.domain == "security" and (
                        other.name in present or abbr.upper() in present_abbr):
                    return other
        return None

    def _wrong_expansions(self, text: str) -> list[Conflict]:
        out = []
        for m in re.finditer(r"\(([A-Z][A-Za-z]{1,6}(?:-[A-Z]{1,4})?)\)", text):
            abbr = m.group(1)
            targets = self.known_abbr.get(abbr.upper().replace("-", ""))
            if not targets:
                continue
            expansion = _expansion_before(text, m.start(), abbr)
            if expansion is None:
                continue
            if any(_same_name(expansion, form) for form in targets[1]):
                continue
            out.append(Conflict(
                kind="wrong_expansion", surface=expansion, canonical=targets[0],
                detail=f"{abbr} stands for {targets[0]}"))
        return out


def _known_abbreviations(p: Pipeline) -> dict[str, tuple[str, tuple[str, ...]]]:
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for entry in [*p.gazetteer.series, *p.gazetteer.organizations]:
        forms = (entry.name, *entry.aliases)
        for a in entry.abbreviations:
            key = a.upper().replace("-", "").replace(" ", "")
            if key in out:  # shared acronym: accept every holder's names
                out[key] = (out[key][0], out[key][1] + forms)
            else:
                out[key] = (entry.name, forms)
    return out


def _same_name(a: str, b: str) -> bool:
    na, nb = normalize_name(a).replace("us ", ""), normalize_name(b).replace("us ", "")
    return na == nb or na.endswith(nb) or fuzz.ratio(na, nb) >= 92


def _expansion_before(text: str, paren: int, abbr: str) -> str | None:
    """The words before '(ABBR)' whose initials spell the acronym, if any."""
    letters = abbr.upper().replace("-", "")
    words = list(re.finditer(r"[A-Za-z][\w.’']*|[–—-]", text[max(0, paren - 160):paren]))
    base = max(0, paren - 160)
    for take in range(1, min(len(words), 12) + 1):
        chunk = words[-take:]
        first = chunk[0].group(0)
        if not first[:1].isupper():
            continue
        caps = "".join(w.group(0)[0] for w in chunk if w.group(0)[:1].isupper())
        allw = "".join(w.group(0)[0].upper() for w in chunk if w.group(0)[0].isalpha())
        if letters in (caps.upper(), allw):
            return text[base + chunk[0].start():base + chunk[-1].end()]
    return None


def to_org(m: Mention) -> OrganizationMention:
    return OrganizationMention(name=m.name, surface=m.surface, party=m.party,
                               start=m.start, end=m.end)
