"""Ordered alignment of translations: a banded dynamic programme over margin-scored overlap embeddings.

Pure functions over arrays (no I/O, no models), after Vecalign and Bertalign:

* `overlaps[k]` holds one vector per run of ``k`` consecutive sentences (row ``i`` = sentences
  ``i .. i+k-1`` joined), so an n-m candidate is scored by comparing the joined texts directly;
* similarities are margin-normalised (cosine minus the mean of each side's k nearest neighbours,
  Artetxe & Schwenk 2019), which cancels "hub" sentences that resemble everything;
* a length term penalises beads whose character lengths disagree with the texts' overall ratio;
* the search runs in a band around an anchor path of confident mutual-nearest 1-1 pairs, so memory
  and time grow linearly with the text (each row keeps only its band).

Shapes: overlaps ``list[(n - k + 1, d)]`` for k = 1..max_size, rows L2-normalised, float32.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEG = -1e9


@dataclass(frozen=True)
class Bead:
    """Sentences src[s0:s1] aligned to tgt[t0:t1] (one side may be empty); `margin` is the raw score."""

    src: tuple[int, int]
    tgt: tuple[int, int]
    margin: float


def knn_mean(queries: np.ndarray, keys: np.ndarray, k: int = 4, block: int = 2048) -> np.ndarray:
    """Mean cosine of each query's k nearest distinct keys, computed in blocks to bound memory. (n,)

    Identical keys (a sentence the text repeats) count once: otherwise a sentence whose translation
    occurs k times would have a neighbourhood as close as its own partner, and a margin of zero.
    """
    if len(queries) == 0 or len(keys) == 0:
        return np.zeros(len(queries), dtype=np.float32)
    keys = np.unique(keys, axis=0)
    k = min(k, len(keys))
    out = np.empty(len(queries), dtype=np.float32)
    for start in range(0, len(queries), block):
        sims = queries[start:start + block] @ keys.T
        top = np.partition(sims, -k, axis=1)[:, -k:]
        out[start:start + block] = top.mean(axis=1)
    return out


def anchor_path(src: np.ndarray, tgt: np.ndarray, block: int = 2048, distinct: float = 0.01) -> np.ndarray:
    """For every source row, the target row the alignment path is expected near. (n,) float

    Confident anchors are mutual nearest neighbours that are also *distinct*: their similarity beats
    the runner-up of both row and column by `distinct`. A sentence repeated in the text (a refrain,
    boilerplate, a repeated book) has several equally near partners, and anchoring on the wrong copy
    would pull the band off the path. The longest increasing run of anchors is kept (translations are
    ordered) and the rest is interpolated linearly; with no anchors at all the path is the diagonal.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return np.zeros(n)
    best_t = np.empty(n, dtype=np.int64)
    row_gap = np.full(n, np.inf, dtype=np.float32)
    best_s = np.full(m, -1, dtype=np.int64)
    column_first = np.full(m, -np.inf, dtype=np.float32)
    column_second = np.full(m, -np.inf, dtype=np.float32)
    for start in range(0, n, block):
        sims = src[start:start + block] @ tgt.T
        best_t[start:start + block] = sims.argmax(axis=1)
        if m > 1:
            top2 = np.partition(sims, -2, axis=1)[:, -2:]
            row_gap[start:start + block] = top2[:, 1] - top2[:, 0]
        # Running best and runner-up of every column over the row blocks seen so far.
        if len(sims) > 1:
            block_top2 = np.partition(sims, -2, axis=0)[-2:, :]
            block_first, block_second = block_top2[1], block_top2[0]
        else:
            block_first, block_second = sims[0], np.full(m, -np.inf, dtype=np.float32)
        block_arg = sims.argmax(axis=0) + start
        better = block_first > column_first
        column_second = np.where(better, np.maximum(column_first, block_second),
                                 np.maximum(column_second, block_first))
        best_s = np.where(better, block_arg, best_s)
        column_first = np.where(better, block_first, column_first)
    column_gap = column_first - column_second
    mutual = [(i, int(best_t[i])) for i in range(n)
              if best_s[best_t[i]] == i and row_gap[i] > distinct and column_gap[best_t[i]] > distinct]
    anchors = _longest_increasing(mutual)
    xs = [-1] + [a for a, _ in anchors] + [n]
    ys = [-1] + [b for _, b in anchors] + [m]
    return np.interp(np.arange(n), xs, ys)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of (i, j) pairs increasing in both (pairs come sorted by i)."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        position = bisect.bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[position] = j
            tail_index[position] = index
        previous[index] = tail_index[position - 1] if position else -1
    result = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        result.append(pairs[index])
        index = previous[index]
    return result[::-1]


def move_set(max_size: int) -> list[tuple[int, int]]:
    """Bead shapes up to max_size sentences a side, 1-0 and 0-1 included (0-1 handled separately)."""
    moves = [(a, b) for a in range(1, max_size + 1) for b in range(1, max_size + 1) if a == 1 or b == 1 or a == b]
    return moves + [(1, 0)]


