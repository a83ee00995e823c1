"""Segmented editions cached on disk, keyed by the source text and by the code that reads it.

Ingesting and segmenting the Thai chapter loads PyThaiNLP's dictionary trie and tagger and scores
every space (≈3 s); a rebuild whose texts did not change should not pay that again. The key covers
the text, its language, edition id and file name, and a fingerprint of everything that turns text
into an `Edition` — the ingestion and segmentation code, the shipped boundary model, the document
model, and the versions of PyThaiNLP and regex — so a change to any of them re-segments.

The cache holds pickles written by this program into the user's own cache folder, like joblib's
and pip's caches; a file that does not load (another Python, a damaged file) is treated as a miss.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
import zlib
from pathlib import Path

from .io import code_fingerprint, open_cache
from .model import Edition

log = logging.getLogger(__name__)

_CODE = ("ingest", "segment", "model.py", "registry.py")
_LIBRARIES = ("pythainlp", "regex")


def pipeline_fingerprint() -> str:
    return code_fingerprint(_CODE, _LIBRARIES)


def edition_key(text: str, lang: str, edition_id: str, source: str, *, presplit: bool = False) -> str:
    parts = (pipeline_fingerprint(), lang, edition_id, source, "presplit" if presplit else "repair", text)
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class EditionCache:
    def __init__(self, cache_dir: Path | str):
        self.path = Path(cache_dir) / "editions.sqlite"
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = open_cache(self.path, "editions (key TEXT PRIMARY KEY, edition BLOB)", "edition")
        return self._db

    def get(self, key: str) -> Edition | None:
        row = self._connection().execute("SELECT edition FROM editions WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            edition = pickle.loads(zlib.decompress(row[0]))
        except Exception as exc:  # any unreadable entry is a miss, never a failed build
            log.info("ignoring an unreadable cached edition (%s)", exc)
            return None
        return edition if isinstance(edition, Edition) else None

    def put(self, key: str, edition: Edition) -> None:
        blob = zlib.compress(pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL))
        db = self._connection()
        with db:
            db.execute("INSERT OR REPLACE INTO editions (key, edition) VALUES (?, ?)", (key, blob))
