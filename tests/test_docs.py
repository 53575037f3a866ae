"""Docs that cannot drift: every setting and command is documented in the README."""

from __future__ import annotations

import subprocess
import sys

from jscd.cli import COMMANDS
from jscd.conf.env import SETTINGS
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def test_every_setting_is_documented():
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert not missing, f"add these settings to the README's configuration table: {missing}"


def test_every_command_is_documented():
    missing = [name for name in COMMANDS if f"jscd {name}" not in README]
    assert not missing, f"add these commands to the README: {missing}"


def test_help_and_version_do_not_need_django():
    code = ("import sys, jscd.cli as c; c.main(['--help']); c.main(['--version']);"
            "assert 'django' not in sys.modules, 'django was imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "jscd" in result.stdout and "commands:" in result.stdout


def test_unknown_command_says_so():
    result = subprocess.run([sys.executable, "-m", "jscd.cli", "frobnicate"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2 and "unknown command 'frobnicate'" in result.stderr
