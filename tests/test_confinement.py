"""Issue 35, items 1 and 3: nothing outside the corpus folder is read and nothing outside --out is
written, renamed or removed, whatever a file in either folder says."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tiny_corpus import HINDI, THAI, write_corpus

from aligner.errors import OutputError

ROOT = Path(__file__).resolve().parents[1]


def crafted_journal(out: Path, journal) -> Path:
    staging = out / ".aligner-staging"
    staging.mkdir(parents=True)
    (staging / ".switch.json").write_text(json.dumps(journal), encoding="utf-8")
    return staging


@pytest.fixture
def victim(tmp_path):
    path = tmp_path / "victim.txt"
    path.write_text("not aligner's\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "journal",
    [
        {"move": [], "remove": ["../victim.txt"]},
        {"move": [], "remove": ["tmx/../../victim.txt"]},
        {"move": [], "remove": ["{victim}"]},
        {"move": ["{victim}"], "remove": []},
        {"move": ["../victim.txt"], "remove": []},
        {"move": [], "remove": ["linked/victim.txt"]},
        {"move": "tmx/a.tmx", "remove": []},
        "not a journal",
    ],
    ids=[
        "dotdot",
        "dotdot-inside",
        "absolute-remove",
        "absolute-move",
        "dotdot-move",
        "linked-folder",
        "not-a-list",
        "not-an-object",
    ],
)
def test_a_crafted_journal_never_reaches_outside_out(tmp_path, victim, quick_build, journal):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    out.mkdir()
    (out / "linked").symlink_to(tmp_path)
    journal = json.loads(json.dumps(journal).replace("{victim}", str(victim)))
    staging = crafted_journal(out, journal)
    (staging / "linked").mkdir()
    (staging / "linked" / "victim.txt").write_text("staged\n", encoding="utf-8")
    with pytest.raises(OutputError, match="journal|staging") as raised:
        quick_build(texts, out)
    assert "\n" not in raised.value.one_line()
    assert victim.read_text(encoding="utf-8") == "not aligner's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "texts", "victim.txt"]


def test_a_staging_folder_linked_elsewhere_is_not_switched_in(tmp_path, victim, quick_build):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "editions.json").write_text("{}", encoding="utf-8")
    (elsewhere / ".switch.json").write_text(json.dumps({"move": ["editions.json"], "remove": []}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".aligner-staging").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="staging folder is a link"):
        quick_build(texts, out)
    assert (elsewhere / "editions.json").exists() and not (out / "editions.json").exists()


def test_the_cli_refuses_a_crafted_journal_in_one_line(tmp_path, victim):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    crafted_journal(out, {"move": [], "remove": ["../victim.txt"]})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "aligner", "build", str(texts), "--out", str(out), "--cache", str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("aligner: error:")]
    assert len(errors) == 1 and "'../victim.txt'" in errors[0] and ".aligner-staging" in errors[0], result.stderr
    assert victim.exists()


def test_a_genuine_journal_is_still_finished(tmp_path, quick_build):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    (out / "tmx" / "old.tmx").write_text("old", encoding="utf-8")
    staging = crafted_journal(out, {"move": ["tmx/new.tmx"], "remove": ["tmx/old.tmx"]})
    (staging / "tmx").mkdir()
    (staging / "tmx" / "new.tmx").write_text("new", encoding="utf-8")
    from aligner.io import recover_output_set

    recover_output_set(out)
    assert (out / "tmx" / "new.tmx").read_text(encoding="utf-8") == "new"
    assert not (out / "tmx" / "old.tmx").exists() and not staging.exists()


@pytest.fixture
def corpus_with_links(tmp_path):
    """A corpus folder with every kind of entry that is not read, and links that stay inside it."""
    texts = write_corpus(
        tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI, "hi/shared/b.txt": HINDI, "stray.txt": HINDI}
    )
    outside = write_corpus(tmp_path / "outside", {"secret.txt": HINDI, "th/c.txt": THAI, "folder/d.txt": HINDI})
    (texts / "hi" / "secret.txt").symlink_to(outside / "secret.txt")  # a text leaving the corpus
    (texts / "hi" / "folder").symlink_to(outside / "folder")  # a folder leaving the corpus
    (texts / "hi" / "more").symlink_to(texts / "hi" / "shared")  # a folder inside it: followed
    (texts / "th" / "again.txt").symlink_to(texts / "th" / "a.txt")  # a text inside it: followed
    (texts / "hi" / "shared" / "up").symlink_to(texts / "hi")  # a loop
    os.mkfifo(texts / "hi" / "pipe.txt")  # would hang a reader
    return texts


def test_links_are_followed_only_inside_the_corpus_and_every_skipped_entry_is_named_once(corpus_with_links, caplog):
    import logging

    from aligner.ingest.corpus import discover

    texts = corpus_with_links
    with caplog.at_level(logging.WARNING, logger="aligner"):
        documents = discover(texts)
    assert [d.corpus_path for d in documents] == [
        "hi/a.txt",
        "hi/more/b.txt",
        "hi/shared/b.txt",
        "th/a.txt",
        "th/again.txt",
    ]
    [warning] = [r.getMessage() for r in caplog.records]
    for name in ("hi/secret.txt", "hi/folder", "hi/pipe.txt", "stray.txt", "hi/shared/up", "hi/more/up"):
        assert str(texts / name) in warning, (name, warning)
    assert "leaving the corpus" in warning and "not a regular file" in warning and "corpus root" in warning


def test_a_language_folder_linked_outside_the_corpus_is_not_read(tmp_path, caplog):
    import logging

    from aligner.ingest.corpus import discover

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    write_corpus(tmp_path / "outside", {"de/a.txt": "Ein Satz.\n"})
    (texts / "de").symlink_to(tmp_path / "outside" / "de")
    with caplog.at_level(logging.WARNING, logger="aligner"):
        documents = discover(texts)
    assert {d.lang for d in documents} == {"hi", "th"}
    assert str(texts / "de") in caplog.text and "leaving the corpus" in caplog.text


def test_a_list_of_pairs_linked_outside_the_corpus_is_refused(tmp_path):
    from aligner.errors import InputError
    from aligner.ingest.corpus import discover, read_pairs_manifest

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    (tmp_path / "pairs.tsv").write_text("hi/a.txt\tth/a.txt\n", encoding="utf-8")
    (texts / "pairs.tsv").symlink_to(tmp_path / "pairs.tsv")
    with pytest.raises(InputError, match="leaving the corpus"):
        read_pairs_manifest(texts, discover(texts))


def test_hidden_folders_are_looked_into_as_before_but_their_other_files_not_named(tmp_path, caplog):
    import logging

    from aligner.ingest.corpus import discover

    texts = write_corpus(
        tmp_path / "texts",
        {"hi/a.txt": HINDI, "th/a.txt": THAI, "hi/.git/config": "[core]\n", "hi/.drafts/b.txt": HINDI},
    )
    with caplog.at_level(logging.WARNING, logger="aligner"):
        documents = discover(texts)
    assert [d.corpus_path for d in documents] == ["hi/.drafts/b.txt", "hi/a.txt", "th/a.txt"]
    assert "config" not in caplog.text


def test_an_output_folder_linked_outside_out_stops_the_build_before_the_switch(tmp_path, quick_build, victim):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    import shutil

    shutil.rmtree(out / "tmx")
    (out / "tmx").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="outside the output folder") as raised:
        quick_build(texts, out)
    assert "tmx" in raised.value.one_line()
    assert list(elsewhere.iterdir()) == [] and not (out / ".aligner-staging").exists()
    assert victim.exists()
