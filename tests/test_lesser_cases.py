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


NUMBERS = "".join(f"{n}\n" for n in range(1, 31))  # `seq 1 30`: every line a page number


@pytest.mark.parametrize(
    "files",
    [
        {"hi/a.txt": HINDI, "de/a.txt": NUMBERS},
        {"hi/a.txt": HINDI, "th/a.txt": THAI, "de/a.txt": NUMBERS},
        {"hi/a.txt": HINDI, "th/a.txt": THAI, "th/b.txt": NUMBERS, "pairs.tsv": "hi/a.txt\tth/b.txt\n"},
    ],
    ids=["alone", "beside-a-pair", "listed-in-pairs"],
)
def test_a_text_with_no_sentences_is_named_in_one_warning_and_the_build_goes_on(tmp_path, quick_build, caplog, files):
    texts = write_corpus(tmp_path / "texts", files)
    out = tmp_path / "out"
    empty = next(name for name, text in files.items() if text == NUMBERS)
    with caplog.at_level(logging.WARNING, logger="aligner"):
        summary = quick_build(texts, out)
    [warning] = [r.getMessage() for r in caplog.records if "no sentences" in r.getMessage()]
    assert str(texts / empty) in warning
    [edition] = [e for e in summary.editions if next(e.sentences(), None) is None]
    assert len(edition.furniture) == 30  # kept, not lost: its TEI and segments are written
    assert (out / "tei" / f"{edition.id}.xml").is_file() and (out / "segments" / f"{edition.id}.jsonl").is_file()
    assert all(edition.id not in (a.source, a.target) for a in summary.alignments)
    # pairs.tsv decides for hi–th, and its one pair has the empty text
    assert len(summary.alignments) == (1 if "de/a.txt" in files and len(files) == 3 else 0)


@pytest.mark.parametrize(
    "lines",
    [
        [f"In {1900 + n} the harvest was {3 * n} million tonnes." for n in range(1, 41)],
        [f"Header {n}" for n in range(1, 41)],
    ],
    ids=["sentences-alike-but-their-numbers", "forty-headers"],
)
def test_lines_that_are_most_of_the_text_are_not_running_headers(lines):
    from aligner.ingest import ingest_text
    from aligner.segment import segment_edition

    edition = segment_edition(ingest_text("\n".join(lines) + "\n", "en"))
    assert not edition.furniture
    read = [*(h.text for h in edition.headings()), *(s.text for s in edition.sentences())]
    assert sorted("".join(read).replace(" ", "")) == sorted("".join(lines).replace(" ", ""))


def test_a_running_header_among_a_pages_text_is_still_one():
    from aligner.ingest import ingest_text

    page = "The harvest failed in the south and the towns went hungry that winter, as before.\n" * 6
    text = "".join(f"History of the Soviet Union {n}\n{page}\n{n}\n" for n in range(1, 5))
    edition = ingest_text(text, "en")
    assert [f.kind for f in edition.furniture].count("running-header") == 4


def test_a_bad_pairs_tsv_stops_the_build_before_any_work(tmp_path, quick_build, monkeypatch):
    import aligner.build
    from aligner.errors import InputError

    texts = write_corpus(
        tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI, "pairs.tsv": "hi/a.txt\tth/missing.txt\n"}
    )

    def no_work(*args, **kwargs):
        raise AssertionError("segmented before pairs.tsv was checked")

    monkeypatch.setattr(aligner.build, "segment_documents", no_work)
    with pytest.raises(InputError, match="line 1: th/missing.txt is no text of the corpus"):
        quick_build(texts, tmp_path / "out")


def test_texts_a_pairs_tsv_leaves_out_are_named_in_one_warning(tmp_path, quick_build, caplog):
    texts = write_corpus(
        tmp_path / "texts",
        {
            "hi/a.txt": HINDI,
            "hi/b.txt": HINDI.replace("1917", "1918"),
            "th/a.txt": THAI,
            "th/c.txt": THAI.replace("1917", "1919"),
            "pairs.tsv": "hi/a.txt\tth/a.txt\n",
        },
    )
    with caplog.at_level(logging.WARNING, logger="aligner"):
        summary = quick_build(texts, tmp_path / "out")
    [warning] = [r.getMessage() for r in caplog.records if "pairs.tsv" in r.getMessage()]
    assert "hi/b.txt (no th partner)" in warning and "th/c.txt (no hi partner)" in warning
    assert "hi/a.txt" not in warning.replace(str(texts), "") and len(summary.alignments) == 1


def test_a_file_name_with_a_hash_can_be_listed_in_pairs_tsv(tmp_path, quick_build):
    texts = write_corpus(
        tmp_path / "texts",
        {
            "hi/ch#1.txt": HINDI,
            "hi/b.txt": HINDI.replace("1917", "1918"),
            "th/ch#1.txt": THAI,
            "th/b.txt": THAI.replace("1917", "1918"),
            "pairs.tsv": "# chapter one\nhi/ch#1.txt\tth/ch#1.txt  # by hand\nhi/b.txt\tth/b.txt\n",
        },
    )
    summary = quick_build(texts, tmp_path / "out")
    assert sorted((a.source, a.target) for a in summary.alignments) == [("hi-b", "th-b"), ("hi-ch-1", "th-ch-1")]


