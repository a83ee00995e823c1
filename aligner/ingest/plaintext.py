"""Layout repair of plain text as PDF extraction and OCR leave it.

The text arrives as lines. Each line is classified (page number, running header, chapter title block,
heading, text), then consecutive text lines are either joined into one paragraph or kept apart:

* a hard wrap (a line filled to the page width) continues the paragraph — Thai joins with no space,
  since Thai wraps between words, and the join is kept as a *soft break* where a sentence may end;
* a page break (furniture in between, or a blank line where the file also marks paragraphs with blank
  lines) continues the paragraph when the text before it ends mid-sentence, as the segmenter's
  `boundary_score` judges, or mid-word, as the Thai dictionary judges;
* anything else starts a new paragraph; a heading starts a new division.

Footnote markers (superscripts, or plain digits glued to a word) are detached into `NoteRef`s and
spurious spaces inside Thai words are closed. Every character removed from the text is recorded
(furniture, heading or note) or is white space: no text is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import regex

from ..document import (
    Division,
    Edition,
    Furniture,
    Heading,
    NoteRef,
    Paragraph,
    division_id,
    paragraph_id,
)
from ..lang.digits import DIGIT_CLASS as _DIGITS
from ..lang.digits import TO_ASCII_DIGITS
from ..segment import segmenter_for

log = logging.getLogger(__name__)

#: languages written without spaces between words: a wrapped line joins with no space
NO_SPACE_LANGUAGES = frozenset({"th", "lo", "km", "my", "zh", "ja"})

_PAGE_NUMBER = regex.compile(rf"^[\-–—(\[]?\s*(?:page|p\.|หน้า|पृष्ठ)?\s*[{_DIGITS}]{{1,4}}\s*[\-–—)\]]?$", regex.I)
_CHAPTER_WORD = r"(?:บทที่|ตอนที่|ภาคที่|अध्याय|भाग|पाठ|chapter|chapitre|kapitel|capítulo)"
_CHAPTER = regex.compile(rf"{_CHAPTER_WORD}\s*[{_DIGITS}ivxlcIVXLC]+", regex.I)
_CHAPTER_LINE = regex.compile(rf"^{_CHAPTER_WORD}\s*[{_DIGITS}ivxlcIVXLC]+\s*$", regex.I)
_SUPERSCRIPTS = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# Plain digits glued to the end of a word (or a closing quote) and followed by a space or the end:
# a footnote marker the PDF lost the superscript of.
_PLAIN_MARKER = regex.compile(rf"(?<=[\p{{Thai}}\p{{Devanagari}}”\"’।])([{_DIGITS}]{{1,3}})(?=\s|$)")
# Words a number legitimately follows without a space (ordinals, years, sections).
_NUMBER_PREFIXES = regex.compile(
    r"(?:ที่|ปี|พ\.ศ\.|ค\.ศ\.|ฉบับ|ข้อ|มาตรา|หน้า|บท|เล่ม|ครั้ง|รุ่น|ชั้น|หมายเลข|เบอร์|อายุ|สน|अध्याय|पृष्ठ|सन|वर्ष|नंबर|क्रमांक)$"
)
_SENTENCE_FINAL = '।॥?!."”’)'


@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str = "text"  # text | blank | page-number | running-header | title-block | heading
    #: what the reader of a structured format knew of the line (`readers.base`): 'paragraph' or
    #: 'continue' decide its join, 'new-page' makes it a page break; None leaves it to the guesses
    hint: str | None = None

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass
class _Block:
    """A paragraph being assembled: its cleaned text and the source offset of every character."""

    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    soft_breaks: list[int] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def tail(self, size: int = 400) -> str:
        """The end of the text, all that the decisions about the next line look at (`text` on every
        line made a long paragraph quadratic)."""
        return "".join(self.chars[-size:])

    def append(self, line: _Line, joiner: str | None, joiner_offset: int) -> None:
        if self.chars and joiner is not None:
            if joiner:
                self.chars.append(joiner)
                self.offsets.append(joiner_offset)
            else:
                self.soft_breaks.append(len(self.chars))
        stripped_start = line.start + (len(line.text) - len(line.text.lstrip()))
        content = line.text.strip()
        self.chars.extend(content)
        self.offsets.extend(range(stripped_start, stripped_start + len(content)))


def _split_lines(text: str) -> list[_Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        kind = "text" if raw.strip() else "blank"
        lines.append(_Line(position, position + len(raw), raw.rstrip(), kind))
        position += len(raw) + 1
    return lines


def _apply_hints(lines: list[_Line], hints: tuple[str | None, ...]) -> None:
    """A reader's roles for the lines (headings, page furniture): nothing about a line is guessed that
    the file said. `hints` has one entry per line."""
    if len(hints) != len(lines):
        raise ValueError(f"{len(hints)} layout hints for {len(lines)} lines")
    for line, hint in zip(lines, hints):
        if line.kind == "blank" or hint is None:
            continue
        if hint in ("heading", "page-number", "running-header"):
            line.kind = hint
        else:
            line.hint = hint


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width hard-wrapped lines fill, if the text has any: the most crowded length band."""
    lengths = sorted(line.length for line in lines if line.kind == "text" and 20 <= line.length <= 200)
    if len(lengths) < 3:
        return None
    best, best_count = None, 0
    for width in sorted(set(lengths)):
        count = sum(1 for n in lengths if 0.85 * width <= n <= width)
        if count > best_count or (count == best_count and best is not None and width > best):
            best, best_count = width, count
    return best if best_count >= 3 else None


