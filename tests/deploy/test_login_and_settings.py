"""Sign-in and deployment (issue 10, ASVS L2): throttling, password rules, keys, HTTPS, CSP.

Each test starts what a deployment starts (the login page, the createuser command, the serve
command's key check, the settings module under a given environment) with real parts only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jscd.record.models import User
from tests.conftest import PASSWORD, REPO

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/login/", {"username": username, "password": password})


def test_forty_wrong_passwords_lock_the_name_out_and_are_logged(usa_editor: Any,
                                                               caplog: Any) -> None:
    from axes.models import AccessAttempt

    client = Client()
    with caplog.at_level("INFO", logger="axes"):
        for _ in range(40):
            _sign_in(client, usa_editor.username, "wrong-password")
    right = _sign_in(client, usa_editor.username, PASSWORD)
    assert right.status_code == 429, right.status_code  # locked out, even with the right one
    assert b"Too many failed sign-ins" in right.content
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username=usa_editor.username)
    assert attempt.failures_since_start >= 5
    assert any("usa-editor" in r.getMessage() for r in caplog.records), "failures are not logged"
    # another address does not reset the count: the lock is on the user name
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert _sign_in(other, usa_editor.username, PASSWORD).status_code == 429


def test_a_few_failures_then_the_right_password_still_signs_in(usa_editor: Any) -> None:
    client = Client()
    for _ in range(3):
        assert _sign_in(client, usa_editor.username, "wrong").status_code == 200
    assert _sign_in(client, usa_editor.username, PASSWORD).status_code == 302
    assert "_auth_user_id" in client.session


def test_createuser_applies_the_configured_password_validators(parties: None) -> None:
    with pytest.raises(CommandError, match="too short"):
        call_command("createuser", "shorty", "--party", "USA", "--role", "viewer",
                     "--password", "a")
    assert not User.objects.filter(username="shorty").exists()
    call_command("createuser", "longer", "--party", "USA", "--role", "viewer",
                 "--password", "a-long-enough-passphrase")
    assert User.objects.get(username="longer").check_password("a-long-enough-passphrase")


def test_password_change_form_applies_the_validators(usa_editor: Any) -> None:
    client = Client()
    client.force_login(usa_editor)
    page = client.get("/password/")
    assert page.status_code == 200
    short = client.post("/password/", {"old_password": PASSWORD, "new_password1": "a",
                                       "new_password2": "a"})
    assert short.status_code == 200 and b"too short" in short.content
    usa_editor.refresh_from_db()
    assert usa_editor.check_password(PASSWORD)
    ok = client.post("/password/", {"old_password": PASSWORD,
                                    "new_password1": "another-good-passphrase",
                                    "new_password2": "another-good-passphrase"})
    assert ok.status_code == 302
    usa_editor.refresh_from_db()
    assert usa_editor.check_password("another-good-passphrase")


def test_serve_refuses_the_development_key_off_loopback_and_warns_on_it(settings: Any) -> None:
    from jscd.record.management.commands.serve import Command

    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    command = Command()
    with pytest.raises(CommandError, match="development secret key"):
        command.check_secret_key("0.0.0.0")
    import io

    command.stderr = type(command.stderr)(io.StringIO())
    command.check_secret_key("127.0.0.1")  # the demo: allowed, with a warning
    assert "development secret key" in command.stderr._out.getvalue()
    settings.SECRET_KEY = "a-real-key-" + "x" * 40
    command.check_secret_key("0.0.0.0")


def _settings_under(env: dict[str, str]) -> dict[str, Any]:
    """Import the settings module in a fresh interpreter with ``env`` (the deployment's view)."""
    code = ("import json, jscd.conf.settings as s; print(json.dumps({k: getattr(s, k, None) for k in "
            "('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
            "'SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT')}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, **env}, cwd=REPO, check=True)
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_turns_on_secure_cookies_hsts_and_the_proxy_header() -> None:
    on = _settings_under({"JSCD_HTTPS": "1"})
    assert on["SESSION_COOKIE_SECURE"] and on["CSRF_COOKIE_SECURE"] and on["SECURE_SSL_REDIRECT"]
    assert on["SECURE_HSTS_SECONDS"] >= 31536000
    assert on["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    off = _settings_under({"JSCD_HTTPS": "0"})
    assert not off["SESSION_COOKIE_SECURE"] and not off["SECURE_HSTS_SECONDS"]


def test_pages_carry_a_content_security_policy_without_inline_scripts(usa_editor: Any) -> None:
    client = Client()
    client.force_login(usa_editor)
    for url in ("/", "/login/", "/threads/", "/timeline/"):
        response = client.get(url, follow=True)
        policy = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy, (url, policy)
        assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        html = response.content.decode()
        import re

        inline = [m for m in re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>",
                                        html)]
        assert not inline, f"{url} has inline scripts: {inline}"
        assert " onchange=" not in html and " onclick=" not in html, url
