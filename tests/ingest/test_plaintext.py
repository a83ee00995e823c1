"""Ingestion of messy PDF/OCR text: wraps, page breaks, furniture, headings, footnote markers, no text lost."""

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from aligner.ingest import ingest_text, read_edition
from aligner.segment import segment_edition

TEXTS = Path(__file__).resolve().parents[2] / "texts"
THAI_FILE = next((TEXTS / "th").glob("*.txt"))
HINDI_FILE = next((TEXTS / "hi").glob("*.txt"))


def uncovered(edition):
    """Non-space source characters that no sentence, heading, note or furniture span covers."""
    covered = bytearray(len(edition.source_text))
    spans = [(s.start, s.end) for s in edition.sentences()]
    spans += [(h.start, h.end) for h in edition.headings()]
    spans += [(n.start, n.end) for n in edition.notes()]
    spans += [(f.start, f.end) for f in edition.furniture]
    for a, b in spans:
        covered[a:b] = b"\x01" * (b - a)
    return [i for i, c in enumerate(edition.source_text) if not c.isspace() and not covered[i]]


def misread(edition):
    """Where the text of the rows (sentences, headings, footnote markers, furniture) does not carry the
    source: a sentence character that is not the source character its offset names, sentences that
    do not add up to their paragraph, a heading or furniture line whose text is not its span's, a
    marker whose label is not what its span shows, and non-space source characters no row carries."""
    from aligner.lang.digits import TO_ASCII_DIGITS

    source = edition.source_text
    carried = bytearray(len(source))
    problems = []

    def bare(text):
        return "".join(text.split())

    notes = list(edition.notes())
    for note in notes:
        shown = (
            source[note.start : note.end]
            .translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
            .translate(TO_ASCII_DIGITS)
        )
        if shown != note.label:
            problems.append(("note", note.label, source[note.start : note.end]))
        carried[note.start : note.end] = b"\x01" * (note.end - note.start)
    for paragraph in edition.paragraphs():
        if bare("".join(s.text for s in paragraph.sentences)) != bare(paragraph.text):
            problems.append(("sentences", paragraph.id, [s.text for s in paragraph.sentences], paragraph.text))
        for char, offset in zip(paragraph.text, paragraph.offsets):
            if char.isspace():
                continue
            if source[offset] != char:
                problems.append(("offset", paragraph.id, char, source[offset]))
            carried[offset] = 1
    for kind, start, end, text in [("heading", h.start, h.end, h.text) for h in edition.headings()] + [
        (f.kind, f.start, f.end, f.text) for f in edition.furniture
    ]:
        inside = "".join(c for i, c in enumerate(source[start:end], start) if not carried[i] or kind != "heading")
        if bare(inside) != bare(text):
            problems.append((kind, text, source[start:end]))
        carried[start:end] = b"\x01" * (end - start)
    problems += [("lost", i, c) for i, c in enumerate(source) if not c.isspace() and not carried[i]]
    return problems


@pytest.fixture(scope="module")
def thai():
    return segment_edition(read_edition(THAI_FILE, "th"))


@pytest.fixture(scope="module")
def hindi():
    return segment_edition(read_edition(HINDI_FILE, "hi"))


def test_thai_chapter_has_its_title_and_sections(thai):
    assert thai.title == "นโยบายเศรษฐกิจใหม่"
    headings = [d.heading.text for d in thai.divisions if d.heading]
    assert headings == ["นโยบายเศรษฐกิจใหม่", "โครงสร้างทางการเมืองและการต่อสู้เพื่อสืบอำนาจต่อจากเลนิน", "วัฒนธรรม"]
    assert {f.kind for f in thai.furniture} == {"title-block"}


def test_thai_paragraphs_cut_at_page_breaks_are_rejoined(thai):
    first = next(thai.paragraphs())
    # Line 8 ends "…ขึ้น" and the page goes on at line 10 "ที่ฐานทัพเรือกรอนสตัทท์…" (Kronstadt).
    assert "ที่ฐานทัพเรือกรอนสตัทท์" in first.text and first.text.startswith("เมื่อสงครามกลางเมืองยุติ")
    assert first.page_breaks
    nep = thai.divisions[1].paragraphs[0]
    assert "ได้แก่โรงงานที่มีลูกจ้างไม่เกิน 20 คน" in nep.text  # the page break fell before ได้แก่ ("namely")


def test_thai_hard_wrapped_block_joins_without_spaces(thai):
    paragraph = next(p for p in thai.paragraphs() if "ปัจเจกนิยม ซึ่งกลุ่มเพื่อนเดินทาง" in p.text)
    assert "เสรีภาพทางวรรณกรรมและบูรณภาพทางปัญญา" in paragraph.text
    assert paragraph.soft_breaks


def test_no_running_header_or_chapter_title_inside_a_sentence(thai):
    assert not any("บทที่ 3" in s.text for s in thai.sentences())


