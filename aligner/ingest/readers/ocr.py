"""Pages with no text layer (scans) through Tesseract, the optional `aligner[ocr]` extra
(pytesseract, and Debian's ``tesseract-ocr`` with the language's data: ``tesseract-ocr-hin``,
``tesseract-ocr-tha``).

A page is rendered at 300 dpi by PDFium and read word by word with each word's box; the words come
back as the PDF reader's printed lines (`pdf._Line`), so running headers, page numbers, footnotes and
paragraphs are told from their place on the page as for a text layer, and the text then goes through
the same repair as any OCR text (a danda read as ``.``, markers glued to words).
"""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError, MissingPackageError

DPI = 300
#: Tesseract's traineddata names are ISO 639-2 codes; aligner's language codes are ISO 639-1
_TESSERACT = {"hi": "hin", "th": "tha", "en": "eng"}
APT = "apt-get install tesseract-ocr tesseract-ocr-hin tesseract-ocr-tha"
INSTALL = f"pip install 'aligner[ocr]' and {APT}"


def tesseract_language(lang: str) -> str:
    if lang in _TESSERACT:
        return _TESSERACT[lang]
    import langcodes

    return langcodes.get(lang).to_alpha3()


def available(lang: str | None) -> bool:
    """Whether pages can be read here: pytesseract, the tesseract program and the language's data."""
    if lang is None:
        return False
    try:
        import pytesseract

        return tesseract_language(lang) in pytesseract.get_languages(config="")
    except Exception:  # not installed, no program on PATH, an unknown code: no OCR, said by the caller
        return False


def ocr_words(page, lang: str, path: Path) -> list[tuple[str, float, float, float, float, tuple]]:
    """(word, left, bottom, right, top, line number) of a rendered page, in PDF points (origin at the
    foot of the page, as PDFium gives positions)."""
    try:
        import pytesseract
    except ImportError:
        raise MissingPackageError("OCR (pytesseract)", INSTALL) from None
    scale = DPI / 72
    image = page.render(scale=scale).to_pil()
    height = page.get_height()
    try:
        data = pytesseract.image_to_data(
            image, lang=tesseract_language(lang), config="--psm 3", output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractError as exc:
        raise InputError(
            f"OCR failed ({exc.message.strip().splitlines()[-1] if exc.message else exc.status})",
            path=path,
            fix=f"check that Tesseract reads {lang} ({APT})",
        ) from None
    words = []
    for index, text in enumerate(data["text"]):
        text = text.strip()
        if not text or float(data["conf"][index]) < 0:
            continue
        left, top = data["left"][index] / scale, data["top"][index] / scale
        width, tall = data["width"][index] / scale, data["height"][index] / scale
        line = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        words.append((text, left, height - top - tall, left + width, height - top, line))
    return words
