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

    return {u.tuid: (u.variants["en"][0], u.variants["en"][1]) for u in read_tmx(out / "tmx" / f"{edition_id}-en.tmx")}


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


#: a paragraph put before the first one of HINDI: every sentence of HINDI gets a new id
INSERTED = "रूस एक बड़ा देश है। वहाँ बहुत लोग रहते हैं।"
LAND, COMMITTEES = "1917 के बाद ज़मींदारों की ज़मीन किसानों को मिली।", "गाँवों में नई समितियाँ बनीं।"


def with_paragraph_on_top(text):
    return text.replace("\n\n1917", f"\n\n{INSERTED}\n\n1917")


def edit_tmx_line(path, sentence_id, text):
    """Change a sentence's English segment in the English-layer TM, as a CAT tool would."""
    tree = etree.parse(str(path))
    tree.find(f".//tu[@tuid='{sentence_id}']/tuv[2]/seg").text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def decide(path, status):
    """Mark every link of a pair's TEI as an editor would (`aligner review` writes the same)."""
    tree = etree.parse(str(path))
    for link in tree.iter(f"{TEI}link"):
        link.set("subtype", status)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def human_work(out):
    """What the outputs hold of human work: the human lines of the Hindi layer TM (text, stale or
    not) and the decided links of the pair."""
    from aligner.formats.tei import read_links

    lines = {
        ident: (text, "x-aligner-stale" in props)
        for ident, (text, props) in layer(out, "hi").items()
        if props["x-aligner-provenance"] == "human"
    }
    decisions = {(d.source, d.target): d.status for d in read_links(out / "tei" / "hi-th.xml") if d.status != "auto"}
    return lines, decisions


def test_a_paragraph_inserted_on_top_moves_no_human_line_and_no_decision_to_other_sentences(
    quick_build, tmp_path, caplog
):
    from aligner.document import text_hash

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s2", "New committees were formed in the villages.")
    (out / "translations").mkdir()
    sidecar = out / "translations" / "hi.en.tsv"
    sidecar.write_text(
        f"hi.p1.s1\t{text_hash(LAND)}\tAfter 1917 the land went to the peasants.\tR. Editor\n", encoding="utf-8"
    )
    decide(out / "tei" / "hi-th.xml", "rejected")
    quick_build(texts, out)
    assert human_work(out) == (
        {
            "hi.p1.s1": ("After 1917 the land went to the peasants.", False),
            "hi.p1.s2": ("New committees were formed in the villages.", False),
        },
        {(("hi.p1.s1", "hi.p1.s2"), ("th.p1.s1",)): "rejected"},
    )
    write_corpus(texts, {"hi/a.txt": with_paragraph_on_top(HINDI)})
    caplog.set_level("INFO", logger="aligner")
    summary = quick_build(texts, out)
    assert summary.stale == []
    assert human_work(out) == (
        {
            "hi.p2.s1": ("After 1917 the land went to the peasants.", False),
            "hi.p2.s2": ("New committees were formed in the villages.", False),
        },
        {(("hi.p2.s1", "hi.p2.s2"), ("th.p1.s1",)): "rejected"},
    )
    # the new sentences show the machine's English; the moves are said, and the sidecar's old id named
    assert layer(out, "hi")["hi.p1.s1"][1]["x-aligner-provenance"] == "machine"
    said = [r.getMessage() for r in caplog.records]
    assert any(str(sidecar) in m and "hi.p1.s1 → hi.p2.s1" in m for m in said if "old ids" in m)
    assert any("hi.p1.s2 → hi.p2.s2" in m for m in said if "link decisions follow" in m)
    # and the next build, the sidecar unchanged, keeps them where they are
    after = snapshot(out)
    quick_build(texts, out)
    assert snapshot(out) == after


