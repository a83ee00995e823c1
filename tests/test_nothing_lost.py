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
    assert {f"tmx/{first}-th.tmx", f"tmx/{second}-th.tmx", f"tei/{first}.xml", f"tei/{second}.xml"} <= set(
        snapshot(out)
    )


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


def english_props(out, edition_id, sentence_id):
    from aligner.formats.tmx import read_tmx

    return {u.tuid: u for u in read_tmx(out / "tmx" / f"{edition_id}-en.tmx")}[sentence_id].variants["en"][1]


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
            (out / "translations" / "hi.en.tsv").write_text(
                "hi.p1.s1\t\tAfter 1917 the peasants got the land.\tR. Editor\n", encoding="utf-8"
            )
        assert quick_build(texts, out, translators=translators).stale == []
        if not translators:
            (out / "translations" / "hi.en.tsv").unlink()  # the line lives on in the outputs
        hindi = texts / "hi" / "a.txt"
        hindi.write_text(HINDI.replace("1917 के बाद", "1918 के बाद"), encoding="utf-8")
        assert quick_build(texts, out, translators=translators).stale == ["hi.p1.s1"]
        summary = quick_build(texts, out, translators=translators)  # nothing changed since
        assert summary.stale == ["hi.p1.s1"], translators
        # the layer TM shows the stale line, with a machine line beside it too, marked stale (issue 35, 8)
        assert english_of(out, "hi", "hi.p1.s1") == ("After 1917 the peasants got the land.", "human")
        assert "x-aligner-stale" in english_props(out, "hi", "hi.p1.s1")
        assert 'ana="#stale"' in (out / "tei" / "hi.xml").read_text(encoding="utf-8")
    # a translator who corrects the stale line makes it the line of the sentence as it is now
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s1", "After 1918 the peasants got the land.")
    assert quick_build(texts, out, translators=()).stale == []
    assert english_of(out, "hi", "hi.p1.s1") == ("After 1918 the peasants got the land.", "human")


def test_file_names_that_are_not_xml_names_give_ids_that_are(quick_build, tmp_path):
    from aligner.formats.tei import check_tei

    texts = write_corpus(
        tmp_path / "texts", {"hi/my chapter (draft).txt": HINDI, 'hi/o\'neil "2".txt': HINDI_2, "th/a.txt": THAI}
    )
    out = tmp_path / "out"
    summary = quick_build(texts, out)
    ids = sorted(edition.id for edition in summary.editions)
    assert ids == ["hi-my-chapter-draft", "hi-o-neil-2", "th"]
    quick_build(texts, out)  # reads its own TEI back
    for path in sorted((out / "tei").glob("*.xml")):
        assert check_tei(path.read_bytes(), schema=False) == [], path.name
    page = (out / "report" / "hi-o-neil-2-th.html").read_text(encoding="utf-8")
    assert "o'neil" not in page and "o&#x27;neil &quot;2&quot;.txt" in page  # the file name, escaped


def outputs_of(out, edition_id):
    return {name for name in snapshot(out) if f"/{edition_id}." in name or f"/{edition_id}-" in name}


