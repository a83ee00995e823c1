"""Human English lines from a sidecar file: ``translations/<edition>.en.tsv``.

One line per sentence, tab-separated: sentence id, source hash (the ``hash`` that ``aligner segment
--format jsonl`` prints; may be left empty), the English, the translator, and optionally the date
(YYYY-MM-DD). Lines starting with ``#`` are comments. A translator edits this file in any
spreadsheet; `aligner build` never writes to it.
"""

from __future__ import annotations

from pathlib import Path

from ..document import EnglishLine, Provenance
from ..errors import FormatError

HEADER = "# sentence id\tsource hash\tEnglish\ttranslator\tdate\n"


def human_provenance(translator: str, date: str | None = None) -> Provenance:
    return Provenance(kind="human", engine="human", translator=translator or "unknown", date=date or None)


def read_sidecar(path: Path | str) -> list[EnglishLine]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("the translations file is not UTF-8", path=path, fix="save it as UTF-8") from None
    except OSError as exc:
        raise FormatError(f"cannot read the translations file ({exc.strerror})", path=path) from None
    lines = []
    for number, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if len(fields) < 4 or not fields[0].strip() or not fields[2].strip():
            raise FormatError(f"line {number} needs sentence id, source hash, English, translator separated by tabs",
                              path=path, fix="fix that line or delete it")
        date = fields[4].strip() if len(fields) > 4 else None
        lines.append(EnglishLine(fields[0].strip(), fields[2].strip(),
                                 human_provenance(fields[3].strip(), date), fields[1].strip()))
    return lines


def sidecar_path(folder: Path | str, edition_id: str) -> Path:
    return Path(folder) / f"{edition_id}.en.tsv"
