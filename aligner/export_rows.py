"""Flat rows of an edition in source order, for `aligner segment --format jsonl` and tooling."""

from __future__ import annotations

from typing import Iterator

from .model import Edition


def segment_rows(edition: Edition) -> Iterator[dict]:
    """Sentences, headings, footnote markers and page furniture, each with its source span and kind."""
    rows = []
    for division in edition.divisions:
        if division.heading is not None:
            h = division.heading
            kind = "heading" if h.kind == "heading" else "run-in-heading"
            rows.append({"id": f"{division.id}.head", "text": h.text, "start": h.start, "end": h.end, "kind": kind})
        for paragraph in division.paragraphs:
            for sentence in paragraph.sentences:
                rows.append({"id": sentence.id, "text": sentence.text, "start": sentence.start,
                             "end": sentence.end, "kind": sentence.kind, "hash": sentence.hash})
    for number, note in enumerate(edition.notes(), start=1):
        rows.append({"id": f"{edition.id}.n{number}", "text": note.label, "start": note.start, "end": note.end,
                     "kind": "note-ref"})
    for number, item in enumerate(edition.furniture, start=1):
        rows.append({"id": f"{edition.id}.f{number}", "text": item.text, "start": item.start, "end": item.end,
                     "kind": item.kind})
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return iter(rows)
