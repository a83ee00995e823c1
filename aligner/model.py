"""The one document model that flows through every stage: Edition → Division → Paragraph → Sentence.

Every piece of text keeps its span ``[start, end)`` into the decoded source text, so a sentence in a
TMX unit or a TEI ``<s>`` can always be traced back to the characters it came from. Ids are stable:
``th.p12.s3`` is the third sentence of the twelfth paragraph of the Thai edition. Paragraphs are
numbered through the whole edition, so editing the text of one paragraph changes no other id.

Nothing that ingestion removes is dropped silently: running headers, page numbers and title blocks
become `Furniture`, footnote markers become `NoteRef`s, headings become `Heading`s.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Iterator


def text_hash(text: str) -> str:
    """Short content hash used for caches and for detecting a changed source sentence."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Furniture:
    """Page furniture recorded, not deleted: kind is 'page-number', 'running-header' or 'title-block'."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker detached from the word it was glued to (``²⁸`` or a plain ``23``).

    `offset` is its position in the paragraph's cleaned text (where a TEI ``<ref>`` goes);
    `start`/`end` are its span in the source.
    """

    label: str
    offset: int
    start: int
    end: int


@dataclass(frozen=True)
class Heading:
    """A division heading; kind is 'heading' (a line of its own) or 'run-in' (opens a paragraph)."""

    text: str
    start: int
    end: int
    kind: str = "heading"


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    start: int
    end: int
    notes: tuple[NoteRef, ...] = ()
    kind: str = "sentence"

    @property
    def hash(self) -> str:
        return text_hash(self.text)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph after ingestion repair.

    `text` is the cleaned text (wraps joined, markers detached); `offsets[i]` is the source position
    of ``text[i]`` (a joining space inserted by ingestion maps to the line break it replaced).
    `soft_breaks` are positions in `text` where a line or page break was joined without a space (Thai
    wraps between words): a sentence may end there although no space is left. `page_breaks` are
    positions in `text` where a page ended, for ``<pb/>``.
    """

    id: str
    text: str
    offsets: tuple[int, ...]
    sentences: tuple[Sentence, ...] = ()
    notes: tuple[NoteRef, ...] = ()
    soft_breaks: tuple[int, ...] = ()
    page_breaks: tuple[int, ...] = ()

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of ``text[start:end]`` (end exclusive, non-empty)."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Division:
    id: str
    heading: Heading | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Edition:
    """One text in one language. `id` prefixes every id inside it (the language code by default)."""

    id: str
    lang: str
    source: str
    source_text: str
    divisions: tuple[Division, ...]
    furniture: tuple[Furniture, ...] = ()
    title: str | None = None
    segmenter: str | None = None

    @property
    def source_hash(self) -> str:
        return text_hash(self.source_text)

    def paragraphs(self) -> Iterator[Paragraph]:
        for division in self.divisions:
            yield from division.paragraphs

    def sentences(self) -> Iterator[Sentence]:
        for paragraph in self.paragraphs():
            yield from paragraph.sentences

    def headings(self) -> Iterator[Heading]:
        for division in self.divisions:
            if division.heading is not None:
                yield division.heading

    def notes(self) -> Iterator[NoteRef]:
        for paragraph in self.paragraphs():
            yield from paragraph.notes

    def sentence_index(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences()}

    def with_paragraphs(self, transform) -> "Edition":
        """A copy whose every paragraph is replaced by ``transform(paragraph)``."""
        divisions = tuple(
            replace(d, paragraphs=tuple(transform(p) for p in d.paragraphs)) for d in self.divisions
        )
        return replace(self, divisions=divisions)


def paragraph_id(edition_id: str, number: int) -> str:
    return f"{edition_id}.p{number}"


def sentence_id(paragraph: str, number: int) -> str:
    return f"{paragraph}.s{number}"


def division_id(edition_id: str, number: int) -> str:
    return f"{edition_id}.d{number}"


__all__ = [
    "Division",
    "Edition",
    "Furniture",
    "Heading",
    "NoteRef",
    "Paragraph",
    "Sentence",
    "division_id",
    "paragraph_id",
    "sentence_id",
    "text_hash",
]
