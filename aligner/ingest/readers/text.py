"""Plain text (UTF-8 or UTF-16 with a BOM): the file's characters are the extraction, every line's
role is guessed by ingestion."""

from __future__ import annotations

from pathlib import Path

from ..decode import read_text
from .base import Extraction


def read(path: Path, lang: str | None = None) -> Extraction:
    return Extraction(read_text(path))
