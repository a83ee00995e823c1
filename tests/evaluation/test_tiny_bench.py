"""`aligner evaluate` on a tiny bench folder the test writes itself (sentences from texts/, not from
the gold sets), scored by the bench's score.py, with figures computed here by hand."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[3] / "shared" / "bench" / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/bench/score.py is not beside the repository")
def test_tiny_segmentation_bench_gives_the_hand_computed_f1(tmp_path):
    bench = tmp_path / "bench"
    bench.mkdir()
    shutil.copy(SCORER, tmp_path / "score.py")  # found beside the bench folder, as in ../shared
    first = "महिलाओं को समाज में समान अधिकार प्राप्त हुआ।"
    second = "इस कारण लोगों के सामने राजनैतिक विकल्प मौजूद नहीं थे।"
    text = f"{first} {second}"
    # Gold says the two are ONE sentence: the segmenter's one (correct) split is a false positive,
    # so precision 0 / recall 0 on that document; the second document has one boundary, found.
    docs = [
        {"doc": "a", "text": text, "spans": [[0, len(text)]]},
        {"doc": "b", "text": text, "spans": [[0, len(first)], [len(first) + 1, len(text)]]},
    ]
    (bench / "seg_hi.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "aligner", "evaluate", "--bench", str(bench), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "gold files found: seg_hi.jsonl" in result.stdout
    # 2 predicted boundaries, 1 gold boundary, 1 true positive: P = 0.5, R = 1.0, F1 = 2/3
    assert "precision=0.5" in result.stdout and "recall=1.0" in result.stdout and "f1=0.6667" in result.stdout
    predictions = [json.loads(row) for row in (out / "seg_hi.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [p["sentences"] for p in predictions] == [[first, second], [first, second]]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/bench/score.py is not beside the repository")
def test_stale_predictions_left_in_out_are_not_scored(tmp_path):
    bench = tmp_path / "bench"
    bench.mkdir()
    shutil.copy(SCORER, tmp_path / "score.py")
    text = "अकाल फैला। किसानों ने विरोध किया।"
    (bench / "seg_hi.jsonl").write_text(
        json.dumps({"doc": "a", "text": text, "spans": [[0, 10], [11, len(text)]]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (bench / "mt_refs.json").write_text(
        json.dumps([{"id": "x1", "hi": "अकाल फैला।", "th": "", "en": "Famine spread."}], ensure_ascii=False),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "mt_hi_en.json").write_text(json.dumps({"x1": "Famine spread."}), encoding="utf-8")  # an earlier run's
    result = subprocess.run(
        [sys.executable, "-m", "aligner", "evaluate", "--bench", str(bench), "--out", str(out), "--tasks", "seg"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "seg_hi" in result.stdout and "mt_hi_en" not in result.stdout
