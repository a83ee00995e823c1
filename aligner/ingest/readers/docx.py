"""Word (.docx, Office Open XML): the body's paragraphs and tables in order, headings by their style
(Word's "Heading 1…9" and "Title", or any style with an outline level), footnote and endnote
anchors as superscript numbers and the notes' text after the body, numbered in the order the
anchors come.

Read with the standard library's zip and lxml on ``word/document.xml``, ``word/styles.xml`` and
``word/footnotes.xml``/``endnotes.xml``: python-docx (used by the tests to write files) has no API for
footnotes and would be one more dependency for what is three XML parts.
"""

from __future__ import annotations

from pathlib import Path

from .base import HEADING, ExtractionWriter, no_text, note_marker, open_zip, parse_xml, zip_member

KIND = ".docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: Path, lang: str | None = None):
    archive = open_zip(path, KIND)
    body = parse_xml(zip_member(archive, "word/document.xml", path, KIND), path, KIND).find(f"{W}body")
    if body is None:
        raise no_text(path, KIND)
    headings = _heading_styles(archive, path)
    notes = {kind: _notes(archive, f"word/{kind}s.xml", path) for kind in ("footnote", "endnote")}
    order: list[tuple[str, str]] = []  # (kind, id) of each anchor met, in order
    writer = ExtractionWriter()
    for paragraph in body.iter(f"{W}p"):
        if _inside_note_or_deleted(paragraph):
            continue
        text = _text(paragraph, order)
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if (style is not None and style.get(f"{W}val") in headings) or _outline_level(paragraph.find(f"{W}pPr")):
            writer.line(text, HEADING)
        else:
            writer.paragraph(text)
    for number, (kind, ident) in enumerate(order, start=1):
        for paragraph_index, paragraph in enumerate(notes[kind].get(ident, [])):
            text = _text(paragraph, [])
            writer.paragraph(f"{note_marker(number)} {text}" if paragraph_index == 0 else text)
    if writer.empty:
        raise no_text(path, KIND)
    return writer.extraction()


def _heading_styles(archive, path: Path) -> set[str]:
    """Ids of the paragraph styles that are headings: named so, or given an outline level."""
    if "word/styles.xml" not in archive.namelist():
        return {f"Heading{n}" for n in range(1, 10)} | {"Title"}
    styles = parse_xml(archive.read("word/styles.xml"), path, KIND)
    ids = set()
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        name = (name.get(f"{W}val") if name is not None else "").lower()
        if name.startswith("heading") or name == "title" or _outline_level(style.find(f"{W}pPr")):
            ids.add(style.get(f"{W}styleId"))
    return ids


_HEADING_LEVELS = frozenset("012345678")


def _outline_level(properties) -> bool:
    """Whether paragraph properties give a heading's outline level (0–8; Word writes 9 for body text)."""
    level = properties.find(f"{W}outlineLvl") if properties is not None else None
    return level is not None and level.get(f"{W}val") in _HEADING_LEVELS


def _notes(archive, name: str, path: Path) -> dict[str, list]:
    """Note id → its paragraphs; Word's separator notes (type separator, continuationSeparator) left out."""
    if name not in archive.namelist():
        return {}
    root = parse_xml(archive.read(name), path, KIND)
    return {note.get(f"{W}id"): list(note.iter(f"{W}p")) for note in root if note.get(f"{W}type") in (None, "normal")}


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _inside_note_or_deleted(paragraph) -> bool:
    """A deleted paragraph, or the copy of a text box Word keeps for old readers (mc:Fallback)."""
    return any(parent.tag in (f"{W}del", MC_FALLBACK) for parent in paragraph.iterancestors())


def _own_nodes(paragraph):
    """The paragraph's nodes, less those of a paragraph nested in it (a text box, read on its own)
    and of Word's fallback copies."""
    for child in paragraph:
        if child.tag in (f"{W}p", MC_FALLBACK):
            continue
        yield child
        yield from _own_nodes(child)


def _text(paragraph, order: list[tuple[str, str]]) -> str:
    parts = []
    for node in _own_nodes(paragraph):
        if node.tag == f"{W}t":  # w:delText (deleted) and w:instrText (field codes) are no text
            parts.append(node.text or "")
        elif node.tag in (f"{W}tab", f"{W}ptab"):
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            parts.append("\u2011")
        elif node.tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            order.append((node.tag[len(W) : -len("Reference")], node.get(f"{W}id")))
            parts.append(note_marker(len(order)))
    return "".join(parts)
