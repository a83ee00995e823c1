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

import itertools
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import FormatError, InputError
from .ingest.corpus import CorpusFile, KnownText
from .io import STAGING

log = logging.getLogger(__name__)

MANIFEST = "editions.json"
SIDECAR_FOLDER = "translations"


class OutputLayout:
    """Every file a build writes under --out, and the sidecar it reads, by name rule: the one place
    an output path is spelled. Build, review, clean-up and `aligner build --help` all ask it.

    Edition ids (``hi``, ``hi-chapter1``) and pairs (``hi``, ``th``) give the names; a name is
    relative to `root` (``OutputLayout()`` gives relative names, for manifests)."""

    #: the folders a build writes into; nothing outside them (and the manifest) is ever removed
    FOLDERS = ("alignments", "report", "segments", "tei", "tmx")

    def __init__(self, root: Path | str | None = None):
        self.root = PurePosixPath() if root is None else Path(root)

    def segments(self, edition: str) -> Path:
        return self.root / "segments" / f"{edition}.jsonl"

    def extraction(self, edition: str) -> Path:
        """The plain text a .pdf, .docx, .odt, .html, .epub or .md text was read as: its segments'
        spans point into it (a .txt is its own, `aligner.ingest.readers.writes_extraction`)."""
        return self.root / "segments" / f"{edition}.txt"

    def alignment(self, a: str, b: str) -> Path:
        return self.root / "alignments" / f"{a}-{b}.json"

    def edition_tei(self, edition: str) -> Path:
        return self.root / "tei" / f"{edition}.xml"

    def pair_tei(self, a: str, b: str) -> Path:
        return self.root / "tei" / f"{a}-{b}.xml"

    def layer_tm(self, edition: str) -> Path:
        return self.root / "tmx" / f"{edition}-en.tmx"

    def pair_tm(self, a: str, b: str, layer_editions: Iterable[str] = ()) -> Path:
        """``tmx/<a>-<b>.tmx``, or ``tmx/<a>-<b>.pair.tmx`` where that is the name of an English layer
        (`layer_editions`: the editions that have one; a German text paired with an English one:
        ``tmx/de-en.tmx`` is the German text's English layer)."""
        name = self.root / "tmx" / f"{a}-{b}.tmx"
        layers = {self.layer_tm(edition) for edition in layer_editions}
        return self.root / "tmx" / f"{a}-{b}.pair.tmx" if name in layers else name

    def report_page(self, a: str, b: str) -> Path:
        return self.root / "report" / f"{a}-{b}.html"

    def similarity_png(self, a: str, b: str) -> Path:
        return self.root / "report" / f"{a}-{b}-similarity.png"

    def report_index(self) -> Path:
        return self.root / "report" / "index.html"

    def manifest(self) -> Path:
        return self.root / MANIFEST

    def sidecar(self, edition: str) -> Path:
        return self.root / SIDECAR_FOLDER / f"{edition}.en.tsv"

    def sidecars(self) -> dict[str, Path]:
        """The sidecars in the folder, by the edition id their name gives."""
        folder = self.root / SIDECAR_FOLDER
        suffix = self.sidecar("").name
        return (
            {path.name[: -len(suffix)]: path for path in sorted(folder.glob(f"*{suffix}"))} if folder.is_dir() else {}
        )

    def staging(self) -> Path:
        return self.root / STAGING

    def excluded_from_corpus(self) -> tuple[Path, ...]:
        """What a corpus folder that holds --out must not read as texts."""
        return tuple(self.root / name for name in (*self.FOLDERS, SIDECAR_FOLDER, STAGING))

    @staticmethod
    def has_english_layer(lang: str) -> bool:
        """A text in English is its own English layer: it gets no layer TM."""
        return lang != "en"

    def names(self, editions: list[tuple[str, str]], extracted: Iterable[str] = ()) -> set[str]:
        """The files (relative names) a build of editions (id, language), in corpus order, writes:
        known before any work, so that clean-up can be checked first. `extracted`: the editions read
        from a format that is no plain text, whose extraction is written too."""
        relative = OutputLayout()
        layers = [ident for ident, lang in editions if self.has_english_layer(lang)]
        names = {relative.manifest(), *(relative.layer_tm(ident) for ident in layers)}
        names |= {relative.extraction(ident) for ident in extracted}
        for ident, _ in editions:
            names |= {relative.segments(ident), relative.edition_tei(ident)}
        pairs = [(a, b) for (a, lang_a), (b, lang_b) in itertools.combinations(editions, 2) if lang_a != lang_b]
        for a, b in pairs:
            names |= {
                relative.alignment(a, b),
                relative.pair_tm(a, b, layers),
                relative.pair_tei(a, b),
                relative.report_page(a, b),
                relative.similarity_png(a, b),
            }
        if pairs:
            names.add(relative.report_index())
        return {name.as_posix() for name in names}