def _mark_furniture(lines: list[_Line]) -> str | None:
    """Classify page numbers, running headers and the chapter title block; return the title."""
    text_lines = [line for line in lines if line.kind == "text"]
    title = None
    # A title block opens the text: "บทที่ 3" / "นโยบายเศรษฐกิจใหม่" / "บทที่ 3 นโยบายเศรษฐกิจใหม่".
    head = text_lines[:4]
    for index, line in enumerate(head):
        stripped = line.text.strip()
        if _CHAPTER_LINE.match(stripped) and index + 1 < len(head):
            line.kind = "title-block"
            title_line = head[index + 1]
            if title_line.length <= 80:
                title_line.kind = "title-block"
                title = title_line.text.strip()
                for repeat in head[index + 2 :]:
                    ends_with_title = repeat.text.strip().replace(" ", "").endswith(title.replace(" ", ""))
                    if ends_with_title and _CHAPTER.search(repeat.text):
                        repeat.kind = "title-block"
            break

    # Lines that recur with only their numbers changed are running headers.
    def shape(s: str) -> str:
        return regex.sub(rf"[{_DIGITS}\s]+", "", s)

    shapes: dict[str, int] = {}
    for line in text_lines:
        if line.length <= 80:
            shapes[shape(line.text)] = shapes.get(shape(line.text), 0) + 1
    for line in text_lines:
        if line.kind != "text":
            continue
        stripped = line.text.strip()
        if _PAGE_NUMBER.match(stripped):
            line.kind = "page-number"
        elif line.length <= 80 and _CHAPTER.search(stripped) and len(stripped.split()) <= 10:
            line.kind = "running-header"
        elif line.length <= 60 and shapes.get(shape(stripped), 0) >= 3 and shape(stripped):
            line.kind = "running-header"
    # A running header comes once a page, among the page's lines: where most lines would be one, they
    # are the text itself (numbered or dated sentences alike but for their numbers), not furniture.
    headers = [line for line in text_lines if line.kind == "running-header"]
    if 2 * len(headers) > sum(1 for line in text_lines if line.kind in ("text", "running-header")):
        for line in headers:
            line.kind = "text"
    return title


def _looks_like_heading(line: _Line, lang: str, width: int | None) -> bool:
    stripped = line.text.strip()
    if not stripped or len(stripped) > 60 or stripped[-1] in _SENTENCE_FINAL + ",;:":
        return False
    if width and line.length >= 0.85 * width:
        return False
    if regex.search(rf"^[{_DIGITS}\W]+$", stripped):
        return False
    if lang in NO_SPACE_LANGUAGES:
        # Thai sentences run with spaces between clauses; a heading is one unbroken phrase.
        return stripped.count(" ") == 0
    words = stripped.split()
    return len(words) <= 7


