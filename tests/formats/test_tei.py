"""TEI P5 from tiny hand-made editions and alignments (tests/tiny_editions.py): valid against
tei_all.rng, pointers resolve, certs are probabilities, the structure of an edition (sections,
sentences, notes, page breaks, furniture, the English layer) is there, and an editor's human lines
and link decisions come back. (The real corpus's TEI: tests/test_build.py.)"""

import pytest
from lxml import etree

from aligner.errors import FormatError
from aligner.formats.tei import TEI_NS, alignment_tei, check_tei, edition_tei, read_edition, read_links

NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def out(tiny, tmp_path_factory):
    """The TEI files of the tiny editions, written as `build` names them (plus the comparable pair)."""
    folder = tmp_path_factory.mktemp("tei")
    files = {
        "hi.xml": edition_tei(tiny.hi),
        "th.xml": edition_tei(tiny.th),
        "hi-th.xml": alignment_tei(tiny.translation, tiny.hi, tiny.th),
        "hi-th-comparable.xml": alignment_tei(tiny.comparable, tiny.hi, tiny.th),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.slow  # libxml2 takes about 20 s of CPU to compile tei_all.rng
def test_every_tei_file_validates_against_tei_all(out, tei_schema):
    for path in sorted(out.glob("*.xml")):
        assert check_tei(path.read_bytes()) == [], path.name


def test_every_pointer_resolves_ids_are_unique_and_certs_are_probabilities(out, tmp_path):
    files = sorted(out.glob("*.xml"))
    assert len(files) == 4
    for path in files:
        assert check_tei(path.read_bytes(), schema=False) == [], path.name
    # and the check would see a dangling pointer and a cert that is not a probability
    broken = (out / "hi-th.xml").read_bytes().replace(b'target="#hi.p1.s1 ', b'target="#hi.p1.s9 ', 1)
    broken = broken.replace(b'cert="0.930"', b'cert="1.5"', 1)
    assert check_tei(broken, schema=False) == ["link/@target points to missing #hi.p1.s9", "cert 1.5 outside [0, 1]"]


def test_edition_has_sections_sentences_notes_pages_and_english(tiny, out):
    for edition in (tiny.hi, tiny.th):
        root = etree.parse(str(out / f"{edition.id}.xml")).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == edition.lang
        sections = root.xpath("//tei:body/tei:div[@type='section']", namespaces=NS)
        assert [d.get(XML_ID) for d in sections] == [d.id for d in edition.divisions]
        sentences = root.xpath("//tei:body/tei:div[@type='section']//tei:s", namespaces=NS)
        assert [(s.get(XML_ID), "".join(s.itertext())) for s in sentences] == [
            (s.id, s.text) for s in edition.sentences()
        ]
        assert sentences[0].get(XML_ID) == f"{edition.id}.p1.s1"
        assert [n.get("n") for n in root.xpath("//tei:note[@place='foot']", namespaces=NS)] == ["1"]
        assert len(root.xpath("//tei:pb", namespaces=NS)) == 1
        assert [(f.get("type"), f.text) for f in root.xpath("//tei:fw", namespaces=NS)] == [
            ({"title-block": "title", "page-number": "pageNum", "running-header": "header"}[f.kind], f.text)
            for f in edition.furniture
        ]
        heads = [h.text for h in root.xpath("//tei:head", namespaces=NS)]
        assert heads == [d.heading.text for d in edition.divisions if d.heading] + ["English layer"]
        english = root.xpath("//tei:div[@type='translation']//tei:s[not(@type)]", namespaces=NS)
        assert [s.get("corresp") for s in english] == [f"#{s.id}" for s in edition.sentences()]
        assert all(s.get("resp", "").startswith(f"#{edition.id}.resp.") for s in english)
    hindi = etree.parse(str(out / "hi.xml")).getroot()
    assert hindi.xpath("//tei:head[@type='run-in']/text()", namespaces=NS) == ["नई आर्थिक नीति।"]
    # the footnote marker follows the sentence it was glued to; the Thai page broke inside a sentence
    assert hindi.xpath("//tei:note/preceding-sibling::tei:s[1]/@xml:id", namespaces=NS) == ["hi.p1.s1"]
    thai = etree.parse(str(out / "th.xml")).getroot()
    assert thai.xpath("//tei:pb/parent::tei:s/@xml:id", namespaces=NS) == ["th.p2.s2"]
    # the best line first, the others as alternatives; a stale human line is marked so
    lines = [
        (s.get("resp"), s.get("type"), s.get("ana"), s.text)
        for s in hindi.xpath("//tei:div[@type='translation']//tei:s[@corresp='#hi.p2.s1']", namespaces=NS)
    ]
    assert [(resp.split(".")[2], kind, ana) for resp, kind, ana, _ in lines] == [
        ("human", None, None),
        ("gloss", "alternative", None),
        ("machine", "alternative", None),
    ]
    stale = thai.xpath("//tei:div[@type='translation']//tei:s[@ana='#stale']", namespaces=NS)
    assert [(s.get("corresp"), s.get("type"), s.text) for s in stale] == [
        ("#th.p3.s2", "alternative", "Millions died.")
    ]


def test_alignment_links_point_to_sentences_with_cert(tiny, out):
    for name, alignment in (("hi-th.xml", tiny.translation), ("hi-th-comparable.xml", tiny.comparable)):
        decisions = read_links(out / name)
        links = [link for link in alignment.links if link.source and link.target]
        assert len(decisions) == len(links)
        for decision, link in zip(decisions, links):
            assert decision.source == link.source and decision.target == link.target
            assert abs(decision.cert - link.score) < 1e-3
            assert decision.status == link.status
        root = etree.parse(str(out / name)).getroot()
        assert root.xpath("//tei:linkGrp/@subtype", namespaces=NS) == [alignment.mode]
    # a side of several sentences is a <join> the link points to
    joins = etree.parse(str(out / "hi-th.xml")).getroot().xpath("//tei:join/@target", namespaces=NS)
    assert joins == ["#hi.p2.s2 #hi.p2.s3"]


def test_editor_decisions_and_human_lines_read_back(tiny, out, tmp_path):
    tree = etree.parse(str(out / "hi-th.xml"))
    link = tree.find(f".//{{{TEI_NS}}}link")
    link.set("subtype", "rejected")
    edited = tmp_path / "hi-th.xml"
    tree.write(str(edited), encoding="UTF-8", xml_declaration=True)
    assert [d.status for d in read_links(edited)] == ["rejected", *(link.status for link in tiny.translation.links[1:])]
    # who decided: the link's @resp points to a respStmt naming the person
    confirmed = tree.find(f".//{{{TEI_NS}}}link[@subtype='accepted']")
    assert confirmed.get("resp") == "#review.r-editor"
    stmt = tree.find(f".//{{{TEI_NS}}}respStmt[@{{http://www.w3.org/XML/1998/namespace}}id='review.r-editor']")
    assert stmt.findtext(f"{{{TEI_NS}}}persName") == "R. Editor"
    assert [d.resp for d in read_links(edited)][1] == "R. Editor"

    # the human line the export carried comes back as it is
    assert [
        (line.sentence_id, line.text, line.provenance.translator, line.source_hash)
        for line in read_edition(out / "hi.xml")
    ] == [
        (
            "hi.p2.s1",
            "In the cities the workers took over the factories.",
            "R. Editor",
            tiny.hi.sentence_index()["hi.p2.s1"].hash,
        )
    ]
    edition = etree.parse(str(out / "hi.xml"))
    title = edition.find(f".//{{{TEI_NS}}}titleStmt")
    stmt = etree.SubElement(title, f"{{{TEI_NS}}}respStmt")
    stmt.set(XML_ID, "hi.resp.human.editor")
    etree.SubElement(stmt, f"{{{TEI_NS}}}resp").text = "English translation"
    etree.SubElement(stmt, f"{{{TEI_NS}}}persName").text = "Editor"
    line = edition.find(f".//{{{TEI_NS}}}div[@type='translation']//{{{TEI_NS}}}s")
    line.text, line.attrib["resp"] = "Edited English.", "#hi.resp.human.editor"
    path = tmp_path / "hi.xml"
    edition.write(str(path), encoding="UTF-8", xml_declaration=True)
    lines = read_edition(path)
    assert [(line.sentence_id, line.text, line.provenance.translator) for line in lines] == [
        ("hi.p1.s1", "Edited English.", "Editor"),
        ("hi.p2.s1", "In the cities the workers took over the factories.", "R. Editor"),
    ]
    assert lines[0].source_hash == tiny.hi.sentence_index()["hi.p1.s1"].hash  # a later change marks it stale
    assert all(line.provenance.kind == "human" for line in lines)


def test_english_edited_in_the_edition_comes_back_as_a_human_line_whoever_it_credits(tiny, out, tmp_path):
    """An editor rewrites a gloss line in place, leaving its @resp as it was: that is their line now."""
    edition = etree.parse(str(out / "hi.xml"))
    line = edition.find(f".//{{{TEI_NS}}}div[@type='translation']//{{{TEI_NS}}}s[@corresp='#hi.p3.s2']")
    assert ".gloss." in line.get("resp")
    line.text = "Hundreds of thousands died."
    path = tmp_path / "hi.xml"
    edition.write(str(path), encoding="UTF-8", xml_declaration=True)
    lines = read_edition(path)
    assert [(line.sentence_id, line.text, line.provenance.kind, line.provenance.translator) for line in lines] == [
        ("hi.p2.s1", "In the cities the workers took over the factories.", "human", "R. Editor"),
        ("hi.p3.s2", "Hundreds of thousands died.", "human", "unknown"),
    ]
    assert lines[1].source_hash == tiny.hi.sentence_index()["hi.p3.s2"].hash


def test_a_stale_human_line_stays_stale_when_read_back(tiny, out):
    [line] = read_edition(out / "th.xml")
    assert (line.sentence_id, line.text) == ("th.p3.s2", "Millions died.")
    assert line.source_hash != tiny.th.sentence_index()["th.p3.s2"].hash


@pytest.mark.parametrize("content", [b"<TEI><text>", b"<html/>", b""])
def test_malformed_tei_is_a_one_line_error(tmp_path, content):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(FormatError) as error:
        read_edition(path)
    assert str(path) in error.value.one_line()


def test_a_side_that_leaves_out_a_sentence_of_its_passage_keeps_its_own_join(tiny, tmp_path, tei_schema):
    from dataclasses import replace

    from aligner.document import Link

    # hi.p2 has three sentences; one link holds all three, another only the first and the last.
    whole, gapped = ("hi.p2.s1", "hi.p2.s2", "hi.p2.s3"), ("hi.p2.s1", "hi.p2.s3")
    alignment = replace(
        tiny.comparable, links=(Link(whole, ("th.p2.s1", "th.p2.s2"), 0.6), Link(gapped, ("th.p3.s1", "th.p3.s2"), 0.5))
    )
    path = tmp_path / "gapped.xml"
    path.write_bytes(alignment_tei(alignment, tiny.hi, tiny.th))
    assert [d.source for d in read_links(path)] == [whole, gapped]
    assert check_tei(path.read_bytes()) == []
