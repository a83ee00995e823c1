"""`aligner review` against hostile or damaged input (issue 35, items 2, 7 and 10): nothing outside the
output folder is read or written, a decision records the sentence's current hash, and every bad
request or damaged file gives a 4xx with one line naming the file or the option, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aligner.errors import AlignerError
from aligner.review.app import ReviewServer, create_app
from aligner.review.store import ReviewStore

TOKEN = "t0ken-for-tests"


def _one_line_cli_error(out, *extra):
    run = subprocess.run(
        [sys.executable, "-m", "aligner", "review", "--out", str(out), "--no-browser", *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    return run.stderr


@pytest.mark.parametrize("field", ["source", "target"])
@pytest.mark.parametrize("edition", ["../../escape/pwn", "/tmp/pwn", "a/b", "..", "th\nx", ""])
def test_an_edition_id_that_is_no_plain_xml_name_is_refused(comparable_out, field, edition):
    out, _ = comparable_out
    path = out / "alignments" / "hi-th.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[field] = edition
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AlignerError) as refused:
        ReviewStore(out, "Ana Editor")
    assert "alignments/hi-th.json" in refused.value.one_line() and "edition id" in refused.value.one_line()


def test_the_escape_of_issue_35_reads_and_writes_nothing_outside_out(comparable_out, tmp_path):
    out, _ = comparable_out
    # what the attack of issue 35 aimed at: a segments file and a sidecar two folders up
    escape = tmp_path / "escape"
    escape.mkdir()
    (escape / "pwn.jsonl").write_text((out / "segments" / "th.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    path = out / "alignments" / "hi-th.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["target"] = "../../escape/pwn"
    path.write_text(json.dumps(data), encoding="utf-8")
    stderr = _one_line_cli_error(out)
    assert "hi-th.json" in stderr and "edition id" in stderr
    assert sorted(p.name for p in escape.iterdir()) == ["pwn.jsonl"]


def test_a_folder_that_leads_outside_out_is_refused(comparable_out, tmp_path):
    out, _ = comparable_out
    elsewhere = tmp_path / "elsewhere"
    (out / "translations").mkdir(exist_ok=True)
    elsewhere.mkdir()
    (out / "translations").rmdir()
    (out / "translations").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(AlignerError) as refused:
        ReviewStore(out, "Ana Editor")
    assert "outside the output folder" in refused.value.one_line()
    assert "translations" in refused.value.one_line()


def test_a_line_saved_after_a_rebuild_records_the_current_source_hash(comparable_out):
    out, _ = comparable_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("hi-th")
    state = store.apply("hi-th", state["version"], {"op": "english", "sentence": "th.p1.s1", "text": "Before."})
    # a rebuild while the server runs: the sentence changed, so segments/ holds a new hash for it
    segments = out / "segments" / "th.jsonl"
    rows = [json.loads(line) for line in segments.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if row["id"] == "th.p1.s1":
            row["hash"] = "feedfacefeedface"
    segments.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    store.apply("hi-th", state["version"], {"op": "english", "sentence": "th.p1.s1", "text": "After."})
    row = next(
        line
        for line in (out / "translations" / "th.en.tsv").read_text(encoding="utf-8").splitlines()
        if line.startswith("th.p1.s1\t")
    )
    assert row.split("\t")[1:3] == ["feedfacefeedface", "After."]


@pytest.fixture
def http(comparable_out):
    out, _ = comparable_out
    return create_app(ReviewStore(out, "Ana Editor"), TOKEN).test_client(), out


def test_a_json_body_nested_100000_deep_is_a_400(http):
    client, _ = http
    for body in ("[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000, "{not json"):
        answer = client.post(f"/{TOKEN}/api/hi-th/change", data=body, content_type="application/json")
        assert answer.status_code == 400, body[:10]
        assert answer.is_json and "JSON" in answer.get_json()["error"]


def test_a_huge_body_is_refused(http):
    client, _ = http
    answer = client.post(
        f"/{TOKEN}/api/hi-th/change", data=b'"' + b"x" * 3_000_000 + b'"', content_type="application/json"
    )
    assert answer.status_code == 413 and answer.is_json


def test_a_truncated_pair_tei_gives_a_one_line_error_naming_it(http):
    client, out = http
    tei = out / "tei" / "hi-th.xml"
    tei.write_bytes(tei.read_bytes()[:-200])
    answer = client.get(f"/{TOKEN}/api/hi-th/state")
    assert 400 <= answer.status_code < 500 and answer.is_json
    error = answer.get_json()["error"]
    assert "tei/hi-th.xml" in error and "\n" not in error and "Traceback" not in error


def test_a_malformed_sidecar_gives_a_one_line_error_naming_it(http):
    client, out = http
    (out / "translations").mkdir(exist_ok=True)
    (out / "translations" / "th.en.tsv").write_text("th.p1.s1 only one field\n", encoding="utf-8")
    answer = client.get(f"/{TOKEN}/api/hi-th/state")
    assert 400 <= answer.status_code < 500 and answer.is_json
    assert "translations/th.en.tsv" in answer.get_json()["error"]
    # a change is refused the same way, and writes nothing
    store = ReviewStore(out, "Ana Editor")
    version = store.version(store.pair("hi-th"))
    answer = client.post(
        f"/{TOKEN}/api/hi-th/change",
        json={"version": version, "change": {"op": "english", "sentence": "th.p1.s1", "text": "New."}},
    )
    assert 400 <= answer.status_code < 500 and "translations/th.en.tsv" in answer.get_json()["error"]
    assert (out / "translations" / "th.en.tsv").read_text(encoding="utf-8") == "th.p1.s1 only one field\n"


def test_no_request_answers_an_html_traceback(http, monkeypatch):
    client, _ = http
    monkeypatch.setattr(ReviewStore, "state", lambda *args: 1 / 0)
    answer = client.get(f"/{TOKEN}/api/hi-th/state")
    assert answer.status_code == 500 and answer.is_json and "ZeroDivisionError" not in answer.get_data(as_text=True)


@pytest.mark.parametrize("name", ["Ana\nEditor", "Ana\tEditor", "Ana\x07", "Ana\x85x", "   ", "Ana\u2028x"])
def test_a_translator_name_with_a_control_character_is_refused(comparable_out, name):
    out, _ = comparable_out
    with pytest.raises(AlignerError, match="--translator-name"):
        ReviewStore(out, name)


def test_the_command_line_refuses_a_bad_translator_name_in_one_line(comparable_out):
    out, _ = comparable_out
    stderr = _one_line_cli_error(out, "--translator-name", "Ana\tEditor")
    assert "--translator-name" in stderr
    assert not (out / "translations").exists() or not list((out / "translations").iterdir())


def test_a_good_name_still_works(comparable_out):
    out, _ = comparable_out
    server = ReviewServer(out, "Ana María O'Neil-Şahin").start()
    try:
        assert server.store.editor == "Ana María O'Neil-Şahin"
    finally:
        server.shutdown()
