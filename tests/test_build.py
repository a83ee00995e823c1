"""`aligner build` over texts/: every output, byte-identical rebuilds, human work surviving them."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.build import build
from aligner.errors import InputError, OutputError

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[1]


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_build_writes_every_output_and_rebuilds_byte_identically_from_cache(built, cache_dir):
    out, summary = built
    before = snapshot(out)
    expected = {"segments/hi.jsonl", "segments/th.jsonl", "alignments/hi-th.json", "tmx/hi-th.tmx",
                "tmx/hi-en.tmx", "tmx/th-en.tmx", "tei/hi.xml", "tei/th.xml", "tei/hi-th.xml"}
    assert expected <= set(before)
    assert summary.english == {"gloss": summary.sentences["hi"] + summary.sentences["th"]}
    started = time.perf_counter()
    build(out.parent / "texts", out, cache=cache_dir)
    warm = time.perf_counter() - started
    assert snapshot(out) == before
    assert warm < 30  # generous for CI; the README reports the measured figure


def test_human_lines_survive_a_rebuild_and_go_stale_when_the_source_changes(built, cache_dir, tmp_path):
    out, _ = built
    work = tmp_path / "project"
    shutil.copytree(out.parent / "texts", work / "texts")
    result = work / "out"
    shutil.copytree(out, result)
    rows = (result / "segments" / "hi.jsonl").read_text(encoding="utf-8").splitlines()
    import json

    first = next(json.loads(r) for r in rows if json.loads(r)["kind"] == "sentence")
    (result / "translations").mkdir()
    (result / "translations" / "hi.en.tsv").write_text(
        f"{first['id']}\t{first['hash']}\tAfter 1917 the landlords' land went to the peasants.\tR. Editor\n",
        encoding="utf-8")
    summary = build(work / "texts", result, cache=cache_dir)
    assert summary.english.get("human") == 1 and summary.stale == []
    tmx = (result / "tmx" / "hi-en.tmx").read_text(encoding="utf-8")
    assert "After 1917 the landlords' land went to the peasants." in tmx and "R. Editor" in tmx

    hindi = next((work / "texts" / "hi").glob("*.txt"))
    hindi.write_text(hindi.read_text(encoding="utf-8").replace("1917 के बाद", "1918 के बाद", 1), encoding="utf-8")
    summary = build(work / "texts", result, cache=cache_dir)
    assert summary.stale == [first["id"]]
    assert "After 1917 the landlords" in (result / "tei" / "hi.xml").read_text(encoding="utf-8")


def test_a_lone_language_is_refused(tmp_path):
    (tmp_path / "texts" / "hi").mkdir(parents=True)
    shutil.copy(next((ROOT / "texts" / "hi").glob("*.txt")), tmp_path / "texts" / "hi" / "a.txt")
    with pytest.raises(InputError) as error:
        build(tmp_path / "texts", tmp_path / "out")
    assert "at least two languages" in error.value.one_line()
    assert not (tmp_path / "out" / "tmx").exists()


def test_unwritable_output_is_refused_before_any_work(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        build(ROOT / "texts", blocker / "out")


def test_every_output_file_is_explained_in_build_help_and_the_readme(built):
    from click.testing import CliRunner

    from aligner.cli import cli

    out, _ = built
    help_text = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()):
        # help names files by pattern (tmx/<a>-<b>.tmx), the README by the corpus's own names
        pattern = str(path).replace("hi-th", "<a>-<b>")
        for lang in ("hi", "th"):
            pattern = pattern.replace(f"/{lang}-en.", "/<lang>-en.").replace(f"/{lang}.", "/<lang>.")
        assert pattern in help_text, f"{path} is not explained by `aligner build --help`"
        assert str(path) in readme or pattern in readme, f"{path} is not explained in the README"
