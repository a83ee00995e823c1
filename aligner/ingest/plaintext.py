"""Plain-text ingestion (first cut: a paragraph per non-blank line). Layout repair comes next."""

from __future__ import annotations

from ..model import Division, Edition, Paragraph, division_id, paragraph_id


def plaintext_edition(text: str, lang: str, *, edition_id: str, source: str) -> Edition:
    paragraphs = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(id=paragraph_id(edition_id, len(paragraphs) + 1), text=stripped,
                                        offsets=tuple(range(start, start + len(stripped)))))
        position += len(line) + 1
    division = Division(id=division_id(edition_id, 1), heading=None, paragraphs=tuple(paragraphs))
    return Edition(id=edition_id, lang=lang, source=source, source_text=text, divisions=(division,))
