"""Errors every layer can raise and every front end knows how to show."""

from __future__ import annotations

__all__ = ["DomainError", "InputError"]


class DomainError(Exception):
    """A request the record refuses, with a message a person can act on.

    ``field`` names what is wrong so forms, the API and the CLI can point at it.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InputError(DomainError):
    """Bad input from a file: names the file and line as well as the field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}" if where else what
