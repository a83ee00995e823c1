"""benchmarks/thematic_calibration.py --small: smaller texts cut from a dev set keep its shape."""

import importlib.util
from pathlib import Path

import numpy as np

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _module(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("thematic_calibration", BENCHMARKS / "thematic_calibration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _made_up_set(sources: int = 20, targets: int = 15) -> dict:
    """Source passage a (two sentences) is on topic with target a (one sentence) for a < 10; the other
    sources and targets have no counterpart."""
    rng = np.random.default_rng(0)
    src = rng.normal(size=(2 * sources, 16))
    tgt = rng.normal(size=(targets, 16))
    tgt[:10] = src[0:20:2] + 0.1 * rng.normal(size=(10, 16))
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    on_topic = np.zeros((sources, targets), dtype=bool)
    on_topic[np.arange(10), np.arange(10)] = True
    view = rng.normal(size=(sources, targets))
    inputs = {
        "src_vectors": src,
        "tgt_vectors": tgt,
        "src_passages": [[2 * a, 2 * a + 1] for a in range(sources)],
        "tgt_passages": [[b] for b in range(targets)],
        "views": (view,),
        "sentence_views": (np.repeat(view, 2, axis=0),),
    }
    return {"name": "made-up", "inputs": inputs, "on_topic": on_topic}


def test_small_texts_keep_the_drawn_passages_counterparts_and_the_share_of_lonely_targets(monkeypatch):
    module = _module(monkeypatch)
    whole = _made_up_set()
    pieces = module.small_sets(whole, sizes=(8,), draws=3)
    assert len(pieces) == 3
    for piece in pieces:
        inputs = piece["inputs"]
        assert len(inputs["src_passages"]) == 8
        truth = piece["on_topic"]
        paired = int(truth.any(axis=0).sum())
        # Every drawn source keeps its counterpart; the set has half as many lonely targets as paired ones, and so has this.
        assert paired == int(truth.any(axis=1).sum())
        assert truth.shape[1] - paired == round(paired * 5 / 10)
        assert inputs["views"][0].shape == truth.shape
        assert inputs["sentence_views"][0].shape == (16, truth.shape[1])
        assert piece["scores"].scaled.shape == truth.shape
    # The same draws every time: a report can be re-run.
    again = module.small_sets(whole, sizes=(8,), draws=3)
    assert all(np.array_equal(a["on_topic"], b["on_topic"]) for a, b in zip(pieces, again))
