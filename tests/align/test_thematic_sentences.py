"""A paragraph touching several themes: a passage link keeps only the sentences that carry it."""

import numpy as np

from aligner.align.comparable import thematic_calibration
from aligner.align.thematic import match_passages, sentence_scores

CALIBRATION = thematic_calibration()


def unit(matrix):
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def texts(seed, noise=0.4):
    rng = np.random.default_rng(seed)
    topics = unit(rng.normal(size=(8, 48)))
    # Source passages: [A, A, X], [B, B], [C, C], [D, D]; X is on theme E and unlike A.
    themes = topics[[0, 0, 4, 1, 1, 2, 2, 3, 3]].copy()
    themes[2] -= topics[0]
    src = unit(themes + noise * rng.normal(size=(9, 48)) / np.sqrt(48))
    # Target passages: themes A to H, two sentences each; no source passage is on E to H.
    tgt = unit(topics[np.repeat(np.arange(8), 2)] + noise * rng.normal(size=(16, 48)) / np.sqrt(48))
    return src, tgt


SRC_PASSAGES = [[0, 1, 2], [3, 4], [5, 6], [7, 8]]
TGT_PASSAGES = [[2 * t, 2 * t + 1] for t in range(8)]


def test_a_sentence_on_another_theme_leaves_its_passages_link():
    for seed in range(20):
        src, tgt = texts(seed)
        matches = {
            (m.src, m.tgt): m for m in match_passages(src, tgt, SRC_PASSAGES, TGT_PASSAGES, calibration=CALIBRATION)
        }
        assert set(matches) == {(0, 0), (1, 1), (2, 2), (3, 3)}, seed
        assert matches[0, 0].sentences == (0, 1), seed
        assert all(i in (0, 1) for i, _, _ in matches[0, 0].evidence)
        assert matches[1, 1].sentences == (3, 4)


def test_without_sentence_checks_the_whole_passage_is_linked():
    src, tgt = texts(0)
    matches = {
        (m.src, m.tgt): m
        for m in match_passages(src, tgt, SRC_PASSAGES, TGT_PASSAGES, calibration=CALIBRATION, floor=None, mates=None)
    }
    assert matches[0, 0].sentences == (0, 1, 2)


def test_a_sentence_no_closer_to_the_target_than_its_mates_typically_are_leaves_without_the_floor():
    for seed in range(20):
        src, tgt = texts(seed)
        matches = {
            (m.src, m.tgt): m
            for m in match_passages(src, tgt, SRC_PASSAGES, TGT_PASSAGES, calibration=CALIBRATION, floor=None)
        }
        assert matches[0, 0].sentences == (0, 1), seed
        assert matches[1, 1].sentences == (3, 4), seed


def test_sentence_scores_lean_on_the_passage_but_rank_its_own_theme_first():
    src, tgt = texts(3)
    combined = np.full((4, 8), 0.1)
    combined[range(4), range(4)] = 1.0
    scores = sentence_scores(src, tgt, SRC_PASSAGES, TGT_PASSAGES, combined)
    assert scores.shape == (9, 8)
    assert scores[0, 0] > scores[2, 0]  # the A sentence over the X sentence, for the A passage
    assert int(np.argmax(scores[4])) == 1  # a B sentence's best passage is B's
    assert int(np.argmax(scores[2])) == 4  # X's own theme outweighs its passage's prior


def test_a_link_none_of_whose_sentences_points_to_it_is_dropped():
    src, tgt = texts(5)
    matches = match_passages(src, tgt, SRC_PASSAGES, TGT_PASSAGES, calibration=CALIBRATION, floor=50.0)
    assert matches == []
