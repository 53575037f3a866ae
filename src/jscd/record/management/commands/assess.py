from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from jscd.core import JOINT
from jscd.record.management.commands._base import JscdCommand
from jscd.record.services.assessment import run_assessment


def _fmt(value: float | None) -> str:
    return "  —  " if value is None else f"{value:5.2f}"


def table_lines(result: dict[str, Any]) -> list[str]:
    """The result as a fixed-width table, tranche by tranche."""
    factors = [f["id"] for f in result["factors"]]
    rows = {g["iso"]: g for g in result["governorates"]}
    head = f"{'ISO':<6} {'governorate':<16} " + " ".join(f"{f[:9]:>9}" for f in factors)
    head += f" {'phase':<30} {'binding':<12} {'P(met)':>6} {'stab.':>5}"
    lines = [
        f"Assessment as of {result['as_of']} · model {result['config']['name']} {result['config']['version']}"
        f" · {result['sensitivity']['draws']:,} draws" + (" · STALE INPUTS" if result["stale"] else ""),
    ]
    for tranche in result["tranches"]:
        lines += ["", f"{tranche['label']} ({len(tranche['governorates'])})"]
        if not tranche["governorates"]:
            continue
        lines += [head, "-" * len(head)]
        for iso in tranche["governorates"]:
            g = rows[iso]
            sens = g.get("sensitivity") or {}
            p_met = sens.get("p_conditions_met")
            stab = sens.get("tranche_stability")
            lines.append(
                f"{iso:<6} {g['name'][:16]:<16} "
                + " ".join(f"{_fmt(g['factors'][f]):>9}" for f in factors)
                + f" {g['phase_label'][:30]:<30} {g['binding_factor'][:12]:<12}"
                + f" {('' if p_met is None else f'{p_met:.2f}'):>6} {('' if stab is None else f'{stab:.2f}'):>5}"
                + (" stale: " + ",".join(g["stale"]) if g["stale"] else "")
            )
    ev = result["inputs"]["events"]
    lines += [
        "",
        f"events: {ev['kind']} {Path(ev['source']).name} sha256 {ev['sha256'][:12]}… "
        f"({ev['first_month']}..{ev['last_month']})",
    ]
    for name in ("requirements", "capability"):
        if name in result["inputs"]:
            t = result["inputs"][name]
            lines.append(f"{name}: {Path(t['source']).name} sha256 {t['sha256'][:12]}… ({t['rows']} rows)")
    return lines


class Command(JscdCommand):
    help = (
        "Run the Higher Military Commission's conditions-based assessment at a month and print "
        "the tranche table (or JSON). By default it uses the UCDP data shipped with jscd, the "
        "record's requirement and capability rows where there are any and the illustrative "
        "examples otherwise, and stores the run in the record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", required=True, metavar="YYYY-MM", help="assess at this month")
        parser.add_argument("--config", type=Path, help="model YAML (default: the shipped model-v1.yaml)")
        parser.add_argument("--events", type=Path, help="raw UCDP GED CSV instead of the shipped monthly data")
        parser.add_argument("--requirements", type=Path, help="requirements CSV instead of the record's rows")
        parser.add_argument("--capability", type=Path, help="capability CSV instead of the record's rows")
        parser.add_argument(
            "--tables",
            choices=["auto", "record", "example"],
            default="auto",
            help="where requirement and capability rows come from (default auto)",
        )
        parser.add_argument("--draws", type=int, help="Monte Carlo draws (default: the model's)")
        parser.add_argument("--seed", type=int, help="random seed (default: the model's)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--explain", action="store_true", help="with --json, include the explain tree")
        parser.add_argument(
            "--store",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="keep the run in the record (default --store)",
        )
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USER",
            help="run as this user (their rows and marking); default the operator",
        )
        parser.add_argument("--marking", default=JOINT, help="marking of the stored run (default JOINT)")
        parser.add_argument("--label", default="", help="a label for the stored run")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self.actor_named(options["as_user"])
        result, run = run_assessment(
            user,
            as_of=options["as_of"],
            config=options["config"],
            events=options["events"],
            requirements=options["requirements"],
            capability=options["capability"],
            tables=options["tables"],
            draws=options["draws"],
            seed=options["seed"],
            marking=options["marking"],
            label=options["label"],
            store=options["store"],
        )
        if options["json"]:
            out = dict(result)
            if not options["explain"]:
                out.pop("explain", None)
            if run is not None:
                out["run"] = run.pk
            self.stdout.write(json.dumps(out, indent=1, ensure_ascii=False))
            return
        lines = table_lines(result)
        if run is not None:
            lines.append(f"stored as run {run.pk} (marking {run.marking})")
        self.stdout.write("\n".join(lines))
