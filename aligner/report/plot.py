"""The similarity map: the passage-by-passage (or sentence-by-sentence) similarity matrix as a PNG,
with the chosen links drawn on it — what an aligner's user looks at when something seems wrong."""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np


def similarity_png(matrix: np.ndarray, links: Sequence[tuple[int, int, float]], *, source_label: str,
                   target_label: str, title: str) -> bytes:
    """PNG bytes: `matrix` rows are source units, columns target units; `links` are (row, column,
    score) drawn as circles whose colour is the score. Deterministic (no dates in the file)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows, columns = matrix.shape
    width = min(12.0, 3.0 + columns * 0.12)
    height = min(10.0, 2.5 + rows * 0.12)
    figure, axes = plt.subplots(figsize=(max(width, 5.0), max(height, 4.0)), dpi=100)
    image = axes.imshow(matrix, aspect="auto", cmap="Greys", interpolation="nearest")
    figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02, label="similarity")
    if links:
        ys, xs, scores = zip(*links)
        dots = axes.scatter(xs, ys, c=scores, cmap="viridis", vmin=0.0, vmax=1.0, s=60, marker="o",
                            edgecolors="red", linewidths=1.2)
        figure.colorbar(dots, ax=axes, fraction=0.04, pad=0.08, label="link score")
    axes.set_xlabel(target_label)
    axes.set_ylabel(source_label)
    axes.set_title(title, fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()
