"""TMX 1.4b from a real build: valid against the DTD, read back by translate-toolkit with every
language and prop, and a CAT tool's edit comes back as a human line. The same from tiny hand-made
editions, which need no build."""

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from aligner.errors import FormatError
from aligner.formats.tmx import english_tmx, human_lines_from_tmx, pair_tmx, read_tmx, validate_tmx
from aligner.model import Alignment, Division, Edition, EnglishLine, Link, Paragraph, Provenance, Sentence

REQUIRED_HEADER = {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"}


def tmx_files(out):
    files = sorted((out / "tmx").glob("*.tmx"))
    assert {f.name for f in files} == {"hi-th.tmx", "hi-en.tmx", "th-en.tmx"}
    return files


@pytest.mark.model
def test_every_tmx_validates_against_the_dtd(built):
    out, _ = built
    for path in tmx_files(out):
        assert validate_tmx(path.read_bytes()) == [], path.name
        header = etree.parse(str(path)).getroot().find("header")
        assert REQUIRED_HEADER <= set(header.attrib)


@pytest.mark.model
def test_translate_toolkit_reads_languages_and_props_back(built):
    out, summary = built
    pair = tmxfile(open(out / "tmx" / "hi-th.tmx", "rb"))
    assert pair.units and pair.getsourcelanguage() == "hi-IN"
    units = read_tmx(out / "tmx" / "hi-th.tmx")
    alignment = summary.alignments[0]
    assert len(units) == len([l for l in alignment.links if l.source and l.target])
    for unit in units:
        assert set(unit.variants) == {"hi-IN", "th-TH"}
        assert 0.0 <= float(unit.props["x-aligner-score"]) <= 1.0
        assert unit.props["x-aligner-mode"] == alignment.mode
        assert unit.props["x-aligner-source-ids"].startswith("hi.p")


@pytest.mark.model
def test_english_layer_tmx_carries_provenance_on_every_english_tuv(built):
    out, summary = built
    units = read_tmx(out / "tmx" / "th-en.tmx")
    assert len(units) == summary.sentences["th"]
    for unit in units:
        text, props, _ = unit.variants["en"]
        assert text.strip()
        assert props["x-aligner-provenance"] in {"gloss", "machine", "human"}
        assert props["x-aligner-engine"]


@pytest.mark.model
def test_a_segment_edited_in_a_cat_tool_comes_back_as_human(built, tmp_path):
    out, _ = built
    data = (out / "tmx" / "hi-en.tmx").read_text(encoding="utf-8")
    tree = etree.fromstring(data.encode())
    tuv = tree.find(".//tu/tuv[2]")
    tuv.set("changeid", "reviewer")
    tuv.find("seg").text = "A translator's own English."
    edited = tmp_path / "edited.tmx"
    edited.write_bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
    lines = human_lines_from_tmx(edited)
    assert [(l.text, l.provenance.translator) for l in lines] == [("A translator's own English.", "reviewer")]
    assert lines[0].source_hash  # so a later change of the source marks it stale


@pytest.mark.parametrize("content", [b"", b"<tmx><body><tu>", b"\x00\x01binary", b"<html/>"])
def test_malformed_tmx_is_a_one_line_error(tmp_path, content):
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(FormatError) as error:
        read_tmx(path)
    assert str(path) in error.value.one_line() and "\n" not in error.value.one_line()


def tiny_edition(lang: str, texts: list[str], english: dict[int, EnglishLine] | None = None) -> Edition:
    sentences = tuple(Sentence(f"{lang}.p1.s{n}", text, 0, len(text)) for n, text in enumerate(texts, 1))
    paragraph = Paragraph(f"{lang}.p1", " ".join(texts), tuple(range(len(" ".join(texts)))), sentences)
    lines = tuple(line for line in (english or {}).values())
    return Edition(lang, lang, f"{lang}.txt", " ".join(texts), (Division(f"{lang}.d1", None, (paragraph,)),),
                   english=lines)


GLOSS = Provenance(kind="gloss", engine="aligner-gloss", version="1", resources=("a dictionary",))


def test_a_tiny_pair_tm_is_valid_and_reads_back(tmp_path):
    hindi = tiny_edition("hi", ["पहला वाक्य।", "दूसरा \"वाक्य\" & <तीसरा>।"])
    thai = tiny_edition("th", ["ประโยคแรก", "ประโยคที่สอง"])
    alignment = Alignment("hi", "th", "translation", (
        Link(("hi.p1.s1",), ("th.p1.s1",), 0.91),
        Link(("hi.p1.s2",), ("th.p1.s2",), 0.42, status="accepted"),
        Link(("hi.p1.s2",), (), 0.0)))
    data = pair_tmx(alignment, hindi, thai)
    assert validate_tmx(data) == []
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx')
    path = tmp_path / "hi-th.tmx"
    path.write_bytes(data)
    store = tmxfile(path.open("rb"))
    assert store.getsourcelanguage() == "hi-IN"
    assert [(u.getid(), u.source, u.gettarget("th-TH")) for u in store.units] == [
        ("hi.p1.s1--th.p1.s1", "पहला वाक्य।", "ประโยคแรก"),
        ("hi.p1.s2--th.p1.s2", "दूसरा \"वाक्य\" & <तीसरा>।", "ประโยคที่สอง")]
    units = read_tmx(path)
    assert units[0].props == {"x-aligner-score": "0.910", "x-aligner-mode": "translation",
                              "x-aligner-source-ids": "hi.p1.s1", "x-aligner-target-ids": "th.p1.s1"}
    assert units[1].props["x-aligner-status"] == "accepted"


def test_a_pair_of_two_editions_in_one_language_keeps_both_sides():
    first, second = tiny_edition("hi", ["एक।"]), tiny_edition("hi", ["दो।"])
    data = pair_tmx(Alignment("hi", "hi", "translation", (Link(("hi.p1.s1",), ("hi.p1.s1",), 0.8),)), first, second)
    assert validate_tmx(data) == []
    tuvs = etree.fromstring(data).findall(".//tu/tuv")
    assert [(t.get("{http://www.w3.org/XML/1998/namespace}lang"), t.findtext("seg")) for t in tuvs] == [
        ("hi-IN", "एक।"), ("hi-IN", "दो।")]


def test_a_tiny_english_layer_carries_provenance_and_a_cat_edit_comes_back(tmp_path):
    line = EnglishLine("th.p1.s1", "The first sentence.", GLOSS, "hash")
    thai = tiny_edition("th", ["ประโยคแรก", "ประโยคที่สอง"], {1: line})
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
    assert [l.text for l in human_lines_from_tmx(edited)] == ["A translator's first sentence."]


def read_tmx_bytes(folder, data: bytes):
    path = folder / "layer.tmx"
    path.write_bytes(data)
    return read_tmx(path)
