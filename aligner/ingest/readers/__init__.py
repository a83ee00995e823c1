"""One reader per input format, looked up by the file's extension (in any case).

A reader is a module with ``read(path, lang) -> Extraction`` (`base.py`; `lang`, None where unknown,
matters only to OCR): the document's plain text, one
line per paragraph, heading, footnote or printed line, with what the file says of each line's role.
Ingestion (`aligner.ingest.plaintext`) turns that into the same `Edition` a .txt file gives, so spans,
ids and "no character lost" mean the same for every format; the build writes the extraction beside
the segments (`writes_extraction`). Readers are imported on first use: a corpus of .txt files loads
none of their libraries.
"""

from __future__ import annotations

from pathlib import Path

from ...registry import Registry
from .base import Extraction

READERS: Registry = Registry("input format")
# Spelled out whole: the edition cache's fingerprint follows these references to the readers' code.
for _suffix, _reader in (
    (".txt", "aligner.ingest.readers.text:read"),
    (".docx", "aligner.ingest.readers.docx:read"),
    (".odt", "aligner.ingest.readers.odt:read"),
    (".html", "aligner.ingest.readers.html:read"),
    (".htm", "aligner.ingest.readers.html:read"),
    (".xhtml", "aligner.ingest.readers.html:read"),
    (".epub", "aligner.ingest.readers.epub:read"),
    (".md", "aligner.ingest.readers.markdown:read"),
    (".markdown", "aligner.ingest.readers.markdown:read"),
    (".pdf", "aligner.ingest.readers.pdf:read"),
):
    READERS.register(_suffix, _reader)

#: the extensions aligner reads, lower case with their dot
SUFFIXES = tuple(READERS.names())


def readable(path: Path | str) -> bool:
    return Path(path).suffix.lower() in READERS


def extract(path: Path | str, lang: str | None = None) -> Extraction:
    """The extraction of one file by the reader of its extension; bad input is an `InputError`.
    `lang` (where known) lets a reader that needs it (OCR of scanned PDF pages) read the language."""
    path = Path(path)
    from ..decode import read_text

    if not readable(path):  # an unknown extension is read as plain text, which names what is wrong with it
        return Extraction(read_text(path))
    return READERS.get(path.suffix.lower())(path, lang)


def writes_extraction(source: str) -> bool:
    """Whether the build writes the text a file was read as (`OutputLayout.extraction`) beside its
    segments: for every format but plain text, which is its own."""
    return Path(source).suffix.lower() != ".txt"


__all__ = ["READERS", "SUFFIXES", "Extraction", "extract", "readable", "writes_extraction"]
