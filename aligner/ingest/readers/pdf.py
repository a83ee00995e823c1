"""PDF through pypdfium2 (PDFium, the engine of Chrome's viewer; Apache-2.0/BSD).

Chosen on measurement (`benchmarks/pdf_extraction.py`, docs/benchmarks.md): on Hindi and Thai pages
printed by Chromium it alone recovers every character (pdfminer.six, pdfplumber and pypdf lose 7–27 %:
Devanagari vowel signs and Thai tone marks drawn as separate glyphs come out as private-use code
points or not at all), and it reads a page ten to thirty times faster. Its faults are repaired here:

* a mark glyph that PDFium maps to its whole cluster again (``है`` read twice, once from the base
  glyph and once from the mark drawn after it): a run of characters whose boxes go back over text
  already read on the line, and repeat that text, is dropped;
* the spaces PDFium makes up (its "generated" characters) are dropped and spaces are put back where
  the gap between two glyphs is a space's width;
* Thai glyph order, sara am and private-use glyphs (`aligner.lang.thai_glyphs`).

The page layout is read from positions and sizes, not guessed from the text: a line in a page's
margin that recurs on other pages (digits aside) is a running header, a lone number there a page
number; a line in a larger type a heading; a block in a smaller type that starts with a note number
a footnote, moved after the body text (numbered as printed, its anchor a superscript in the text);
a wider gap or an indent starts a paragraph, and where the page says nothing (a line that may end a
paragraph, the first line of a page) ingestion's guesses for plain text decide.
"""

from __future__ import annotations

import ctypes
import logging
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ...errors import InputError, MissingPackageError
from ...lang.thai_glyphs import repair_thai_glyphs
from ..plaintext import _PAGE_NUMBER, _SENTENCE_FINAL, NO_SPACE_LANGUAGES
from .base import (
    CONTINUE,
    HEADING,
    NEW_PAGE,
    PAGE_NUMBER,
    PARAGRAPH,
    RUNNING_HEADER,
    SUPERSCRIPT_DIGITS,
    ExtractionWriter,
    file_bytes,
)

log = logging.getLogger(__name__)

KIND = ".pdf"

_FIX_DAMAGED = "save it again from the program that made it (or print it to PDF), or export its text as .txt"
_NOTE_LABEL = regex.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[0-9]{1,3}[.)]?\s)")
_DIGITS_AND_SPACE = regex.compile(r"[0-9०-९๐-๙\s]+")

# Proportions of the font size, measured on Chromium's PDFs of Hindi and Thai (benchmarks/pdf_extraction.py).
# Of the height of Tesseract's word boxes: a gap between two words that is a space. Tesseract cuts
# Thai (written without spaces between words) into words with narrow gaps between them.
OCR_SPACE_GAP = 0.2
OCR_SPACE_GAP_UNSPACED = 0.6
SPACE_GAP = 0.15  # a gap between glyphs this wide (of the font size), less any ink in it, is a space
MARGIN = 0.11  # of the page height: where running headers and page numbers are printed
SMALL_TYPE = 0.85  # of the body's size: notes; LARGE_TYPE: headings
LARGE_TYPE = 1.2


@dataclass
class _Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    y: float  # the baseline the glyph is drawn on


@dataclass
class _Line:
    page: int
    chars: list[_Char] = field(default_factory=list)
    text: str = ""
    role: str | None = None
    top_margin: bool = False
    #: where the line's first word ends (None: the line is one word)
    first_word_right: float | None = None

    @property
    def baseline(self) -> float:
        return statistics.median(c.y for c in self.chars)

    @property
    def left(self) -> float:
        return min(c.left for c in self.chars)

    @property
    def right(self) -> float:
        return max(c.right for c in self.chars)

    @property
    def size(self) -> float:
        return Counter(round(c.size, 1) for c in self.chars).most_common(1)[0][0]


