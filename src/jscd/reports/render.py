"""Render a ``Document`` as Markdown, HTML, DOCX or PDF (the PDF is printed from the HTML)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from jscd.core import DomainError
from jscd.reports.document import BulletList, Document, Paragraph, Table

__all__ = ["CONTENT_TYPES", "FORMATS", "render", "to_docx", "to_html", "to_markdown", "to_pdf"]

FORMATS = ("md", "html", "docx", "pdf")
CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(doc: Document) -> str:
    lines = [f"**{doc.banner}**", "", f"# {doc.title}", "", f"*{doc.subtitle}*", "",
             f"Prepared for: {doc.prepared_for} · generated {doc.generated.isoformat()}", ""]
    for section in doc.walk():
        lines += [f"{'#' * section.level} {section.heading}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = f"*{block.text}*" if block.style == "note" else block.text
                lines += [text, ""]
            elif isinstance(block, BulletList):
                lines += [f"- {item}" for item in block.items] + [""]
            elif isinstance(block, Table):
                if block.caption:
                    lines += [f"**{block.caption}**", ""]
                lines.append("| " + " | ".join(block.columns) + " |")
                lines.append("|" + "---|" * len(block.columns))
                lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
                lines.append("")
    lines += [f"**{doc.banner}**", ""]
    return "\n".join(lines)


def to_html(doc: Document, *, standalone: bool = True) -> str:
    """The product as HTML; ``standalone`` adds the print stylesheet and page banners."""
    return render_to_string("reports/product.html", {"doc": doc, "standalone": standalone,
                                                      "sections": doc.walk()})


def to_pdf(doc: Document) -> bytes:
    """Print the HTML with WeasyPrint: the PDF says exactly what the HTML says."""
    from weasyprint import HTML

    return HTML(string=to_html(doc)).write_pdf()


def to_docx(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    out = Docx()
    style = out.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for part in (out.sections[0].header, out.sections[0].footer):
        para = part.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(doc.banner)
        run.bold = True
        run.font.color.rgb = RGBColor(0x9B, 0x1C, 0x1C) if doc.banner != "JOINT" else \
            RGBColor(0x1F, 0x4E, 0x3D)
    out.add_heading(doc.title, level=0)
    sub = out.add_paragraph(doc.subtitle)
    sub.runs[0].italic = True
    out.add_paragraph(f"Prepared for: {doc.prepared_for} · generated {doc.generated.isoformat()}")
    for section in doc.walk():
        out.add_heading(section.heading, level=min(section.level - 1, 4))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                para = out.add_paragraph(block.text)
                if block.style == "note":
                    for run in para.runs:
                        run.italic = True
                        run.font.size = Pt(9)
            elif isinstance(block, BulletList):
                for item in block.items:
                    out.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                if block.caption:
                    out.add_paragraph(block.caption).runs[0].bold = True
                table = out.add_table(rows=1, cols=len(block.columns))
                table.style = "Light Grid Accent 1"
                for cell, name in zip(table.rows[0].cells, block.columns, strict=True):
                    cell.text = name
                for row in block.rows:
                    cells = table.add_row().cells
                    for cell, value in zip(cells, row, strict=True):
                        cell.text = value
                out.add_paragraph()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def render(doc: Document, fmt: str) -> bytes:
    """The product in one of ``FORMATS`` as bytes."""
    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    if fmt == "docx":
        return to_docx(doc)
    if fmt == "pdf":
        return to_pdf(doc)
    raise DomainError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})", field="format")
