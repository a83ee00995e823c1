"""Deciding whether two texts are translations of each other or only comparable."""

from __future__ import annotations

import numpy as np


def diagonality(src: np.ndarray, tgt: np.ndarray) -> float:
    """Share of source sentences whose nearest target lies near the diagonal of the similarity matrix."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return 0.0
    nearest = (src @ tgt.T).argmax(axis=1)
    expected = np.arange(n) * (m / n)
    tolerance = max(3.0, 0.05 * m)
    return float(np.mean(np.abs(nearest - expected) <= tolerance))


def choose_mode(src: np.ndarray, tgt: np.ndarray) -> str:
    """'translation' when lengths are alike and nearest neighbours follow the diagonal, else 'comparable'."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return "comparable"
    ratio = max(n, m) / min(n, m)
    return "translation" if ratio <= 2.0 and diagonality(src, tgt) >= 0.5 else "comparable"
