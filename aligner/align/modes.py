"""Deciding whether two texts, or a stretch of them, are translations of each other or only comparable.

Two signals, both over the sentence similarity matrix:

- the old whole-document one: lengths alike and nearest neighbours along the diagonal;
- runs of *mutual* nearest neighbours that advance by a sentence or two on both sides at once. A
  translation, even a free literary one or an excerpt of a few paragraphs out of a long text, is
  full of such runs; two texts that only share a subject (even two chronological histories, whose
  best matches do come roughly in order) give scattered mutual pairs with long jumps between them.
  The runs also say *where* the translated stretch lies, which is what the ordered aligner needs
  when one text translates only part of the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .core import increasing_chain

# Consecutive mutual pairs no further apart than this on the shorter text, and twice this on the
# longer (a free translation merges and splits sentences), belong to one run.
RUN_STEP = 3
# A run counts from this many pairs: three mutual pairs stepping together by chance is rare.
RUN_MIN = 3
# The runs must hold this many pairs in all before a stretch is called a translation.
EVIDENCE_MIN = 5
# An excerpt's stretch is at most this share of the longer text.
EXCERPT_LONG = 0.8
# Texts shorter than this are judged by the lockstep runs only.
DIAGONAL_MIN = 30
# Random orders of the same mutual pairs the evidence must beat, every one of them.
SHUFFLES = 20
# Sentences kept beyond the runs' ends (on the longer text, scaled by the length ratio), so that
# an edge sentence the mutual pairs missed still reaches the aligner.
REGION_MARGIN = 3


def diagonality(src: np.ndarray, tgt: np.ndarray) -> float:
    """Share of source sentences whose nearest target lies near the diagonal of the similarity matrix."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return 0.0
    nearest = (src @ tgt.T).argmax(axis=1)
    expected = np.arange(n) * (m / n)
    tolerance = max(3.0, 0.05 * m)
    return float(np.mean(np.abs(nearest - expected) <= tolerance))


def mutual_pairs(src: np.ndarray, tgt: np.ndarray, block: int = 2048) -> list[tuple[int, int]]:
    """(i, j) where target j is source i's nearest and source i is target j's nearest."""
    if len(src) == 0 or len(tgt) == 0:
        return []
    src_best = np.empty(len(src), dtype=np.int64)
    for start in range(0, len(src), block):
        src_best[start : start + block] = (src[start : start + block] @ tgt.T).argmax(axis=1)
    tgt_best = np.empty(len(tgt), dtype=np.int64)
    for start in range(0, len(tgt), block):
        tgt_best[start : start + block] = (tgt[start : start + block] @ src.T).argmax(axis=1)
    return [(i, int(j)) for i, j in enumerate(src_best) if tgt_best[j] == i]


