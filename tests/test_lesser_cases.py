"""Issue 35, items 9 and 12: the lesser cases of the hostile matrix, each a clear line (a warning or
a one-line error naming the file and the fix), never a traceback, a silent skip or work wasted."""

import logging

import pytest
from tiny_corpus import HINDI, THAI, snapshot, write_corpus


@pytest.mark.parametrize("out_name", ["out", "hi/out", "results/run1"])
def test_an_output_folder_inside_the_corpus_is_not_read_as_texts(tmp_path, quick_build, caplog, out_name):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = texts / out_name
    quick_build(texts, out)
    before = snapshot(out)
    with caplog.at_level(logging.WARNING, logger="aligner"):
        summary = quick_build(texts, out)  # the second build sees the first one's outputs in the corpus
    assert summary.documents == 2 and snapshot(out) == before
    assert "not read" not in caplog.text
