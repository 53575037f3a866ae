"""The write-path walk for the web forms: the other party's rows never change a form's answer.

Every named URL of the web app is classified here as a page (read) or a form (write); a new URL
in neither table fails the suite. Each record form is posted as each party's editor once with
the other party's rows deleted and once with them present, after the colliders of
``tests/api/test_write_walk.py`` (rows of the other party under JOINT parents) are added; the
status, the redirect and the page it leads to (with its messages) must be the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from jscd.record.models import ThreadLink
from tests.api.rows import extra_rows
from tests.api.test_write_walk import _add_colliders, _purge
from tests.assess_web.rows import other_phase

pytestmark = pytest.mark.django_db

OTHER = {"USA": "IRQ", "IRQ": "USA"}
Rows = dict[str, Any]


def _link(rows: Rows) -> int:
    return ThreadLink.objects.get(thread=rows["thread"], statement=rows["statement"]).pk


#: Forms that write the record: URL kwargs from the rows, POST data from rows and a marking.
RECORD_FORMS: dict[str, tuple[Callable[[Rows], dict[str, Any]], Callable[[Rows, str], dict[str, Any]]]] = {
    "web:proposal_accept": (lambda r: {"pk": r["proposal"].pk}, lambda r, m: {"note": "walk"}),
    "web:proposal_reject": (lambda r: {"pk": r["proposal"].pk}, lambda r, m: {"note": "walk"}),
    "web:proposal_merge": (lambda r: {"pk": r["proposal"].pk},
                           lambda r, m: {"target": r["person"].pk, "note": "same person"}),
    "web:proposal_edit": (lambda r: {"pk": r["proposal"].pk},
                          lambda r, m: {"payload": json.dumps({"name": f"Edited {m} person"}),
                                        "note": "edited"}),
    "web:thread_suggestions": (lambda r: {}, lambda r, m: {"action": "reject", "link": _link(r)}),
    "web:assessment_run_create": (lambda r: {}, lambda r, m: {
        "as_of": "2024-06", "tables": "example", "marking": m, "label": f"walk {m}"}),
    "web:assessment_override": (
        lambda r: {"pk": r["assessment_run"].pk, "iso": "IQ-BA"},
        lambda r, m: {"phase": other_phase(r["assessment_run"], "IQ-BA"), "marking": m,
                      "rationale": f"The {m} assessor reads the local picture differently."}),
    "web:assessment_decision": (
        lambda r: {"pk": r["assessment_run"].pk, "iso": "IQ-BA"},
        lambda r, m: {"outcome": "deferred", "phase": r["assessment_run"].result["phases"][0]["id"],
                      "authority": "HMC co-chairs", "decided_on": "2024-07-01", "marking": m}),
}
#: Forms about one's own account, tested in tests/deploy/.
ACCOUNT_FORMS = {"web:login", "web:logout", "web:password_change"}
#: Pages that only read (their access is walked in tests/web/test_access.py).
PAGES = {
    "web:dashboard", "web:round_list", "web:round_detail", "web:event_list", "web:event_detail",
    "web:statement_list", "web:thread_list", "web:thread_detail", "web:person_list",
    "web:person_detail", "web:organization_list", "web:organization_detail", "web:source_list",
    "web:source_detail", "web:search", "web:review_queue", "web:conflict_list", "web:timeline",
    "web:program_list", "web:program_detail", "web:report_index", "web:report_preview",
    "web:report_download", "web:assessment_map", "web:assessment_plotly",
    "web:assessment_topojson", "web:assessment_run", "web:assessment_governorate",
    "web:assessment_compare",
}


def _web_names(resolver: Any = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue  # the admin and the API have their own walks
            names |= _web_names(pattern, f"{pattern.namespace}:" if pattern.namespace else namespace)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_web_url_is_classified_as_a_page_or_a_form() -> None:
    names = _web_names()
    missing = sorted(names - PAGES - ACCOUNT_FORMS - set(RECORD_FORMS))
    assert not missing, f"classify these URLs in tests/web/test_form_walk.py (page or form): {missing}"
    stale = sorted((PAGES | ACCOUNT_FORMS | set(RECORD_FORMS)) - names)
    assert not stale, f"no such URLs any more: {stale}"


def _normal(response: Any) -> tuple[Any, ...]:
    """Status, redirect chain and final page, with ids and CSRF tokens removed."""
    def clean(text: str) -> str:
        text = re.sub(r"[A-Za-z0-9]{64}", "TOKEN", text)
        return re.sub(r"\d+", "N", text)

    chain = [(clean(url), status) for url, status in response.redirect_chain]
    return response.status_code, chain, clean(response.content.decode(errors="replace"))


def _post(client: Client, url: str, data: dict[str, Any], purge: str | None) -> tuple[Any, ...]:
    with transaction.atomic():
        if purge:
            _purge(purge)
        answer = _normal(client.post(url, data, follow=True))
        transaction.set_rollback(True)
    return answer


@pytest.mark.parametrize("caller", ["USA", "IRQ"])
def test_hidden_rows_do_not_change_a_web_form_s_answer(caller: str, party_rows: Rows,
                                                         usa_editor: Any, irq_editor: Any) -> None:
    extra_rows(party_rows)
    _add_colliders(party_rows)
    client = Client()
    client.force_login(usa_editor if caller == "USA" else irq_editor)
    differ = []
    for name, (kwargs, data) in RECORD_FORMS.items():
        for target, marking in (("JOINT", caller), (caller, caller)):
            rows = party_rows[target]
            url = reverse(name, kwargs=kwargs(rows))
            body = data(rows, marking)
            without = _post(client, url, body, purge=OTHER[caller])
            with_them = _post(client, url, body, purge=None)
            assert without[0] < 500, (name, without[:2])
            if without != with_them:
                differ.append((name, target, without[:2], with_them[:2]))
    assert not differ, f"{caller}'s form answers depend on {OTHER[caller]}'s hidden rows: {differ}"