def lockstep_runs(
    chain: list[tuple[int, int]], src_step: int = RUN_STEP, tgt_step: int = RUN_STEP, minimum: int = RUN_MIN
) -> list[list[tuple[int, int]]]:
    """Stretches of the chain where both sides advance together, a few sentences at a time."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for pair in chain:
        if current and pair[0] - current[-1][0] <= src_step and pair[1] - current[-1][1] <= tgt_step:
            current.append(pair)
        else:
            if len(current) >= minimum:
                runs.append(current)
            current = [pair]
    if len(current) >= minimum:
        runs.append(current)
    return runs


def shuffled_evidence(pairs: list[tuple[int, int]], steps: tuple[int, int], trials: int = SHUFFLES) -> int:
    """The most lockstep pairs the same mutual pairs give in a random order (a fixed seed, so the same
    texts always get the same answer): many mutual pairs packed into few sentences fall into short
    runs by chance, and only evidence beyond that says "translation"."""
    if len(pairs) < RUN_MIN:
        return 0
    rng = np.random.default_rng(0)
    sources = [i for i, _ in pairs]
    targets = np.array([j for _, j in pairs])
    most = 0
    for _ in range(trials):
        shuffled = list(zip(sources, rng.permutation(targets).tolist()))
        most = max(most, sum(len(run) for run in lockstep_runs(increasing_chain(shuffled), *steps)))
    return most


@dataclass(frozen=True)
class ModeDecision:
    """What `auto` chose and why. `region` is the stretch the translation covers, as half-open
    sentence ranges ((src_start, src_end), (tgt_start, tgt_end)); `evidence` the number of mutual
    nearest pairs in lockstep runs."""

    mode: str
    region: tuple[tuple[int, int], tuple[int, int]]
    evidence: int
    whole: bool

    def describe(self, src_name: str, tgt_name: str, n: int, m: int) -> str:
        if self.mode != "translation":
            return (
                f"{src_name}–{tgt_name}: the texts look like comparable texts, not translations "
                f"({self.evidence} sentence pairs in step)"
            )
        if self.whole:
            return f"{src_name}–{tgt_name}: the texts look like translations ({self.evidence} sentence pairs in step)"
        (a, b), (c, d) = self.region
        return (
            f"{src_name}–{tgt_name}: a translation of part of the other text: {src_name} sentences "
            f"{a + 1}–{b} of {n} ↔ {tgt_name} sentences {c + 1}–{d} of {m} ({self.evidence} sentence "
            f"pairs in step); sentences outside are left unmatched"
        )


def decide_mode(src: np.ndarray, tgt: np.ndarray) -> ModeDecision:
    """'translation' (with the region it covers) or 'comparable' for two texts' sentence vectors."""
    n, m = len(src), len(tgt)
    whole = ((0, n), (0, m))
    if n == 0 or m == 0:
        return ModeDecision("comparable", whole, 0, True)
    steps = (RUN_STEP, 2 * RUN_STEP) if n <= m else (2 * RUN_STEP, RUN_STEP)
    pairs = mutual_pairs(src, tgt)
    chain = increasing_chain(pairs)
    if min(n, m) < RUN_MIN:
        # No run can form on a text of one or two sentences, and shuffling so few pairs proves
        # nothing: such a text is a translation when each of its sentences has a mutual partner, in order.
        mode = "translation" if len(chain) == min(n, m) else "comparable"
        return ModeDecision(mode, whole, len(chain), True)
    runs = lockstep_runs(chain, *steps)
    evidence = sum(len(run) for run in runs)
    # The diagonal test means something only on texts long enough for "near the diagonal" to be a
    # small part of the matrix; on short ones the runs alone decide.
    diagonal = min(n, m) >= DIAGONAL_MIN and max(n, m) / min(n, m) <= 2.0 and diagonality(src, tgt) >= 0.5
    if not diagonal and (evidence < min(EVIDENCE_MIN, min(n, m)) or evidence <= shuffled_evidence(pairs, steps)):
        return ModeDecision("comparable", whole, evidence, True)
    if diagonal or not runs:
        return ModeDecision("translation", whole, evidence, True)
    src_start, src_stop = runs[0][0][0], runs[-1][-1][0] + 1
    tgt_start, tgt_stop = runs[0][0][1], runs[-1][-1][1] + 1
    # Only an excerpt is cut out: the shorter text is translated whole, inside a stretch of the
    # longer one. Where the runs leave the ends of the shorter text uncovered, the longer one's
    # stretch reaches as far again (at the runs' own pace, plus a margin); if that covers most of the
    # longer text, it is a free translation whose weaker stretches the runs missed, and the aligner
    # gets the whole texts (its deletions do the rest).
    if n <= m:
        src_region, tgt_region = (0, n), _stretch((src_start, src_stop), (tgt_start, tgt_stop), n, m)
    else:
        tgt_region, src_region = (0, m), _stretch((tgt_start, tgt_stop), (src_start, src_stop), m, n)
    region = (src_region, tgt_region)
    (long_start, long_stop), long_total = (tgt_region, m) if n <= m else (src_region, n)
    if long_stop - long_start > EXCERPT_LONG * long_total:
        return ModeDecision("translation", whole, evidence, True)
    return ModeDecision("translation", region, evidence, region == whole)


def _stretch(short: tuple[int, int], long_: tuple[int, int], short_total: int, long_total: int) -> tuple[int, int]:
    """The longer text's stretch for the whole of the shorter one, from where the runs lie in both."""
    pace = max(1.0, (long_[1] - long_[0]) / max(1, short[1] - short[0]))
    before = int(np.ceil(short[0] * pace)) + int(np.ceil(REGION_MARGIN * pace))
    after = int(np.ceil((short_total - short[1]) * pace)) + int(np.ceil(REGION_MARGIN * pace))
    return max(0, long_[0] - before), min(long_total, long_[1] + after)


def choose_mode(src: np.ndarray, tgt: np.ndarray) -> str:
    """'translation' or 'comparable' (see `decide_mode` for the region as well)."""
    return decide_mode(src, tgt).mode
