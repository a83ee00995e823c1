"""Human English lines from a sidecar file: ``translations/<edition>.en.tsv``.

One line per sentence, tab-separated: sentence id, source hash (the ``hash`` that ``aligner segment
--format jsonl`` prints; may be left empty), the English, the translator, and optionally the date
(YYYY-MM-DD). Lines starting with ``#`` are comments. A translator edits this file in any
spreadsheet; `aligner build` never writes to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..document import EnglishLine, Provenance
from ..errors import FormatError
from ..formats.xmltext import xml_forbidden

HEADER = "# sentence id\tsource hash\tEnglish\ttranslator\tdate\n"


@dataclass(frozen=True)
class ReadLine:
    """A human English line read back from a file, and whether a person wrote or changed it in that
    file since the last build wrote it (`edited`). A sidecar's lines always count as edited: the build
    never writes that file. An unedited line is a copy the last build carried over."""

    line: EnglishLine
    path: Path
    edited: bool


def merge_human_lines(found: list[ReadLine]) -> list[EnglishLine]:
    """One human line per sentence from every copy read back (the sidecar, the English-layer TM, the
    TEI edition): an edit beats a carried-over copy, and two different edits of one sentence stop the
    build with one line naming both files, since keeping one would silently drop the other."""
    by_sentence: dict[str, list[ReadLine]] = {}
    for read in found:
        by_sentence.setdefault(read.line.sentence_id, []).append(read)
    lines = []
    for sentence_id in sorted(by_sentence):
        copies = by_sentence[sentence_id]
        edits = [read for read in copies if read.edited]
        texts = list(dict.fromkeys(read.line.text for read in edits))
        if len(texts) > 1:
            first, second = (next(read for read in edits if read.line.text == text) for text in texts[:2])
            raise FormatError(f"two different human English lines for {sentence_id}: {first.line.text!r} here and "
                              f"{second.line.text!r} in {second.path}", path=first.path,
                              fix="keep one: make both files say the same, or undo one of the edits")
        # later copies win among equals: the sidecar (read last) is the translator's own file
        lines.append((edits or copies)[-1].line)
    return lines


def human_provenance(translator: str, date: str | None = None) -> Provenance:
    return Provenance(kind="human", engine="human", translator=translator or "unknown", date=date or None)


def read_sidecar(path: Path | str) -> list[EnglishLine]:
    return [read.line for read in read_sidecar_lines(path)]


def read_sidecar_lines(path: Path | str) -> list[ReadLine]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("the translations file is not UTF-8", path=path, fix="save it as UTF-8") from None
    except OSError as exc:
        raise FormatError(f"cannot read the translations file ({exc.strerror})", path=path) from None
    lines = []
    for number, row in enumerate(text.split("\n"), 1):  # not splitlines(): a vertical tab ends no row here
        row = row.removesuffix("\r")
        if not row.strip() or row.startswith("#"):
            continue
        forbidden = xml_forbidden(row)
        if forbidden:
            char = f"U+{ord(row[forbidden[0]]):04X}, column {forbidden[0] + 1}"
            raise FormatError(f"line {number} holds a character the TMX and TEI outputs cannot ({char})", path=path,
                              fix="delete that character")
        fields = row.split("\t")
        if len(fields) < 4 or not fields[0].strip() or not fields[2].strip():
            raise FormatError(f"line {number} needs sentence id, source hash, English, translator separated by tabs",
                              path=path, fix="fix that line or delete it")
        date = fields[4].strip() if len(fields) > 4 else None
        lines.append(ReadLine(EnglishLine(fields[0].strip(), fields[2].strip(),
                                          human_provenance(fields[3].strip(), date), fields[1].strip()),
                              path, edited=True))
    return lines


def sidecar_path(folder: Path | str, edition_id: str) -> Path:
    return Path(folder) / f"{edition_id}.en.tsv"
