"""Shared fixtures: tiny hand-made editions and alignments for the format and report tests; one build
of texts/ per session for the end-to-end tests (the encoder loads once); the TEI schema once."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"


@pytest.fixture(autouse=True)
def aligner_logger_as_libraries_leave_it():
    """A test that runs the CLI in-process gives the `aligner` logger the CLI's own handler and stops
    it propagating; put it back, so that later tests' caplog sees the library's records."""
    logger = logging.getLogger("aligner")
    handlers, propagate, level = list(logger.handlers), logger.propagate, logger.level
    yield
    logger.handlers[:] = handlers
    logger.propagate, logger.level = propagate, level


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def tiny():
    """Two small editions with English layers and two alignments between them (tests/tiny_editions.py)."""
    from tiny_editions import tiny

    return tiny()


@pytest.fixture(scope="session")
def hash_encoder():
    """A deterministic stand-in for the sentence encoder (no model)."""
    from tiny_editions import HashEncoder

    return HashEncoder()


@pytest.fixture
def quick_build(monkeypatch, hash_encoder):
    """`build` in this process on a tiny corpus, in seconds: the hash encoder stands in for the model and
    the `echo` translator (tests/tiny_corpus.py) for the gloss; no cache unless one is given."""
    from tiny_corpus import EchoTranslator

    import aligner.embed
    from aligner.build import build
    from aligner.translate import TRANSLATORS

    monkeypatch.setattr(aligner.embed, "default_encoder", lambda *args, **kwargs: hash_encoder)
    monkeypatch.setitem(TRANSLATORS._entries, "echo", EchoTranslator)

    def run(texts, out, **options):
        options.setdefault("translators", ("echo",))
        options.setdefault("cache", None)
        return build(texts, out, **options)

    return run


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
    """tei_all.rng compiled by libxml2: about 20 s of CPU, so only `slow` tests ask for it."""
    from aligner.formats.tei import relaxng

    return relaxng()


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items):
    """A test that asks for the real build is `slow` and `model`, and one that asks for the TEI schema
    is `slow`, wherever it is written: `-m "not slow"` never waits for either."""
    for item in items:
        if "built" in item.fixturenames:
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.model)
        elif "tei_schema" in item.fixturenames:
            item.add_marker(pytest.mark.slow)
