"""The matrix behind an alignment, for the review page's picture: what the aligner scored, pooled to
a size a picture can show, with each link's cell."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..align import thematic
from ..document import Alignment, Edition
from ..embed import Encoder


class SimilarityMap(NamedTuple):
    matrix: np.ndarray
    #: each link's (row, column, score)
    points: list[tuple[int, int, float]]
    #: what a row or column is: "passage" (a paragraph) or "sentence"
    unit: str
    #: the id of each row's and column's paragraph or (first) sentence, as the texts number them
    row_ids: list[str]
    column_ids: list[str]


def similarity_map(
    src: Edition, tgt: Edition, encoder: Encoder, alignment: Alignment, max_cells: int = 300
) -> SimilarityMap:
    """The matrix behind an alignment, for the report's picture, with each link's (row, column, score)
    and the ids of the rows and columns.

    Comparable texts: paragraph × paragraph similarity (what thematic matching scores, over whole
    paragraphs: the picture's rows and columns are the paragraphs the page shows, not the windows a
    long paragraph is matched in). Translations: sentence × sentence cosine, max-pooled into at most
    `max_cells` per side for long texts (a pooled row is named by its first sentence).
    """
    src_sentences, tgt_sentences = list(src.sentences()), list(tgt.sentences())
    src_vectors = encoder.encode([s.text for s in src_sentences])
    tgt_vectors = encoder.encode([s.text for s in tgt_sentences])
    src_index = {s.id: i for i, s in enumerate(src_sentences)}
    tgt_index = {s.id: i for i, s in enumerate(tgt_sentences)}
    if alignment.mode == "comparable":
        (src_passages, src_ids), (tgt_passages, tgt_ids) = _paragraphs(src, src_index), _paragraphs(tgt, tgt_index)
        matrix = thematic.passage_similarity(
            src_vectors @ tgt_vectors.T, src_passages, tgt_passages, src_vectors, tgt_vectors
        )
        src_of = {i: n for n, p in enumerate(src_passages) for i in p}
        tgt_of = {j: n for n, p in enumerate(tgt_passages) for j in p}
        points = [
            (src_of[src_index[link.source[0]]], tgt_of[tgt_index[link.target[0]]], link.score)
            for link in alignment.links
            if link.source and link.target
        ]
        return SimilarityMap(matrix, points, "passage", src_ids, tgt_ids)
    matrix = src_vectors @ tgt_vectors.T
    row_step = max(1, -(-matrix.shape[0] // max_cells))
    column_step = max(1, -(-matrix.shape[1] // max_cells))
    if row_step > 1 or column_step > 1:
        rows = -(-matrix.shape[0] // row_step)
        columns = -(-matrix.shape[1] // column_step)
        pooled = np.full((rows, columns), -1.0, dtype=np.float32)
        for r in range(rows):
            block = matrix[r * row_step : (r + 1) * row_step]
            for c in range(columns):
                pooled[r, c] = block[:, c * column_step : (c + 1) * column_step].max()
        matrix = pooled
    points = [
        (src_index[link.source[0]] // row_step, tgt_index[link.target[0]] // column_step, link.score)
        for link in alignment.links
        if link.source and link.target
    ]
    return SimilarityMap(
        matrix,
        points,
        "sentence",
        [s.id for s in src_sentences[::row_step]],
        [s.id for s in tgt_sentences[::column_step]],
    )


def _paragraphs(edition: Edition, index: dict[str, int]) -> tuple[list[list[int]], list[str]]:
    """The sentence indices of each paragraph that has sentences, and the paragraphs' ids."""
    paragraphs = [p for p in edition.paragraphs() if p.sentences]
    return [[index[s.id] for s in p.sentences] for p in paragraphs], [p.id for p in paragraphs]