#: What each output is, by the pattern of its name: `aligner build --help` prints it and the
#: README's table holds the same rows (a test compares them with these and with a real build).
OUTPUTS = (
    (
        "tmx/<a>-<b>.tmx",
        "translation memory of the aligned pair: load it in OmegaT, memoQ or Trados "
        "(x-aligner-mode=comparable marks thematic links); tmx/<a>-en.pair.tmx for a pair with the English "
        "text `en`",
    ),
    (
        "tmx/<lang>-en.tmx",
        "each sentence with its English line; the line's origin (machine, gloss, human) "
        "is a prop: edit the English here, the rebuild keeps it (none for a text in English)",
    ),
    (
        "tei/<lang>.xml",
        "the text as a TEI P5 edition: divisions, paragraphs, sentences with ids, page "
        "breaks, notes, running headers, and the English layer",
    ),
    ("tei/<a>-<b>.xml", "both editions plus the alignment links with their scores and review decisions (TEI)"),
    (
        "segments/<lang>.jsonl",
        "every sentence, heading, footnote marker and page-furniture line, with its "
        "stable id (th.p12.s3), its span in the source file and its hash",
    ),
    (
        "segments/<lang>.txt",
        "the plain text a .pdf, .docx, .odt, .html, .epub or .md text was read as: the "
        "spans of its segments point into it (a .txt is its own)",
    ),
    (
        "alignments/<a>-<b>.json",
        "the links: mode, a 0-1 score per link, the sentence pairs behind each "
        "thematic link and a reason, each passage's best candidates, the sentences left unmatched (and those "
        "a person said have no counterpart), the signature (version, parameters)",
    ),
    ("report/<a>-<b>.html", "review page for any browser: both texts side by side, every link with its score"),
    ("report/<a>-<b>-similarity.png", "the similarity matrix with the chosen links drawn on it"),
    ("report/index.html", "the review pages of all pairs"),
    (
        "editions.json",
        "each text's edition id and the files written: the next build keeps the ids, and "
        "removes the outputs of texts taken out of the corpus",
    ),
    (
        "translations/<lang>.en.tsv",
        "(you or `aligner review` write it) human English lines: id, source "
        "hash, English, translator, date, and `withdrawn` for a line taken back; they win over machine and "
        "gloss lines",
    ),
)


@dataclass
class Manifest:
    texts: list[KnownText] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)


def manifest_json(texts: list[KnownText], outputs: list[str]) -> str:
    """What ``editions.json`` holds: the texts by id, and the outputs, sorted (byte-identical rebuilds)."""
    data = {
        "editions": [
            {"id": t.id, "lang": t.lang, "text": t.path, "hash": t.hash} for t in sorted(texts, key=lambda t: t.id)
        ],
        "outputs": sorted(set(outputs) | {MANIFEST}),
    }
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
        raise FormatError(
            f"cannot read the list of editions and outputs ({type(exc).__name__}: {exc})",
            path=path,
            fix="restore it from a backup, or delete it (new texts then get ids from their names "
            "and old outputs are left in place)",
        ) from None
    return Manifest(texts, [name for name in outputs if is_output_name(name)])


def is_output_name(name: str) -> bool:
    """Whether `name` (relative, from a manifest) is a file a build may have written: inside one of
    the output folders, or the manifest itself; never a sidecar, never outside the output folder."""
    parts = PurePosixPath(name).parts
    if name == MANIFEST:
        return True
    return len(parts) == 2 and parts[0] in OutputLayout.FOLDERS and parts[1] not in ("", ".", "..")


def previous_build(out: Path, documents: list[CorpusFile]) -> Manifest:
    """What the last build left in `out`: its manifest, or for outputs older than manifests, the
    texts recognised from their TEI editions (outputs are then not removed: none is listed)."""
    manifest = read_manifest(out)
    if manifest is not None:
        return manifest
    return Manifest(_texts_from_tei(out, documents), [])


def _texts_from_tei(out: Path, documents: list[CorpusFile]) -> list[KnownText]:
    from lxml import etree

    from .formats.tei import TEI_NS, XML_NS

    by_name: dict[tuple[str, str], list[CorpusFile]] = {}
    for document in documents:
        by_name.setdefault((document.lang, document.path.name), []).append(document)
    texts = []
    folder = OutputLayout(out).edition_tei("x").parent
    for path in sorted(folder.glob("*.xml")) if folder.is_dir() else []:
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
    for ident, path in OutputLayout(out).sidecars().items() if sidecars else ():
        if ident not in ids:
            raise InputError(
                f"no text has the edition id {ident!r} any more, so these human English lines would be read by nothing",
                path=path,
                fix=f"rename the file after its text's id ({', '.join(sorted(ids))}; see {MANIFEST}), "
                "put the text back, or move the file out of translations/",
            )
    for name in removed:
        found = _person_work(out / name)
        if found:
            raise InputError(
                f"holds {found} of an edition or pair no longer in the corpus, and this build would remove it",
                path=out / name,
                fix=f"put the text back (under its old name, see {MANIFEST}), or move this file out of "
                "the output folder to keep it aside",
            )


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
        return (
            f"{len(lines)} human English line(s) ({', '.join(line.sentence_id or '?' for line in lines[:3])})"
            if lines
            else None
        )
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
            if edits
            else []
        )
        return " and ".join(found) or None
    lines = read_edition(path)
    return (
        f"{len(lines)} human English line(s) ({', '.join(line.sentence_id for line in lines[:3])})" if lines else None
    )
