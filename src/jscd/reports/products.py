"""The products a round needs, by name, and one call that generates any of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jscd.core import DomainError
from jscd.reports.compliance import build_compliance
from jscd.reports.context import ReportContext, resolve
from jscd.reports.document import Document
from jscd.reports.joint_statement import build_joint_statement
from jscd.reports.readahead import build_read_ahead
from jscd.reports.render import CONTENT_TYPES, FORMATS, render

__all__ = ["PRODUCTS", "Product", "build", "generate"]

PRODUCTS: dict[str, tuple[str, Callable[[ReportContext], Document]]] = {
    "read-ahead": ("Read-ahead for a round", build_read_ahead),
    "joint-statement": ("Draft joint statement", build_joint_statement),
    "compliance": ("Thread compliance report", build_compliance),
}


@dataclass
class Product:
    document: Document
    format: str
    content: bytes

    @property
    def filename(self) -> str:
        return f"{self.document.filename_stem}-{self.document.banner.split()[0]}.{self.format}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


def build(user: Any, product: str, round_spec: str | int, *, series: str | None = None,
          today: dt.date | None = None) -> Document:
    """The product as a Document, built from what ``user`` may see."""
    if product not in PRODUCTS:
        raise DomainError(f"unknown product {product!r} (one of {', '.join(PRODUCTS)})",
                          field="product")
    ctx = resolve(user, round_spec, series=series, today=today)
    return PRODUCTS[product][1](ctx)


def generate(user: Any, product: str, round_spec: str | int, fmt: str = "md", *,
             series: str | None = None, today: dt.date | None = None) -> Product:
    """Build and render; every check (product, round, format) runs before anything is made."""
    if fmt not in FORMATS:
        raise DomainError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})",
                          field="format")
    document = build(user, product, round_spec, series=series, today=today)
    return Product(document, fmt, render(document, fmt))
