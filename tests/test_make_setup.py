"""``make setup`` says which programs Odoo needs besides Python are missing, and how to
install them, without installing anything itself (README: Prerequisites)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(not MAKE, reason="GNU make is not installed")


def _check_tools(path):
    """``make check-tools`` (the part of ``make setup`` that checks programs) with only
    ``path`` to find programs in."""
    return subprocess.run([MAKE, "-s", "check-tools"], cwd=ROOT, env={"PATH": str(path)},
                          capture_output=True, text=True, timeout=60, check=False)


def _program(folder, name):
    program = folder / name
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)


def test_missing_programs_are_named_with_their_debian_package(tmp_path):
    result = _check_tools(tmp_path)
    assert result.returncode == 0, "a warning, not a failure: the suite runs without them"
    assert "wkhtmltopdf is missing" in result.stderr
    assert "sudo apt-get install wkhtmltopdf" in result.stderr
    assert "Chromium is missing" in result.stderr
    assert "sudo apt-get install chromium" in result.stderr


@pytest.mark.parametrize("chromium", ["chromium", "chromium-browser", "google-chrome"])
def test_nothing_said_when_they_are_there(tmp_path, chromium):
    _program(tmp_path, "wkhtmltopdf")
    _program(tmp_path, chromium)
    result = _check_tools(tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def test_setup_checks_the_programs():
    """``make setup`` runs the check (dry run: nothing is installed or written)."""
    result = subprocess.run([MAKE, "-n", "setup", f"PATH={os.environ.get('PATH', '')}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60,
                            check=False)
    assert "wkhtmltopdf" in result.stdout
