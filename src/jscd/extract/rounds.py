"""Rounds of a dialogue series mentioned in one document.

A round is a series name ("Joint Security Cooperation Dialogue", "JSCD") or a bare "the
first dialogue" with an ordinal in front of it (first, second, inaugural, 3rd); its dates and
place come from the same sentence or the next one; its leads from "led by"/"headed by". The
document's *main* round is the one it reports (the one with dates, else the first not merely
recalled); mentions without an ordinal are folded into it. Anything not found stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from jscd.extract.dates import DateExpr
from jscd.extract.entities import Mention
from jscd.extract.patterns import alternation, caseless, compile_rule
from jscd.extract.pipeline import Pipeline

__all__ = ["RoundInfo", "attach_leads", "find_rounds", "ordinal_value"]

_ORDINALS = {
    "first": 1, "inaugural": 1, "initial": 1, "second": 2, "third": 3, "fourth": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12,
}
_ORD_RE = re.compile(
    r"\b(first|inaugural|initial|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"(\d{1,2})(?:st|nd|rd|th))\b(?:\s+(?:annual|round of the|session of the|meeting of the))?"
    r"(?:\s+[\w.’'\-–]+){0,3}\s*$", re.I)
_FUTURE = re.compile(r"(?:\b(subsequent|future|next|upcoming|further|follow-on)|\b(?:to|will|shall)"
                     r"\s+(?:hold|convene|host))\s+(?:[\w.\-]+\s+){0,3}$", re.I)
# _BARE and _LED are searched in the lower-cased text (faster than re.I); the bare ordinal
# is two patterns, words and figures, so that each starts with what re can scan for
_BARE = [compile_rule(rf"\b({ordinal})\s+(dialogue|round|meeting|session)\b") for ordinal in (
    "first|inaugural|second|third|fourth|fifth", r"\d\d?(?:st|nd|rd|th)")]
_RECALL = re.compile(r"\b(builds? on|follows?|previous|earlier|last (summer|year|month)|"
                     r"during the|at the|since the)\b", re.I)
_LED = compile_rule(r"\b(?:led|headed|chaired|co-chaired)\s+by\b")
_LED_AFTER = re.compile(r"^\s*(?:,\s*)?(?:headed|led)\s+(?:a|the|his|her|their)\s+delegation", re.I)
_PAIR = re.compile(r"({c})\s*[-–]\s*({c})\s*$")


def ordinal_value(word: str) -> int | None:
    """"Eighth" is 8, "49th" is 49; any other word None (rounds and events read ordinals alike)."""
    word = word.lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    m = re.match(r"(\d{1,3})(?:st|nd|rd|th)$", word)
    return int(m.group(1)) if m else None


@dataclass
class RoundInfo:
    """The rounds of one document, with which sentence speaks of which round."""

    series: str | None = None
    parties: list[str] = field(default_factory=list)
    main: int = -1  # index into rounds
    rounds: list[dict] = field(default_factory=list)
    sentence_round: dict[int, int] = field(default_factory=dict)  # sentence start -> round idx

    def ordinal_of_sentence(self, sent_start: int) -> tuple[int | None, bool]:
        """(ordinal, historical) of the round a sentence speaks of."""
        idx = self.sentence_round.get(sent_start, self.main)
        if idx < 0:
            return None, False
        return self.rounds[idx]["ordinal"], idx != self.main


def _country_counts(p: Pipeline, text: str) -> Counter[str]:
    return Counter(p.country_of[m.group(0)] for m in p.country_re.finditer(text))


def _sentence_finder(sentences: list[tuple[int, int]]) -> Callable[[int], int]:
    """Index of the sentence holding a character offset (the last one if none does)."""
    starts = [s for s, _ in sentences]

    def sent_of(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i][1] else len(sentences) - 1

    return sent_of


def find_rounds(p: Pipeline, text: str, sentences: list[tuple[int, int]], series_mentions:
                list[Mention], dates: list[DateExpr]) -> RoundInfo:
    """The rounds one document mentions; their leads come later, from :func:`attach_leads`."""
    g = p.gazetteer
    with_rounds = {s.name for s in g.series if s.rounds}
    counts = Counter(m.name for m in series_mentions if m.name in with_rounds)
    info = RoundInfo()
    if not counts:
        return info
    info.series = counts.most_common(1)[0][0]
    # "Posted: 2024-03-14" is when the report appeared, not the round
    dates = [d for d in dates if not _dateline(text, d)]
    pair_re = _pair_re(p)
    sent_of = _sentence_finder(sentences)

    raw: list[dict] = []
    for m in series_mentions:
        if m.name != info.series:
            continue
        left = text[max(0, m.start - 60):m.start]
        if _FUTURE.search(left) or (text[m.start:m.end].endswith("s") and m.surface.lower().endswith(
                "dialogues")):
            continue
        om = _ORD_RE.search(left)
        ordinal = ordinal_value(om.group(1)) if om else None
        pm = pair_re.search(left)
        parties = sorted({p.country_of[pm.group(1)], p.country_of[pm.group(2)]}) if pm else []
        raw.append({"pos": m.start, "end": m.end, "ordinal": ordinal, "parties": parties,
                    "start_at": om.start() + max(0, m.start - 60) if om else m.start})
    lower = caseless(text)
    for m in (m for bare in _BARE for m in bare.finditer(lower)):
        if _FUTURE.search(text[max(0, m.start() - 60):m.start()]):
            continue  # "to hold a second round": not held yet
        raw.append({"pos": m.start(), "end": m.end(), "ordinal": ordinal_value(m.group(1)),
                    "parties": [], "start_at": m.start()})
    raw.sort(key=lambda r: r["pos"])
    if not raw:
        return info
    for r in raw:
        r["sent"] = sent_of(r["pos"])
    mention_sents = {r["sent"] for r in raw}

    # group by ordinal; unnumbered mentions join the main round later
    groups: dict[int | None, list[dict]] = {}
    for r in raw:
        groups.setdefault(r["ordinal"], []).append(r)
    rounds: list[dict] = []
    for ordinal, items in groups.items():
        rd = {"ordinal": ordinal, "mentions": items, "start": None, "end": None,
              "partial": (None, None), "bounds": (None, None), "location": None,
              "parties": sorted({c for r in items for c in r["parties"]}), "leads": {},
              "date_text": None}
        for r in items:
            _attach_when_where(p, text, sentences, r, rd, dates, mention_sents, same_only=True)
        for r in items:
            _attach_when_where(p, text, sentences, r, rd, dates, mention_sents)
        rounds.append(rd)
    numbered = [i for i, rd in enumerate(rounds) if rd["ordinal"] is not None]
    dated = [i for i, rd in enumerate(rounds) if rd["start"] or rd["partial"][0]]
    fresh = [i for i, rd in enumerate(rounds)
             if not _RECALL.search(text[sentences[rd["mentions"][0]["sent"]][0]:
                                        rd["mentions"][0]["pos"]])]
    dated_numbered = [i for i in dated if i in numbered]
    main = (dated_numbered or dated or [i for i in fresh if i in numbered] or fresh or numbered
            or [0])[0]
    if None in groups and rounds[main]["ordinal"] is not None:
        loose = next(i for i, rd in enumerate(rounds) if rd["ordinal"] is None)
        rounds[main]["mentions"] += rounds[loose]["mentions"]
        for key in ("start", "end", "location", "date_text"):
            rounds[main][key] = rounds[main][key] or rounds[loose][key]
        if rounds[main]["partial"][0] is None:
            rounds[main]["partial"] = rounds[loose]["partial"]
        rounds[main]["parties"] = sorted(set(rounds[main]["parties"]) | set(rounds[loose]["parties"]))
        del rounds[loose]
        main = main - 1 if loose < main else main
    if any(not rd["parties"] for rd in rounds):
        top = [c for c, _ in _country_counts(p, text).most_common(2)]
    for rd in rounds:
        if not rd["parties"]:
            rd["parties"] = sorted(top) if len(top) == 2 else []
    info.rounds, info.main, info.parties = rounds, main, rounds[main]["parties"]
    for i, rd in enumerate(rounds):
        for r in rd["mentions"]:
            s = sentences[r["sent"]][0]
            if i != main or s not in info.sentence_round:
                info.sentence_round[s] = i
    return info


@lru_cache(maxsize=4)
def _pair_re(p: Pipeline) -> re.Pattern[str]:
    """'U.S.-Iraq' before a series name: the two parties of the dialogue."""
    return re.compile(_PAIR.pattern.format(c=alternation(p.country_of)))


def _attach_when_where(p: Pipeline, text: str, sentences, r: dict, rd: dict,
                       dates: list[DateExpr], mention_sents: set[int], same_only: bool = False
                       ) -> None:
    """Dates and place in the mention's sentence (after it first), or in the next sentence."""
    # after the mention, then before it ("met in Warsaw on ... for the inaugural dialogue")
    # unless what precedes it recalls other events ("builds on the visit to Washington ...")
    sent_start, sent_end = sentences[r["sent"]]
    windows = [(r["end"], sent_end)]
    if not _RECALL.search(text, sent_start, r["pos"]):
        windows.append((sent_start, r["pos"]))
    nxt = r["sent"] + 1
    if not same_only and nxt < len(sentences) and nxt not in mention_sents:
        windows.append(sentences[nxt])
    for lo, hi in windows:
        for d in dates:
            if lo <= d.start < hi and rd["start"] is None and rd["partial"][0] is None:
                if d.first or d.partial_first:
                    rd["start"], rd["end"] = d.first, d.last
                    rd["partial"] = (d.partial_first, d.partial_last)
                    rd["date_text"] = d.text
                elif d.earliest and rd["bounds"][0] is None:
                    rd["bounds"] = (d.earliest, d.latest)
                    rd["date_text"] = rd["date_text"] or d.text
        if rd["location"] is None:
            for m in p.place_re.finditer(text, lo, hi):
                rd["location"] = p.place_of[m.group(0)][0]
                break
    year = re.search(r"\b((?:19|20)\d\d)\s+(?:[\w.\-]+\s+){0,2}$", text[max(0, r["pos"] - 30):r["pos"]])
    if year and rd["bounds"][0] is None:
        y = int(year.group(1))
        rd["bounds"] = (dt.date(y, 1, 1), dt.date(y, 12, 31))


