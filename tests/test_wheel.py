"""aligner as users install it: the sdist and the wheel built from the tracked files alone, the wheel
installed into a fresh venv outside the source tree, and `aligner build` run from there on a small
corpus. An editable install never shows a data file the wheel leaves out; this does."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from tiny_corpus import HINDI, THAI, write_corpus

import aligner

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.model]


def _tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout of aligner to know which files are tracked")
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in listing.stdout.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("build", reason="the test extra's `build` package makes the sdist and wheel")
    checkout = tmp_path_factory.mktemp("checkout")
    for name in _tracked_files():
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, checkout / name)
    dist = checkout / "dist"
    # Without isolation the build uses this environment's setuptools; `python -m build` makes the
    # sdist first and the wheel from it, so a file the sdist forgets is missing from the wheel too.
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(checkout)],
        check=True,
        capture_output=True,
    )
    assert len(list(dist.glob("aligner-*.tar.gz"))) == 1
    (built,) = dist.glob("aligner-*.whl")
    return built


def test_the_wheel_ships_every_data_file_of_the_package(wheel):
    data = {name for name in _tracked_files() if name.startswith("aligner/") and not name.endswith(".py")}
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    assert data - shipped == set()
    assert not [name for name in shipped if "__pycache__" in name or name.endswith(".pyc")]


def test_an_installed_wheel_builds_a_corpus_outside_the_source_tree(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The fresh venv borrows this environment's dependencies (a .pth line adds a folder without
    # running the editable install's hook in it), so the test needs no network; aligner itself
    # comes from the wheel alone.
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    borrowed = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site / "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)

    work = tmp_path / "elsewhere"
    corpus = write_corpus(work / "corpus", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    installed = subprocess.run(
        [str(python), "-c", "import aligner; print(aligner.__file__)"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(installed).is_relative_to(venv), installed

    script = venv / "bin" / "aligner"
    version = subprocess.run([str(script), "--version"], cwd=work, check=True, capture_output=True, text=True)
    assert aligner.__version__ in version.stdout

    run = subprocess.run(
        [str(script), "-q", "build", str(corpus), "--out", str(work / "out"), "--cache", str(work / "cache")],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    tmx = work / "out" / "tmx" / "hi-th.tmx"
    assert etree.parse(str(tmx)).getroot().tag == "tmx"
    assert (work / "out" / "tei" / "hi.xml").exists() and (work / "out" / "tei" / "th.xml").exists()