def test_footnote_markers_are_detached(thai):
    assert sorted({n.label for n in thai.notes()}) == ["26", "27", "28", "29"]
    assert not any(c in s.text for s in thai.sentences() for c in "²⁶⁷⁸⁹")
    note = next(n for n in thai.notes() if n.label == "28")
    assert thai.source_text[note.start : note.end] == "²⁸"


def test_hindi_run_in_heading_and_hard_wrap(hindi):
    heading = hindi.divisions[0].heading
    assert heading.kind == "run-in" and heading.text == "कृषि का सामूहीकरण:"  # its colon is in no other row
    first = next(hindi.sentences())
    assert first.text.startswith("1917 के बाद") and "अधिकांश कृषक मध्यम" in first.text


@pytest.mark.parametrize("fixture", ["thai", "hindi"])
def test_no_text_is_lost_in_the_corpus(fixture, request):
    assert uncovered(request.getfixturevalue(fixture)) == []
    assert misread(request.getfixturevalue(fixture)) == []


def test_sentence_spans_point_into_the_source(hindi):
    for s in hindi.sentences():
        assert hindi.source_text[s.start] == s.text[0] and hindi.source_text[s.end - 1] == s.text[-1]


HINDI_PAGES = (
    "रूस के अधिकांश पड़ोसी देश पूँजीवादी थे और वे लगातार इसी प्रयास में रहे कि सोवियत\n"
    "व्यवस्था सफल न हो। लेकिन इसके बावजूद सोवियत रूस अपने आपको आर्थिक रूप से\n"
    "४२\n"
    "अध्याय ३ सोवियत संघ\n"
    "मज़बूत कर सका। 1940 तक वह एक आधुनिक शक्ति बना।\n"
    "शिक्षा\n"
    "निरक्षरता में भारी कमी आई।\n"
)


def test_page_number_and_running_header_are_furniture_and_the_paragraph_continues():
    edition = segment_edition(ingest_text(HINDI_PAGES, "hi"))
    assert [(f.kind, f.text) for f in edition.furniture] == [
        ("page-number", "४२"),
        ("running-header", "अध्याय ३ सोवियत संघ"),
    ]
    sentences = [s.text for s in edition.sentences()]
    assert "लेकिन इसके बावजूद सोवियत रूस अपने आपको आर्थिक रूप से मज़बूत कर सका।" in sentences
    assert [d.heading.text for d in edition.divisions if d.heading] == ["शिक्षा"]
    assert uncovered(edition) == []


def test_plain_digit_footnote_marker_is_detached_but_years_are_not():
    text = "เครือข่ายไร้สายที่สนามบินมีประโยชน์มากกว่าการส่งอีเมลบนเครื่องบิน23\nในปี 2014 ค.ศ.1918 ยังอยู่\n"
    edition = segment_edition(ingest_text(text, "th"))
    assert [n.label for n in edition.notes()] == ["23"]
    assert "2014" in " ".join(s.text for s in edition.sentences())
    assert "1918" in " ".join(s.text for s in edition.sentences())


@settings(max_examples=120, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("कखग ा।.ก ขแ ๆ\n\n\r12३๔²⁸:บทที่अध्याय")), max_size=300),
    st.sampled_from(["hi", "th", "en"]),
)
@example("कृषि का सामूहीकरण: 1917 के बाद ज़मीन किसानों को मिली। गाँवों में नई समितियाँ बनीं।\n", "hi")
@example("शिक्षा:⁸ निरक्षरता में भारी कमी आई। स्कूल खुले।\n", "hi")
def test_ingestion_never_raises_and_loses_nothing(text, lang):
    if not text.strip():
        return
    edition = segment_edition(ingest_text(text, lang))
    assert uncovered(edition) == []
    assert misread(edition) == []  # the text of the rows, not only their spans
    for s in edition.sentences():
        assert s.text == s.text.strip() and s.text


def test_a_paragraph_ends_where_the_next_word_would_have_fitted_on_its_last_line():
    # The last lines of the first two paragraphs are nearly full (length alone reads them as wraps),
    # but "Farms" and "Schools" would have fitted after them: the wrapping program ended a paragraph.
    lines = [
        "The decree of 1917 gave the land to those who worked it and",  # 59: the page width is 60
        "the peasants divided the old estates among the village homes",
        "of the district without waiting for their orders.",
        "Farms were small and poor in the years that followed and the",
        "grain that reached the towns fell short of what the workers",
        "needed to eat in the long and hard winter of 1921",
        "Schools",
        "Schools opened in every district and the number of pupils",
        "grew each year of the decade.",
    ]
    assert all(len(line) >= 0.8 * 60 for line in lines[:6])
    edition = ingest_text("\n".join(lines) + "\n", "en")
    assert [d.heading.text for d in edition.divisions if d.heading] == ["Schools"]
    paragraphs = [p.text for d in edition.divisions for p in d.paragraphs]
    assert paragraphs == [" ".join(lines[0:3]), " ".join(lines[3:6]), " ".join(lines[7:9])]
