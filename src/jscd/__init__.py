"""jscd: system of record and decision support for a Joint Security Cooperation Dialogue."""

__version__ = "0.1.0"