def read(path: Path, lang: str | None = None):
    """`lang`: the text's language, for OCR of pages with no text layer (`aligner[ocr]`)."""
    try:
        import pypdfium2
        import pypdfium2.raw as pdfium_c
    except ImportError:
        raise MissingPackageError(
            "the PDF reader (pypdfium2, a dependency of aligner)", "pip install pypdfium2"
        ) from None
    data = file_bytes(path)
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                "this PDF is encrypted and needs a password",
                path=path,
                fix="save a copy without the password (e.g. `qpdf --decrypt --password=PASS in.pdf "
                "out.pdf`), or export its text as .txt",
            ) from None
        raise InputError(
            f"this PDF is damaged and cannot be opened ({_reason(exc)})", path=path, fix=_FIX_DAMAGED
        ) from None
    from .ocr import INSTALL, available

    ocr = None  # whether OCR can read this language here: asked at the first page with no text layer
    scanned: list[int] = []
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            lines = _page_lines(textpage, index, pdfium_c, _textless_ink(page, textpage, pdfium_c))
            if not lines:
                ocr = available(lang) if ocr is None else ocr
                if ocr:
                    lines = _ocr_lines(page, index, lang, path)
                    scanned.append(index + 1)
            pages.append((lines, width, height))
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"this PDF is damaged ({_reason(exc)})", path=path, fix=_FIX_DAMAGED) from None
    finally:
        document.close()
    empty = [index + 1 for index, (lines, _, _) in enumerate(pages) if not lines]
    if scanned:
        log.info(
            "%s: page(s) %s have no text layer and were read by OCR (Tesseract, %s)",
            path,
            ", ".join(map(str, scanned)),
            lang,
        )
    how = f"install OCR ({INSTALL})" if lang else "give the language (--lang, or its folder's name) for OCR"
    if len(empty) == len(pages):
        raise InputError(
            "this PDF has no text layer (scanned pages?)" + (", and OCR found no text" if ocr else ""),
            path=path,
            fix=f"{how}, or give its text as .txt" if not ocr else "give its text as .txt",
        )
    if empty:
        log.warning(
            "%s: page(s) %s have no text layer (scanned?) and are left out; %s to read them",
            path,
            ", ".join(map(str, empty)),
            how if not ocr else "OCR found no text on them",
        )
    return _extraction(pages)


def _reason(exc) -> str:
    return str(exc).rsplit("(PDFium: ", 1)[-1].rstrip(").") or "unknown error"


def _textless_ink(page, textpage, pdfium_c) -> list[tuple[float, float, float, float]]:
    """The boxes (left, bottom, right, top) of the glyphs that carry no text: the second glyph of a
    cluster whose text sits on the first (sara aa of sara am, the rakar of ट्र in Chromium's PDFs).
    Ink between two letters is no space, however wide."""
    boxes = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        if pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0) > 2:  # bytes of UTF-16 with its NUL
            continue
        if pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            boxes.append((left.value, bottom.value, right.value, top.value))
    return boxes


def _page_lines(textpage, page: int, pdfium_c, ink: list[tuple[float, float, float, float]] = ()) -> list[_Line]:
    """The printed lines of a page, top to bottom, each with its text put in order."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    loose = pdfium_c.FS_RECTF()
    lines: list[_Line] = []
    for index in range(count):
        if pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue  # PDFium's own spaces and line ends: spaces are put back from the gaps
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if char in "\r\n\x00\ufeff\u00ad" or (char.isspace() and char != " "):
            continue
        # The ink box for the height (a mark is small), the loose one (the glyph's advance) for the
        # width: the gap between two advances is a space, between two inks it may be a narrow digit.
        pdfium_c.FPDFText_GetCharBox(
            textpage, index, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
        )
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, loose)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        size = pdfium_c.FPDFText_GetFontSize(textpage, index) or (top.value - bottom.value) or 1.0
        glyph = _Char(char, loose.left, bottom.value, loose.right, top.value, size, y.value)
        # The line on this baseline; a mark drawn late may belong to a line before the last one.
        line = next(
            (line for line in reversed(lines) if abs(glyph.y - line.chars[0].y) <= 0.5 * max(size, line.chars[0].size)),
            None,
        )
        if line is None:
            line = _Line(page)
            lines.append(line)
        line.chars.append(glyph)
    return _finish(lines, ink)


def _ocr_lines(page, index: int, lang: str, path: Path) -> list[_Line]:
    """A page with no text layer read by Tesseract (`ocr`): each word a glyph of its line."""
    from .ocr import ocr_words

    lines: dict[tuple, _Line] = {}
    for text, left, bottom, right, top, key in ocr_words(page, lang, path):
        line = lines.setdefault(key, _Line(index))
        line.chars.append(_Char(text, left, bottom, right, top, 0.0, bottom))
    # A word's box is as tall as its marks reach (a Thai tone mark, a Devanagari matra), not its type
    # size: one size for the page, so no heading or note is read from sizes on a scanned page.
    size = statistics.median(c.top - c.bottom for line in lines.values() for c in line.chars) if lines else 1.0
    for line in lines.values():
        foot = statistics.median(c.bottom for c in line.chars)
        for char in line.chars:
            char.size, char.y = size, foot
    return _finish(list(lines.values()), (), OCR_SPACE_GAP_UNSPACED if lang in NO_SPACE_LANGUAGES else OCR_SPACE_GAP)


def _finish(lines: list[_Line], ink, space_gap: float = SPACE_GAP) -> list[_Line]:
    """The lines' text, top to bottom; marks with no letter under them left out."""
    kept = []
    for line in lines:
        if _ghost(line):
            continue
        line.text, line.chars = _line_text(line, ink, space_gap)
        if line.text.strip() and line.chars:
            kept.append(line)
    kept.sort(key=lambda line: -line.baseline)  # top first; sort is stable for a line's pieces
    return _merge_pieces(kept)


