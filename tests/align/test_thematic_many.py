"""A passage of one text may be spread over several passages of the other: near ties are linked too."""

import numpy as np

from aligner.align.comparable import thematic_calibration
from aligner.align.thematic import match_passages

CALIBRATION = thematic_calibration()


def unit(matrix):
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def themes(seed):
    rng = np.random.default_rng(seed)
    topics = unit(rng.normal(size=(6, 48)))
    # Source: A, B, C, D (one sentence each). Target: A twice (the same theme cut in two), B, C.
    src = topics[[0, 1, 2, 3]]
    tgt = unit(topics[[0, 0, 1, 2]] + 0.4 * rng.normal(size=(4, 48)) / np.sqrt(48))
    return src, tgt


def test_a_theme_the_other_text_cuts_in_two_is_linked_to_both_halves():
    for seed in range(20):
        src, tgt = themes(seed)
        matches = match_passages(src, tgt, [[0], [1], [2], [3]], [[0], [1], [2], [3]], calibration=CALIBRATION)
        assert {(m.src, m.tgt) for m in matches} == {(0, 0), (0, 1), (1, 2), (2, 3)}, seed


def test_without_near_ties_each_passage_keeps_only_its_best_partner():
    src, tgt = themes(0)
    matches = match_passages(
        src, tgt, [[0], [1], [2], [3]], [[0], [1], [2], [3]], calibration=CALIBRATION, near_tie=0.0
    )
    assert sorted(m.src for m in matches) == [0, 1, 2]


def test_a_passage_with_no_partner_gets_no_near_tie_either():
    src, tgt = themes(1)
    matches = match_passages(
        src, tgt, [[0], [1], [2], [3]], [[0], [1], [2], [3]], calibration=CALIBRATION, near_tie=10.0
    )
    assert 3 not in {m.src for m in matches}
