"""Staff products on the demo record: content, formats, party filtering and banners."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jscd.core import DomainError
from jscd.record.access import OPERATOR
from jscd.record.models import ComplianceScore, StatusChange, Thread
from jscd.reports.context import status_label, viewer_for_party
from jscd.reports.products import build, generate
from jscd.reports.render import to_markdown
from tests.conftest import ARTIFACTS

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def out_dir() -> Path:
    path = ARTIFACTS / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.django_db
def test_read_ahead_for_round_three_lists_every_thread_with_status_evidence_and_compliance(
    demo: None,
) -> None:
    usa = viewer_for_party("USA")
    doc = build(usa, "read-ahead", "next", today=TODAY)
    text = to_markdown(doc)
    assert doc.title == "Read-ahead: JSCD round 3"
    threads = list(Thread.objects.visible_to(usa))
    assert len(threads) >= 5
    for thread in threads:
        line = next((ln for ln in text.splitlines() if ln.startswith(f"| {thread.title} |")),
                    None)
        assert line is not None, f"{thread.title} missing from the read-ahead"
        last = StatusChange.objects.visible_to(usa).filter(thread=thread).order_by(
            "-date", "-id").first()
        assert f"({status_label(thread.status)})" in line
        quote = last.visible_evidence(usa).first().quote
        assert quote[:60] in line
        for score in ComplianceScore.objects.visible_to(usa).filter(thread=thread):
            assert f"{score.party_id}: " in line
    for heading in ("Threads by status", "Overdue and stale items", "What each party pledged",
                    "Program milestones", "Unresolved contradictions between reports"):
        assert f"## {heading}" in text


@pytest.mark.django_db
def test_docx_reads_back_with_headings_and_tables(demo: None, out_dir: Path) -> None:
    from docx import Document

    product = generate(viewer_for_party("USA"), "read-ahead", "next", "docx", today=TODAY)
    path = out_dir / product.filename
    path.write_bytes(product.content)
    docx = Document(str(path))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert "Read-ahead: JSCD round 3" in headings
    assert "Threads by status" in headings and "Program milestones" in headings
    assert len(docx.tables) >= 4
    first = docx.tables[0]
    assert [c.text for c in first.rows[0].cells][:2] == ["Thread", "Owner"]
    assert docx.sections[0].header.paragraphs[0].text == "USA ONLY"


@pytest.mark.django_db
def test_pdf_renders_to_non_blank_pages(demo: None, out_dir: Path) -> None:
    from PIL import Image, ImageStat

    product = generate(viewer_for_party("IRQ"), "read-ahead", "next", "pdf", today=TODAY)
    pdf = out_dir / product.filename
    pdf.write_bytes(product.content)
    assert product.content.startswith(b"%PDF")
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(out_dir.glob(f"{pdf.stem}-*.png"))
    assert len(pages) >= 2
    for page in pages:
        gray = Image.open(page).convert("L")
        stat = ImageStat.Stat(gray)
        assert stat.stddev[0] > 5, f"{page.name} is blank"
        assert gray.getextrema()[0] < 100, f"{page.name} has no dark text"


@pytest.mark.django_db
def test_product_for_iraq_leaves_out_usa_only_rows_and_carries_its_banner(
    demo: None,
) -> None:
    usa_only = list(Thread.objects.filter(marking="USA").values_list("title", flat=True))
    assert usa_only, "the demo record holds a USA-only thread"
    for product in ("read-ahead", "joint-statement", "compliance"):
        text = to_markdown(build(viewer_for_party("IRQ"), product, "next", today=TODAY))
        for title in usa_only:
            assert title not in text
        assert "USA ONLY" not in text
    irq = build(viewer_for_party("IRQ"), "read-ahead", "next", today=TODAY)
    usa = build(viewer_for_party("USA"), "read-ahead", "next", today=TODAY)
    joint = build(viewer_for_party(None), "read-ahead", "next", today=TODAY)
    assert (irq.banner, usa.banner, joint.banner) == ("IRQ ONLY", "USA ONLY", "JOINT")
    assert any(t in to_markdown(usa) for t in usa_only)


@pytest.mark.django_db
def test_banner_is_joint_when_nothing_party_only_is_inside(party_rows: dict) -> None:
    for code, other in (("USA", "irq"), ("IRQ", "usa")):
        doc = build(viewer_for_party(code), "read-ahead", 1, series=f"Test series {code.lower()}")
        text = to_markdown(doc)
        assert doc.banner == f"{code} ONLY"
        assert f"{other} plan review" not in text
    doc = build(viewer_for_party(None), "read-ahead", 1, series="Test series joint")
    assert doc.banner == "JOINT" and "joint plan review" in to_markdown(doc)


@pytest.mark.django_db
def test_joint_statement_names_officials_with_the_title_held_that_day(demo: None) -> None:
    r1 = to_markdown(build(viewer_for_party(None), "joint-statement", 1, today=TODAY))
    assert "| United States | Celeste Wallander | Assistant Secretary of Defense" in r1
    assert "held the first round of the Joint Security Cooperation Dialogue (JSCD) in " \
           "Washington, D.C. on 7–8 August 2023" in r1
    assert "### Bilateral bodies" in r1 and "Higher Military Commission" in r1
    # Secretary Austin's appointment ends in January 2025: a draft dated after it must not
    # call him Secretary of Defense.
    later = to_markdown(build(viewer_for_party(None), "joint-statement", "next",
                              today=dt.date(2025, 6, 1)))
    assert "| Lloyd Austin | Secretary of Defense |" not in later
    r2 = to_markdown(build(viewer_for_party(None), "joint-statement", 2, today=TODAY))
    assert "| Lloyd Austin | Secretary of Defense |" in r2


@pytest.mark.django_db
def test_compliance_report_averages_scores_per_party_and_round(demo: None) -> None:
    usa = viewer_for_party("USA")
    text = to_markdown(build(usa, "compliance", 2, today=TODAY))
    scores = list(ComplianceScore.objects.visible_to(usa).filter(round__ordinal=2,
                                                                 party_id="IRQ"))
    mean = sum(s.score for s in scores) / len(scores)
    assert f"| 2 | Iraq | {len(scores)} | {mean:+.2f} |" in text
    for score in scores:
        assert score.rationale[:50] in text.replace("\\|", "|")


@pytest.mark.django_db
def test_read_ahead_carries_the_commission_assessment_once_run(demo: None) -> None:
    from jscd.record.services.assessment import run_assessment

    before = to_markdown(build(viewer_for_party("USA"), "read-ahead", "next", today=TODAY))
    assert "No assessment has been run yet." in before
    run_assessment(OPERATOR, as_of="2024-06-30", tables="example", draws=20, seed=1)
    after = to_markdown(build(viewer_for_party("USA"), "read-ahead", "next", today=TODAY))
    assert "## The Commission's assessment" in after
    assert "| Governorates | 18 |" in after


@pytest.mark.django_db
def test_report_for_a_round_that_does_not_exist_is_refused(demo: None,
                                                           tmp_path: Path) -> None:
    with pytest.raises(DomainError) as info:
        generate(viewer_for_party("USA"), "read-ahead", 7, "md")
    assert info.value.field == "round" and "round 7 does not exist" in info.value.message
    out = tmp_path / "ra.docx"
    with pytest.raises(CommandError, match="round 5 does not exist"):
        call_command("report", "read-ahead", "--round", "5", "--party", "USA",
                     "--format", "docx", "-o", str(out))
    assert not out.exists()
    with pytest.raises(CommandError, match="party 'FRA' is not part of this record"):
        call_command("report", "compliance", "--round", "next", "--party", "FRA",
                     "-o", str(out))
    assert not out.exists()


@pytest.mark.django_db
def test_cli_writes_the_product(demo: None, tmp_path: Path) -> None:
    out = tmp_path / "ra.docx"
    err = io.StringIO()
    call_command("report", "read-ahead", "--round", "next", "--party", "USA", "--format",
                 "docx", "-o", str(out), stderr=err)
    assert out.read_bytes().startswith(b"PK") and "USA ONLY" in err.getvalue()
    stdout = io.StringIO()
    call_command("report", "joint-statement", "--round", "2", stdout=stdout)
    assert stdout.getvalue().startswith("**JOINT**")


