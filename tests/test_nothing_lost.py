"""Issue 23, "nothing lost, whatever the corpus": ids, human work and outputs that survive real folders.
Each case builds a tiny corpus end to end in seconds (the `quick_build` fixture: hash encoder, echo
translator), or runs the command line where what matters is the one-line error."""

import json

from tiny_corpus import HINDI, HINDI_2, THAI, snapshot, write_corpus


def sentences_in(out, edition_id):
    rows = [json.loads(r) for r in (out / "segments" / f"{edition_id}.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows if r["kind"] == "sentence"]


def test_two_files_with_one_name_in_two_subfolders_are_two_editions(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a/ch.txt": HINDI, "hi/b/ch.txt": HINDI_2, "th/ch.txt": THAI})
    out = tmp_path / "out"
    summary = quick_build(texts, out)
    ids = [edition.id for edition in summary.editions]
    assert len(set(ids)) == 3 and summary.documents == 3
    assert len(summary.written) == len(set(summary.written))
    first, second = [edition.id for edition in summary.editions if edition.lang == "hi"]
    assert sentences_in(out, first)[0].startswith("1917 के बाद")
    assert sentences_in(out, second)[0].startswith("1921 में")
    assert {f"tmx/{first}-th.tmx", f"tmx/{second}-th.tmx", f"tei/{first}.xml", f"tei/{second}.xml"} <= set(snapshot(out))


TEI = "{http://www.tei-c.org/ns/1.0}"


def edit_tei_line(path, sentence_id, text):
    """Rewrite the first English line of a sentence in a TEI edition, as an editor would in an XML editor."""
    from lxml import etree

    tree = etree.parse(str(path))
    line = tree.find(f".//{TEI}div[@type='translation']//{TEI}s[@corresp='#{sentence_id}']")
    line.text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def english_of(out, edition_id, sentence_id):
    """(text, provenance) of a sentence's line in the English-layer TM."""
    from aligner.formats.tmx import read_tmx

    unit = {u.tuid: u for u in read_tmx(out / "tmx" / f"{edition_id}-en.tmx")}[sentence_id]
    text, props, _ = unit.variants["en"]
    return text, props["x-aligner-provenance"]


def test_english_edited_in_the_tei_edition_survives_the_rebuild(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tei_line(out / "tei" / "hi.xml", "hi.p1.s2", "New committees were formed in the villages.")
    summary = quick_build(texts, out)
    assert summary.english.get("human") == 1
    assert english_of(out, "hi", "hi.p1.s2") == ("New committees were formed in the villages.", "human")
    assert "New committees were formed in the villages." in (out / "tei" / "hi.xml").read_text(encoding="utf-8")
    quick_build(texts, out)  # and the next one
    assert english_of(out, "hi", "hi.p1.s2") == ("New committees were formed in the villages.", "human")


def edit_tmx_line(path, sentence_id, text):
    """Change a sentence's English segment in the English-layer TM, as a CAT tool would."""
    from lxml import etree

    tree = etree.parse(str(path))
    tree.find(f".//tu[@tuid='{sentence_id}']/tuv[2]/seg").text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def test_an_edit_beats_the_copies_the_last_build_carried_and_two_edits_stop_the_build(quick_build, tmp_path):
    from aligner.errors import FormatError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s2", "First edit.")
    quick_build(texts, out)
    # the TEI edition now carries "First edit." as a human line; the editor corrects it there
    edit_tei_line(out / "tei" / "hi.xml", "hi.p1.s2", "Second edit.")
    quick_build(texts, out)
    assert english_of(out, "hi", "hi.p1.s2") == ("Second edit.", "human")
    # two different edits of one sentence: keeping either would drop the other
    edit_tei_line(out / "tei" / "hi.xml", "hi.p1.s2", "Third edit.")
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s2", "Fourth edit.")
    before = snapshot(out)
    try:
        quick_build(texts, out)
    except FormatError as error:
        line = error.one_line()
    assert "hi.p1.s2" in line and "tei/hi.xml" in line and "tmx/hi-en.tmx" in line and "\n" not in line
    assert snapshot(out) == before


def test_a_stale_human_line_stays_stale_through_later_rebuilds(quick_build, tmp_path):
    for translators in (("echo",), ()):  # with a machine line beside it, and as the only line of its sentence
        texts = write_corpus(tmp_path / str(len(translators)) / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
        out = texts.parent / "out"
        quick_build(texts, out, translators=translators)
        if translators:
            edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s1", "After 1917 the peasants got the land.")
        else:
            (out / "translations").mkdir()
            (out / "translations" / "hi.en.tsv").write_text("hi.p1.s1\t\tAfter 1917 the peasants got the land.\tR. Editor\n",
                                                            encoding="utf-8")
        assert quick_build(texts, out, translators=translators).stale == []
        if not translators:
            (out / "translations" / "hi.en.tsv").unlink()  # the line lives on in the outputs
        hindi = texts / "hi" / "a.txt"
        hindi.write_text(HINDI.replace("1917 के बाद", "1918 के बाद"), encoding="utf-8")
        assert quick_build(texts, out, translators=translators).stale == ["hi.p1.s1"]
        summary = quick_build(texts, out, translators=translators)  # nothing changed since
        assert summary.stale == ["hi.p1.s1"], translators
        text, provenance = english_of(out, "hi", "hi.p1.s1")
        assert (text, provenance) == (("[1918 के बाद ज़मींदारों की ज़मीन किसानों को मिली।]", "machine") if translators
                                      else ("After 1917 the peasants got the land.", "human"))
        assert 'ana="#stale"' in (out / "tei" / "hi.xml").read_text(encoding="utf-8")
    # a translator who corrects the stale line makes it the line of the sentence as it is now
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s1", "After 1918 the peasants got the land.")
    assert quick_build(texts, out, translators=()).stale == []
    assert english_of(out, "hi", "hi.p1.s1") == ("After 1918 the peasants got the land.", "human")


def test_file_names_that_are_not_xml_names_give_ids_that_are(quick_build, tmp_path):
    from aligner.formats.tei import check_tei

    texts = write_corpus(tmp_path / "texts", {"hi/my chapter (draft).txt": HINDI, "hi/o'neil \"2\".txt": HINDI_2,
                                              "th/a.txt": THAI})
    out = tmp_path / "out"
    summary = quick_build(texts, out)
    ids = sorted(edition.id for edition in summary.editions)
    assert ids == ["hi-my-chapter-draft", "hi-o-neil-2", "th"]
    quick_build(texts, out)  # reads its own TEI back
    for path in sorted((out / "tei").glob("*.xml")):
        assert check_tei(path.read_bytes(), schema=False) == [], path.name
    page = (out / "report" / "hi-o-neil-2-th.html").read_text(encoding="utf-8")
    assert "o'neil" not in page and "o&#x27;neil &quot;2&quot;.txt" in page  # the file name, escaped
