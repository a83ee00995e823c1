"""Real files of every format aligner reads, made from known sentences: .docx by python-docx (and
.pdf by Chromium, tests/printed.py); .odt and .epub written to their specifications (a zip of XML
parts: EbookLib, the usual EPUB writer, is AGPL, and odfpy would be a dependency for two parts); and
the measure the reader tests use: sentence-boundary F1 against the sentences the file was made from."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

import pytest

#: (heading, paragraphs as sentences); a footnote is anchored to the end of NOTE_AT's sentence
SECTIONS = {
    "hi": [
        (
            "क्रांति के बाद",
            [
                [
                    "1917 के बाद ज़मींदारों की ज़मीन किसानों को मिली।",
                    "गाँवों में नई समितियाँ बनीं।",
                    "शहरों में कारखानों पर मज़दूरों का नियंत्रण हुआ।",
                ],
                ["गृहयुद्ध तीन साल तक चला।", "लाखों लोग भूख और बीमारी से मरे।"],
            ],
        ),
        (
            "नई आर्थिक नीति",
            [
                [
                    "1921 में लेनिन ने नई आर्थिक नीति की घोषणा की।",
                    "किसान अपना अनाज बाज़ार में बेच सकते थे।",
                    "छोटे कारखाने फिर से निजी हाथों में आए।",
                ],
                ["इस नीति से उत्पादन तेज़ी से बढ़ा।", "पर पार्टी में इस पर गहरा मतभेद था।"],
            ],
        ),
    ],
    "th": [
        (
            "หลังการปฏิวัติ",
            [
                [
                    "หลังปี 1917 ที่ดินของเจ้าของที่ดินตกเป็นของชาวนา",
                    "หมู่บ้านต่างๆ ตั้งคณะกรรมการขึ้นใหม่",
                    "คนงานเข้าควบคุมการทำงานของโรงงานในเมืองใหญ่",
                ],
                ["สงครามกลางเมืองกินเวลานานถึงสามปี", "ผู้คนนับล้านเสียชีวิตจากการขาดแคลนน้ำและอาหาร"],
            ],
        ),
        (
            "นโยบายเศรษฐกิจใหม่",
            [
                [
                    "ในปี 1921 เลนินประกาศนโยบายเศรษฐกิจใหม่",
                    "ชาวนาสามารถขายข้าวในตลาดได้อีกครั้ง",
                    "โรงงานขนาดเล็กกลับไปเป็นของเอกชน",
                ],
                ["การผลิตเพิ่มขึ้นอย่างรวดเร็วภายใต้นโยบายนี้", "แต่ในพรรคมีความเห็นแตกต่างกันอย่างมาก"],
            ],
        ),
    ],
}
NOTE_AT = (0, 0, 1)
NOTES = {"hi": "यह आँकड़ा सरकारी रिपोर्ट से लिया गया है।", "th": "ตัวเลขนี้มาจากรายงานของรัฐบาล"}


def headings(lang: str) -> list[str]:
    return [heading for heading, _ in SECTIONS[lang]]


def body_sentences(lang: str) -> list[str]:
    return [sentence for _, paragraphs in SECTIONS[lang] for paragraph in paragraphs for sentence in paragraph]


def clean_text(lang: str) -> str:
    """The same text as a clean .txt: headings and paragraphs a line each, blank lines between."""
    blocks = []
    for heading, paragraphs in SECTIONS[lang]:
        blocks.append(heading)
        blocks += [" ".join(paragraph) for paragraph in paragraphs]
    return "\n\n".join(blocks) + "\n"


def _bare(text: str) -> str:
    return "".join(text.split())


def boundary_f1(edition, lang: str) -> float:
    """Sentence-end F1 (ends counted in characters less white space, as the bench's scorer counts
    them) of the edition's sentences, less the footnote's own, against the sentences it was made from."""

    def ends(sentences):
        found, count = set(), 0
        for sentence in sentences:
            count += len(_bare(sentence))
            found.add(count)
        return found

    note = _bare(NOTES[lang])
    predicted = [s.text for s in edition.sentences() if _bare(s.text) != note]
    assert _bare("".join(predicted)) == _bare("".join(body_sentences(lang))), "the body text is not whole"
    gold, got = ends(body_sentences(lang)), ends(predicted)
    hits = len(gold & got)
    return 2 * hits / (len(gold) + len(got))


def write_docx(lang: str, path: Path) -> Path:
    """Word's own headings ("Heading 1"), a real footnote (python-docx writes the document; the
    footnotes part, which it has no API for, is added to its package as Word lays it out)."""
    docx = pytest.importorskip("docx", reason="python-docx writes the test's .docx: pip install -e '.[test]'")
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    for s, (heading, paragraphs) in enumerate(SECTIONS[lang]):
        document.add_heading(heading, level=1)
        for p, sentences in enumerate(paragraphs):
            paragraph = document.add_paragraph()
            for k, sentence in enumerate(sentences):
                paragraph.add_run((" " if k else "") + sentence)
                if (s, p, k) == NOTE_AT:
                    run = paragraph.add_run()
                    run._r.append(parse_xml(f'<w:footnoteReference {w} w:id="1"/>'))
    footnotes = (
        f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
        f'</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{html.escape(NOTES[lang])}</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        footnotes.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(str(path))
    return path


def write_odt(lang: str, path: Path) -> Path:
    """An OpenDocument text as the specification lays it out: mimetype first and stored, content.xml
    with text:h headings and a text:note footnote, the manifest."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = []
    for s, (heading, paragraphs) in enumerate(SECTIONS[lang]):
        body.append(f'<text:h text:outline-level="1">{html.escape(heading)}</text:h>')
        for p, sentences in enumerate(paragraphs):
            parts = []
            for k, sentence in enumerate(sentences):
                parts.append(html.escape(sentence))
                if (s, p, k) == NOTE_AT:
                    parts.append(
                        '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1'
                        f"</text:note-citation><text:note-body><text:p>{html.escape(NOTES[lang])}</text:p>"
                        "</text:note-body></text:note>"
                    )
                if k + 1 < len(sentences):
                    parts.append(" ")
            body.append(f"<text:p>{''.join(parts)}</text:p>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def html_page(lang: str, sections: range | None = None, *, notes: bool = True, xhtml: bool = False) -> str:
    """A page as a web site or an e-book writes one: headings, paragraphs, a note reference
    (``<sup><a role="doc-noteref">``), and with `notes` the notes in a list at the end, with
    back-links; `sections`: which of the text's sections the page holds."""
    sections = range(len(SECTIONS[lang])) if sections is None else sections
    out = []
    for s in sections:
        heading, paragraphs = SECTIONS[lang][s]
        out.append(f"<h2>{html.escape(heading)}</h2>")
        for p, sentences in enumerate(paragraphs):
            parts = []
            for k, sentence in enumerate(sentences):
                anchor = '<sup><a href="#fn1" id="r1" role="doc-noteref">1</a></sup>' if (s, p, k) == NOTE_AT else ""
                parts.append(html.escape(sentence) + anchor)
            out.append(f"<p>{' '.join(parts)}</p>")
    if notes:
        out.append(
            f'<section role="doc-endnotes"><ol><li id="fn1"><p>{html.escape(NOTES[lang])} '
            '<a href="#r1" role="doc-backlink">↩</a></p></li></ol></section>'
        )
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        if xhtml
        else f'<!doctype html><html lang="{lang}">'
    )
    return (
        f'{head}<head><meta charset="utf-8"/><title>t</title><style>p {{ margin: 0 }}</style>'
        f'<script>var x = "not text";</script></head><body>{"".join(out)}</body></html>'
    )


