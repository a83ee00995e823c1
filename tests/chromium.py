"""Debian's Chromium for the tests that render a page or print a PDF: where it is, the flags it needs
on these machines (no sandbox as root, no background connections on a closed network), where
screenshots go, and whether it can run here (CI installs it and Playwright, so there it must)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(os.environ.get("ALIGNER_TEST_ARTIFACTS", Path(__file__).resolve().parents[1] / "test-artifacts"))


def browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()