def _blank(previous: _Char, char: _Char, ink) -> float:
    """The width between two glyphs that no glyph inks."""
    low, high = previous.right, char.left
    if high <= low:
        return 0.0
    covered = []
    for left, bottom, right, top in ink:
        if left < high and right > low and bottom < char.top and top > char.bottom:
            covered.append((max(left, low), min(right, high)))
    inked, reach = 0.0, low
    for start, end in sorted(covered):
        start = max(start, reach)
        if end > start:
            inked += end - start
            reach = end
    return high - low - inked


def _ghost(line: _Line) -> bool:
    """Marks with no letter under them (a mark sits on its letter's baseline, so it joins that line):
    the tips of tone marks and vowels of the next page's first line (or of the last line of the page
    before) that Chromium and other printers draw on both pages, clipped. Their text is the whole
    cluster, read again on its own page."""
    glyphs = [c for c in line.chars if not c.text.isspace()]
    size = max(c.size for c in glyphs) if glyphs else 0.0
    return (
        bool(glyphs)
        and all(c.top - c.bottom < 0.35 * size for c in glyphs)
        and not any(c.text.isdigit() or c.text in "⁰¹²³⁴⁵⁶⁷⁸⁹" for c in glyphs)
    )


def _merge_pieces(lines: list[_Line]) -> list[_Line]:
    """Pieces of one printed line that came apart (drawn in two runs) are joined, left to right."""
    merged: list[_Line] = []
    for line in lines:
        last = merged[-1] if merged else None
        if (
            last is not None
            and abs(last.baseline - line.baseline) < 0.3 * line.size
            and (line.left >= last.right - 1 or line.right <= last.left + 1)
        ):
            first, second = (last, line) if line.left >= last.right - 1 else (line, last)
            gap = second.left - first.right
            joined = _Line(
                last.page,
                first.chars + second.chars,
                first.text + (" " if gap > SPACE_GAP * line.size else "") + second.text,
            )
            merged[-1] = joined
        else:
            merged.append(line)
    return merged


def _line_text(line: _Line, ink=(), space_gap: float = SPACE_GAP) -> tuple[str, list[_Char]]:
    """The text of one printed line: duplicated clusters dropped, spaces from the gaps, superscript
    digits (a footnote anchor) made superscript characters, Thai put in Unicode order; and the glyphs
    kept, left to right."""
    chars = line.chars
    body_size = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0]
    baseline = statistics.median(c.y for c in chars)
    kept: list[_Char] = []
    out: list[str] = []
    index = 0
    while index < len(chars):
        char = chars[index]
        previous = kept[-1] if kept else None
        backwards = previous is not None and char.left < previous.left - 0.5 and char.right < previous.right
        if backwards and char.text != " ":
            end = index + 1
            while end < len(chars) and chars[end].text != " " and abs(chars[end].left - chars[end - 1].right) < 0.5:
                end += 1
            run = "".join(c.text for c in chars[index:end])
            low, high = char.left - body_size, chars[end - 1].right + body_size
            near = "".join(c.text for c in kept[-24:] if c.right > low and c.left < high)
            if run in near:
                index = end
                continue  # a mark glyph mapped to its whole cluster again
        if char.text == " ":
            if out and out[-1] != " ":
                out.append(" ")
                line.first_word_right = line.first_word_right or kept[-1].right
            index += 1
            continue
        wide = previous is not None and _blank(previous, char, ink) > space_gap * body_size
        if wide and out and out[-1] != " ":
            out.append(" ")
            line.first_word_right = line.first_word_right or previous.right
        text = char.text
        if text.isdigit() and char.size < SMALL_TYPE * body_size and char.y > baseline + 0.15 * body_size:
            text = text.translate(SUPERSCRIPT_DIGITS)
        out.append(text)
        kept.append(char)
        index += 1
    return repair_thai_glyphs("".join(out).strip()), kept


