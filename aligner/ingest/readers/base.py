"""What every reader returns: the plain-text extraction of a document and what the reader knows of
its layout, line by line.

The extraction is the text the spans of `segments/` point into (the build writes it beside the
segments as ``segments/<edition>.txt``): a reader writes one line per paragraph, heading, footnote or
page-furniture line, or, for a PDF, one line per printed line. `hints` says what each line is where
the file said it (a style, a tag, a place on the page); ingestion guesses only what a hint leaves open
(`None`), as it guesses everything in a .txt file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from ..decode import read_bytes

#: a line that starts a paragraph of its own (a paragraph, a footnote's text)
PARAGRAPH = "paragraph"
#: a line that continues the paragraph of the text line before it (a printed line wrapped onto the next)
CONTINUE = "continue"
#: the first text line of a page: it continues the paragraph before where that ended mid-sentence, as
#: ingestion judges a page break in plain text
NEW_PAGE = "new-page"
HEADING = "heading"
PAGE_NUMBER = "page-number"
RUNNING_HEADER = "running-header"
HINTS = frozenset({PARAGRAPH, CONTINUE, NEW_PAGE, HEADING, PAGE_NUMBER, RUNNING_HEADER})

#: footnote markers are written as superscript digits, which ingestion records as `NoteRef`s
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Extraction:
    text: str
    #: one entry per line of `text` (``text.split("\\n")``); None: ingestion decides, as for plain text
    hints: tuple[str | None, ...] | None = None

    @property
    def key(self) -> str:
        """What the segmented edition depends on, for the cache: the text, and the roles a reader gave."""
        if self.hints is None:
            return self.text
        return self.text + "\0" + ",".join(hint or "" for hint in self.hints)


@dataclass
class ExtractionWriter:
    """Builds an extraction line by line; blank lines between blocks keep the text readable."""

    lines: list[str] = field(default_factory=list)
    hints: list[str | None] = field(default_factory=list)

    def line(self, text: str, hint: str | None) -> None:
        """One line; white space inside it folded to single spaces (a line end would split it)."""
        text = " ".join(text.split())
        if not text:
            return
        if hint is not None and hint not in HINTS:
            raise ValueError(f"unknown layout hint {hint!r}")
        if self.lines and hint in (PARAGRAPH, HEADING) and self.lines[-1]:
            self.blank()
        self.lines.append(text)
        self.hints.append(hint)

    def paragraph(self, text: str) -> None:
        """A paragraph; its own line breaks (a `<br>`, a soft return) continue it."""
        hint = PARAGRAPH
        for part in text.split("\n"):
            if part.strip():
                self.line(part, hint)
                hint = CONTINUE

    def blank(self) -> None:
        self.lines.append("")
        self.hints.append(None)

    def extraction(self) -> Extraction:
        return Extraction("\n".join(self.lines) + "\n", tuple(self.hints) + (None,))

    @property
    def empty(self) -> bool:
        return not any(self.lines)


def note_marker(number: int | str) -> str:
    """A footnote anchor as the extraction writes it: superscript digits glued to the word."""
    return str(number).translate(SUPERSCRIPT_DIGITS)


def file_bytes(path: Path) -> bytes:
    """The file's bytes, or the one-line error the plain-text path gives for a missing or unreadable file."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty", path=path, fix="give a file with text in it")
    return data


def open_zip(path: Path, kind: str) -> zipfile.ZipFile:
    """A .docx, .odt or .epub container, or one line saying it is broken and what to do."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(file_bytes(path)))
        broken = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, zlib.error):
        broken = "?"
    if broken:
        raise InputError(
            f"this {kind} file is damaged (its zip container cannot be read)",
            path=path,
            fix=f"open it in its program and save it again as {kind}, or export it as .txt",
        )
    return archive


def zip_member(archive: zipfile.ZipFile, name: str, path: Path, kind: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise InputError(
            f"this is no {kind} file: it lacks {name}",
            path=path,
            fix=f"open it in its program and save it again as {kind}, or export it as .txt",
        ) from None


def parse_xml(data: bytes, path: Path, kind: str):
    """An XML part of a container, parsed without network access or entity expansion."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"this {kind} file holds malformed XML ({exc.msg})",
            path=path,
            fix=f"open it in its program and save it again as {kind}, or export it as .txt",
        ) from None


def no_text(path: Path, kind: str) -> InputError:
    return InputError(f"this {kind} file holds no text", path=path, fix="give a file with text in it")
