"""A staff product as plain data, so one build feeds Markdown, HTML, DOCX and PDF alike.

Products are built once into a ``Document`` (sections of paragraphs, lists and tables) and
each format is a renderer of that structure; the PDF is printed from the same HTML. Keeping
the content out of the renderers means the four formats cannot say different things.

The ``Markings`` tracker records the marking of every row a product includes; the banner is
the highest of them ("USA ONLY" if one USA row is inside, else "JOINT"), so a product can
never carry a lower banner than its content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from jscd.core import JOINT

__all__ = ["Block", "BulletList", "Document", "Markings", "Paragraph", "Section", "Table"]


@dataclass
class Paragraph:
    kind = "paragraph"  #: tells templates which block this is
    text: str
    style: str = ""  #: "lead" (opening), "note" (small print), "draft" (text to be agreed)


@dataclass
class BulletList:
    kind = "list"
    items: list[str]


@dataclass
class Table:
    kind = "table"
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""


Block = Paragraph | BulletList | Table


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2
    subsections: list[Section] = field(default_factory=list)

    def add(self, block: Block) -> Section:
        self.blocks.append(block)
        return self


class Markings:
    """The markings of the rows a product includes; the banner is the highest of them."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def add(self, *rows: Any) -> None:
        for row in rows:
            marking = getattr(row, "marking", None)
            if marking:
                self.seen.add(marking)

    @property
    def banner(self) -> str:
        parties = sorted(self.seen - {JOINT})
        if not parties:
            return JOINT
        return " + ".join(f"{p} ONLY" for p in parties)


@dataclass
class Document:
    """One staff product, ready to render."""

    kind: str  #: read-ahead, joint-statement, compliance
    title: str
    subtitle: str
    banner: str
    generated: dt.date
    prepared_for: str
    sections: list[Section] = field(default_factory=list)
    filename_stem: str = "report"
    ordinal: int = 0  #: the round the product is for

    def walk(self) -> list[Section]:
        """All sections depth-first, for renderers that do not nest."""
        out: list[Section] = []

        def visit(section: Section) -> None:
            out.append(section)
            for sub in section.subsections:
                visit(sub)

        for section in self.sections:
            visit(section)
        return out
