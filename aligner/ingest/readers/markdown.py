"""Markdown (.md): rendered to HTML by markdown-it-py (CommonMark) and read as HTML; footnotes in
the common ``[^label]`` syntax (which CommonMark lacks) become numbered anchors and the notes'
text paragraphs after the body, as the other readers write them."""

from __future__ import annotations

import re
from pathlib import Path

from ..decode import read_text
from .base import ExtractionWriter, no_text
from .html import parse_html, walk

KIND = ".md"
_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?:[ \t]{2,}|\t).*)*)", re.M)
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")


def read(path: Path, lang: str | None = None):
    from markdown_it import MarkdownIt

    text = read_text(path)
    definitions = {label: body for label, body in _DEFINITION.findall(text)}
    text = _DEFINITION.sub("", text)
    order: list[str] = []

    def anchor(match: re.Match) -> str:
        if match.group(1) not in definitions:
            return match.group(0)
        order.append(match.group(1))
        return f"<sup>{len(order)}</sup>"

    body = _REFERENCE.sub(anchor, text)
    page = MarkdownIt("commonmark", {"html": True}).render(body)
    page += "".join(
        f"<p><sup>{number}</sup> {MarkdownIt('commonmark').renderInline(definitions[label])}</p>"
        for number, label in enumerate(order, start=1)
    )
    writer = ExtractionWriter()
    walk(parse_html(page.encode("utf-8")), writer)
    if writer.empty:
        raise no_text(path, KIND)
    return writer.extraction()