def align_ordered(
    src_overlaps: list[np.ndarray],
    tgt_overlaps: list[np.ndarray],
    src_lengths: np.ndarray,
    tgt_lengths: np.ndarray,
    *,
    band: int = 30,
    knn: int = 4,
    length_weight: float = 0.05,
    merge_penalty: float = 0.01,
    skip_score: float = 0.0,
) -> list[Bead]:
    """Monotonic beads covering every sentence of both sides exactly once."""
    n, m = len(src_overlaps[0]), len(tgt_overlaps[0])
    if n == 0 or m == 0:
        return [Bead((i, i + 1), (0, 0), 0.0) for i in range(n)] + [Bead((n, n), (j, j + 1), 0.0) for j in range(m)]
    max_size = len(src_overlaps)
    moves = move_set(max_size)
    src_radius = [knn_mean(v, tgt_overlaps[0], knn) for v in src_overlaps]
    tgt_radius = [knn_mean(v, src_overlaps[0], knn) for v in tgt_overlaps]
    ratio = max(1.0, float(src_lengths.sum())) / max(1.0, float(tgt_lengths.sum()))
    src_cum = np.concatenate([[0.0], np.cumsum(src_lengths)])
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_lengths)])

    center = anchor_path(src_overlaps[0], tgt_overlaps[0])
    # Band edges per DP row i (0..n): target columns lo[i] .. hi[i] inclusive, widened to be monotone.
    centers = np.concatenate([center, [m]])
    lo = np.clip(np.floor(centers - band).astype(np.int64), 0, m)
    hi = np.clip(np.ceil(centers + band).astype(np.int64), 0, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m
    # Each row's band must overlap the previous one, or no move could cross between them.
    for i in range(1, n + 1):
        lo[i] = min(lo[i], hi[i - 1])

    def bead_scores(i: int, a: int, b: int, js: np.ndarray) -> np.ndarray:
        """Scores of beads src[i:i+a] ~ tgt[j:j+b] for every start j in js."""
        valid = js + b <= m
        scores = np.full(len(js), NEG, dtype=np.float64)
        if i + a > n or not valid.any():
            return scores
        jv = js[valid]
        cos = tgt_overlaps[b - 1][jv] @ src_overlaps[a - 1][i]
        margin = cos - 0.5 * (src_radius[a - 1][i] + tgt_radius[b - 1][jv])
        src_len = src_cum[i + a] - src_cum[i]
        tgt_len = (tgt_cum[jv + b] - tgt_cum[jv]) * ratio
        length = np.abs(np.log((src_len + 10.0) / (tgt_len + 10.0)))
        scores[valid] = margin - length_weight * length - merge_penalty * (a + b - 2)
        return scores

    # A deletion scores zero: with margin-normalised similarities, a pair that is no closer than
    # either sentence's nearest neighbours (margin <= 0) is not worth linking.
    skip = float(skip_score)

    # dp[i] covers columns lo[i]..hi[i]; back[i] stores the move index (-1 for a 0-1 skip).
    dp: list[np.ndarray] = []
    back: list[np.ndarray] = []
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        best = np.full(len(js), NEG)
        arg = np.full(len(js), -2, dtype=np.int8)
        if i == 0:
            best[js == 0] = 0.0
        for index, (a, b) in enumerate(moves):
            if a > i:
                continue
            prev_lo, prev_hi = lo[i - a], hi[i - a]
            starts = js - b
            ok = (starts >= prev_lo) & (starts <= prev_hi)
            if not ok.any():
                continue
            candidates = np.full(len(js), NEG)
            prev = dp[i - a][starts[ok] - prev_lo]
            if b == 0:
                candidates[ok] = prev + skip
            else:
                candidates[ok] = prev + bead_scores(i - a, a, b, starts[ok])
            # A cell nothing reaches stays unreachable, whatever score a bead from it would add.
            candidates[ok] = np.where(prev > NEG / 2, candidates[ok], NEG)
            better = candidates > best
            best[better] = candidates[better]
            arg[better] = index
        # 0-1 moves (skip a target sentence) chain along the row: a running maximum does them all.
        offsets = np.arange(len(js)) * skip
        running = np.maximum.accumulate(best - offsets) + offsets
        chained = (running > best + 1e-12) & (running > NEG / 2)
        best = np.where(chained, running, best)
        arg[chained] = -1
        dp.append(best)
        back.append(arg)

    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        index = back[i][j - lo[i]]
        if index == -1:
            beads.append(Bead((i, i), (j - 1, j), float(skip)))
            j -= 1
            continue
        if index < 0:
            raise RuntimeError("alignment band lost the path")  # cannot happen: band edges are monotone
        a, b = moves[index]
        margin = skip if b == 0 else float(bead_scores(i - a, a, b, np.array([j - b]))[0])
        beads.append(Bead((i - a, i), (j - b, j), margin))
        i, j = i - a, j - b
    return beads[::-1]


def calibrate(margins: np.ndarray, skip: float, typical: float) -> np.ndarray:
    """Map bead margins to [0, 1]: 0.5 where a link is no better than a deletion, ~0.95 at a typical link."""
    scale = max(1e-3, (typical - skip) / 3.0)
    return 1.0 / (1.0 + np.exp(-(margins - skip) / scale))
