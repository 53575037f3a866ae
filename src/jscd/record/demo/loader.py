"""Load a record file (the demo's ``record.yaml`` or one of the same shape) via the services.

Evidence in the file is given as a quote of its source rather than as offsets, so the sample
texts can be edited without recounting characters; the loader turns each quote into a span.
Everything is loaded in one transaction: a bad file writes nothing and the error names the
file, line and field.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from jscd.core import DomainError, InputError
from jscd.core.yamlfile import line_of, load_yaml
from jscd.record import services
from jscd.record.access import OPERATOR
from jscd.record.models import DialogueSeries, Event, Organization, Person, Round, Source, Statement
from jscd.record.services.base import Actor

__all__ = ["DEMO_FILE", "DemoSummary", "load_demo", "load_record_file"]

DEMO_FILE = Path(__file__).resolve().parent / "record.yaml"


@dataclass
class DemoSummary:
    """What a load created, counted by kind."""

    counts: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in sorted(self.counts.items()))


class _Loader:
    def __init__(self, path: Path, user: Actor) -> None:
        self.path, self.user = path, user
        self.sources: dict[str, Source] = {}
        self.orgs: dict[str, Organization] = {}
        self.people: dict[str, Person] = {}
        self.series: dict[str, DialogueSeries] = {}
        self.events: dict[str, Event] = {}
        self.rounds: dict[tuple[str, int], Round] = {}
        self.statements: dict[str, Statement] = {}
        self.threads: dict[str, Any] = {}
        self.summary = DemoSummary()

    # -- helpers -------------------------------------------------------------------------
    def fail(self, item: Any, message: str, field_name: str | None = None) -> InputError:
        return InputError(message, file=str(self.path), line=line_of(item), field=field_name)

    def req(self, item: dict, key: str, where: str) -> Any:
        if not isinstance(item, dict) or key not in item or item[key] in (None, ""):
            raise self.fail(item, "required value missing", f"{where}.{key}")
        return item[key]

    def date(self, item: dict, key: str, where: str, required: bool = False) -> dt.date | None:
        value = item.get(key)
        if value is None:
            if required:
                raise self.fail(item, "required date missing", f"{where}.{key}")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(item, f"{value!r} is not a date (YYYY-MM-DD)", f"{where}.{key}") from None

    def ref(self, table: dict, key: Any, item: Any, where: str) -> Any:
        if key not in table:
            raise self.fail(item, f"unknown reference {key!r}", where)
        return table[key]

    def evidence(self, item: dict, where: str) -> list[services.EvidenceSpec]:
        specs = []
        for i, ev in enumerate(item.get("evidence") or []):
            source = self.ref(self.sources, ev.get("source"), ev, f"{where}.evidence[{i}].source")
            quote = self.req(ev, "quote", f"{where}.evidence[{i}]")
            try:
                specs.append(services.find_quote(source, quote, int(ev.get("occurrence", 1))))
            except DomainError as exc:
                raise self.fail(ev, exc.message, f"{where}.evidence[{i}].quote") from None
        return specs

    def call(self, item: Any, where: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a service and turn its refusal into an error that points into the file."""
        try:
            result = func(self.user, *args, **kwargs)
        except DomainError as exc:
            if isinstance(exc, InputError):
                raise
            raise self.fail(item, exc.message, f"{where}.{exc.field}" if exc.field else where) from None
        row = result[0] if isinstance(result, tuple) else result
        self.summary.counts[row._meta.verbose_name_plural] += 1
        return result

    # -- sections ------------------------------------------------------------------------
    def load(self, data: Any) -> DemoSummary:
        if not isinstance(data, dict) or data.get("version") != 1:
            raise self.fail(data, "not a jscd record file (expected 'version: 1')", "version")
        for i, p in enumerate(data.get("parties") or []):
            self.call(p, f"parties[{i}]", services.ensure_party, self.req(p, "code", f"parties[{i}]"),
                      self.req(p, "name", f"parties[{i}]"))
        for i, s in enumerate(data.get("sources") or []):
            self.load_source(s, f"sources[{i}]")
        for i, o in enumerate(data.get("organizations") or []):
            w = f"organizations[{i}]"
            parent = self.ref(self.orgs, o["parent"], o, f"{w}.parent") if o.get("parent") else None
            self.orgs[self.req(o, "key", w)] = self.call(
                o, w, services.create_organization, name=self.req(o, "name", w), party=o.get("party"),
                kind=o.get("kind") or "other", acronym=o.get("acronym") or "", parent=parent,
                aliases=o.get("aliases") or [], marking=o.get("marking") or "JOINT")
        for i, p in enumerate(data.get("people") or []):
            self.load_person(p, f"people[{i}]")
        for i, s in enumerate(data.get("series") or []):
            w = f"series[{i}]"
            self.series[self.req(s, "key", w)] = self.call(
                s, w, services.create_series, name=self.req(s, "name", w), acronym=s.get("acronym") or "",
                parties=list(self.req(s, "parties", w)), marking=s.get("marking") or "JOINT")
        for i, e in enumerate(data.get("events") or []):
            w = f"events[{i}]"
            series = self.ref(self.series, e["series"], e, f"{w}.series") if e.get("series") else None
            self.events[self.req(e, "key", w)] = self.call(
                e, w, services.create_event, kind=self.req(e, "kind", w), name=self.req(e, "name", w),
                start=self.date(e, "start", w, required=True), end=self.date(e, "end", w),
                location=e.get("location") or "", series=series, note=e.get("note") or "",
                marking=e.get("marking") or "JOINT", evidence=self.evidence(e, w))
        for i, r in enumerate(data.get("rounds") or []):
            self.load_round(r, f"rounds[{i}]")
        for i, t in enumerate(data.get("threads") or []):
            self.load_thread(t, f"threads[{i}]")
        for i, p in enumerate(data.get("programs") or []):
            self.load_program(p, f"programs[{i}]")
        return self.summary

    def load_source(self, s: dict, w: str) -> None:
        file = self.path.parent / self.req(s, "file", w)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise self.fail(s, f"cannot read {file}: {exc}", f"{w}.file") from None
        source, _ = self.call(
            s, w, services.add_source, text=text, title=self.req(s, "title", w),
            publisher=s.get("publisher") or "", published=self.date(s, "published", w),
            kind=s.get("kind") or "sample", origin=file.name, marking=s.get("marking") or "JOINT")
        self.sources[self.req(s, "key", w)] = source

    def load_person(self, p: dict, w: str) -> None:
        person = self.call(p, w, services.create_person, name=self.req(p, "name", w), party=p.get("party"),
                           aliases=p.get("aliases") or [], marking=p.get("marking") or "JOINT")
        self.people[self.req(p, "key", w)] = person
        for j, a in enumerate(p.get("appointments") or []):
            wa = f"{w}.appointments[{j}]"
            org = self.ref(self.orgs, a["organization"], a, f"{wa}.organization") if a.get("organization") else None
            self.call(a, wa, services.add_appointment, person, title=self.req(a, "title", wa), organization=org,
                      start=self.date(a, "start", wa), end=self.date(a, "end", wa),
                      marking=a.get("marking") or person.marking)

    def load_round(self, r: dict, w: str) -> None:
        series_key = self.req(r, "series", w)
        series = self.ref(self.series, series_key, r, f"{w}.series")
        builds_on = [self.ref(self.events, k, r, f"{w}.builds_on") for k in r.get("builds_on") or []]
        rnd = self.call(r, w, services.create_round, series=series, ordinal=int(self.req(r, "ordinal", w)),
                        start=self.date(r, "start", w, required=True), end=self.date(r, "end", w, required=True),
                        location=r.get("location") or "", builds_on=builds_on, note=r.get("note") or "",
                        marking=r.get("marking") or "JOINT", evidence=self.evidence(r, w))
        self.rounds[(series_key, rnd.ordinal)] = rnd
        for j, d in enumerate(r.get("delegations") or []):
            wd = f"{w}.delegations[{j}]"
            for k, m in enumerate(d.get("members") or []):
                wm = f"{wd}.members[{k}]"
                self.call(m, wm, services.add_participant, rnd, party=self.req(d, "party", wd),
                          person=self.ref(self.people, m.get("person"), m, f"{wm}.person"),
                          role=m.get("role") or "member", title=m.get("title") or "",
                          marking=m.get("marking") or d.get("marking") or rnd.marking,
                          evidence=self.evidence(m, wm))
        for j, m in enumerate(r.get("meetings") or []):
            wm = f"{w}.meetings[{j}]"
            people = [self.ref(self.people, k, m, f"{wm}.participants") for k in m.get("participants") or []]
            self.call(m, wm, services.add_meeting, rnd, title=self.req(m, "title", wm),
                      date=self.date(m, "date", wm), participants=people, summary=m.get("summary") or "",
                      marking=m.get("marking") or rnd.marking, evidence=self.evidence(m, wm))
        for j, s in enumerate(r.get("statements") or []):
            ws = f"{w}.statements[{j}]"
            self.statements[self.req(s, "key", ws)] = self.call(
                s, ws, services.add_statement, round=rnd, actor=self.req(s, "actor", ws),
                modality=self.req(s, "modality", ws), category=self.req(s, "category", ws),
                text=self.req(s, "text", ws), marking=s.get("marking") or rnd.marking,
                evidence=self.evidence(s, ws))

    def _round_on(self, date: dt.date) -> Round | None:
        for rnd in self.rounds.values():
            if rnd.start <= date <= rnd.end:
                return rnd
        return None

    def load_thread(self, t: dict, w: str) -> None:
        thread = self.call(t, w, services.create_thread, title=self.req(t, "title", w),
                           category=self.req(t, "category", w), owner=t.get("owner") or "BOTH",
                           keeper=t.get("keeper") or "", due=self.date(t, "due", w),
                           marking=t.get("marking") or "JOINT")
        self.threads[self.req(t, "key", w)] = thread
        for key in t.get("statements") or []:
            self.call(t, f"{w}.statements", services.link_statement, thread,
                      self.ref(self.statements, key, t, f"{w}.statements"))
        for j, h in enumerate(t.get("history") or []):
            wh = f"{w}.history[{j}]"
            date = self.date(h, "date", wh, required=True)
            self.call(h, wh, services.move_thread_status, thread, status=self.req(h, "status", wh), date=date,
                      note=h.get("note") or "", round=self._round_on(date), evidence=self.evidence(h, wh))
        series_key = next(iter(self.series), None)
        for j, c in enumerate(t.get("compliance") or []):
            wc = f"{w}.compliance[{j}]"
            rnd = self.ref(self.rounds, (c.get("series", series_key), c.get("round")), c, f"{wc}.round")
            self.call(c, wc, services.set_compliance, thread, round=rnd, party=self.req(c, "party", wc),
                      score=c.get("score"), rationale=self.req(c, "rationale", wc))

    def load_program(self, p: dict, w: str) -> None:
        threads = [self.ref(self.threads, k, p, f"{w}.threads") for k in p.get("threads") or []]
        program = self.call(p, w, services.create_program, kind=self.req(p, "kind", w),
                            name=self.req(p, "name", w), party=p.get("party"),
                            description=p.get("description") or "", keeper=p.get("keeper") or "",
                            status=p.get("status") or "active", threads=threads,
                            marking=p.get("marking") or "JOINT")
        for j, m in enumerate(p.get("milestones") or []):
            wm = f"{w}.milestones[{j}]"
            self.call(m, wm, services.add_milestone, program, name=self.req(m, "name", wm),
                      due=self.date(m, "due", wm), done=bool(m.get("done")))


def load_record_file(path: str | Path, user: Actor = OPERATOR) -> DemoSummary:
    """Load a record file in one transaction; any error rolls back everything."""
    path = Path(path)
    data = load_yaml(path)
    with transaction.atomic():
        return _Loader(path, user).load(data)


def load_demo(user: Actor = OPERATOR) -> DemoSummary:
    """Load the shipped demo record (the operator's action behind ``jscd demo`` and ``jscd up``)."""
    return load_record_file(DEMO_FILE, user)
