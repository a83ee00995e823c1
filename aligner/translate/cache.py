"""Translations cached on disk, keyed by (translator provenance, source text): a rebuild translates
only sentences whose text changed, or all of them when the model or dictionary changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from ..io import open_cache


def _key(provenance_key: str, text: str) -> str:
    return hashlib.sha256(f"{provenance_key}\x00{text}".encode("utf-8")).hexdigest()


class TranslationCache:
    def __init__(self, cache_dir: Path | str):
        self.path = Path(cache_dir) / "translations.sqlite"
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = open_cache(self.path, "lines (key TEXT PRIMARY KEY, english TEXT)", "translation")
        return self._db

    def get_many(self, provenance_key: str, texts: list[str]) -> dict[str, str]:
        db = self._connection()
        wanted = {_key(provenance_key, t): t for t in texts}
        keys = list(wanted)
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            query = f"SELECT key, english FROM lines WHERE key IN ({','.join('?' * len(chunk))})"
            for key, english in db.execute(query, chunk):
                found[wanted[key]] = english
        return found

    def put_many(self, provenance_key: str, translations: dict[str, str]) -> None:
        db = self._connection()
        db.executemany("INSERT OR REPLACE INTO lines VALUES (?, ?)",
                       [(_key(provenance_key, t), e) for t, e in translations.items()])
        db.commit()
