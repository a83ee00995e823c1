"""Thematic link scores are probabilities from the shipped calibration; `--min-score` keeps the likely ones."""

import json

import numpy as np

from aligner.align import thematic
from aligner.align.comparable import thematic_calibration
from aligner.evaluation.align import run_thematic


def test_features_are_the_csls_and_its_lead_over_the_rivals_of_row_and_column():
    scaled = np.array([[3.0, 1.0, 0.0], [2.0, 0.0, 1.0]])
    features = thematic.link_features(scaled)
    z = scaled / scaled.std()
    assert features.shape == (2, 3, len(thematic.FEATURES))
    assert np.allclose(features[..., 0], z)
    assert np.isclose(features[0, 0, 1], z[0, 0] - z[0, 1])  # the row's best: ahead of its runner-up
    assert np.isclose(features[0, 1, 1], z[0, 1] - z[0, 0])  # another: behind the row's best
    assert np.isclose(features[1, 0, 2], z[1, 0] - z[0, 0])  # behind its column's best
    # A column of one has no rival: its gap is measured from a neutral CSLS of 0.
    assert np.allclose(thematic.link_features(np.array([[1.0, 2.0]]))[..., 2], [[2.0, 4.0]])


def test_the_shipped_calibration_is_a_probability_that_rises_as_a_pair_stands_out():
    calibration = thematic_calibration()
    assert len(calibration.weights) == len(thematic.FEATURES)
    typical = 1.0
    low, middle, high = calibration.probability(
        np.array([[-2.0, -2.0, -2.0, typical], [0.5, 0.5, 0.5, typical], [3.0, 3.0, 3.0, typical]])
    )
    assert 0.0 < low < middle < high < 1.0
    assert low < 0.2 and high > 0.8


class WordEncoder:
    """Bag-of-words vectors: texts sharing words are close (no model needed)."""

    model_id = "test/words"

    def encode(self, texts):
        rows = np.zeros((len(texts), 64))
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").split():
                rows[row, sum(map(ord, word)) % 64] += 1.0
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)

    def encode_queries(self, texts):
        return None

    def encode_sparse(self, texts):
        return None


def test_evaluate_keeps_only_links_at_least_min_score_likely(tmp_path):
    themes = [
        "river water fish boat",
        "mountain snow rock climb",
        "bread flour oven bake",
        "train rail station ticket",
        "piano music song note",
        "garden flower seed soil",
    ]
    gold = {
        "full": {
            "sides": ["en", "en2"],
            "langs": {"en2": ["en"] * 6},
            "en": [f"The {t}." for t in themes],
            "en2": [f"A {t} again." for t in reversed(themes)],
            "pairs": [[i, 5 - i] for i in range(6)],
        }
    }
    (tmp_path / "thematic_hi_th.json").write_text(json.dumps(gold), encoding="utf-8")
    options = {"encoder": WordEncoder(), "english": False}
    everything = json.loads(run_thematic(tmp_path, tmp_path / "all", options)[0].read_text(encoding="utf-8"))["full"]
    assert sorted(map(tuple, everything["pairs"])) == [(i, 5 - i) for i in range(6)]
    cut = max(everything["scores"])
    kept = json.loads(
        run_thematic(tmp_path, tmp_path / "cut", {**options, "min_score": cut})[0].read_text(encoding="utf-8")
    )["full"]
    assert 0 < len(kept["pairs"]) < 6 or len(set(everything["scores"])) == 1
    assert all(score >= cut for score in kept["scores"])