def _extraction(pages):
    """The text of every page, body first, the footnotes after it, each line with its role."""
    lines = [line for page_lines, _, _ in pages for line in page_lines]
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    _mark_furniture(pages)
    notes: list[_Line] = []
    previous_page_last = None
    for page_lines, _, _ in pages:
        body = [line for line in page_lines if line.role is None]
        in_note = False
        for line in body:
            if line.size < SMALL_TYPE * body_size and (in_note or _NOTE_LABEL.match(line.text)):
                line.role = PARAGRAPH if _NOTE_LABEL.match(line.text) else CONTINUE
                notes.append(line)
                in_note = True
            else:
                in_note = False
                if line.size >= LARGE_TYPE * body_size:
                    line.role = HEADING
        text_lines = [line for line in body if line.role is None]
        pitches = [
            a.baseline - b.baseline
            for a, b in zip(text_lines, text_lines[1:])
            if 0 < a.baseline - b.baseline < 3 * body_size
        ]
        pitch = statistics.median(pitches) if pitches else 1.5 * body_size
        column_left = min((line.left for line in text_lines), default=0.0)
        column_right = max((line.right for line in text_lines), default=0.0)
        for number, line in enumerate(text_lines):
            before = text_lines[number - 1] if number else previous_page_last
            ended = before is not None and _next_word_fitted(before, line, column_right, body_size)
            if number == 0:  # the page says nothing of a paragraph that ends with the page before
                open_sentence = before is not None and before.text[-1:] not in _SENTENCE_FINAL
                line.role = PARAGRAPH if ended else CONTINUE if open_sentence else NEW_PAGE
                continue
            gap = before.baseline - line.baseline
            indented = line.left > column_left + 0.8 * body_size
            line.role = PARAGRAPH if gap > 1.3 * pitch or indented or ended else CONTINUE
        if text_lines:
            previous_page_last = text_lines[-1]
    writer = ExtractionWriter()
    for page_lines, _, _ in pages:
        for line in page_lines:
            if line not in notes:
                writer.line(line.text, line.role)
    for line in notes:
        writer.line(line.text, line.role)
    return writer.extraction()


def _next_word_fitted(before: _Line, line: _Line, column_right: float, body_size: float) -> bool:
    """Whether the first word of `line` would have fitted at the end of `before`: then the line
    before ended its paragraph there, for text is wrapped only when the next word does not fit.
    (A Thai line's first "word" is taken up to its first space, which is longer: in doubt, it continues.)"""
    width = (line.first_word_right or line.right) - line.left
    return before.right + width + 0.5 * body_size < column_right


def _mark_furniture(pages) -> None:
    """Running headers and page numbers: lines in a page's top or bottom margin that are a page
    number, or that recur (digits aside) on other pages."""
    candidates = []
    for page_lines, _, height in pages:
        for line in page_lines[:2] + page_lines[-2:]:
            line.top_margin = line.baseline > (1 - MARGIN) * height
            if line.top_margin or line.baseline < MARGIN * height:
                candidates.append(line)
    candidates = list({id(line): line for line in candidates}.values())  # a page of two lines lists them twice
    shapes = Counter(_shape(line) for line in candidates)
    for line in candidates:
        if _PAGE_NUMBER.match(line.text.strip()):
            line.role = PAGE_NUMBER
        elif len(pages) > 1 and _shape(line)[0] and shapes[_shape(line)] >= 2:
            line.role = RUNNING_HEADER


def _shape(line: _Line) -> tuple[str, bool]:
    """What recurs of a running header: its text less digits and spaces, and the margin it is in."""
    return _DIGITS_AND_SPACE.sub("", line.text), line.top_margin
