"""HTML (.html, .htm, .xhtml), and the walker the EPUB and Markdown readers share.

Block elements (``p``, ``li``, ``td``, ``blockquote``, …) are paragraphs, ``h1``–``h6`` headings,
``<br>`` a line break inside a paragraph; scripts, styles and the ``<head>`` are no text. A footnote
anchor printed as ``<sup>3</sup>`` (or a link with ``role="doc-noteref"``) becomes superscript digits,
which ingestion records as a note; the notes themselves stay where the page has them (usually a list
at its end), each a paragraph, less their back-links (``role="doc-backlink"``).
"""

from __future__ import annotations

from pathlib import Path

from .base import HEADING, ExtractionWriter, file_bytes, no_text, note_marker

KIND = ".html"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        *HEADINGS,
    }
)
NOT_TEXT = frozenset({"head", "script", "style", "template", "noscript", "svg", "math", "object", "iframe"})
BACK_LINK_ROLES = frozenset({"doc-backlink"})
NOTE_REF_ROLES = frozenset({"doc-noteref"})


def read(path: Path, lang: str | None = None):
    writer = ExtractionWriter()
    walk(parse_html(file_bytes(path)), writer)
    if writer.empty:
        raise no_text(path, KIND)
    return writer.extraction()


def parse_html(data: bytes):
    """The document tree; UTF-8 unless the page declares another charset (lxml reads its <meta>)."""
    import lxml.html

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return lxml.html.document_fromstring(data)
    if text.lstrip().startswith("<?xml"):
        text = text.split("?>", 1)[1]  # lxml takes no encoding declaration in a str
    return lxml.html.document_fromstring(text)


def _name(node) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction: no text, but its tail is
    return tag.rsplit("}", 1)[-1].lower()


def _role(node) -> set[str]:
    roles = set((node.get("role") or "").split())
    for key, value in node.attrib.items():
        if key.endswith("type") and "epub" in key:  # epub:type="noteref" and the like
            roles |= {f"doc-{word}" for word in value.split()}
    return roles


def walk(node, writer: ExtractionWriter) -> None:
    """Write the blocks under `node` (a block element) as paragraphs and headings, in order."""
    name = _name(node)
    if name in HEADINGS:
        writer.line(inline_text(node, inner=True), HEADING)
        return
    pending: list[str] = [node.text or ""]
    for child in node:
        child_name = _name(child)
        if child_name in BLOCKS:
            writer.paragraph("".join(pending))
            pending = []
            walk(child, writer)
        elif child_name not in NOT_TEXT:
            pending.append(inline_text(child, inner=True))
        pending.append(child.tail or "")
    writer.paragraph("".join(pending))


def inline_text(node, *, inner: bool = False) -> str:
    """The text of an inline element (its tail not included unless `inner` is False)."""
    name = _name(node)
    if name in NOT_TEXT or _role(node) & BACK_LINK_ROLES:
        return "" if inner else node.tail or ""
    if name == "br":
        text = "\n"
    elif name == "img":
        text = ""
    else:
        text = (node.text or "") + "".join(inline_text(child) for child in node)
        label = text.strip()
        is_ref = name == "sup" or _role(node) & NOTE_REF_ROLES
        if is_ref and 0 < len(label) <= 3 and label.translate(_FROM_SUPERSCRIPT).isdecimal():
            text = note_marker(label.translate(_FROM_SUPERSCRIPT))
    return text if inner else text + (node.tail or "")


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