def test_adding_a_second_text_to_a_language_renames_no_id_and_detaches_no_human_line(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s2", "New committees were formed in the villages.")
    (out / "translations").mkdir()
    (out / "translations" / "hi.en.tsv").write_text(
        "hi.p1.s1\t\tAfter 1917 the peasants got the land.\tR. Editor\n", encoding="utf-8"
    )
    before = set(snapshot(out))
    write_corpus(texts, {"hi/b.txt": HINDI_2})
    summary = quick_build(texts, out)
    assert sorted(edition.id for edition in summary.editions) == ["hi", "hi-b", "th"]
    assert summary.english["human"] == 2 and summary.stale == []
    assert english_of(out, "hi", "hi.p1.s1") == ("After 1917 the peasants got the land.", "human")
    assert english_of(out, "hi", "hi.p1.s2") == ("New committees were formed in the villages.", "human")
    assert before <= set(snapshot(out))  # every file of the first build is still an output


def test_a_text_taken_out_takes_its_outputs_with_it_and_the_others_keep_their_ids(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "hi/b.txt": HINDI_2, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    gone = outputs_of(out, "hi-b")
    assert {"tei/hi-b.xml", "tmx/hi-b-en.tmx", "tmx/hi-b-th.tmx", "segments/hi-b.jsonl", "report/hi-b-th.html"} <= gone
    (texts / "hi" / "b.txt").unlink()
    summary = quick_build(texts, out)
    assert sorted(edition.id for edition in summary.editions) == ["hi-a", "th"]
    assert sorted(path.relative_to(out).as_posix() for path in summary.removed) == sorted(gone)
    assert not outputs_of(out, "hi-b")
    # a text renamed (its words unchanged) keeps its id
    (texts / "hi" / "a.txt").rename(texts / "hi" / "chapter.txt")
    assert sorted(edition.id for edition in quick_build(texts, out).editions) == ["hi-a", "th"]


def test_outputs_from_before_the_id_map_keep_their_ids(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    (out / "editions.json").unlink()  # as a build before the map left its outputs
    write_corpus(texts, {"hi/b.txt": HINDI_2})
    assert sorted(edition.id for edition in quick_build(texts, out).editions) == ["hi", "hi-b", "th"]


def test_human_work_an_edition_leaves_behind_stops_the_build_naming_the_file(quick_build, tmp_path):
    from aligner.errors import AlignerError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "hi/b.txt": HINDI_2, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-b-en.tmx", "hi-b.p1.s1", "A famine struck the Volga in 1921.")
    (texts / "hi" / "b.txt").unlink()
    before = snapshot(out)
    for culprit in ("tmx/hi-b-en.tmx", "translations/hi-b.en.tsv"):
        if culprit.startswith("translations"):
            (out / "tmx" / "hi-b-en.tmx").unlink()
            (out / "translations").mkdir()
            (out / culprit).write_text(
                "hi-b.p1.s1\t\tA famine struck the Volga in 1921.\tR. Editor\n", encoding="utf-8"
            )
            before = snapshot(out)
        try:
            quick_build(texts, out)
            raise AssertionError("the build went on")
        except AlignerError as error:
            line = error.one_line()
        assert str(out / culprit) in line and "hi-b" in line and "\n" not in line, line
        assert snapshot(out) == before


def test_a_pair_that_goes_takes_its_files_but_the_copies_of_human_lines_in_them_stop_nothing(quick_build, tmp_path):
    from tiny_corpus import GERMAN

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI, "de/a.txt": GERMAN})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s2", "New committees were formed in the villages.")
    quick_build(texts, out)
    assert "New committees were formed" in (out / "tei" / "de-hi.xml").read_text(encoding="utf-8")
    (texts / "de" / "a.txt").unlink()
    summary = quick_build(texts, out)
    assert {p.name for p in summary.removed} >= {"de-hi.xml", "de-th.xml", "de.xml", "de-en.tmx"}
    assert english_of(out, "hi", "hi.p1.s2") == ("New committees were formed in the villages.", "human")


def test_an_english_text_is_its_own_english_layer_and_its_pair_tm_overwrites_no_layer(quick_build, tmp_path):
    from tiny_corpus import ENGLISH, GERMAN

    from aligner.formats.tmx import read_tmx

    texts = write_corpus(tmp_path / "texts", {"de/a.txt": GERMAN, "en/a.txt": ENGLISH})
    out = tmp_path / "out"
    summary = quick_build(texts, out)
    names = [path.relative_to(out).as_posix() for path in summary.written]
    assert len(names) == len(set(names))
    assert "tmx/en-en.tmx" not in names
    layer = read_tmx(out / "tmx" / "de-en.tmx")
    assert [unit.props["x-aligner-sentence-id"] for unit in layer] == ["de.p1.s1", "de.p1.s2"]
    pair = read_tmx(out / "tmx" / "de-en.pair.tmx")
    assert pair and all(unit.props["x-aligner-mode"] for unit in pair)
    assert "human" not in quick_build(texts, out).english
    # a pair TM where an older build left it, over the layer, is not read as human lines either
    (out / "tmx" / "de-en.tmx").write_bytes((out / "tmx" / "de-en.pair.tmx").read_bytes())
    assert "human" not in quick_build(texts, out).english


def test_characters_xml_cannot_hold_are_kept_in_the_model_and_written_replaced_in_xml(quick_build, tmp_path, caplog):
    import logging

    from aligner.formats.tei import check_tei
    from aligner.formats.tmx import validate_tmx

    controls = "\x0b\x01\x1b\x0c\uffff"
    hindi = HINDI.replace("किसानों को", f"किसानों{controls}को")
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": hindi, "th/a.txt": THAI})
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="aligner"):
        quick_build(texts, out)
    warned = [r.getMessage() for r in caplog.records if "XML" in r.getMessage()]
    assert len(warned) == 1 and str(texts / "hi" / "a.txt") in warned[0]
    assert controls in sentences_in(out, "hi")[0]  # the model and the spans keep them
    for path in [*(out / "tei").glob("*.xml"), *(out / "tmx").glob("*.tmx")]:
        data = path.read_bytes()
        assert (check_tei(data, schema=False) if path.suffix == ".xml" else validate_tmx(data)) == [], path.name
    assert "किसानों␋␁␛␌\ufffdको" in (out / "tei" / "hi.xml").read_text(encoding="utf-8")
    edit_tei_line(out / "tei" / "hi.xml", "hi.p1.s1", "After 1917 the peasants got the land.")
    summary = quick_build(texts, out)
    assert summary.english["human"] == 1 and summary.stale == []  # neither edited nor stale by the replacement


