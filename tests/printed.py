"""Real PDFs for the reader tests and the PDF benchmark: HTML printed by the system Chromium
(Playwright's ``page.pdf``) with the Devanagari and Thai fonts CI installs (fonts-lohit-deva,
fonts-tlwg-*), a running header and page numbers in the page margins, and footnotes.

`book_html` lays out paragraphs (each a list of sentences) as a book page would: headings, paragraphs
with footnote markers glued to a word (``<sup>``) and the notes in a smaller type at the end of their
section. `print_pdf` prints it with Debian's Chromium (`chromium.py`).
"""

from __future__ import annotations

import html
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_FLAGS

FONTS = {"hi": "'Lohit Devanagari'", "th": "'Garuda', 'Loma'"}
JOINER = {"hi": " ", "th": " "}  # Thai prints a space between sentences, as Hindi does


def book_html(
    lang: str, sections: list[tuple[str | None, list[list[str]]]], notes: dict[tuple[int, int, int], str] | None = None
) -> str:
    """sections: (heading or None, paragraphs as lists of sentences); notes: (section, paragraph,
    sentence) → the note printed for a marker glued to that sentence's end."""
    notes = notes or {}
    font = FONTS.get(lang, "serif")
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><style>"
        f"body {{ font-family: {font}; font-size: 12pt; line-height: 1.5; }}"
        "p { margin: 0 0 0.6em 0; text-align: left; } h2 { font-size: 16pt; margin: 0.8em 0 0.4em 0; }"
        ".notes { font-size: 9pt; border-top: 1px solid #888; margin: 0.4em 0 1em 0; }"
        ".notes p { margin: 0 0 0.2em 0; }</style></head><body>"
    ]
    number = 0
    for s, (heading, paragraphs) in enumerate(sections):
        if heading:
            parts.append(f"<h2>{html.escape(heading)}</h2>")
        section_notes = []
        for p, sentences in enumerate(paragraphs):
            out = []
            for k, sentence in enumerate(sentences):
                text = html.escape(sentence)
                if (s, p, k) in notes:
                    number += 1
                    text += f"<sup>{number}</sup>"
                    section_notes.append((number, notes[(s, p, k)]))
                out.append(text)
            parts.append(f"<p>{JOINER.get(lang, ' ').join(out)}</p>")
        if section_notes:
            parts.append(
                "<div class='notes'>"
                + "".join(f"<p><sup>{n}</sup> {html.escape(text)}</p>" for n, text in section_notes)
                + "</div>"
            )
    parts.append("</body></html>")
    return "".join(parts)


def print_pdf(
    page_html: str,
    path: Path,
    *,
    header: str,
    lang: str,
    page_size: tuple[str, str] = ("148mm", "210mm"),
) -> Path:
    """Print with Chromium: `header` runs at the top of every page, the page number at the foot;
    `page_size` (width, height), A5 unless said."""
    from playwright.sync_api import sync_playwright

    font = FONTS.get(lang, "serif")
    style = f"font-family: {font}; font-size: 9pt; width: 100%; margin: 0 14mm;"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_content(page_html, wait_until="load")
            page.pdf(
                path=str(path),
                width=page_size[0],
                height=page_size[1],
                display_header_footer=True,
                header_template=f'<div style="{style}">{html.escape(header)}</div>',
                footer_template=f"<div style=\"{style} text-align: center;\"><span class='pageNumber'></span></div>",
                margin={"top": "18mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            )
        finally:
            browser.close()
    return path
