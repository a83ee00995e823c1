"""Which document of one language goes with which of the other: pure functions over sentence vectors.

Two signals, in the spirit of Thompson & Koehn (2020), "Exploiting Sentence Order in Document
Alignment": document embeddings made order-aware, then a sentence-level rescoring.

- `document_similarity`: the cosine of whole-document mean vectors, averaged with the cosine of
  *positional* vectors (each document cut into a few equal stretches, each stretch's mean vector
  kept apart), which separates two reports on one subject that tell it in another order;
- `sentence_votes`: the share of a document's sentences whose mutual nearest sentence, over the
  whole other-language collection, lies in the candidate document. A translation gives most of its
  sentences such a partner; a text on the same subject gives few.

`pair_documents` links by competitive linking (the best remaining pair first, each document used
once) on the two signals standardised and summed, and leaves a document without a partner when
neither signal singles the pair out: a third of its sentences or more with mutual partners marks a
translation; failing that, a comparable text must stand out by its document vectors (a CSLS margin
of half the matrix's spread). On NTREX (German–Hindi, where these were set) a translation's votes
are 0.5 or more and its margin 0.5 spreads or more; a document without a partner gets votes of at
most 0.17 and a margin of at most 0.27.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..vectors import l2_normalise
from .thematic import combine_views, csls

# Stretches a document is cut into for its positional vector.
BUCKETS = 4
# A pair whose documents give each other at least this share of mutual nearest sentences is linked
# even when its document vectors do not stand out (a short translation of a long text).
VOTES_ENOUGH = 1 / 3
# Otherwise its CSLS margin must reach this many spreads of the margin matrix.
MARGIN_ENOUGH = 0.5


@dataclass(frozen=True)
class DocumentPair:
    src: int
    tgt: int
    score: float  # 0..1
    votes: float  # share of the shorter document's sentences with a mutual nearest partner in the other


def mean_vector(vectors: np.ndarray) -> np.ndarray:
    return l2_normalise(vectors.mean(axis=0, keepdims=True))[0]


def positional_vector(vectors: np.ndarray, buckets: int = BUCKETS) -> np.ndarray:
    """Each of `buckets` equal stretches of the document as its mean vector, concatenated (a short
    document repeats its sentences across stretches rather than leave one empty)."""
    n = len(vectors)
    parts = []
    for b in range(buckets):
        start = (b * n) // buckets
        stop = max(start + 1, ((b + 1) * n) // buckets)
        parts.append(mean_vector(vectors[min(start, n - 1) : stop]))
    return np.concatenate(parts) / np.sqrt(buckets)


def document_similarity(src_docs: list[np.ndarray], tgt_docs: list[np.ndarray]) -> np.ndarray:
    """(N, M): mean of whole-document and positional cosines."""
    whole = np.stack([mean_vector(d) for d in src_docs]) @ np.stack([mean_vector(d) for d in tgt_docs]).T
    ordered = np.stack([positional_vector(d) for d in src_docs]) @ np.stack([positional_vector(d) for d in tgt_docs]).T
    return 0.5 * (whole + ordered)


def sentence_votes(src_docs: list[np.ndarray], tgt_docs: list[np.ndarray]) -> np.ndarray:
    """(N, M): mutual nearest sentence pairs between two documents, over the shorter one's length."""
    src_all, tgt_all = np.concatenate(src_docs), np.concatenate(tgt_docs)
    src_owner = np.repeat(np.arange(len(src_docs)), [len(d) for d in src_docs])
    tgt_owner = np.repeat(np.arange(len(tgt_docs)), [len(d) for d in tgt_docs])
    sims = src_all @ tgt_all.T
    src_best, tgt_best = sims.argmax(axis=1), sims.argmax(axis=0)
    votes = np.zeros((len(src_docs), len(tgt_docs)))
    for i, j in enumerate(src_best):
        if tgt_best[j] == i:
            votes[src_owner[i], tgt_owner[j]] += 1
    shorter = np.minimum.outer(np.array([len(d) for d in src_docs]), np.array([len(d) for d in tgt_docs]))
    return votes / np.maximum(shorter, 1)


def pair_documents(src_docs: list[np.ndarray], tgt_docs: list[np.ndarray], *, k: int = 3) -> list[DocumentPair]:
    """Each document's partner in the other language, or none; pairs in source order."""
    if not src_docs or not tgt_docs or any(len(d) == 0 for d in (*src_docs, *tgt_docs)):
        raise ValueError("every document needs at least one sentence vector")
    similarity = document_similarity(src_docs, tgt_docs)
    votes = sentence_votes(src_docs, tgt_docs)
    margin = csls(similarity, k) if min(similarity.shape) > 1 else similarity - similarity.mean()
    combined = combine_views(margin, votes) if votes.std() > 0 else margin
    spread = float(combined.std()) or 1.0
    margin_spread = float(margin.std()) or 1.0
    used_src, used_tgt, pairs = set(), set(), []
    for flat in np.argsort(-combined, axis=None, kind="stable"):
        a, b = divmod(int(flat), combined.shape[1])
        if a in used_src or b in used_tgt:
            continue
        if votes[a, b] < VOTES_ENOUGH and margin[a, b] < MARGIN_ENOUGH * margin_spread:
            continue
        used_src.add(a)
        used_tgt.add(b)
        score = float(1.0 / (1.0 + np.exp(-combined[a, b] / spread)))
        pairs.append(DocumentPair(a, b, round(score, 4), round(float(votes[a, b]), 4)))
    return sorted(pairs, key=lambda pair: pair.src)
