"""Pre-split input, as Vecalign, hunalign and Bertalign's `is_split` take it: one sentence per line.

No repair: one non-blank line is one sentence, ids in line order (``hi.p1.s1``, ``hi.p1.s2`` …).
"""

from __future__ import annotations

from ..document import Division, Edition, Paragraph, Sentence, division_id, paragraph_id, sentence_id


def presplit_edition(text: str, lang: str, *, edition_id: str, source: str) -> Edition:
    pid = paragraph_id(edition_id, 1)
    sentences, offsets, cleaned = [], [], []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            end = start + len(stripped)
            sentences.append(Sentence(id=sentence_id(pid, len(sentences) + 1), text=stripped, start=start, end=end))
        position += len(line) + 1
    # The paragraph text is the sentences joined by single spaces; offsets map each joiner to the
    # line end it stands for, so spans stay exact.
    for sentence in sentences:
        if cleaned:
            cleaned.append(" ")
            offsets.append(offsets[-1] + 1)
        cleaned.append(sentence.text)
        offsets.extend(range(sentence.start, sentence.end))
    paragraph = Paragraph(id=pid, text="".join(cleaned), offsets=tuple(offsets), sentences=tuple(sentences))
    division = Division(id=division_id(edition_id, 1), heading=None, paragraphs=(paragraph,))
    return Edition(
        id=edition_id, lang=lang, source=source, source_text=text, divisions=(division,), segmenter="presplit"
    )
