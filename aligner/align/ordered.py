"""Ordered alignment of translations: 1-1, 1-n, n-m and 1-0 links in text order.

The embeddings of runs of sentences go through `encoder` (cached by content hash); the alignment itself
is `core`'s banded dynamic programme over them (Vecalign/Bertalign lineage), in two passes.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence

import numpy as np

from ..embed import Encoder
from . import core

#: beads of up to this many sentences a side in the second pass
MAX_SIZE = 4
#: how far from the diagonal the first pass looks, in sentences
BAND = 30
#: runs of up to this many sentences are embedded everywhere, before any pair is known
EMBEDDED = 2


def run_texts(sentences: Sequence[str], embedded: int = EMBEDDED) -> list[list[str]]:
    """The texts the first pass embeds of one text alone, runs of 1 to `embedded` sentences: what the
    build's embed stage computes ahead and what `align_sentences` asks for."""
    return [overlap_texts(sentences, k) for k in range(1, embedded + 1)]


def overlap_texts(sentences: Sequence[str], size: int) -> list[str]:
    return [" ".join(sentences[i : i + size]) for i in range(len(sentences) - size + 1)]


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    encoder: Encoder,
    *,
    max_size: int = MAX_SIZE,
    band: int = BAND,
    embedded: int = EMBEDDED,
) -> list[tuple[list[int], list[int], float]]:
    """Ordered links between two lists of sentences: (source indices, target indices, score 0..1).

    A first pass aligns the whole texts with beads of up to `embedded` sentences a side (runs of
    up to `embedded` sentences are embedded everywhere). A second pass re-aligns only the
    stretches it was unsure of (deletions, merges, weak links, with two beads either side) with
    beads of up to `max_size` sentences a side; there the longer runs are embedded where they lie
    wholly inside such a bead of the first pass and stand in as sums of the shorter runs
    elsewhere. So clean 1-1 text costs what it did with pairs, and the cost of the long runs goes
    where the text needs them.
    """
    embedded = max(1, min(embedded, max_size))
    src_runs = [encoder.encode(texts) for texts in run_texts(src, embedded)]
    tgt_runs = [encoder.encode(texts) for texts in run_texts(tgt, embedded)]
    src_lengths = np.array([len(s) for s in src], dtype=np.float64)
    tgt_lengths = np.array([len(s) for s in tgt], dtype=np.float64)
    if max_size <= embedded:
        return score_beads(core.align_ordered(src_runs, tgt_runs, src_lengths, tgt_lengths, band=band))
    # First pass: runs of up to `embedded` sentences only, over the whole texts.
    prepared = core.prepare(src_runs, tgt_runs, src_lengths, tgt_lengths)
    beads = core.align_ordered(src_runs, tgt_runs, src_lengths, tgt_lengths, prepared=prepared, band=band)
    runs = core.stretches(beads, CONFIDENT)
    if not runs:
        return score_beads(beads)
    # Second pass, over the stretches the first was unsure of: longer runs there, embedded where
    # they lie wholly inside a merge, deletion or weak link of the first pass, composed elsewhere.
    unsure = core.uncertain_sentences(beads, len(src), len(tgt), confident=CONFIDENT)
    src_runs += [core.composed_runs(src_runs, k) for k in range(embedded + 1, max_size + 1)]
    tgt_runs += [core.composed_runs(tgt_runs, k) for k in range(embedded + 1, max_size + 1)]
    inside = core.spans(beads, runs)
    rows_of_sizes = []
    for side, (runs_of, sentences, mask) in enumerate(((src_runs, src, unsure[0]), (tgt_runs, tgt, unsure[1]))):
        rows = {}
        for k in range(embedded + 1, max_size + 1):
            starts = [i for i in range(len(sentences) - k + 1) if mask[i : i + k].all()]
            if starts:
                runs_of[k - 1] = runs_of[k - 1].copy()
                runs_of[k - 1][starts] = encoder.encode([" ".join(sentences[i : i + k]) for i in starts])
            rows[k] = np.array(
                sorted({i for span in inside for i in range(span[side][0], span[side][1] - k + 1)}), dtype=np.int64
            )
        rows_of_sizes.append(rows)
    prepared = core.refresh(prepared, src_runs, tgt_runs, rows_of_sizes[0], rows_of_sizes[1])
    beads = core.realign(beads, src_runs, tgt_runs, src_lengths, tgt_lengths, prepared, confident=CONFIDENT, band=band)
    return score_beads(beads)


# A 1-1 link scored below this (on the core's scale: the typical link scores its bonus, 2) is
# re-read in the second pass with every run embedded.
CONFIDENT = 1.0


def score_beads(beads: list[core.Bead]) -> list[tuple[list[int], list[int], float]]:
    """Calibrated scores: 0.5 where a link scores no better than leaving its two sentences unlinked,
    about 0.95 at the text's typical link."""
    linked = [b for b in beads if b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0]]
    skipped = [b.margin for b in beads if not (b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0])]
    margins = np.array([b.margin for b in linked])
    skip = skipped[0] if skipped else DEFAULT_SKIP
    typical = float(np.median(margins)) if len(margins) else 2 * skip + 1.0
    scores = iter(core.calibrate(margins, 2 * skip, typical)) if len(margins) else iter(())
    out = []
    for bead in beads:
        src_ids = list(range(*bead.src))
        tgt_ids = list(range(*bead.tgt))
        score = float(next(scores)) if src_ids and tgt_ids else 0.0
        out.append((src_ids, tgt_ids, round(score, 4)))
    return out


DEFAULT_SKIP = inspect.signature(core.align_ordered).parameters["skip_score"].default


def parameters() -> tuple[tuple[str, str], ...]:
    """What shaped an ordered alignment, for its signature."""
    return (
        ("max_size", str(MAX_SIZE)),
        ("band", str(BAND)),
        ("embedded", str(EMBEDDED)),
        ("confident", f"{CONFIDENT:g}"),
        ("skip_score", f"{DEFAULT_SKIP:g}"),
    )
