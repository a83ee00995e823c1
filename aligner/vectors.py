"""Arithmetic on sentence vectors that both the encoder (`aligner.embed`) and the aligner
(`aligner.align`) need, kept below both so that neither imports the other."""

from __future__ import annotations

import numpy as np


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero), in the input's dtype."""
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