class _Assembler:
    def __init__(self, text: str, lang: str, edition_id: str, source: str, hints: tuple[str | None, ...] | None = None):
        self.text, self.lang, self.edition_id, self.source = text, lang, edition_id, source
        self.hints = hints
        self.segmenter = segmenter_for(lang)
        self.no_space = lang in NO_SPACE_LANGUAGES

    # -- deciding whether the next text line continues the paragraph ---------------------------
    def _full(self, line: _Line) -> bool:
        return bool(self.width) and 0.8 * self.width <= line.length <= self.width * 1.05 + 2

    def _first_word(self, line: _Line) -> str | None:
        """The word a line opens with, as the wrapping saw it; None when it cannot be told."""
        stripped = line.text.strip()
        if not self.no_space:
            return stripped.split()[0] if stripped else None
        if self.lang != "th":
            return None
        from ..lang.thai import thai_dictionary, thai_tokenizer

        run = stripped.split()[0] if stripped else ""
        if not run:
            return None
        first = thai_tokenizer().word_tokenize(run[:40])[0]
        # A name newmm breaks into syllables: its first syllable is not what the wrapping moved.
        return first if first in thai_dictionary() or not regex.match(r"\p{Thai}", first) else None

    def _next_word_fitted(self, previous: _Line, line: _Line) -> bool:
        """Whether `line`'s first word would have fitted at the end of `previous`.

        A wrapping program fills a line until the next word does not fit, so when it would have,
        `previous` ended its paragraph there. A few characters of slack allow for proportional fonts.
        """
        word = self._first_word(line) if self.width else None
        if word is None:
            return False
        needed = len(word) + (0 if self.no_space else 1)
        return needed <= self.width - previous.length - max(2, self.width // 20)

    def _inside_word(self, before: str, after: str) -> bool:
        if not self.no_space or self.lang != "th":
            return False
        try:
            from .thai import join_is_inside_word
        except ImportError:
            return False
        return join_is_inside_word(before, after)

    def _ends_sentence(self, before: str, after: str) -> float:
        return self.segmenter.boundary_score(before[-300:], after[:300])

    def continues(self, previous: _Line, line: _Line, gap: str, block_text: str) -> bool:
        """gap: 'wrap' (next line), 'blank' (blank lines between), 'page' (furniture between)."""
        if gap == "wrap" and self.blank_paragraphs:
            return True  # paragraphs are marked by blank lines: a single newline is a wrap
        if self._inside_word(block_text, line.text):
            return True
        if gap == "wrap":
            if self._next_word_fitted(previous, line):
                return False
            if self._full(previous):
                return True
            if self.width and previous.length < 0.8 * self.width:
                return False  # the short last line of a wrapped paragraph
            if self.no_space:
                return False  # a paragraph written on one line; Thai gives no punctuation to go by
            return self._ends_sentence(block_text, line.text) < 0.5
        if gap == "blank" and not self.blank_paragraphs:
            return False
        if self._next_word_fitted(previous, line):
            return False  # the line before the break was the short last line of its paragraph
        # A page break, or a blank line that may be one: continue mid-sentence. A full last line
        # is evidence only where furniture shows a page really ended there.
        threshold = 0.2 if self.no_space else 0.5
        if gap == "page" and self._full(previous):
            threshold = 0.6
        return self._ends_sentence(block_text, line.text) < threshold

    # -- building the edition ------------------------------------------------------------------
    def build(self) -> Edition:
        lines = _split_lines(self.text)
        if self.hints is None:
            title = _mark_furniture(lines)
        else:
            title = None
            _apply_hints(lines, self.hints)
        text_lines = [line for line in lines if line.kind == "text"]
        self.width = _wrap_width(text_lines)
        transitions = self._transitions(lines)
        blank_gaps = sum(1 for gap, _ in transitions if gap == "blank")
        self.blank_paragraphs = blank_gaps > 0.5 * max(1, len(transitions)) or (
            blank_gaps >= 2 and blank_gaps >= 0.3 * len(transitions)
        )
        if self.hints is None:
            self._mark_headings(lines)
        else:
            self.blank_paragraphs = False  # the reader said where paragraphs start; blank lines are layout

        furniture = [
            Furniture(
                line.kind,
                line.text.strip(),
                line.start + len(line.text) - len(line.text.lstrip()),
                line.start + len(line.text.rstrip()),
            )
            for line in lines
            if line.kind in ("page-number", "running-header", "title-block")
        ]
        divisions: list[tuple[Heading | None, list[_Block]]] = [(None, [])]
        block: _Block | None = None
        previous: _Line | None = None
        gap = "wrap"
        for line in lines:
            if line.kind == "blank":
                gap = "blank" if gap == "wrap" else gap
                continue
            if line.kind in ("page-number", "running-header", "title-block"):
                gap = "page"
                if block is not None:
                    block.page_breaks.append(len(block.chars))
                continue
            if line.kind == "heading":
                stripped = line.text.strip()
                start = line.start + len(line.text) - len(line.text.lstrip())
                divisions.append((Heading(stripped, start, start + len(stripped)), []))
                block, previous, gap = None, None, "wrap"
                continue
            hint = line.hint
            if hint == "paragraph" or block is None or previous is None:
                joined = False
            elif hint == "continue":
                joined = True
            elif hint == "new-page":
                gap = "page"
                joined = self.continues(previous, line, gap, block.tail())
            else:
                joined = self.continues(previous, line, gap, block.tail())
            if joined:
                if gap != "wrap" and (not block.page_breaks or block.page_breaks[-1] != len(block.chars)):
                    block.page_breaks.append(len(block.chars))
                joiner = self._joiner(block.tail(), line.text)
                block.append(line, joiner, previous.end)
            else:
                block = _Block()
                block.append(line, None, line.start)
                divisions[-1][1].append(block)
            previous, gap = line, "wrap"
        return self._edition(divisions, furniture, title)

    def _transitions(self, lines: list[_Line]) -> list[tuple[str, _Line]]:
        result, gap, seen = [], "wrap", False
        for line in lines:
            if line.kind == "blank":
                gap = "blank"
            elif line.kind == "text":
                if seen:
                    result.append((gap, line))
                seen, gap = True, "wrap"
        return result

    def _mark_headings(self, lines: list[_Line]) -> None:
        """A short standalone line between paragraphs (not the short end of a wrapped one).

        Page furniture between a heading and its neighbours is looked through.
        """
        content = [line for line in lines if line.kind in ("text", "heading")]
        for index, line in enumerate(content):
            if line.kind != "text" or not _looks_like_heading(line, self.lang, self.width):
                continue
            before = content[index - 1] if index else None
            after = content[index + 1] if index + 1 < len(content) else None
            if after is None:
                continue
            if before is not None and before.kind == "text":
                closed = before.text.rstrip()[-1:] in _SENTENCE_FINAL
                set_apart = self.blank_paragraphs and self._blank_around(lines, line)
                fitted = self._next_word_fitted(before, line)  # then it was not wrapped onto this line
                if self._full(before) and not fitted and not closed and not set_apart:
                    continue  # the last line of a wrapped paragraph
                if not closed and not self.no_space and not set_apart and not fitted:
                    continue  # the paragraph before is still open: this line ends it
            if after.length < len(line.text.strip()) and _looks_like_heading(after, self.lang, self.width):
                continue
            line.kind = "heading"

    @staticmethod
    def _blank_around(lines: list[_Line], line: _Line) -> bool:
        index = lines.index(line)
        return (index == 0 or lines[index - 1].kind == "blank") and (
            index + 1 == len(lines) or lines[index + 1].kind == "blank"
        )

    def _joiner(self, before: str, after: str) -> str:
        after = after.strip()
        if self.no_space:
            return ""
        if before.endswith("-") and after[:1].islower():
            return ""
        return " "

    def _edition(self, divisions, furniture, title) -> Edition:
        final: list[Division] = []
        number = 0

        def close(heading, paragraphs):
            if heading is not None or paragraphs:
                final.append(Division(division_id(self.edition_id, len(final) + 1), heading, tuple(paragraphs)))

        for heading, blocks in divisions:
            current_heading, current = heading, []
            for block in blocks:
                number += 1
                paragraph = _finish_paragraph(
                    block, paragraph_id(self.edition_id, number), self.lang, plain_markers=self.hints is None
                )
                run_in, paragraph = _split_run_in_heading(paragraph)
                if run_in is not None:
                    # A run-in heading opens a division, or names the one it opens.
                    if current or current_heading is not None:
                        close(current_heading, current)
                        current = []
                    current_heading = run_in
                if paragraph.text:
                    current.append(paragraph)
            close(current_heading, current)
        return Edition(
            id=self.edition_id,
            lang=self.lang,
            source=self.source,
            source_text=self.text,
            divisions=tuple(final),
            furniture=tuple(furniture),
            title=title,
        )


_RUN_IN = regex.compile(r"^([^\s:।.!?\"“”]{1,}(?:\s[^\s:।.!?\"“”]+){0,5}):\s+(?=[^\"“‘'\s])")


def _split_run_in_heading(paragraph: Paragraph) -> tuple[Heading | None, Paragraph]:
    """ "कृषि का सामूहीकरण: 1917 के बाद …" → the heading (with its colon) and the paragraph after it."""
    match = _RUN_IN.match(paragraph.text)
    if not match or len(match.group(1)) > 40 or len(paragraph.text) < 2 * match.end():
        return None, paragraph
    cut = match.end()
    label = paragraph.text[: match.end(1) + 1]  # with its colon, which no other row would carry
    heading = Heading(label, paragraph.offsets[0], paragraph.offsets[match.end(1)] + 1, kind="run-in")
    from dataclasses import replace

    # A marker glued to the heading label ("शिक्षा:⁸ …") stays recorded: it moves to the start of the text.
    shifted_notes = tuple(replace(n, offset=max(0, n.offset - cut)) for n in paragraph.notes)
    rest = replace(
        paragraph,
        text=paragraph.text[cut:],
        offsets=paragraph.offsets[cut:],
        notes=shifted_notes,
        soft_breaks=tuple(p - cut for p in paragraph.soft_breaks if p > cut),
        page_breaks=tuple(p - cut for p in paragraph.page_breaks if p > cut),
    )
    return heading, rest


def _finish_paragraph(block: _Block, pid: str, lang: str, *, plain_markers: bool = True) -> Paragraph:
    """Detach footnote markers and close spurious spaces, keeping offsets, soft and page breaks aligned.
    Without `plain_markers` only superscripts are markers: a reader that saw the page wrote its
    anchors as superscripts, and plain digits glued to a word are text (a Thai wrap joined)."""
    text = block.text
    offsets = list(block.offsets)
    remove: dict[int, str] = {}  # position → why (note or space)
    notes_at: list[tuple[int, int, str]] = []  # (start, end) in text, label
    for match in _SUPERSCRIPTS.finditer(text):
        notes_at.append((match.start(), match.end(), match.group().translate(_SUPERSCRIPT_TO_DIGIT)))
    for match in _PLAIN_MARKER.finditer(text) if plain_markers else ():
        prefix = text[max(0, match.start() - 8) : match.start()]
        if _NUMBER_PREFIXES.search(prefix) or int(_to_ascii_digits(match.group(1))) == 0:
            continue
        notes_at.append((match.start(), match.end(), _to_ascii_digits(match.group(1))))
    for a, b, _ in notes_at:
        for i in range(a, b):
            remove[i] = "note"
    if lang == "th":
        try:
            from .thai import spurious_spaces
        except ImportError:
            spurious_spaces = None
        if spurious_spaces is not None:
            for position in spurious_spaces(text):
                if text[position] == " ":
                    remove.setdefault(position, "space")
    if all(i in remove or c.isspace() for i, c in enumerate(text)):
        remove = {}  # a paragraph that is nothing but a marker keeps it as its text
    if not remove:
        return Paragraph(
            id=pid,
            text=text,
            offsets=tuple(offsets),
            soft_breaks=tuple(block.soft_breaks),
            page_breaks=tuple(block.page_breaks),
        )
    new_position = []  # old index → new index (position in the cleaned text)
    kept_chars, kept_offsets = [], []
    for i, char in enumerate(text):
        new_position.append(len(kept_chars))
        if i not in remove:
            kept_chars.append(char)
            kept_offsets.append(offsets[i])
    new_position.append(len(kept_chars))
    notes = tuple(
        NoteRef(label=label, offset=new_position[a], start=offsets[a], end=offsets[b - 1] + 1)
        for a, b, label in sorted(notes_at)
    )
    cleaned = "".join(kept_chars)
    # Removing a marker can leave a double space or a leading/trailing space: fold them.
    return _fold_spaces(
        Paragraph(
            id=pid,
            text=cleaned,
            offsets=tuple(kept_offsets),
            notes=notes,
            soft_breaks=tuple(sorted({new_position[p] for p in block.soft_breaks})),
            page_breaks=tuple(sorted({new_position[p] for p in block.page_breaks})),
        )
    )


def _fold_spaces(paragraph: Paragraph) -> Paragraph:
    text = paragraph.text
    if "  " not in text and text == text.strip():
        return paragraph
    from dataclasses import replace

    keep = [i for i, c in enumerate(text) if not (c == " " and (i == 0 or i == len(text) - 1 or text[i + 1] == " "))]
    position = {old: new for new, old in enumerate(keep)}

    def moved(p: int) -> int:
        while p < len(text) and p not in position:
            p += 1
        return position.get(p, len(keep))

    return replace(
        paragraph,
        text="".join(text[i] for i in keep),
        offsets=tuple(paragraph.offsets[i] for i in keep),
        notes=tuple(replace(n, offset=moved(n.offset)) for n in paragraph.notes),
        soft_breaks=tuple(sorted({moved(p) for p in paragraph.soft_breaks})),
        page_breaks=tuple(sorted({moved(p) for p in paragraph.page_breaks})),
    )


_SUPERSCRIPT_TO_DIGIT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _to_ascii_digits(s: str) -> str:
    return s.translate(TO_ASCII_DIGITS)


def plaintext_edition(
    text: str, lang: str, *, edition_id: str, source: str, hints: tuple[str | None, ...] | None = None
) -> Edition:
    """`hints`: a reader's roles of the lines of `text` (`aligner.ingest.readers`), None for plain text."""
    edition = _Assembler(text, lang, edition_id, source, hints).build()
    log.debug(
        "%s: %d divisions, %d paragraphs, %d furniture lines",
        source,
        len(edition.divisions),
        sum(1 for _ in edition.paragraphs()),
        len(edition.furniture),
    )
    return edition
