"""Reading a file as text: UTF-8 (with or without BOM) and UTF-16 with BOM; anything else is refused.

The text is the file's characters (after a BOM): spans in it are positions in the file as an editor
counts characters, whatever its line ends.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError

_LONE_CR = re.compile(r"\r(?!\n)")
_FIX_ENCODING = "save it as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8 FILE > FILE.utf8`)"


def decode_bytes(data: bytes, path: str | Path) -> str:
    """The text of `data`, or an InputError naming `path` and the fix."""
    if not data.strip():
        raise InputError("the file is empty", path=path, fix="give a file with text in it")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
        if b"\x00" in data:
            try:
                _refuse_stray_nuls(data.decode("utf-8"), path)
            except UnicodeDecodeError:
                pass
            unmarked = _utf16_without_bom(data)
            if unmarked:
                name = unmarked.upper().replace("-LE", "LE").replace("-BE", "BE")
                raise InputError(
                    f"this looks like {name} text without a byte-order mark, which aligner does not guess",
                    path=path,
                    fix=f"save it as UTF-8 (e.g. `iconv -f {name} -t UTF-8 FILE > FILE.utf8`)",
                )
            raise InputError("this is a binary file, not text", path=path, fix="give a plain-text file (UTF-8)")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding.upper()} (byte {exc.start} is {data[exc.start : exc.start + 1]!r})",
            path=path,
            fix=_FIX_ENCODING,
        ) from None
    _refuse_stray_nuls(text, path)
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise InputError("this is a binary file, not text", path=path, fix="give a plain-text file (UTF-8)")
    if not text.strip():
        raise InputError("the file holds only white space", path=path, fix="give a file with text in it")
    # CRLF stays (ingestion reads the CR as the end of its line), so that spans are positions in the
    # file's text; a lone CR (old Mac files) becomes LF, one character for one.
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def _refuse_stray_nuls(text: str, path: str | Path) -> None:
    """A text with a few NUL characters in it (a bad copy, a tool's padding) is named as such, with
    the fix: not taken for UTF-16, whose Latin letters make every other byte a zero."""
    count = text.count("\x00")
    if count and 10 * count < len(text) and _control_ratio(text.replace("\x00", "")) <= 0.05:
        first = text.index("\x00")
        line = text.count("\n", 0, first) + 1
        raise InputError(
            f"{count} NUL character(s) in the text (the first on line {line}), which no text holds",
            path=path,
            fix="remove them (e.g. `tr -d '\\000' < FILE > FILE.clean`) and check what is around them",
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `data` reads as text in it: every zero byte on one side of its
    pairs (the high byte of a Latin letter, a digit, a space or a line end) and the text decodes."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    encoding = "utf-16-le" if odd and not even else "utf-16-be" if even and not odd else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if "\x00" not in text and _control_ratio(text) <= 0.05 else None


def _control_ratio(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(1, len(text))


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or one line saying why they cannot be had."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path, fix="check the path") from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file", path=path, fix="name a text file") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=path, fix="check its permissions") from None


def read_text(path: str | Path) -> str:
    return decode_bytes(read_bytes(path), Path(path))
