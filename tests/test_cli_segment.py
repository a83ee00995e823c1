"""`aligner segment` end to end, and the one-line errors of bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

TEXTS = Path(__file__).resolve().parents[1] / "texts"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True, text=True, cwd=cwd)


def test_jsonl_rows_carry_ids_spans_and_kinds():
    thai_file = next((TEXTS / "th").glob("*.txt"))
    result = run("segment", str(thai_file), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = {row["kind"] for row in rows}
    assert {"sentence", "heading", "note-ref", "title-block"} <= kinds
    source = thai_file.read_text(encoding="utf-8")
    sentence = next(r for r in rows if r["kind"] == "sentence")
    assert sentence["id"] == "th.p1.s1"
    assert source[sentence["start"] : sentence["end"]].startswith(sentence["text"][:10])


def test_text_format_prints_only_sentences():
    hindi_file = next((TEXTS / "hi").glob("*.txt"))
    lines = run("segment", str(hindi_file)).stdout.splitlines()
    assert lines[0].startswith("1917 के बाद")  # the run-in heading is left out
    assert all(line.strip() for line in lines)


def test_presplit_keeps_one_sentence_per_line(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Erster Satz. Noch einer.\nZweite Zeile\n", encoding="utf-8")
    rows = [
        json.loads(row)
        for row in run("segment", str(path), "--lang", "de", "--presplit", "--format", "jsonl").stdout.splitlines()
    ]
    assert [r["text"] for r in rows] == ["Erster Satz. Noch einer.", "Zweite Zeile"]
    assert [r["id"] for r in rows] == ["de.p1.s1", "de.p1.s2"]


@pytest.mark.parametrize(
    "content, lang, says",
    [
        (b"", "hi", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff", "hi", "binary"),
        ("Ça été très différent".encode("latin-1"), "fr", "UTF-8"),
        ("सोवियत क्रांति".encode(), "xx", "unknown language 'xx'"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, content, lang, says):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("segment", str(path), "--lang", lang)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0]
    if lang != "xx":
        assert str(path) in lines[0]
    assert result.stdout == ""
