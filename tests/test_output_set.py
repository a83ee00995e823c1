"""Issue 23, item 8: a build that fails while writing leaves the previous outputs whole. The whole
output set is written to a staging folder first and switched in with renames; a build killed during
the renames finishes the switch when run again. Faults injected: a full disk (a small tmpfs where
the test may mount one, else a write that fails with ENOSPC), a folder where a file must go, Ctrl-C,
and kill -9 of a child process."""

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tiny_corpus import HINDI, THAI, snapshot, write_corpus

from aligner.errors import OutputError

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture
def first(quick_build, tmp_path):
    """A corpus built once, then changed so that every output of the next build differs."""
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    before = snapshot(out)
    write_corpus(texts, {"hi/a.txt": HINDI.replace("1917", "1918"), "th/a.txt": THAI.replace("1917", "1918")})
    return texts, out, before


def assert_old_set_whole(out, before):
    assert snapshot(out) == before
    assert not list(out.rglob("*.tmp")) and not (out / ".aligner-staging").exists()


def test_a_write_that_fails_midway_leaves_the_old_set_whole(first, quick_build, monkeypatch):
    import aligner.io

    texts, out, before = first
    real, calls = aligner.io._write_new, []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(aligner.io, "_write_new", failing)
    with pytest.raises(OutputError, match="No space left"):
        quick_build(texts, out)
    assert_old_set_whole(out, before)


def test_ctrl_c_while_writing_leaves_the_old_set_whole(first, quick_build, monkeypatch):
    import aligner.io

    texts, out, before = first
    real, calls = aligner.io._write_new, []

    def interrupted(path, data):
        calls.append(path)
        if len(calls) == 5:
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(aligner.io, "_write_new", interrupted)
    with pytest.raises(KeyboardInterrupt):
        quick_build(texts, out)
    assert_old_set_whole(out, before)


@pytest.mark.parametrize("blocked, by", [("report/hi-th.html", "a folder"), ("report", "a file")])
def test_a_blocked_path_stops_the_build_before_any_file_changes(first, quick_build, blocked, by):
    texts, out, before = first
    path = out / blocked
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    path.mkdir() if by == "a folder" else path.write_text("in the way")
    before = snapshot(out)
    with pytest.raises(OutputError) as error:
        quick_build(texts, out)
    assert str(path) in error.value.one_line()
    assert_old_set_whole(out, before)


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a tmpfs of its own, and a function that fills it up (skipped where no tmpfs can be
    mounted: that needs root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a tmpfs here (needs root)")

    def fill(leave: int = 16 * 1024):
        (mount / "filler").write_bytes(b"\0" * max(0, shutil.disk_usage(mount).free - leave))

    yield mount, fill
    subprocess.run(["umount", "--lazy", str(mount)], check=False)  # an open cache file keeps it busy


def test_a_full_disk_leaves_the_old_set_whole(first, quick_build, small_disk):
    texts, built, before = first
    mount, fill = small_disk
    out = mount / "out"
    shutil.copytree(built, out)
    fill()
    with pytest.raises(OutputError, match="No space left"):
        quick_build(texts, out)
    assert_old_set_whole(out, before)


def test_a_full_cache_disk_costs_time_not_the_build(first, quick_build, small_disk, caplog):
    import logging

    texts, out, _ = first
    mount, fill = small_disk
    cache = mount / "cache"
    write_corpus(texts, {"th/a.txt": THAI})
    quick_build(texts, out, cache=cache)  # the cache file exists, then its disk fills up
    fill(leave=0)
    write_corpus(texts, {"th/a.txt": THAI.replace("1917", "1919")})
    with caplog.at_level(logging.WARNING, logger="aligner"):
        summary = quick_build(texts, out, cache=cache)
    assert summary.written
    assert [r.getMessage() for r in caplog.records if "cache" in r.getMessage()]
    assert not [p for p in [*mount.rglob("*"), *out.rglob("*")] if p.name.endswith((".tmp", "-journal"))]


CHILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    import aligner.embed, aligner.io
    from aligner.build import build
    from aligner.translate import TRANSLATORS
    from tiny_corpus import EchoTranslator
    from tiny_editions import HashEncoder
    aligner.embed.default_encoder = lambda *args, **kwargs: HashEncoder()
    TRANSLATORS.register("echo", EchoTranslator)
    stage, after = sys.argv[3], int(sys.argv[4])
    calls = []
    def dying(real):
        def call(*args, **kwargs):
            calls.append(args)
            if len(calls) > after:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call
    if stage == "staging":
        aligner.io._write_new = dying(aligner.io._write_new)
    else:
        os.replace = dying(os.replace)
    build(sys.argv[1], sys.argv[2], translators=("echo",), cache=None)
""")


@pytest.mark.parametrize("stage", ["staging", "switch"])
def test_kill_9_while_writing_leaves_the_old_set_or_finishes_the_new_one(first, quick_build, tmp_path, stage):
    texts, out, before = first
    reference = tmp_path / "reference"
    shutil.copytree(out, reference)
    after = quick_build(texts, reference)  # what the interrupted build would have written
    assert after.written
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(TESTS)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.run(
        [sys.executable, str(script), str(texts), str(out), stage, "3"], env=env, capture_output=True, text=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    from aligner.io import recover_output_set

    recover_output_set(out)
    assert snapshot(out) == (before if stage == "staging" else snapshot(reference))
    assert not (out / ".aligner-staging").exists()