@pytest.mark.parametrize("written", ["Rejected", "ACCEPTED", "maybe"])
def test_a_link_decision_other_than_accepted_or_rejected_is_refused(tmp_path, quick_build, written, monkeypatch):
    from lxml import etree

    import aligner.build
    from aligner.errors import FormatError
    from aligner.formats.tei import TEI_NS

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    path = out / "tei" / "hi-th.xml"
    tree = etree.parse(str(path))
    tree.find(f".//{{{TEI_NS}}}link").set("subtype", written)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)

    def no_work(*args, **kwargs):
        raise AssertionError("segmented before the decisions were checked")

    monkeypatch.setattr(aligner.build, "segment_documents", no_work)
    with pytest.raises(FormatError, match=f"link subtype '{written}' is not a review decision") as raised:
        quick_build(texts, out)
    assert str(path) in raised.value.one_line() and 'subtype="rejected"' in raised.value.one_line()


@pytest.mark.parametrize(
    "data",
    [
        ("पहली पंक्ति।\nदूसरी\x00 पंक्ति।\n" * 3).encode("utf-8"),  # even length, NUL at an odd byte
        ("ประโยคแรก\n\x00ประโยคที่สอง\n" * 2).encode("utf-8"),
        b"One line.\nTwo\x00 lines!!\n",  # looked like UTF-16LE
        b"\xef\xbb\xbf" + b"One line.\nTwo\x00 lines.\n",  # behind a BOM
    ],
    ids=["hindi", "thai", "latin", "utf-8-bom"],
)
def test_a_nul_byte_in_utf8_text_is_named_as_such_not_as_utf16(data):
    from aligner.errors import InputError
    from aligner.ingest import decode_bytes

    with pytest.raises(InputError) as caught:
        decode_bytes(data, "texts/hi/a.txt")
    line = caught.value.one_line()
    assert "NUL character(s)" in line and "line 2" in line and "tr -d" in line
    assert "UTF-16" not in line and "binary" not in line


@pytest.mark.parametrize(
    "files, named",
    [
        ({"hi/a.txt": HINDI, "hi/b.txt": THAI, "th/a.txt": THAI}, "hi/b.txt"),
        (
            {"hi/a.txt": HINDI, "th/a.txt": THAI, "th/b.txt": "The harvest failed in 1921. Millions went hungry.\n"},
            "th/b.txt",
        ),
        (
            {
                "hi/a.txt": HINDI + "Lenin wrote: “All power to the Soviets.”\n",
                "th/a.txt": THAI,
                "de/a.txt": "Nach 1917 bekamen die Bauern das Land.\n",
            },
            None,
        ),
    ],
    ids=["thai-in-hi", "english-in-th", "quotes-and-unknown-scripts-pass"],
)
def test_a_text_in_another_script_than_its_folders_language_is_warned(tmp_path, quick_build, caplog, files, named):
    texts = write_corpus(tmp_path / "texts", files)
    with caplog.at_level(logging.WARNING, logger="aligner"):
        quick_build(texts, tmp_path / "out")
    warnings = [r.getMessage() for r in caplog.records if "of its letters are" in r.getMessage()]
    if named is None:
        assert warnings == []
    else:
        [warning] = warnings
        assert warning.startswith(f"{texts / named}: 100% of its letters are")
        assert (
            ("Thai, not Devanagari as in hi/" in warning and "move it to th/" in warning)
            if named == "hi/b.txt"
            else ("Latin, not Thai as in th/" in warning and "its language's folder" in warning)
        )


@pytest.mark.parametrize("quiet", [True, False])
def test_quiet_build_prints_no_summary(tmp_path, quick_build, quiet):
    from click.testing import CliRunner

    from aligner.cli import cli

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    args = [
        *(["-q"] if quiet else []),
        "build",
        str(texts),
        "--out",
        str(tmp_path / "out"),
        "--translator",
        "echo",
        "--cache",
        str(tmp_path / "cache"),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "tmx" / "hi-th.tmx").is_file()
    assert (result.stdout == "") == quiet and ("documents: 2" in result.stdout) != quiet


@pytest.mark.parametrize("score", ["nan", "NaN", "-nan"])
def test_min_score_nan_is_refused(tmp_path, score):
    from click.testing import CliRunner

    from aligner.cli import cli

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    result = CliRunner().invoke(cli, ["build", str(texts), "--out", str(tmp_path / "out"), "--min-score", score])
    assert result.exit_code == 2 and "--min-score" in result.stderr and "score from 0 to 1" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("mode", ["auto", "translation", "comparable"])
def test_aligning_a_text_with_no_sentences_gives_no_links_not_a_traceback(tmp_path, hash_encoder, mode):
    from aligner.align.api import align_editions
    from aligner.ingest import load_edition

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "de/a.txt": NUMBERS})
    empty, hindi = load_edition(texts / "de" / "a.txt"), load_edition(texts / "hi" / "a.txt")
    for src, tgt in ((empty, hindi), (hindi, empty)):
        alignment = align_editions(src, tgt, hash_encoder, mode=mode)
        assert alignment.links == () and len(alignment.unmatched_source + alignment.unmatched_target) == 2
