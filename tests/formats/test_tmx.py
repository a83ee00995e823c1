"""TMX 1.4b from a real build: valid against the DTD, read back by translate-toolkit with every
language and prop, and a CAT tool's edit comes back as a human line."""

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from aligner.errors import FormatError
from aligner.formats.tmx import human_lines_from_tmx, read_tmx, validate_tmx

pytestmark = pytest.mark.model

REQUIRED_HEADER = {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"}


def tmx_files(out):
    files = sorted((out / "tmx").glob("*.tmx"))
    assert {f.name for f in files} == {"hi-th.tmx", "hi-en.tmx", "th-en.tmx"}
    return files


def test_every_tmx_validates_against_the_dtd(built):
    out, _ = built
    for path in tmx_files(out):
        assert validate_tmx(path.read_bytes()) == [], path.name
        header = etree.parse(str(path)).getroot().find("header")
        assert REQUIRED_HEADER <= set(header.attrib)


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


def test_english_layer_tmx_carries_provenance_on_every_english_tuv(built):
    out, summary = built
    units = read_tmx(out / "tmx" / "th-en.tmx")
    assert len(units) == summary.sentences["th"]
    for unit in units:
        text, props, _ = unit.variants["en"]
        assert text.strip()
        assert props["x-aligner-provenance"] in {"gloss", "machine", "human"}
        assert props["x-aligner-engine"]


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
