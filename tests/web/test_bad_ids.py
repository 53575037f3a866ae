"""Pages named by an id or filter value beyond any column answer 404 or the page, never a 500.

The API's fuzzing found integer overflow reaching the database; the pages share the models,
so the same values are pinned here for the web app (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
URLS = [
    f"/threads/{HUGE}/", f"/statements/?round={HUGE}", f"/rounds/?series={HUGE}",
    f"/programs/{HUGE}/", f"/review/{HUGE}/edit/", f"/assessment/runs/{HUGE}/",
    f"/timeline/?series={HUGE}", f"/reports/preview/?round={HUGE}",
    f"/admin/record/thread/{HUGE}/change/", f"/people/?party={HUGE}", f"/sources/{HUGE}/",
]


@pytest.mark.parametrize("url", URLS)
def test_a_huge_id_or_filter_value_is_not_a_server_error(url: str, usa_editor: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(usa_editor)
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