def write_html(lang: str, path: Path) -> Path:
    path.write_text(html_page(lang), encoding="utf-8")
    return path


def write_epub(lang: str, path: Path) -> Path:
    """An EPUB 3 as the specification lays it out: mimetype first and stored, container.xml, the
    package document, one XHTML chapter per section, the second listed first in the manifest (the
    spine, not the manifest, gives the reading order) and under a name with a space; the notes
    at the end of the last chapter."""
    first = html_page(lang, range(0, 1), notes=False, xhtml=True)
    second = html_page(lang, range(1, len(SECTIONS[lang])), xhtml=True)
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">'
        f"urn:uuid:0</dc:identifier><dc:title>t</dc:title><dc:language>{lang}</dc:language></metadata>"
        '<manifest><item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c1" href="text/chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>'
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" '
        'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
        '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/text/chapter1.xhtml", first, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/text/chapter 2.xhtml", second, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_markdown(lang: str, path: Path) -> Path:
    lines = []
    for s, (heading, paragraphs) in enumerate(SECTIONS[lang]):
        lines += [f"## {heading}", ""]
        for p, sentences in enumerate(paragraphs):
            text = " ".join(sentence + ("[^n]" if (s, p, k) == NOTE_AT else "") for k, sentence in enumerate(sentences))
            lines += [text, ""]
    lines.append(f"[^n]: {NOTES[lang]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


WRITERS = {".docx": write_docx, ".odt": write_odt, ".html": write_html, ".epub": write_epub, ".md": write_markdown}
