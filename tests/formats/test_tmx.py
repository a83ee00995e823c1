"""TMX 1.4b from tiny hand-made editions and alignments (tests/tiny_editions.py): valid against the
DTD, read back by translate-toolkit with every language and prop, human lines surviving an export,
and a CAT tool's edit coming back as a human line. (The real corpus's TMX: tests/test_build.py.)"""

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from aligner.document import Alignment, Division, Edition, EnglishLine, Link, Paragraph, Provenance, Sentence, text_hash
from aligner.errors import FormatError
from aligner.formats.tmx import english_tmx, human_lines_from_tmx, pair_tmx, read_tmx, validate_tmx

REQUIRED_HEADER = {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"}


@pytest.fixture(scope="module")
def out(tiny, tmp_path_factory):
    """The four TMs of the tiny editions, written as `build` names them (plus the comparable pair)."""
    folder = tmp_path_factory.mktemp("tmx")
    files = {
        "hi-th.tmx": pair_tmx(tiny.translation, tiny.hi, tiny.th),
        "hi-th-comparable.tmx": pair_tmx(tiny.comparable, tiny.hi, tiny.th),
        "hi-en.tmx": english_tmx(tiny.hi),
        "th-en.tmx": english_tmx(tiny.th),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def kept(alignment):
    """The links a pair TM holds: both sides present, not rejected by an editor."""
    return [link for link in alignment.links if link.source and link.target and link.status != "rejected"]


def test_every_tmx_validates_against_the_dtd(out):
    segtypes = {
        "hi-th.tmx": "sentence",
        "hi-th-comparable.tmx": "paragraph",
        "hi-en.tmx": "sentence",
        "th-en.tmx": "sentence",
    }
    for name, segtype in segtypes.items():
        data = (out / name).read_bytes()
        assert validate_tmx(data) == [], name
        header = etree.fromstring(data).find("header")
        assert REQUIRED_HEADER <= set(header.attrib)
        assert (header.get("segtype"), header.get("srclang")) == (segtype, "th-TH" if name == "th-en.tmx" else "hi-IN")


def test_translate_toolkit_reads_languages_and_props_back(tiny, out):
    hindi, thai = tiny.hi.sentence_index(), tiny.th.sentence_index()
    for name, alignment in (("hi-th.tmx", tiny.translation), ("hi-th-comparable.tmx", tiny.comparable)):
        links = kept(alignment)
        assert 0 < len(links) < len(alignment.links)  # the rejected link is left out
        with open(out / name, "rb") as file:
            pair = tmxfile(file)
        assert pair.getsourcelanguage() == "hi-IN"
        expected = [
            (" ".join(hindi[i].text for i in link.source), " ".join(thai[i].text for i in link.target))
            for link in links
        ]
        assert [(u.source, u.target) for u in pair.units] == expected
        units = read_tmx(out / name)
        assert len(units) == len(links)
        for unit, link, (source, target) in zip(units, links, expected):
            assert {lang: v[0] for lang, v in unit.variants.items()} == {"hi-IN": source, "th-TH": target}
            assert float(unit.props["x-aligner-score"]) == pytest.approx(link.score, abs=1e-3)
            assert unit.props["x-aligner-mode"] == alignment.mode
            assert unit.props["x-aligner-source-ids"] == " ".join(link.source)
            assert unit.props["x-aligner-target-ids"] == " ".join(link.target)
            assert unit.props.get("x-aligner-status", "auto") == link.status
    two_to_one = {u.tuid: u for u in read_tmx(out / "hi-th.tmx")}["hi.p2.s2--th.p2.s2"]
    assert two_to_one.variants["hi-IN"][0] == "उत्पादन घट गया। खाने की कमी हो गई।"


def test_english_layer_tmx_carries_provenance_on_every_english_tuv(tiny, out):
    for edition in (tiny.hi, tiny.th):
        sentences = list(edition.sentences())
        units = read_tmx(out / f"{edition.id}-en.tmx")
        assert [u.props["x-aligner-sentence-id"] for u in units] == [s.id for s in sentences]
        for unit, sentence in zip(units, sentences):
            text, props, _ = unit.variants["en"]
            assert text.strip()
            assert props["x-aligner-provenance"] in {"gloss", "machine", "human"}
            assert props["x-aligner-engine"]
            assert (
                unit.variants[next(lang for lang in unit.variants if lang != "en")][1]["x-aligner-source-hash"]
                == sentence.hash
            )
    by_id = {u.tuid: u.variants["en"] for u in read_tmx(out / "hi-en.tmx")}
    # each sentence shows its best line: human over machine over gloss
    text, props, _ = by_id["hi.p2.s1"]
    assert text == "In the cities the workers took over the factories."
    assert (props["x-aligner-provenance"], props["x-aligner-translator"], props["x-aligner-date"]) == (
        "human",
        "R. Editor",
        "2024-05-01",
    )
    text, props, _ = by_id["hi.p1.s1"]
    assert (props["x-aligner-provenance"], props["x-aligner-model"]) == ("machine", "opus-mt-hi-en (marian, int8)")
    assert by_id["hi.p1.s2"][1]["x-aligner-resource"] == "FreeDict hin-eng 2024.09.10"
    # a stale human line stays in the layer a translator corrects, marked stale, with the hash of the
    # wording it was written for (issue 35, 8: it gave way to the gloss, unmarked)
    text, props, _ = {u.tuid: u.variants["en"] for u in read_tmx(out / "th-en.tmx")}["th.p3.s2"]
    assert (text, props["x-aligner-provenance"]) == ("Millions died.", "human")
    assert "x-aligner-stale" in props and props["x-aligner-written-for"] == text_hash("ผู้คนนับแสนเสียชีวิต")


def test_a_segment_edited_in_a_cat_tool_comes_back_as_human(tiny, out, tmp_path):
    data = (out / "hi-en.tmx").read_text(encoding="utf-8")
    tree = etree.fromstring(data.encode())
    tuv = tree.find(".//tu[@tuid='hi.p1.s2']/tuv[2]")
    tuv.set("changeid", "reviewer")
    tuv.find("seg").text = "A translator's own English."
    edited = tmp_path / "edited.tmx"
    edited.write_bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
    lines = sorted(human_lines_from_tmx(edited), key=lambda line: line.sentence_id)
    # the edit, and the human line the export already carried; machine and gloss lines are not human
    assert [(line.sentence_id, line.text, line.provenance.kind, line.provenance.translator) for line in lines] == [
        ("hi.p1.s2", "A translator's own English.", "human", "reviewer"),
        ("hi.p2.s1", "In the cities the workers took over the factories.", "human", "R. Editor"),
    ]
    assert lines[1].provenance.date == "2024-05-01"
    hindi = tiny.hi.sentence_index()
    # so that a later change of the source marks them stale
    assert [line.source_hash for line in lines] == [hindi["hi.p1.s2"].hash, hindi["hi.p2.s1"].hash]


@pytest.mark.parametrize("content", [b"", b"<tmx><body><tu>", b"\x00\x01binary", b"<html/>"])
def test_malformed_tmx_is_a_one_line_error(tmp_path, content):
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(FormatError) as error:
        read_tmx(path)
    assert str(path) in error.value.one_line() and "\n" not in error.value.one_line()


def test_a_tmx_with_another_root_says_so(tmp_path):
    path = tmp_path / "page.tmx"
    path.write_bytes(b"<html><body><p>not a memory</p></body></html>")
    with pytest.raises(FormatError) as error:
        read_tmx(path)
    assert "AssertionError" not in error.value.one_line() and "<html>" in error.value.one_line()


def test_an_emptied_english_segment_is_no_human_line(tiny, out, tmp_path):
    tree = etree.fromstring((out / "hi-en.tmx").read_bytes())
    tree.find(".//tu[@tuid='hi.p1.s2']/tuv[2]/seg").text = ""
    edited = tmp_path / "edited.tmx"
    edited.write_bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
    assert [line.sentence_id for line in human_lines_from_tmx(edited)] == ["hi.p2.s1"]


# Exact bytes and escaping, on editions of one paragraph built here (checked against the
# output of the code before translate-toolkit and Jinja2 took over).


def one_paragraph_edition(lang: str, texts: list[str], english: dict[int, EnglishLine] | None = None) -> Edition:
    sentences = tuple(Sentence(f"{lang}.p1.s{n}", text, 0, len(text)) for n, text in enumerate(texts, 1))
    paragraph = Paragraph(f"{lang}.p1", " ".join(texts), tuple(range(len(" ".join(texts)))), sentences)
    lines = tuple(line for line in (english or {}).values())
    return Edition(
        lang, lang, f"{lang}.txt", " ".join(texts), (Division(f"{lang}.d1", None, (paragraph,)),), english=lines
    )


GLOSS = Provenance(kind="gloss", engine="aligner-gloss", version="1", resources=("a dictionary",))


def test_a_tiny_pair_tm_is_valid_and_reads_back(tmp_path):
    hindi = one_paragraph_edition("hi", ["पहला वाक्य।", 'दूसरा "वाक्य" & <तीसरा>।'])
    thai = one_paragraph_edition("th", ["ประโยคแรก", "ประโยคที่สอง"])
    alignment = Alignment(
        "hi",
        "th",
        "translation",
        (
            Link(("hi.p1.s1",), ("th.p1.s1",), 0.91),
            Link(("hi.p1.s2",), ("th.p1.s2",), 0.42, status="accepted"),
            Link(("hi.p1.s2",), (), 0.0),
        ),
    )
    data = pair_tmx(alignment, hindi, thai)
    assert validate_tmx(data) == []
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx')
    path = tmp_path / "hi-th.tmx"
    path.write_bytes(data)
    store = tmxfile(path.open("rb"))
    assert store.getsourcelanguage() == "hi-IN"
    assert [(u.getid(), u.source, u.gettarget("th-TH")) for u in store.units] == [
        ("hi.p1.s1--th.p1.s1", "पहला वाक्य।", "ประโยคแรก"),
        ("hi.p1.s2--th.p1.s2", 'दूसरा "वाक्य" & <तीसरा>।', "ประโยคที่สอง"),
    ]
    units = read_tmx(path)
    # every unit says whether a person confirmed it
    assert units[0].props == {
        "x-aligner-score": "0.910",
        "x-aligner-mode": "translation",
        "x-aligner-source-ids": "hi.p1.s1",
        "x-aligner-target-ids": "th.p1.s1",
        "x-aligner-status": "auto",
    }
    assert units[1].props["x-aligner-status"] == "accepted"


def test_a_confirmed_only_pair_tm_holds_what_a_person_confirmed_whatever_its_score(tmp_path):
    hindi = one_paragraph_edition("hi", ["एक।", "दो।", "तीन।"])
    thai = one_paragraph_edition("th", ["หนึ่ง", "สอง", "สาม"])
    alignment = Alignment(
        "hi",
        "th",
        "translation",
        (
            Link(("hi.p1.s1",), ("th.p1.s1",), 0.95),
            Link(("hi.p1.s2",), ("th.p1.s2",), 0.2, status="accepted", resp="Ana Editor"),
            Link(("hi.p1.s3",), ("th.p1.s3",), 0.9, status="rejected", resp="Ana Editor"),
        ),
    )
    confirmed = pair_tmx(alignment, hindi, thai, confirmed_only=True)
    assert validate_tmx(confirmed) == []
    (tmp_path / "c.tmx").write_bytes(confirmed)
    units = read_tmx(tmp_path / "c.tmx")
    assert [(u.tuid, u.props["x-aligner-status"], u.props["x-aligner-reviewer"]) for u in units] == [
        ("hi.p1.s2--th.p1.s2", "accepted", "Ana Editor")
    ]
    assert len(tmxfile((tmp_path / "c.tmx").open("rb")).units) == 1
    # --min-score never drops what a person confirmed
    (tmp_path / "m.tmx").write_bytes(pair_tmx(alignment, hindi, thai, min_score=0.5))
    assert [u.tuid for u in read_tmx(tmp_path / "m.tmx")] == ["hi.p1.s1--th.p1.s1", "hi.p1.s2--th.p1.s2"]


def test_a_pair_of_two_editions_in_one_language_keeps_both_sides():
    first, second = one_paragraph_edition("hi", ["एक।"]), one_paragraph_edition("hi", ["दो।"])
    data = pair_tmx(Alignment("hi", "hi", "translation", (Link(("hi.p1.s1",), ("hi.p1.s1",), 0.8),)), first, second)
    assert validate_tmx(data) == []
    tuvs = etree.fromstring(data).findall(".//tu/tuv")
    assert [(t.get("{http://www.w3.org/XML/1998/namespace}lang"), t.findtext("seg")) for t in tuvs] == [
        ("hi-IN", "एक।"),
        ("hi-IN", "दो।"),
    ]


def test_a_tiny_english_layer_carries_provenance_and_a_cat_edit_comes_back(tmp_path):
    line = EnglishLine("th.p1.s1", "The first sentence.", GLOSS, "hash")
    thai = one_paragraph_edition("th", ["ประโยคแรก", "ประโยคที่สอง"], {1: line})
    data = english_tmx(thai)
    assert validate_tmx(data) == []
    tree = etree.fromstring(data)
    assert tree.find("header").get("srclang") == "th-TH"
    units = {u.tuid: u for u in read_tmx_bytes(tmp_path, data)}
    assert list(units) == ["th.p1.s1"]  # a sentence without English is left out
    text, props, _ = units["th.p1.s1"].variants["en"]
    assert text == "The first sentence."
    assert props["x-aligner-provenance"] == "gloss" and props["x-aligner-resource"] == "a dictionary"
    assert units["th.p1.s1"].variants["th-TH"][1] == {"x-aligner-source-hash": thai.sentence_index()["th.p1.s1"].hash}
    tree.find(".//tu/tuv[2]/seg").text = "A translator's first sentence."
    edited = tmp_path / "edited.tmx"
    edited.write_bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
    assert [line.text for line in human_lines_from_tmx(edited)] == ["A translator's first sentence."]


def read_tmx_bytes(folder, data: bytes):
    path = folder / "layer.tmx"
    path.write_bytes(data)
    return read_tmx(path)
