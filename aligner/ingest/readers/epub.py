"""EPUB (2 and 3): the zip's package document (``META-INF/container.xml`` → the OPF) gives the
reading order (the spine); each XHTML document in it is read as HTML (`html.walk`). A book locked
by DRM (``META-INF/encryption.xml`` naming content files) cannot be read and says so."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

from ...errors import InputError
from .base import ExtractionWriter, no_text, open_zip, parse_xml, zip_member
from .html import parse_html, walk

KIND = ".epub"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OPF = "{http://www.idpf.org/2007/opf}"
ENCRYPTION = "{http://www.w3.org/2001/04/xmlenc#}"


def read(path: Path, lang: str | None = None):
    archive = open_zip(path, KIND)
    container = parse_xml(zip_member(archive, "META-INF/container.xml", path, KIND), path, KIND)
    rootfile = container.find(f".//{CONTAINER}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise InputError(
            "this .epub names no package document in META-INF/container.xml",
            path=path,
            fix="save it again from its e-book program, or export it as .txt",
        )
    opf_name = rootfile.get("full-path")
    package = parse_xml(zip_member(archive, opf_name, path, KIND), path, KIND)
    base = posixpath.dirname(opf_name)
    manifest = {
        item.get("id"): posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        for item in package.iter(f"{OPF}item")
    }
    locked = _encrypted(archive, path)
    writer = ExtractionWriter()
    for itemref in package.iter(f"{OPF}itemref"):
        name = manifest.get(itemref.get("idref"))
        if name is None:
            continue
        if name in locked:
            raise InputError(
                "this .epub is locked by DRM (its text is encrypted)",
                path=path,
                fix="export its text from the program it was bought for, or use a copy without DRM",
            )
        walk(parse_html(zip_member(archive, name, path, KIND)), writer)
    if writer.empty:
        raise no_text(path, KIND)
    return writer.extraction()


def _encrypted(archive, path: Path) -> set[str]:
    """The files META-INF/encryption.xml says are encrypted (fonts obfuscated this way are no text)."""
    if "META-INF/encryption.xml" not in archive.namelist():
        return set()
    root = parse_xml(archive.read("META-INF/encryption.xml"), path, KIND)
    return {unquote(ref.get("URI", "")) for ref in root.iter(f"{ENCRYPTION}CipherReference")}
