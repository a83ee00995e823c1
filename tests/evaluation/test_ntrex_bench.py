"""benchmarks/ntrex_bench.py on a made-up NTREX checkout: the folder it writes is in the bench's format."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "ntrex_bench.py"
LANGUAGE_FILES = {"hin": "हिन्दी वाक्य {} है।", "tha": "ประโยคภาษาไทยที่ {}", "eng-US": "English sentence {}."}


def _module():
    spec = importlib.util.spec_from_file_location("ntrex_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_ntrex(root: Path, documents: int = 9, sentences: int = 7) -> Path:
    (root / "NTREX-128").mkdir(parents=True)
    ids = [f"doc{d}" for d in range(documents) for _ in range(sentences)]
    (root / "DOCUMENT_IDS.tsv").write_text("\n".join(ids) + "\n", encoding="utf-8")
    for code, pattern in LANGUAGE_FILES.items():
        lines = [pattern.format(f"{d}-{s}") for d in range(documents) for s in range(sentences)]
        lines[3] = "" if code == "tha" else lines[3]  # a missing translation drops the row
        (root / "NTREX-128" / f"newstest2019-ref.{code}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_the_thematic_sets_pair_the_two_halves_of_one_document(tmp_path):
    rows = _module().read_rows(_fake_ntrex(tmp_path / "NTREX"))
    assert len(rows) == 9 * 7 - 1
    sets = _module().thematic_sets(rows, seed=3)
    full, partial = sets["full"], sets["partial"]
    assert len(full["hi"]) == len(full["th"]) == len(full["pairs"]) == 9
    for hindi, thai in full["pairs"]:
        document = full["hi"][hindi].split()[2].split("-")[0]
        assert f"ประโยคภาษาไทยที่ {document}-" in full["th"][thai]
    assert len(partial["th"]) == 6 and len(partial["pairs"]) == 6
    for hindi, thai in partial["pairs"]:
        assert partial["th"][thai] in full["th"] and partial["hi"][hindi] == full["hi"][hindi]


def test_the_script_writes_a_folder_the_evaluator_reads(tmp_path):
    ntrex = _fake_ntrex(tmp_path / "NTREX")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--ntrex", str(ntrex), "--out", str(tmp_path / "bench"), "--every", "2"],
        check=True,
        capture_output=True,
    )
    references = json.loads((tmp_path / "bench" / "mt_refs.json").read_text(encoding="utf-8"))
    assert len(references) == 31 and set(references[0]) == {"id", "hi", "th", "en"}
    assert json.loads((tmp_path / "bench" / "thematic_hi_th.json").read_text(encoding="utf-8"))["full"]["pairs"]
