"""Staff products over the API, built from the caller's own view of the record.

``GET /api/reports?product=read-ahead&round=next&format=md`` answers JSON: the product's
metadata (banner, filename, content type) and its content, as text for Markdown and HTML and
base64 for DOCX and PDF, so every answer of the API stays JSON.
"""

from __future__ import annotations

import base64
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from jscd.api.query import user_of
from jscd.reports.products import PRODUCTS, generate

__all__ = ["PREFIX", "router"]

PREFIX = ""
router = Router(tags=["reports"])


class ReportOut(Schema):
    product: str
    round: int
    banner: str
    filename: str
    format: str
    content_type: str
    content: str | None = None
    content_base64: str | None = None


@router.get("/reports", response=ReportOut)
def report(request: HttpRequest,
           product: Literal["read-ahead", "joint-statement", "compliance"] = "read-ahead",
           round: str = "next", format: Literal["md", "html", "docx", "pdf"] = "md",
           series: str | None = None) -> Any:
    """Generate a product for a held round (its ordinal) or the next one (``round=next``)."""
    assert product in PRODUCTS
    made = generate(user_of(request), product, round, format, series=series)
    out = {"product": product, "round": made.document.ordinal,
           "banner": made.document.banner, "filename": made.filename, "format": format,
           "content_type": made.content_type}
    if format in ("md", "html"):
        out["content"] = made.content.decode("utf-8")
    else:
        out["content_base64"] = base64.b64encode(made.content).decode("ascii")
    return out