def test_only_the_sentence_whose_text_changed_goes_stale(quick_build, tmp_path, caplog):
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s1", "After 1917 the land went to the peasants.")
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s2", "New committees were formed in the villages.")
    decide(out / "tei" / "hi-th.xml", "accepted")
    quick_build(texts, out)
    changed = with_paragraph_on_top(HINDI).replace(COMMITTEES, "गाँवों में नई समितियाँ बन गईं।")
    write_corpus(texts, {"hi/a.txt": changed})
    summary = quick_build(texts, out)
    assert summary.stale == ["hi.p2.s2"]
    assert human_work(out) == (
        {
            "hi.p2.s1": ("After 1917 the land went to the peasants.", False),
            "hi.p2.s2": ("New committees were formed in the villages.", True),
        },
        {(("hi.p2.s1", "hi.p2.s2"), ("th.p1.s1",)): "accepted"},
    )
    # the decision is kept on the changed sentence, and said so in one line
    assert any(
        "hi.p2.s2" in r.getMessage() and "changed" in r.getMessage() and "\n" not in r.getMessage()
        for r in caplog.records
        if r.levelname == "WARNING"
    )


def test_a_sidecar_line_without_a_hash_whose_id_now_names_another_sentence_stops_the_build(quick_build, tmp_path):
    from aligner.document import text_hash
    from aligner.errors import AlignerError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    (out / "translations").mkdir(parents=True)
    sidecar = out / "translations" / "hi.en.tsv"
    sidecar.write_text("hi.p1.s1\t\tAfter 1917 the land went to the peasants.\tR. Editor\n", encoding="utf-8")
    quick_build(texts, out)
    write_corpus(texts, {"hi/a.txt": with_paragraph_on_top(HINDI)})
    before = snapshot(out)
    try:
        quick_build(texts, out)
        raise AssertionError("the build went on")
    except AlignerError as error:
        line = error.one_line()
    assert str(sidecar) in line and "line 1" in line and "hi.p2.s1" in line and text_hash(LAND) in line
    assert "\n" not in line and snapshot(out) == before
    # the fix the line gives works
    sidecar.write_text(
        f"hi.p1.s1\t{text_hash(LAND)}\tAfter 1917 the land went to the peasants.\tR. Editor\n", encoding="utf-8"
    )
    quick_build(texts, out)
    assert human_work(out)[0] == {"hi.p2.s1": ("After 1917 the land went to the peasants.", False)}


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


def reexport_without_our_ids(path, edit=None):
    """The layer TM as a CAT tool writes it back: translate-toolkit's plain units (source and target,
    no tuid, no props), each English line as it was, except `edit` ({source text: new English}),
    made by 'translator' on the tuv as OmegaT marks a change."""
    from translate.storage.tmx import tmxfile

    from aligner.formats.tmx import read_tmx

    units = read_tmx(path)
    source_lang = next(lang for lang in units[0].variants if lang != "en")
    store = tmxfile(sourcelanguage=source_lang, targetlanguage="en")
    for unit in units:
        source, english = unit.variants[source_lang][0], unit.variants["en"][0]
        new = store.addsourceunit(source)
        new.settarget((edit or {}).get(source, english), "en")
        if source in (edit or {}):
            new.xmlelement.findall("tuv")[1].set("changeid", "translator")
    path.write_bytes(bytes(store))
    tree = etree.parse(str(path))
    assert not tree.xpath("//tu/@tuid | //prop")  # the shape the test is about


