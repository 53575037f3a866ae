"""Template helpers every page shares: markings, party colours, vocabulary labels, JSON links.

Kept as tags so that pages of every area (record, ingest, threads, assessment) that extend
``web/base.html`` show markings and parties the same way.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from jscd.core import JOINT, party_name
from jscd.web.forms import label

register = template.Library()

__all__ = ["marking_badge", "party_colour", "party_label", "status_badge", "vocab", "with_format"]

#: Fixed colours for the reference pair; any other party gets a stable colour from its code.
PARTY_COLOURS = {"USA": "#1f3c74", "IRQ": "#146c43"}


@register.filter
def party_colour(code: str | None) -> str:
    """A stable, dark banner colour for a party (white text stays readable on it)."""
    if not code:
        return "#4b5563"
    if code in PARTY_COLOURS:
        return PARTY_COLOURS[code]
    hue = int(hashlib.sha256(code.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 55% 30%)"


@register.filter
def party_label(code: str | None) -> str:
    if not code:
        return "no party"
    try:
        return party_name(code)
    except (KeyError, ValueError, LookupError):
        return code


@register.filter
def vocab(value: Any) -> str:
    """``counter_isis`` → ``Counter-ISIS``: vocabulary values as people read them."""
    if value is None:
        return ""
    return label(str(value))


@register.simple_tag
def marking_badge(marking: str) -> SafeString:
    """The row's releasability: grey JOINT, or the party's colour for a single-party row."""
    if marking == JOINT:
        return format_html('<span class="marking marking-joint" title="{}">JOINT</span>',
                           "Both parties may see this")
    return format_html(
        '<span class="marking marking-party" style="--party: {}" title="{}">{} ONLY</span>',
        party_colour(marking), f"Only {marking} users may see this", marking)


@register.simple_tag
def status_badge(status: str) -> SafeString:
    return format_html('<span class="status status-{}">{}</span>', status, vocab(status))


@register.simple_tag
def score_badge(score: int | None) -> SafeString:
    if score is None:
        return format_html('<span class="score score-none">{}</span>', "—")
    text = {-1: "−1 none", 0: "0 partial", 1: "+1 full"}.get(score, str(score))
    return format_html('<span class="score score-{}">{}</span>',
                       {-1: "neg", 0: "zero", 1: "pos"}.get(score, "zero"), text)


@register.simple_tag(takes_context=True)
def with_format(context: dict[str, Any], fmt: str = "json") -> str:
    """This page's address with ``format`` set: the link to its JSON twin."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return f"?format={fmt}"
    params = request.GET.copy()
    params["format"] = fmt
    return f"{request.path}?{params.urlencode()}"
