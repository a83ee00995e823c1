"""Issue 35, "human work follows its sentence": human English lines and link decisions survive a text
that changes around them (a paragraph inserted at the top), a layer TM re-exported by a CAT tool
without our ids and props, and an edit in the pair TEI; what cannot be placed is named, never
dropped or moved silently. Tiny corpora built end to end in seconds (`quick_build`)."""

from lxml import etree

from tiny_corpus import HINDI, THAI, snapshot, write_corpus

TEI = "{http://www.tei-c.org/ns/1.0}"


def edit_tei_line(path, sentence_id, text):
    """Rewrite a sentence's first English line in a TEI file, as an editor would in an XML editor."""
    tree = etree.parse(str(path))
    line = tree.find(f".//{TEI}div[@type='translation']//{TEI}s[@corresp='#{sentence_id}']")
    line.text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def layer(out, edition_id):
    """sentence id → (English, its tuv's props) of the English-layer TM."""
    from aligner.formats.tmx import read_tmx

    return {u.tuid: (u.variants["en"][0], u.variants["en"][1])
            for u in read_tmx(out / "tmx" / f"{edition_id}-en.tmx")}


def test_english_edited_in_the_pair_tei_survives_the_rebuild(quick_build, tmp_path):
    from aligner.errors import FormatError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tei_line(out / "tei" / "hi-th.xml", "hi.p1.s2", "New committees were formed in the villages.")
    edit_tei_line(out / "tei" / "hi-th.xml", "th.p1.s1", "After 1917 the land went to the peasants.")
    summary = quick_build(texts, out)
    assert summary.english.get("human") == 2
    assert layer(out, "hi")["hi.p1.s2"][0] == "New committees were formed in the villages."
    assert layer(out, "hi")["hi.p1.s2"][1]["x-aligner-provenance"] == "human"
    assert layer(out, "th")["th.p1.s1"][0] == "After 1917 the land went to the peasants."
    assert quick_build(texts, out).english.get("human") == 2  # and the next build keeps them
    # an edit in the pair TEI and another in the edition's own TEI: keeping one would drop the other
    edit_tei_line(out / "tei" / "hi-th.xml", "hi.p1.s2", "One edit.")
    edit_tei_line(out / "tei" / "hi.xml", "hi.p1.s2", "Another edit.")
    before = snapshot(out)
    try:
        quick_build(texts, out)
        raise AssertionError("the build went on")
    except FormatError as error:
        line = error.one_line()
    assert "hi.p1.s2" in line and "tei/hi.xml" in line and "tei/hi-th.xml" in line
    assert snapshot(out) == before


def test_english_edited_in_the_tei_of_a_pair_that_goes_stops_the_build_naming_it(quick_build, tmp_path):
    from tiny_corpus import GERMAN

    from aligner.errors import AlignerError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI, "de/a.txt": GERMAN})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tei_line(out / "tei" / "de-hi.xml", "hi.p1.s2", "New committees were formed in the villages.")
    (texts / "de" / "a.txt").unlink()  # the pair de–hi goes, and its TEI with it
    before = snapshot(out)
    try:
        quick_build(texts, out)
        raise AssertionError("the build went on")
    except AlignerError as error:
        line = error.one_line()
    assert str(out / "tei" / "de-hi.xml") in line and "hi.p1.s2" in line and "\n" not in line
    assert snapshot(out) == before
