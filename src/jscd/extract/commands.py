"""``jscd extract`` and ``jscd eval``: the pure commands (no Django, no database)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from jscd.core.extraction import DocumentExtraction

__all__ = ["eval_main", "extract_main"]


def _extract_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="jscd extract",
        description="Extract rounds, people, organizations and statements from documents "
                    "(txt, HTML, PDF, DOCX) and reconcile them across documents.")
    p.add_argument("files", nargs="+", metavar="FILE", help="documents or directories")
    p.add_argument("--json", action="store_true", help="print the jscd-extract/1 JSON object")
    p.add_argument("--llm", action="store_true",
                   help="extract with the LLM at JSCD_LLM_URL (OpenAI-compatible) instead of "
                        "the rules; facts it cannot quote from the text are dropped")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="extract over N processes, with the same output as one (default: "
                        "the machine's cores; 1 runs in this process; --llm uses one)")
    return p


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def summary(x: DocumentExtraction) -> str:
    """A readable account of an extraction, for people at a terminal."""
    lines = []
    for d in x.documents:
        lines.append(f"{d.id}  {d.title or ''}".rstrip())
        for r in d.rounds:
            when = f"{r.start}..{r.end}" if r.start else (r.date_text or "date unknown")
            lines.append(f"  round {r.ordinal or '?'} of {r.series} ({', '.join(r.parties)}) "
                         f"{when} {r.location or ''}{'  [reported]' if r.main else ''}")
        names = sorted({f"{p.name} ({p.party or '?'}, {p.title or '?'})" for p in d.people})
        lines.append(f"  people: {'; '.join(names) or '-'}")
        lines.append(f"  organizations: {', '.join(sorted({o.name for o in d.organizations})) or '-'}")
        for s in d.statements:
            flags = "".join(f" [{f}]" for f in ("negated", "hypothetical", "historical")
                            if getattr(s, f))
            lines.append(f"  - {s.actor or '?'} {s.modality} / {s.category or '?'} "
                         f"(round {s.round or '?'}){flags}: {s.text[:100]}")
    lines.append("record:")
    for r in x.record.rounds:
        leads = ", ".join(f"{k}: {v}" for k, v in r.leads.items())
        lines.append(f"  round {r.ordinal or '?'} of {r.series}: {r.start}..{r.end} "
                     f"{r.location or ''}; leads {leads or '-'}; reported by {len(r.documents)}")
    for c in x.record.conflicts:
        lines.append(f"  conflict {c.kind}: {c.surface!r} -> {c.canonical!r} in "
                     f"{', '.join(c.documents)}")
    for t in x.record.threads:
        lines.append(f"  thread: {t.topic} (rounds {', '.join(map(str, t.rounds))})")
    lines += [f"error: {e}" for e in x.errors]
    return "\n".join(lines)


def extract_main(argv: Sequence[str]) -> int:
    """Exit status 0 if every file was extracted, 1 if some failed (the rest still printed)."""
    args = _extract_parser().parse_args(list(argv))
    from jscd.extract import extract_documents

    if args.llm:
        from jscd.extract.llm import LLMError, LLMExtractor, extract_documents_llm

        try:
            x = extract_documents_llm(args.files, LLMExtractor.from_env())
        except LLMError as exc:
            print(f"jscd extract: {exc}", file=sys.stderr)
            return 2
    else:
        from jscd.extract.workers import default_workers

        x = extract_documents(args.files, workers=args.workers or default_workers())
    x = DocumentExtraction.model_validate(x.model_dump(by_alias=True))  # exactly the schema
    if args.json:
        sys.stdout.write(x.model_dump_json(by_alias=True, indent=1) + "\n")
    else:
        print(summary(x))
    for e in x.errors:
        print(f"jscd extract: {e}", file=sys.stderr)
    return 1 if x.errors else 0


def _eval_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="jscd eval",
        description="Score the extraction of FILE... against a jscd-gold/1 annotation. Only "
                    "the gold documents whose files are given are scored (matched by the "
                    "gold's path or by basename); a file that fails to extract scores as a "
                    "document where nothing was found. Prints P/R/F1 per round slot, events "
                    "(kind) and event slot accuracy, people (with party and title accuracy), "
                    "organizations, statements (span + actor, spans only), modality, "
                    "category and round accuracy, span lengths and conflicts.")
    p.add_argument("gold", metavar="GOLD.json")
    p.add_argument("files", nargs="+", metavar="FILE", help="documents or directories")
    p.add_argument("--json", action="store_true", help="print every figure as JSON")
    return p


def eval_main(argv: Sequence[str]) -> int:
    """Exit status 0 once scores are printed (however low), 2 if the gold cannot be read."""
    args = _eval_parser().parse_args(list(argv))
    from jscd.extract import expand_paths, extract_documents
    from jscd.extract.errors import ExtractError
    from jscd.extract.evaluate import evaluate, format_report, load_gold

    try:
        gold = load_gold(args.gold)
    except ExtractError as exc:
        print(f"jscd eval: {exc}", file=sys.stderr)
        return 2
    # The files given, directories expanded, decide which gold documents are scored.
    given = [str(f.file) if isinstance(f, ExtractError) else str(f)
             for f in expand_paths(args.files)]
    report = evaluate(gold, extract_documents(args.files), files=given)
    if args.json:
        print(json.dumps(report.as_dict(), indent=1))
    else:
        print(format_report(report))
    return 0