def test_a_layer_tm_written_back_without_ids_and_props_keeps_its_one_edit(quick_build, tmp_path):
    text = (
        "सोवियत संघ का इतिहास\n\nहाँ, ऐसा हुआ। 1917 के बाद ज़मींदारों की ज़मीन किसानों को मिली। हाँ, ऐसा हुआ। "
        "गाँवों में नई समितियाँ बनीं।\n"
    )
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": text, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    reexport_without_our_ids(out / "tmx" / "hi-en.tmx", {LAND: "After 1917 the land went to the peasants."})
    summary = quick_build(texts, out)
    assert summary.english.get("human") == 1  # the edit, and no copy of a machine line
    assert human_work(out)[0] == {"hi.p1.s2": ("After 1917 the land went to the peasants.", False)}
    assert layer(out, "hi")["hi.p1.s2"][1]["x-aligner-translator"] == "translator"
    # a repeated source text: the units take the sentences in the file's order
    reexport_without_our_ids(out / "tmx" / "hi-en.tmx")
    tree = etree.parse(str(out / "tmx" / "hi-en.tmx"))
    first, second = [tu for tu in tree.iter("tu") if tu.findtext("tuv[1]/seg") == "हाँ, ऐसा हुआ।"]
    first.find("tuv[2]/seg").text, second.find("tuv[2]/seg").text = "Yes, so it was.", "Yes, that is how it went."
    tree.write(str(out / "tmx" / "hi-en.tmx"), encoding="UTF-8", xml_declaration=True)
    quick_build(texts, out)
    assert human_work(out)[0] == {
        "hi.p1.s1": ("Yes, so it was.", False),
        "hi.p1.s2": ("After 1917 the land went to the peasants.", False),
        "hi.p1.s3": ("Yes, that is how it went.", False),
    }
    # a tool that numbers the units its own way gives no id of ours either
    reexport_without_our_ids(out / "tmx" / "hi-en.tmx")
    tree = etree.parse(str(out / "tmx" / "hi-en.tmx"))
    for number, tu in enumerate(tree.iter("tu"), 1):
        tu.set("tuid", str(number))
    tree.xpath("//tu[3]/tuv[2]/seg")[0].text = "Yes, that is how it happened."
    tree.write(str(out / "tmx" / "hi-en.tmx"), encoding="UTF-8", xml_declaration=True)
    quick_build(texts, out)
    assert human_work(out)[0]["hi.p1.s1"] == ("Yes, so it was.", False)
    assert human_work(out)[0]["hi.p1.s3"] == ("Yes, that is how it happened.", False)


def test_a_unit_without_an_id_whose_source_no_sentence_has_is_named(quick_build, tmp_path):
    from aligner.errors import AlignerError

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    path = out / "tmx" / "hi-en.tmx"
    reexport_without_our_ids(path, {COMMITTEES: "New committees were formed in the villages."})
    tree = etree.parse(str(path))
    tree.xpath("//tu[2]/tuv[1]/seg")[0].text = "गाँवों में समितियाँ बनीं।"  # the tool changed the source too
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    before = snapshot(out)
    try:
        quick_build(texts, out)
        raise AssertionError("the build went on")
    except AlignerError as error:
        line = error.one_line()
    assert str(path) in line and "unit 2" in line and "New committees were formed" in line and "\n" not in line
    assert snapshot(out) == before


def test_a_sidecar_line_whose_sentence_changed_and_moved_stays_with_it_in_later_builds(quick_build, tmp_path):
    from aligner.document import text_hash

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    (out / "translations").mkdir()
    (out / "translations" / "hi.en.tsv").write_text(
        f"hi.p1.s2\t{text_hash(COMMITTEES)}\tNew committees were formed in the villages.\tR. Editor\n", encoding="utf-8"
    )
    quick_build(texts, out)
    write_corpus(texts, {"hi/a.txt": with_paragraph_on_top(HINDI).replace(COMMITTEES, "गाँवों में नई समितियाँ बन गईं।")})
    for _ in range(2):  # the sidecar still says hi.p1.s2, which now names a sentence of the new paragraph
        assert quick_build(texts, out).stale == ["hi.p2.s2"]
        assert human_work(out)[0] == {"hi.p2.s2": ("New committees were formed in the villages.", True)}


def test_lines_on_a_repeated_sentence_follow_their_own_occurrence(quick_build, tmp_path):
    yes = "हाँ, ऐसा हुआ।"
    text = f"सोवियत संघ का इतिहास\n\n{yes} {LAND} {yes} {COMMITTEES}\n"
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": text, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s1", "Yes, so it was.")
    edit_tmx_line(out / "tmx" / "hi-en.tmx", "hi.p1.s3", "Yes, that is how it went.")
    quick_build(texts, out)
    # a new paragraph on top that says the same thing again
    write_corpus(texts, {"hi/a.txt": text.replace("\n\nहाँ", f"\n\n{INSERTED} {yes}\n\nहाँ")})
    assert quick_build(texts, out).stale == []
    assert human_work(out)[0] == {
        "hi.p2.s1": ("Yes, so it was.", False),
        "hi.p2.s3": ("Yes, that is how it went.", False),
    }
