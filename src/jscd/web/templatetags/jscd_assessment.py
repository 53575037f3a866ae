"""Template helpers of the assessment pages: look-ups into result dictionaries."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` or None, for result dictionaries keyed by factor or governorate."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.filter
def basename(path: Any) -> str:
    """The file name of an input's source path (``record:requirements`` stays as it is)."""
    return PurePath(str(path)).name if path else ""
