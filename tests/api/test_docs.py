"""The API documents itself at /api/docs and /api/openapi.json, offline, with no CDN."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest

from jscd.api.app import api
from jscd.core import Category, Modality, ThreadStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client: Any, usa_viewer: Any) -> Any:
    """The docs are for signed-in users (unless JSCD_PUBLIC_API_DOCS=1): sign one in."""
    client.force_login(usa_viewer)
    return client


def test_docs_need_a_signed_in_user_by_default(db: Any) -> None:
    from django.test import Client

    for url in ("/api/docs", "/api/openapi.json"):
        response = Client().get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_docs_are_public_when_configured(db: Any, settings: Any) -> None:
    from django.test import Client

    settings.JSCD_PUBLIC_API_DOCS = True
    assert Client().get("/api/openapi.json").status_code == 200


def test_openapi_lists_the_error_answers_of_every_route(client: Any) -> None:
    raw = client.get("/api/openapi.json").content.decode()

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys in the document: {keys}"
        return dict(pairs)

    import json

    document = json.loads(raw, object_pairs_hook=no_duplicates)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            expected = {"400", "401", "403", "404", "422"} | ({"409"} if method != "get" else set())
            assert expected <= codes, f"{method.upper()} {path} documents only {sorted(codes)}"


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_page_loads_every_asset_from_this_server(client: Any) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = _assets(html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    for url in assets:
        assert not urlparse(url).netloc, f"/api/docs loads {url} from another host"
        served = client.get(url)
        assert served.status_code == 200, url
        assert b"".join(served.streaming_content if served.streaming else [served.content])


def test_openapi_lists_the_vocabulary_as_enums(client: Any) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schemas["Modality"]["enum"] == [m.value for m in Modality]
    assert schemas["Category"]["enum"] == [c.value for c in Category]
    assert schemas["ThreadStatus"]["enum"] == [s.value for s in ThreadStatus]


def test_openapi_declares_both_ways_to_sign_in(client: Any) -> None:
    document = client.get("/api/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["BearerToken"].items()
    assert schemes["PartySession"]["in"] == "cookie"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("security"), f"{method.upper()} {path} declares no auth"


def test_no_route_is_shadowed_by_another_router(client: Any) -> None:
    # ninja makes URL patterns per router; a second router declaring an existing path (even
    # for another method) is never reached, and Django answers 405 for its method.
    document = api.get_openapi_schema(path_prefix="/api/")
    shadowed = []
    for path, operations in document["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method in operations:
            if client.generic(method.upper(), url).status_code == 405:
                shadowed.append(f"{method.upper()} {path}")
    assert not shadowed, f"routes declared on a path another router owns: {shadowed}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_offline_in_chromium(browser: Any, live_server: Any,
                                                screenshot_dir: Any, settings: Any) -> None:
    settings.JSCD_PUBLIC_API_DOCS = True
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    local = urlparse(live_server.url).netloc

    def guard(route: Any) -> None:
        if urlparse(route.request.url).netloc != local:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock", timeout=90000)
    assert page.locator(".opblock").count() >= len(api.get_openapi_schema(path_prefix="/api/")["paths"])
    assert page.get_by_text("/api/rounds/{round_id}", exact=True).count() >= 1
    page.screenshot(path=str(screenshot_dir / "api-docs.png"), full_page=False)
    context.close()
    assert not foreign, f"/api/docs tried to reach other hosts: {foreign}"


def test_no_two_schemas_share_a_component_name() -> None:
    # ninja names components by class name: two routers' ``DecisionOut`` made one overwrite the
    # other, so the proposal decisions were documented with the assessment decision's schema.
    from pydantic import BaseModel

    seen: dict[str, str] = {}
    import importlib
    import inspect

    for area in ("record", "record_writes", "ingest", "threads", "reports", "assessment"):
        module = importlib.import_module(f"jscd.api.routers.{area}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == module.__name__:
                assert name not in seen, f"{name} is defined in {seen[name]} and {module.__name__}"
                seen[name] = module.__name__
