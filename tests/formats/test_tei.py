"""TEI P5 from a real build: valid against tei_all.rng, pointers resolve, certs are probabilities,
and an editor's human lines and link decisions come back."""

import pytest
from lxml import etree

from aligner.errors import FormatError
from aligner.formats.tei import TEI_NS, check_tei, read_edition, read_links

pytestmark = pytest.mark.model
NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def test_every_tei_file_validates_and_its_pointers_resolve(built, tei_schema):
    out, _ = built
    files = sorted((out / "tei").glob("*.xml"))
    assert {f.name for f in files} == {"hi.xml", "th.xml", "hi-th.xml"}
    for path in files:
        assert check_tei(path.read_bytes()) == [], path.name


def test_edition_has_sections_sentences_notes_pages_and_english(built):
    out, summary = built
    root = etree.parse(str(out / "tei" / "th.xml")).getroot()
    sentences = root.xpath("//tei:body/tei:div[@type='section']//tei:s", namespaces=NS)
    assert len(sentences) == summary.sentences["th"]
    assert sentences[0].get(XML_ID) == "th.p1.s1"
    assert root.xpath("//tei:note[@place='foot']", namespaces=NS)
    assert root.xpath("//tei:pb", namespaces=NS)
    assert root.xpath("//tei:fw", namespaces=NS)
    assert len(root.xpath("//tei:head", namespaces=NS)) >= 3
    english = root.xpath("//tei:div[@type='translation']//tei:s[not(@type)]", namespaces=NS)
    assert len(english) == len(sentences)
    assert all(s.get("resp", "").startswith("#th.resp.") for s in english)


def test_alignment_links_point_to_sentences_with_cert(built):
    out, summary = built
    decisions = read_links(out / "tei" / "hi-th.xml")
    alignment = summary.alignments[0]
    assert len(decisions) == len([l for l in alignment.links if l.source and l.target])
    for decision, link in zip(decisions, alignment.links):
        assert decision.source == link.source and decision.target == link.target
        assert abs(decision.cert - link.score) < 1e-3


def test_editor_decisions_and_human_lines_read_back(built, tmp_path):
    out, _ = built
    tree = etree.parse(str(out / "tei" / "hi-th.xml"))
    link = tree.find(".//{%s}link" % TEI_NS)
    link.set("subtype", "rejected")
    edited = tmp_path / "hi-th.xml"
    tree.write(str(edited), encoding="UTF-8", xml_declaration=True)
    assert read_links(edited)[0].status == "rejected"

    edition = etree.parse(str(out / "tei" / "hi.xml"))
    title = edition.find(".//{%s}titleStmt" % TEI_NS)
    stmt = etree.SubElement(title, "{%s}respStmt" % TEI_NS)
    stmt.set(XML_ID, "hi.resp.human.editor")
    etree.SubElement(stmt, "{%s}resp" % TEI_NS).text = "English translation"
    etree.SubElement(stmt, "{%s}persName" % TEI_NS).text = "Editor"
    line = edition.find(".//{%s}div[@type='translation']//{%s}s" % (TEI_NS, TEI_NS))
    line.text, line.attrib["resp"] = "Edited English.", "#hi.resp.human.editor"
    path = tmp_path / "hi.xml"
    edition.write(str(path), encoding="UTF-8", xml_declaration=True)
    lines = read_edition(path)
    assert [(l.sentence_id, l.text, l.provenance.translator) for l in lines] == [("hi.p1.s1", "Edited English.", "Editor")]
    assert lines[0].source_hash


@pytest.mark.parametrize("content", [b"<TEI><text>", b"<html/>", b""])
def test_malformed_tei_is_a_one_line_error(tmp_path, content):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(FormatError) as error:
        read_edition(path)
    assert str(path) in error.value.one_line()
