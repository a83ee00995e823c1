"""Shared fixtures: one build of texts/ per session (the encoder loads once), the TEI schema once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def built(tmp_path_factory, cache_dir):
    """`build` over a copy of texts/: (output folder, summary)."""
    from aligner.build import build

    root = tmp_path_factory.mktemp("build")
    shutil.copytree(TEXTS, root / "texts")
    out = root / "out"
    summary = build(root / "texts", out, cache=cache_dir)
    return out, summary


@pytest.fixture(scope="session")
def tei_schema():
    from aligner.formats.tei import relaxng

    return relaxng()
