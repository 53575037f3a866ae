"""Errors of the extraction library.

A batch must continue past a bad file, so every failure that concerns one document is an
``ExtractError`` naming that file; callers catch it per file and carry on.
"""

from __future__ import annotations

from jscd.core.errors import InputError

__all__ = ["ExtractError", "GazetteerError"]


class ExtractError(InputError):
    """One document could not be read or extracted; the message says why and names the file."""


class GazetteerError(InputError):
    """A gazetteer data file is invalid; the message names the file and line."""