def _dateline(text: str, d: DateExpr) -> bool:
    line_start = text.rfind("\n", 0, d.start) + 1
    line_end = text.find("\n", d.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return len(line.replace(d.text, "").split()) <= 2


def attach_leads(info: RoundInfo, text: str, sentences: list[tuple[int, int]],
                 people: list[Mention]) -> None:
    """'led by X', 'headed by X', 'X headed a delegation': leads of the round of that sentence."""
    if not info.rounds:
        return
    sent_of = _sentence_finder(sentences)
    for m in _LED.finditer(caseless(text)):
        sent = sent_of(m.start())
        end = min(sentences[sent][1], m.end() + 110)
        cut = re.search(r",\s*while\b|;", text[m.end():end])
        end = m.end() + cut.start() if cut else end
        chosen = [pm for pm in people if m.end() <= pm.start < end and pm.party]
        for pm in chosen[:2]:
            _set_lead(info, sentences[sent][0], pm)
    for pm in people:
        if pm.party and _LED_AFTER.match(text[pm.end:pm.end + 40]):
            _set_lead(info, sentences[sent_of(pm.start)][0], pm)


def _set_lead(info: RoundInfo, sent_start: int, pm: Mention) -> None:
    idx = info.sentence_round.get(sent_start, info.main)
    if idx >= 0:
        info.rounds[idx]["leads"].setdefault(pm.party, pm.name)
