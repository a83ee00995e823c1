"""The code is formatted by `ruff format` and passes `ruff check` with the project's settings, so a
change shows only what it changes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("aligner", "tests", "benchmarks", "training")


def _ruff() -> str:
    found = shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is in the test extra: pip install -e '.[test]'")
    return found


def test_the_code_is_formatted():
    run = subprocess.run([_ruff(), "format", "--check", *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_code_passes_the_linter():
    run = subprocess.run([_ruff(), "check", *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
