"""YAML loading that remembers line numbers, so a bad data file is reported by file and line.

Gazetteers, the assessment model and the demo record are all versioned YAML; a person who
edits one needs to be told where they went wrong, not that "a value is invalid".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from jscd.core.errors import InputError

__all__ = ["LineDict", "LineList", "line_of", "load_yaml"]


class LineDict(dict):
    """A mapping that knows the line (1-based) it started on in its file."""

    line: int | None = None


class LineList(list):
    line: int | None = None


# libyaml's parser when the wheel has it (ten times faster), with the same safe constructors.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_sequence(node, deep=True))
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def load_yaml(path: str | Path, text: str | None = None) -> Any:
    """Parse a YAML file; a syntax error becomes an InputError naming file and line."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read: {exc}", file=str(path)) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(str(exc.problem or exc), file=str(path),
                         line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputError(str(exc), file=str(path)) from None
