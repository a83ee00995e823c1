"""Characters XML 1.0 cannot hold, decided once for every XML output (TMX, TEI).

A source text may carry C0 control characters (a vertical tab, an escape, a form feed from PDF
extraction) or the non-characters U+FFFE/U+FFFF. They stay in the document model, its spans and the
JSON outputs, as they are in the source. XML 1.0 has no way to write them (not even as ``&#x1;``), so
the XML writers put each control character's Unicode control picture in its place (U+000B → ␋,
U+0001 → ␁) and U+FFFD for the non-characters; `aligner build` says so once per file at ingestion.
Hashes that decide on reading back whether a line was edited are taken of the text as written.
"""

from __future__ import annotations

import regex

_FORBIDDEN = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")


def _replacement(match) -> str:
    char = match.group()
    return chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\ufffd"


def xml_safe(text: str) -> str:
    """`text` as the XML outputs write it (unchanged unless it holds a character XML 1.0 forbids)."""
    return _FORBIDDEN.sub(_replacement, text) if _FORBIDDEN.search(text) else text


def xml_forbidden(text: str) -> list[int]:
    """Positions of the characters XML 1.0 cannot hold."""
    return [m.start() for m in _FORBIDDEN.finditer(text)]
