"""Texts as users hold them: .docx, .odt, .html, .epub and .md files made from known sentences come
out with the same sentences, their headings and their footnotes, nothing lost; bad files end in one
line naming the file and the fix (issue 38). PDF: test_pdf.py."""

import subprocess
import sys

import pytest
from formats import NOTES, WRITERS, boundary_f1, clean_text, headings
from test_plaintext import misread

from aligner.errors import InputError
from aligner.ingest import read_edition
from aligner.ingest.readers import extract
from aligner.segment import segment_edition


def edition_of(path, lang):
    return segment_edition(read_edition(path, lang))


@pytest.fixture(scope="module")
def clean_f1(tmp_path_factory):
    """The F1 of the same text given as a clean .txt: what a reader must not fall below."""
    folder = tmp_path_factory.mktemp("clean")
    scores = {}
    for lang in ("hi", "th"):
        path = folder / f"{lang}.txt"
        path.write_text(clean_text(lang), encoding="utf-8")
        scores[lang] = boundary_f1(edition_of(path, lang), lang)
    return scores


@pytest.mark.parametrize("lang", ["hi", "th"])
@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_a_file_gives_its_sentences_headings_and_footnote(tmp_path, suffix, lang, clean_f1):
    path = WRITERS[suffix](lang, tmp_path / f"text{suffix}")
    edition = edition_of(path, lang)
    assert [h.text for h in edition.headings()] == headings(lang)
    assert not misread(edition)  # every character of the extraction is in a sentence, heading, note or furniture
    anchors = [n for n in edition.notes() if n.label == "1"]
    assert anchors and edition.source_text[anchors[0].start : anchors[0].end] == "¹"
    assert any("".join(s.text.split()) == "".join(NOTES[lang].split()) for s in edition.sentences())
    assert not any("not text" in s.text or "↩" in s.text for s in edition.sentences())
    f1 = boundary_f1(edition, lang)
    assert f1 >= clean_f1[lang] - 0.01
    if lang == "hi":
        assert f1 == 1.0


def test_the_anchor_is_where_the_note_was(tmp_path):
    edition = edition_of(WRITERS[".docx"]("hi", tmp_path / "a.docx"), "hi")
    second = next(edition.paragraphs()).sentences[1]
    anchor = next(edition.notes())
    assert second.text == "गाँवों में नई समितियाँ बनीं।" and anchor.start == second.end


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_two_reads_are_identical(tmp_path, suffix):
    path = WRITERS[suffix]("th", tmp_path / f"a{suffix}")
    assert extract(path) == extract(path)


def test_word_text_boxes_are_read_once_and_deleted_text_not_at_all(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx writes the test's .docx: pip install -e '.[test]'")
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    document = docx.Document()
    paragraph = document.add_paragraph("पहला वाक्य है।")
    paragraph._p.append(
        parse_xml(
            f'<w:r {w} {mc}><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>बक्से का पाठ।'
            "</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>बक्से का पाठ।"
            "</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    paragraph._p.append(
        parse_xml(f'<w:del {w} w:id="9" w:author="a"><w:r><w:delText>हटाया गया।</w:delText></w:r></w:del>')
    )
    document.save(str(tmp_path / "box.docx"))
    text = extract(tmp_path / "box.docx").text
    assert text.count("बक्से का पाठ।") == 1 and "हटाया" not in text and "पहला वाक्य है।" in text


def test_word_outline_levels_make_headings_but_body_text_level_9_does_not(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx writes the test's .docx: pip install -e '.[test]'")
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    for text, level in (("अध्याय", "1"), ("पहला वाक्य है।", "9")):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {w} w:val="{level}"/>'))
    document.add_paragraph("दूसरा वाक्य है।")
    document.save(str(tmp_path / "levels.docx"))
    edition = edition_of(tmp_path / "levels.docx", "hi")
    assert [h.text for h in edition.headings()] == ["अध्याय"]
    assert [s.text for s in edition.sentences()] == ["पहला वाक्य है।", "दूसरा वाक्य है।"]


def cli_segment(path, lang="hi"):
    return subprocess.run(
        [sys.executable, "-m", "aligner", "segment", str(path), "--lang", lang], capture_output=True, text=True
    )


def assert_one_line(result, *needles):
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("aligner: error:")]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".epub"])
def test_a_broken_container_is_one_line_naming_the_file_and_the_fix(tmp_path, suffix):
    whole = WRITERS[suffix]("hi", tmp_path / f"whole{suffix}").read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(whole[: len(whole) // 2])
    assert_one_line(cli_segment(cut), str(cut), "damaged", "save it again")
    with pytest.raises(InputError, match="damaged"):
        extract(cut)


def test_a_zip_that_is_no_document_says_what_it_lacks(tmp_path):
    import zipfile

    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert_one_line(cli_segment(path), str(path), "word/document.xml")


def test_an_epub_locked_by_drm_says_so(tmp_path):
    import zipfile

    path = WRITERS[".epub"]("hi", tmp_path / "book.epub")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "META-INF/encryption.xml",
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
            '<enc:CipherReference URI="OEBPS/text/chapter1.xhtml"/></enc:CipherData></enc:EncryptedData>'
            "</encryption>",
        )
    assert_one_line(cli_segment(path), str(path), "DRM")


def test_an_empty_document_says_it_holds_no_text(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx writes the test's .docx: pip install -e '.[test]'")

    docx.Document().save(str(tmp_path / "empty.docx"))
    assert_one_line(cli_segment(tmp_path / "empty.docx"), "empty.docx", "no text")


def test_a_broken_file_stops_the_build_before_any_output_and_the_last_outputs_stay(quick_build, tmp_path):
    from tiny_corpus import HINDI, THAI, snapshot, write_corpus

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    WRITERS[".docx"]("hi", texts / "hi" / "b.docx")
    out = tmp_path / "out"
    quick_build(texts, out)
    assert (out / "segments" / "hi-b.txt").is_file()  # the .docx's extraction, beside its segments
    before = snapshot(out)
    (texts / "hi" / "b.docx").write_bytes(b"PK\x03\x04 not a zip")
    result = subprocess.run(
        [sys.executable, "-m", "aligner", "build", str(texts), "--out", str(out)], capture_output=True, text=True
    )
    assert_one_line(result, "b.docx", "damaged")
    assert snapshot(out) == before
