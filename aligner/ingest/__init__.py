"""Ingestion: a file on disk → an `Edition` (paragraphs repaired, furniture recorded, not yet segmented)."""

from __future__ import annotations

from pathlib import Path

from ..document import Edition
from .decode import decode_bytes, read_text
from .presplit import presplit_edition


def ingest_text(text: str, lang: str, *, edition_id: str | None = None, source: str = "<text>") -> Edition:
    """Repair messy plain text (wraps, page breaks, headers, footnote markers) into an Edition."""
    from .plaintext import plaintext_edition

    return plaintext_edition(text, lang, edition_id=edition_id or lang, source=source)


def read_edition(path: str | Path, lang: str, *, edition_id: str | None = None, presplit: bool = False) -> Edition:
    """Read and repair one file; with `presplit`, one line is one sentence and nothing is repaired."""
    text = read_text(path)
    source = Path(path).name
    if presplit:
        return presplit_edition(text, lang, edition_id=edition_id or lang, source=source)
    return ingest_text(text, lang, edition_id=edition_id, source=source)


__all__ = ["decode_bytes", "ingest_text", "presplit_edition", "read_edition", "read_text"]
