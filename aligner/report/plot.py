"""The similarity map: the passage-by-passage (or sentence-by-sentence) similarity matrix as a PNG,
with the chosen links drawn on it — what an aligner's user looks at when something seems wrong."""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np


def similarity_png(
    matrix: np.ndarray,
    links: Sequence[tuple[int, int, float]],
    *,
    source_label: str,
    target_label: str,
    title: str,
    row_ids: Sequence[str] = (),
    column_ids: Sequence[str] = (),
) -> bytes:
    """PNG bytes: `matrix` rows are source units, columns target units, named on the axes by
    `row_ids` / `column_ids` (the ids the page shows; at most about 40 labels an axis); `links` are
    (row, column, score), drawn as red rings. One colour bar: the similarity. Deterministic (no
    dates in the file)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows, columns = matrix.shape
    width = min(14.0, 3.5 + columns * 0.22)
    height = min(12.0, 2.5 + rows * 0.22)
    figure, axes = plt.subplots(figsize=(max(width, 5.0), max(height, 4.0)), dpi=100)
    image = axes.imshow(matrix, aspect="auto", cmap="Greys", interpolation="nearest")
    figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02, label="similarity (darker: more similar)")
    if links:
        ys, xs, _ = zip(*links)
        axes.scatter(xs, ys, s=70, marker="o", facecolors="none", edgecolors="red", linewidths=1.6, label="link")
        axes.legend(loc="upper right", fontsize=8, framealpha=0.8)
    _label_axis(axes.set_yticks, axes.set_yticklabels, row_ids, rows)
    _label_axis(axes.set_xticks, axes.set_xticklabels, column_ids, columns, rotate=True)
    axes.set_xlabel(target_label)
    axes.set_ylabel(source_label)
    axes.set_title(title, fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def _label_axis(set_ticks, set_labels, ids: Sequence[str], count: int, *, rotate: bool = False) -> None:
    """Ticks named by the ids (without the edition's prefix, which the axis title gives)."""
    if len(ids) != count or not count:
        return
    step = max(1, -(-count // 40))
    ticks = list(range(0, count, step))
    set_ticks(ticks)
    set_labels([ids[i].split(".", 1)[-1] for i in ticks], fontsize=7, rotation=90 if rotate else 0)
