"""Ingestion: a file on disk → an `Edition` (paragraphs repaired, furniture recorded, not yet segmented)."""

from __future__ import annotations

from pathlib import Path

from ..document import Edition
from .decode import decode_bytes, read_text
from .presplit import presplit_edition
from .readers import Extraction, extract


def ingest_text(
    text: str,
    lang: str,
    *,
    edition_id: str | None = None,
    source: str = "<text>",
    hints: tuple[str | None, ...] | None = None,
) -> Edition:
    """Repair messy plain text (wraps, page breaks, headers, footnote markers) into an Edition;
    `hints` are a reader's roles of its lines (`readers.Extraction`), None for plain text."""
    from .plaintext import plaintext_edition

    return plaintext_edition(text, lang, edition_id=edition_id or lang, source=source, hints=hints)


def read_edition(path: str | Path, lang: str, *, edition_id: str | None = None, presplit: bool = False) -> Edition:
    """Read and repair one file of any format `readers` knows; with `presplit`, one line is one
    sentence and nothing is repaired."""
    extraction = extract(path, lang)
    source = Path(path).name
    if presplit:
        return presplit_edition(extraction.text, lang, edition_id=edition_id or lang, source=source)
    return ingest_text(extraction.text, lang, edition_id=edition_id, source=source, hints=extraction.hints)


def load_edition(path: str | Path, lang: str | None = None, *, presplit: bool = False) -> Edition:
    """One file read, its language found (`lang`, else its folder's name, else its script), repaired
    and segmented: what `aligner segment` and `aligner align` work on."""
    from ..segment import languages, segment_edition
    from .corpus import language_of

    folder = Path(path).parent.name
    extraction = extract(path, lang or (folder if folder in languages() else None))
    language = language_of(Path(path), extraction.text, lang)
    if presplit:
        return presplit_edition(extraction.text, language, edition_id=language, source=Path(path).name)
    return segment_edition(ingest_text(extraction.text, language, source=Path(path).name, hints=extraction.hints))


__all__ = [
    "Extraction",
    "decode_bytes",
    "extract",
    "ingest_text",
    "load_edition",
    "presplit_edition",
    "read_edition",
    "read_text",
]
