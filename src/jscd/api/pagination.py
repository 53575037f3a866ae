"""Limit/offset pagination shared by every list endpoint.

A list answers ``{"count": total, "limit": n, "offset": k, "items": [...]}``; ``count`` is the
number of rows *the caller may see* that match the filters, so it never hints at hidden rows.
Decorate a list view with ``@paginate(RecordPagination)`` and return a queryset.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from jscd.api.types import INT_MAX

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "RecordPagination"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class RecordPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="rows per page")
        offset: int = Field(0, ge=0, le=INT_MAX, description="rows to skip")

    class Output(Schema):
        count: int
        limit: int
        offset: int
        items: list[Any]

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest,
                          **params: Any) -> dict[str, Any]:
        start, limit = pagination.offset, pagination.limit
        return {
            "count": self._items_count(queryset),
            "limit": limit,
            "offset": start,
            "items": list(queryset[start:start + limit]),
        }
