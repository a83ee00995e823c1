"""OpenDocument Text (.odt): ``content.xml`` read with lxml. Headings are ``text:h``; a footnote or
endnote (``text:note``) leaves a superscript number where it is anchored and its text comes after
the body, numbered in anchor order. Spaces written as ``text:s``, tabs and line breaks are kept."""

from __future__ import annotations

from pathlib import Path

from .base import HEADING, ExtractionWriter, no_text, note_marker, open_zip, parse_xml, zip_member

KIND = ".odt"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def read(path: Path, lang: str | None = None):
    archive = open_zip(path, KIND)
    root = parse_xml(zip_member(archive, "content.xml", path, KIND), path, KIND)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise no_text(path, KIND)
    notes: list = []  # each note's body, in anchor order
    writer = ExtractionWriter()
    for block in body.iter(f"{TEXT}p", f"{TEXT}h"):
        if any(parent.tag == f"{TEXT}note" for parent in block.iterancestors()):
            continue  # a note's paragraphs come after the body
        text = _text(block, notes)
        if block.tag == f"{TEXT}h":
            writer.line(text, HEADING)
        else:
            writer.paragraph(text)
    for number, note in enumerate(notes, start=1):
        for index, block in enumerate(note.iter(f"{TEXT}p", f"{TEXT}h")):
            text = _text(block, [])
            writer.paragraph(f"{note_marker(number)} {text}" if index == 0 else text)
    if writer.empty:
        raise no_text(path, KIND)
    return writer.extraction()


def _text(block, notes: list) -> str:
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == f"{TEXT}note":
                notes.append(child.find(f"{TEXT}note-body") if child.find(f"{TEXT}note-body") is not None else child)
                parts.append(note_marker(len(notes)))
            elif child.tag == f"{TEXT}s":
                parts.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
            elif child.tag == f"{TEXT}tab":
                parts.append(" ")
            elif child.tag == f"{TEXT}line-break":
                parts.append("\n")
            elif child.tag not in (f"{TEXT}p", f"{TEXT}h"):  # a nested paragraph is a block of its own
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(block)
    return "".join(parts)
