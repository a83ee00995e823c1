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
from collections.abc import Iterator
from dataclasses import dataclass, replace


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


#: preference of English lines when an export shows one: a human line beats machine beats gloss
PROVENANCE_RANK = {"human": 0, "machine": 1, "gloss": 2}


@dataclass(frozen=True)
class Provenance:
    """Where an English line came from.

    kind: 'machine' (engine, model, version), 'gloss' (engine, resources = dictionaries used) or
    'human' (translator, date).
    """

    kind: str
    engine: str
    version: str = ""
    model: str | None = None
    resources: tuple[str, ...] = ()
    translator: str | None = None
    date: str | None = None

    @property
    def key(self) -> str:
        """Identity of the producer, for caches and TEI respStmt ids (not for human lines' dates)."""
        parts = [self.kind, self.engine, self.version, self.model or "", *self.resources]
        return "|".join(parts) if self.kind != "human" else f"human|{self.translator or ''}"


@dataclass(frozen=True)
class EnglishLine:
    """One English rendering of one source sentence, with its provenance.

    `source_hash` is the hash of the source sentence when the line was made: a human line whose
    source sentence has changed since is kept but marked `stale`.
    """

    sentence_id: str
    text: str
    provenance: Provenance
    source_hash: str
    stale: bool = False


def best_line(lines) -> EnglishLine | None:
    """The line an export shows first: human > machine > gloss, fresh before stale."""
    ordered = sorted(lines, key=lambda line: (line.stale, PROVENANCE_RANK.get(line.provenance.kind, 9)))
    return ordered[0] if ordered else None


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
    #: the English layer: every line with its provenance, several per sentence allowed
    english: tuple[EnglishLine, ...] = ()

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

    def english_for(self, sentence_id: str) -> tuple[EnglishLine, ...]:
        return tuple(line for line in self.english if line.sentence_id == sentence_id)

    def with_paragraphs(self, transform) -> Edition:
        """A copy whose every paragraph is replaced by ``transform(paragraph)``."""
        divisions = tuple(replace(d, paragraphs=tuple(transform(p) for p in d.paragraphs)) for d in self.divisions)
        return replace(self, divisions=divisions)

    def with_id(self, new_id: str) -> Edition:
        """The same edition under another id prefix (two inputs in one language: `hi` and `hi2`)."""

        def renamed(paragraph: Paragraph) -> Paragraph:
            sentences = tuple(replace(s, id=new_id + s.id[len(self.id) :]) for s in paragraph.sentences)
            return replace(paragraph, id=new_id + paragraph.id[len(self.id) :], sentences=sentences)

        return replace(self.with_paragraphs(renamed), id=new_id)


@dataclass(frozen=True)
class Link:
    """One alignment link between sentences of two editions.

    `score` is calibrated to [0, 1]: links scored 0.9 are right about nine times in ten.
    `evidence` (comparable mode) lists the sentence pairs that carry a passage link, with their
    similarity, so a translator sees why. `status` records a human decision imported from an
    edited TMX/TEI (or made in `aligner review`): 'auto', 'accepted' or 'rejected'; `resp` names
    the person who made it, where known.
    """

    source: tuple[str, ...]
    target: tuple[str, ...]
    score: float
    evidence: tuple[tuple[str, str, float], ...] = ()
    status: str = "auto"
    resp: str | None = None


def without(ids: tuple[str, ...], nowhere: set[str]) -> tuple[str, ...]:
    """A proposal's side without the sentences a person said have no counterpart: how the build and
    the review editor both show a proposal once such a decision is made (one left with an empty
    side, or the same as a decided link, is no longer shown)."""
    return tuple(i for i in ids if i not in nowhere)


#: how links are grouped by score for a reader (review page, build summary): label, lowest, above highest
SCORE_BANDS = (("≥ 0.9", 0.9, 1.01), ("0.7–0.9", 0.7, 0.9), ("0.5–0.7", 0.5, 0.7), ("< 0.5", 0.0, 0.5))


def score_band_counts(links) -> dict[str, int]:
    """How many of `links` fall in each of `SCORE_BANDS`, in the bands' order."""
    return {label: sum(1 for link in links if low <= link.score < high) for label, low, high in SCORE_BANDS}


@dataclass(frozen=True)
class Alignment:
    """The links between a source and a target edition.

    mode: 'translation' (ordered, monotonic 1-1/1-n/n-m links) or 'comparable' (thematic passage
    links in any order). unit: 'sentence' or 'paragraph' — what one link joins.
    `signature` records how it was made (encoder, method, parameters, versions).
    """

    source: str
    target: str
    mode: str
    links: tuple[Link, ...]
    unmatched_source: tuple[str, ...] = ()
    unmatched_target: tuple[str, ...] = ()
    unit: str = "sentence"
    signature: tuple[tuple[str, str], ...] = ()
    #: what a person decided has no counterpart in the other text (1–0 or 0–1): links with one side
    #: empty, status 'accepted'; their sentences are in no link and among the unmatched
    no_counterpart: tuple[Link, ...] = ()
    #: comparable texts: each source passage (its sentence ids) and its likeliest target passages,
    #: (sentence ids, probability on topic), best first — what a reviewer may relink it to
    candidates: tuple[tuple[tuple[str, ...], tuple[tuple[tuple[str, ...], float], ...]], ...] = ()
    #: what people changed in review, oldest first (`formats.tei.Change`: when, who, what)
    history: tuple = ()


def paragraph_id(edition_id: str, number: int) -> str:
    return f"{edition_id}.p{number}"


def sentence_id(paragraph: str, number: int) -> str:
    return f"{paragraph}.s{number}"


def division_id(edition_id: str, number: int) -> str:
    return f"{edition_id}.d{number}"


__all__ = [
    "Alignment",
    "EnglishLine",
    "Link",
    "PROVENANCE_RANK",
    "Provenance",
    "best_line",
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
