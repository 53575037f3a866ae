"""What an entity finder found in a text, before it becomes a schema object."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention"]


@dataclass
class Mention:
    """An entity found in the text, before it becomes a schema object."""

    kind: str
    start: int
    end: int
    name: str
    surface: str
    party: str | None = None
    title: str | None = None
