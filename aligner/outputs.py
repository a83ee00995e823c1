"""The output folder as one set of files: what the last build made of it, and what the next may remove.

Every build writes ``editions.json`` beside ``tmx/`` and ``tei/``: each text of the corpus with its
edition id (and the hash of its text), and every file the build wrote. The next build reads it so
that ids stay stable as a corpus grows (`aligner.ingest.corpus.edition_ids`) and so that the files
of an edition or a pair that no longer exists are removed, not left beside the new ones. Outputs
written before this file existed are recognised by their TEI editions (language and file name).

Nothing a person wrote is removed with them: a human English line or a link decision in a file
about to go, or a sidecar (``translations/<id>.en.tsv``) no edition reads any more, stops the build
with one line naming the file (`check_nothing_left_behind`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import FormatError, InputError
from .ingest.corpus import Document, KnownText

log = logging.getLogger(__name__)

MANIFEST = "editions.json"
#: the folders a build writes into; nothing outside them (and the manifest) is ever removed
OUTPUT_FOLDERS = ("alignments", "report", "segments", "tei", "tmx")
SIDECAR_FOLDER = "translations"


@dataclass
class Manifest:
    texts: list[KnownText] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)


def manifest_json(texts: list[KnownText], outputs: list[str]) -> str:
    """What ``editions.json`` holds: the texts by id, and the outputs, sorted (byte-identical rebuilds)."""
    data = {"editions": [{"id": t.id, "lang": t.lang, "text": t.path, "hash": t.hash}
                         for t in sorted(texts, key=lambda t: t.id)],
            "outputs": sorted(set(outputs) | {MANIFEST})}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_manifest(out: Path) -> Manifest | None:
    path = out / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        texts = [KnownText(e["id"], e["lang"], e["text"], e.get("hash", "")) for e in data["editions"]]
        outputs = [str(name) for name in data["outputs"]]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise FormatError(f"cannot read the list of editions and outputs ({type(exc).__name__}: {exc})", path=path,
                          fix="restore it from a backup, or delete it (new texts then get ids from their names "
                          "and old outputs are left in place)") from None
    return Manifest(texts, [name for name in outputs if is_output_name(name)])


def is_output_name(name: str) -> bool:
    """Whether `name` (relative, from a manifest) is a file a build may have written: inside one of
    the output folders, or the manifest itself; never a sidecar, never outside the output folder."""
    parts = PurePosixPath(name).parts
    if name == MANIFEST:
        return True
    return len(parts) == 2 and parts[0] in OUTPUT_FOLDERS and parts[1] not in ("", ".", "..")


def previous_build(out: Path, documents: list[Document]) -> Manifest:
    """What the last build left in `out`: its manifest, or for outputs older than manifests, the
    texts recognised from their TEI editions (outputs are then not removed: none is listed)."""
    manifest = read_manifest(out)
    if manifest is not None:
        return manifest
    return Manifest(_texts_from_tei(out, documents), [])


def _texts_from_tei(out: Path, documents: list[Document]) -> list[KnownText]:
    from lxml import etree

    from .formats.tei import TEI_NS, XML_NS

    by_name: dict[tuple[str, str], list[Document]] = {}
    for document in documents:
        by_name.setdefault((document.lang, document.path.name), []).append(document)
    texts = []
    for path in sorted((out / "tei").glob("*.xml")) if (out / "tei").is_dir() else []:
        try:
            root = etree.parse(str(path)).getroot()
        except (OSError, etree.XMLSyntaxError):
            continue
        if root.tag != f"{{{TEI_NS}}}TEI":
            continue
        lang = root.get(f"{{{XML_NS}}}lang")
        name = root.findtext(f".//{{{TEI_NS}}}sourceDesc//{{{TEI_NS}}}idno[@type='file']")
        matches = by_name.get((lang, name), [])
        if len(matches) == 1:
            texts.append(KnownText(path.stem, lang, matches[0].corpus_path))
    return texts


def check_nothing_left_behind(out: Path, ids: set[str], removed: list[str], *, sidecars: bool = True) -> None:
    """Stop, naming the file, where a person's work would be lost: a sidecar of an edition id that no
    text has now (`ids`: the ids of this build), or a human line or link decision in an output about
    to be removed."""
    folder = out / SIDECAR_FOLDER
    for path in sorted(folder.glob("*.en.tsv")) if sidecars and folder.is_dir() else []:
        ident = path.name[: -len(".en.tsv")]
        if ident not in ids:
            raise InputError(f"no text has the edition id {ident!r} any more, so these human English lines "
                             "would be read by nothing", path=path,
                             fix=f"rename the file after its text's id ({', '.join(sorted(ids))}; see {MANIFEST}), "
                             "put the text back, or move the file out of translations/")
    for name in removed:
        found = _person_work(out / name)
        if found:
            raise InputError(f"holds {found} of an edition or pair no longer in the corpus, and this build would "
                             "remove it", path=out / name,
                             fix=f"put the text back (under its old name, see {MANIFEST}), or move this file out of "
                             "the output folder to keep it aside")


def _person_work(path: Path) -> str | None:
    """What a person wrote in an output the build reads back: human English lines in an edition's TEI
    or English-layer TM, link decisions and English edited in a pair's TEI (the human lines the
    editions' English there carries unedited are copies of lines kept elsewhere: they do not count)."""
    from lxml import etree

    from .formats.tei import TEI_NS, read_edition, read_edition_lines, read_links
    from .formats.tmx import human_lines_from_tmx

    if not path.is_file():
        return None
    if path.suffix == ".tmx":
        lines = human_lines_from_tmx(path)
        return f"{len(lines)} human English line(s) ({', '.join(line.sentence_id or '?' for line in lines[:3])})" \
            if lines else None
    if path.suffix != ".xml":
        return None
    try:
        pair = etree.parse(str(path)).getroot().tag == f"{{{TEI_NS}}}teiCorpus"
    except (OSError, etree.XMLSyntaxError):
        pair = False  # read_edition names the problem
    if pair:
        decisions = [d for d in read_links(path) if d.status != "auto"]
        edits = [read.line for read in read_edition_lines(path) if read.edited]
        found = ([f"{len(decisions)} link decision(s) (accepted or rejected)"] if decisions else []) + (
            [f"{len(edits)} English line(s) edited ({', '.join(line.sentence_id for line in edits[:3])})"]
            if edits else [])
        return " and ".join(found) or None
    lines = read_edition(path)
    return f"{len(lines)} human English line(s) ({', '.join(line.sentence_id for line in lines[:3])})" \
        if lines else None