def test_a_character_xml_cannot_hold_in_a_sidecar_is_an_error_naming_the_file_and_line(tmp_path):
    from aligner.errors import FormatError
    from aligner.translate.human import read_sidecar

    sidecar = tmp_path / "hi.en.tsv"
    sidecar.write_text(
        "hi.p1.s1\t\tAfter 1917.\tR. Editor\nhi.p1.s2\t\tNew\x0b committees\x01.\tR. Editor\n", encoding="utf-8"
    )
    try:
        read_sidecar(sidecar)
        raise AssertionError("read")
    except FormatError as error:
        line = error.one_line()
    assert str(sidecar) in line and "line 2" in line and "U+000B" in line


def test_a_sidecar_line_for_a_sentence_the_text_does_not_have_stops_the_build_naming_it(quick_build, tmp_path):
    from aligner.errors import AlignerError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    (out / "translations").mkdir(parents=True)
    sidecar = out / "translations" / "hi.en.tsv"
    sidecar.write_text(
        "hi.p1.s1\t\tAfter 1917.\tR. Editor\nhi.p7.s1\t\tA typo in the id.\tR. Editor\n", encoding="utf-8"
    )
    try:
        quick_build(texts, out)
        raise AssertionError("the build went on")
    except AlignerError as error:
        line = error.one_line()
    assert str(sidecar) in line and "hi.p7.s1" in line and "changed" not in line
    assert not (out / "tmx").exists()


def test_out_inside_the_corpus_folder_is_not_read_as_a_language(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    first = snapshot(quick_build(texts, texts) and texts)
    assert sorted(edition.id for edition in quick_build(texts, texts).editions) == ["hi", "th"]
    assert snapshot(texts) == first


def test_a_link_decision_is_kept_when_the_aligner_no_longer_proposes_the_link(quick_build, tmp_path):
    from lxml import etree

    from aligner.errors import AlignerError
    from aligner.formats.tei import read_links
    from aligner.formats.tmx import read_tmx

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI + HINDI_2, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    proposed = {(d.source, d.target) for d in read_links(out / "tei" / "hi-th.xml")}
    pair = ("hi.p2.s2",), ("th.p1.s1",)
    assert pair not in proposed
    tree = etree.parse(str(out / "tei" / "hi-th.xml"))
    group = tree.find(f".//{TEI}linkGrp")
    for link in group.findall(f"{TEI}link"):
        group.remove(link)
    etree.SubElement(group, f"{TEI}link", target="#hi.p2.s2 #th.p1.s1", cert="0.500", subtype="accepted")
    tree.write(str(out / "tei" / "hi-th.xml"), encoding="UTF-8", xml_declaration=True)
    quick_build(texts, out)
    decided = {(d.source, d.target): d.status for d in read_links(out / "tei" / "hi-th.xml")}
    assert decided[pair] == "accepted"
    assert any(
        u.props["x-aligner-source-ids"] == "hi.p2.s2" and u.props.get("x-aligner-status") == "accepted"
        for u in read_tmx(out / "tmx" / "hi-th.tmx")
    )
    # a decision about a sentence the text no longer has cannot be kept: the build says so
    write_corpus(texts, {"hi/a.txt": HINDI})
    try:
        quick_build(texts, out)
        raise AssertionError("the build went on")
    except AlignerError as error:
        line = error.one_line()
    assert str(out / "tei" / "hi-th.xml") in line and "hi.p2.s2" in line
