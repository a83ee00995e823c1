"""Build and review never overwrite each other (issue 36, item 10): one lock on the output folder.
A build refuses in one line while a review server holds the folder, a review server refuses while a
build runs, and a review server first finishes the switch of a build killed midway; in each case a
decision saved in review survives the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.formats.tei import read_links
from aligner.outlock import FolderBusy, holding
from aligner.review.app import ReviewServer
from aligner.review.store import ReviewStore

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent


def _reject_first_link(store: ReviewStore) -> tuple:
    state = store.state("hi-th")
    link = state["links"][0]
    store.apply(
        "hi-th", state["version"], {"op": "status", "link": [link["source"], link["target"]], "status": "rejected"}
    )
    return tuple(link["source"]), tuple(link["target"])


def _status(out: Path, link: tuple) -> str:
    return {(d.source, d.target): d.status for d in read_links(out / "tei" / "hi-th.xml")}[link]


def _texts(built_comparable) -> Path:
    return built_comparable[0].parent / "texts"


def test_a_build_refuses_in_one_line_while_a_review_server_holds_the_folder(comparable_out, built_comparable):
    out, rebuild = comparable_out
    server = ReviewServer(out, "Ana Editor").start()
    try:
        link = _reject_first_link(server.store)
        with pytest.raises(FolderBusy) as refused:
            rebuild(out)
        assert "review server" in refused.value.one_line() and str(out) in refused.value.one_line()
        # the command line says so in one line, and touches nothing
        before = (out / "tei" / "hi-th.xml").read_bytes()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "aligner",
                "build",
                str(_texts(built_comparable)),
                "--out",
                str(out),
                "--cache",
                str(out.parent / "cache"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert run.returncode != 0 and "review server" in run.stderr
        assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert (out / "tei" / "hi-th.xml").read_bytes() == before
        # and the review server still saves
        state = server.store.state("hi-th")
        server.store.apply("hi-th", state["version"], {"op": "english", "sentence": "th.p1.s1", "text": "Kept."})
    finally:
        server.shutdown()
    rebuild(out)
    assert _status(out, link) == "rejected"
    assert "\tKept.\t" in (out / "translations" / "th.en.tsv").read_text(encoding="utf-8")


def test_no_review_server_starts_while_a_build_runs(comparable_out, monkeypatch):
    """The build holds the folder from its start to the end of its switch: a review server tried at
    its last stage is refused, and once the build is done one starts."""
    import aligner.build

    out, rebuild = comparable_out
    refused = []
    real = aligner.build.write_files

    def write_files(*args, **kwargs):
        try:
            ReviewServer(out, "Ana Editor")
        except FolderBusy as error:
            refused.append(error.one_line())
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner.build, "write_files", write_files)
    rebuild(out)
    assert len(refused) == 1 and "review server" in refused[0]
    server = ReviewServer(out, "Ana Editor").start()
    server.shutdown()


def test_the_review_command_refuses_in_one_line_while_the_folder_is_held(comparable_out):
    out, _ = comparable_out
    with holding(out, "build"):
        run = subprocess.run(
            [sys.executable, "-m", "aligner", "review", "--out", str(out), "--no-browser", "--translator-name", "Ana"],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
    assert run.returncode != 0 and "another aligner is writing this folder" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_the_lock_goes_with_a_killed_holder(comparable_out):
    out, _ = comparable_out
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from aligner.outlock import holding\n"
            "with holding(sys.argv[1], 'build'):\n print('held', flush=True); time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(FolderBusy):
            with holding(out, "review server"):
                pass
    finally:
        child.kill()
        child.wait()
    with holding(out, "review server"):
        pass
    assert not (out / ".aligner-lock").exists()  # the folder itself is locked: no file added to the outputs


KILLED_MID_SWITCH = """
import os, signal, sys
sys.path.insert(0, {tests!r})
import aligner.embed
from aligner.build import build
from aligner.translate import TRANSLATORS
from tiny_corpus import EchoTranslator
from tiny_editions import HashEncoder
aligner.embed.default_encoder = lambda *args, **kwargs: HashEncoder()
TRANSLATORS.register("echo", EchoTranslator)
real, calls = os.replace, []
def dying(*args, **kwargs):
    calls.append(args)
    if len(calls) > 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
os.replace = dying
build(sys.argv[1], sys.argv[2], translators=("echo",), cache=None, mode="comparable")
"""


def test_a_decision_saved_after_a_build_killed_mid_switch_is_not_lost(comparable_out, built_comparable, tmp_path):
    out, rebuild = comparable_out
    script = tmp_path / "child.py"
    script.write_text(KILLED_MID_SWITCH.format(tests=str(TESTS)), encoding="utf-8")
    child = subprocess.run(
        [sys.executable, str(script), str(_texts(built_comparable)), str(out)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert (out / ".aligner-staging" / ".switch.json").is_file()  # killed in the switch
    server = ReviewServer(out, "Ana Editor").start()
    try:
        # the server finished the switch before serving
        assert not (out / ".aligner-staging").exists()
        link = _reject_first_link(server.store)
    finally:
        server.shutdown()
    rebuild(out)
    assert _status(out, link) == "rejected"
