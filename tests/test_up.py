"""The README's run command: `jscd up` on an empty SQLite file serves the demo record."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"jscd up exited early:\n{proc.stdout.read() if proc.stdout else ''}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail("jscd up did not start serving in time")


def test_jscd_up_migrates_loads_the_demo_and_serves(tmp_path):
    port = _free_port()
    env = {**os.environ, "JSCD_DATABASE_URL": f"sqlite:///{tmp_path / 'jscd.sqlite3'}",
           "JSCD_DEMO_PASSWORD": "demo-password-1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.Popen([sys.executable, "-m", "jscd.cli", "up", "--port", str(port)], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/login/", proc)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"username": "irq-editor", "password": "demo-password-1",
                                       "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"})
        dashboard = opener.open(request).read().decode()
        assert "irq-editor" in dashboard
        rounds = opener.open(f"{base}/api/rounds").read().decode()
        assert "2023-08-07" in rounds and "2024-07-22" in rounds and "Washington, D.C." in rounds
    finally:
        proc.terminate()
        proc.wait(timeout=20)
