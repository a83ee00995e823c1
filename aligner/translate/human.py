"""Human English lines from a sidecar file: ``translations/<edition>.en.tsv``; and every human
line read back (from it and from the last build's TMX and TEI) put on its sentence (`place_lines`)
and merged into one a sentence (`merge_human_lines`).

One line per sentence, tab-separated: sentence id, source hash (the ``hash`` that ``aligner segment
--format jsonl`` prints; may be left empty, but with it the line follows its sentence when the text
changes around it), the English, the translator, and optionally the date (YYYY-MM-DD) and a status:
`WITHDRAWN` says the person took that line back (to the machine or gloss line), so that the copies
the last build carried in its TMX and TEI do not bring it back. Lines starting with ``#`` are
comments. A translator edits this file in any spreadsheet; `aligner build` never writes to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from ..document import Edition, EnglishLine, Provenance
from ..errors import FormatError, InputError
from ..xmltext import xml_forbidden, xml_safe

log = logging.getLogger(__name__)

HEADER = "# sentence id\tsource hash\tEnglish\ttranslator\tdate\n"
#: the sixth column of a sidecar row whose line a person withdrew
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class ReadLine:
    """A human English line read back from a file, and whether a person wrote or changed it in that
    file since the last build wrote it (`edited`). A sidecar's lines always count as edited: the build
    never writes that file. An unedited line is a copy the last build carried over.

    `where` says where in the file it is (``line 3``, ``unit 12``), for messages. A unit of a TM that
    a CAT tool wrote back without our ids has no sentence id (``""``): `source`, the text of its
    source segment, places it. `unmarked`: the tool also dropped our props, so nothing tells an edit
    from a copy of what the build wrote (`place_lines` compares it with what the build wrote)."""

    line: EnglishLine
    path: Path
    edited: bool
    where: str = ""
    source: str | None = None
    unmarked: bool = False
    #: a sidecar row saying the person withdrew this line (`WITHDRAWN`): no human line for the sentence
    withdrawn: bool = False


def place_lines(
    found: list[ReadLine],
    edition: Edition,
    before: list[tuple[str, str, str]],
    written: dict[str, set[str]] | None = None,
) -> list[ReadLine]:
    """Every line read back, on the sentence it was written for in this build's numbering: a line
    names a sentence by the id the last build gave it (`before`: that build's sentence ids, text
    hashes and texts) and by the hash of the text it was written for, and follows it when the text
    around it changed (`aligner.anchor`); a unit without an id, by its source text (repeated texts
    in the file's order). An unmarked line (no props left) is an edit only where its English is
    none of the lines the last build wrote for that source text (`written`, by source text; None:
    unknown, then every unmarked line counts).

    Nothing is dropped or moved silently: a line whose sentence is gone, a unit whose source text no
    sentence has (or several, in other numbers), and a sidecar line without a source hash whose id
    now names another sentence stop the build with one line naming the file and the fix; lines that
    follow their sentence to a new id are logged."""
    from ..anchor import GONE, SentenceMap

    sentences = list(edition.sentences())
    anchors = SentenceMap.of(before, edition)
    by_text: dict[str, list[str]] = {}
    for sentence in sentences:
        by_text.setdefault(_plain(sentence.text), []).append(sentence.id)
    hashes = {s.id: s.hash for s in sentences}
    placed: list[ReadLine] = []
    gone: list[ReadLine] = []
    unplaced: list[ReadLine] = []
    moved: list[tuple[ReadLine, str]] = []
    without_id: dict[str, list[ReadLine]] = {}
    # Where the last build put the lines written for each text: its outputs use its own numbering,
    # while a sidecar keeps the ids of whenever its lines were written.
    carried: dict[str, set[str]] = {}
    for read in found:
        if not _from_sidecar(read) and read.line.sentence_id and read.line.source_hash:
            carried.setdefault(read.line.source_hash, set()).add(read.line.sentence_id)
    for read in found:
        ident = read.line.sentence_id
        if not ident or (read.source is not None and ident not in anchors.before and ident not in anchors.now_index):
            # no id, or a CAT tool's own unit number (no id of ours): its source text places it
            without_id.setdefault(_plain(read.source or ""), []).append(read)
            continue
        made_for = read.line.source_hash
        if (
            _from_sidecar(read)
            and made_for
            and made_for not in anchors.by_hash
            and anchors.before.get(ident) != made_for
            and len(carried.get(made_for, ())) == 1
        ):
            # its text is gone (changed) and its id may be of an older numbering: the last build
            # already placed it, and its copy there says where
            [ident] = carried[made_for]
        where = anchors.place(ident, made_for)
        if where.how == GONE:
            gone.append(read)
            continue
        if where.sentence_id != read.line.sentence_id:
            if not read.line.source_hash:
                # Only the last build's record tells which sentence the id meant, and this build
                # replaces that record: the next one would read the id in the new numbering.
                old = anchors.before[read.line.sentence_id]
                now = hashes.get(read.line.sentence_id)
                raise InputError(
                    f"{read.where or 'a line'} ({read.line.sentence_id}) gives no source hash, and "
                    f"the sentence that id named at the last build is now {where.sentence_id}",
                    path=read.path,
                    fix=f"write its source hash, {old}, in the second column: the line "
                    "then follows its sentence"
                    + (
                        f" (or {now}, the hash of the sentence {read.line.sentence_id} names now, to keep it there)"
                        if now
                        else ""
                    ),
                )
            moved.append((read, where.sentence_id))
        placed.append(replace(read, line=replace(read.line, sentence_id=where.sentence_id)))
    for text, reads in without_id.items():
        candidates = by_text.get(text, []) if text else []
        if len(candidates) == len(reads) or len(candidates) == 1:
            for read, ident in zip(reads, candidates * len(reads) if len(candidates) == 1 else candidates):
                # matched by its text: written for the sentence as it is
                placed.append(replace(read, line=replace(read.line, sentence_id=ident, source_hash=hashes[ident])))
        else:
            unplaced += reads
    if written is not None:
        # A copy of what the last build wrote is no edit and no human line. Left out only now: units
        # with a repeated source text are placed in order, copies and edits alike.
        known: dict[str, set[str]] = {}
        for source, english in written.items():
            known.setdefault(_plain(source), set()).update(_plain(line) for line in english)

        def copied(read: ReadLine) -> bool:
            return read.unmarked and _plain(read.line.text) in known.get(_plain(read.source or ""), set())

        placed, gone, unplaced = ([read for read in reads if not copied(read)] for reads in (placed, gone, unplaced))
        moved = [(read, ident) for read, ident in moved if not copied(read)]
    if gone:
        ids = sorted({read.line.sentence_id for read in gone})
        files = list(dict.fromkeys(read.path for read in gone))
        also = f"; they are also in {', '.join(str(p) for p in files[1:])}" if len(files) > 1 else ""
        raise InputError(
            f"human English line(s) for {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}, "
            f"a sentence {edition.source} does not have{also}",
            path=files[0],
            fix=f"correct the id (segments/{edition.id}.jsonl lists them), move the line to the sentence "
            "it translates now, or delete it",
        )
    if unplaced:
        read = unplaced[0]
        several = len(by_text.get(_plain(read.source or ""), [])) > 1
        more = f" and {len(unplaced) - 1} more" if len(unplaced) > 1 else ""
        raise InputError(
            f"{read.where or 'a unit'} (source {_excerpt(read.source)}){more}: no sentence id, and "
            f"{'several sentences' if several else 'no sentence'} of {edition.source} "
            f"{'have' if several else 'has'} that source text, so its English {read.line.text!r} cannot "
            "be placed",
            path=read.path,
            fix="put back its source text as the build wrote it, or give the unit its sentence id "
            f"(tuid; segments/{edition.id}.jsonl lists them), or delete the unit",
        )
    if moved:
        log.info(
            "%s: %d human English line(s) follow their sentence to its new id (%s)",
            edition.id,
            len(moved),
            _moves([(read.line.sentence_id, ident) for read, ident in moved]),
        )
        # the build rewrites its own outputs with the new ids, never the translator's sidecar
        for path in dict.fromkeys(read.path for read, _ in moved if _from_sidecar(read)):
            log.warning(
                "%s: its lines name sentences by old ids (%s); they follow their source hash, but put the new "
                "ids in the file (segments/%s.jsonl lists them)",
                path,
                _moves(
                    [(f"{read.where} {read.line.sentence_id}", ident) for read, ident in moved if read.path == path]
                ),
                edition.id,
            )
    return placed


def _from_sidecar(read: ReadLine) -> bool:
    return read.path.name.endswith(".en.tsv")


def _moves(moves: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{old} → {new}" for old, new in moves[:5])
    return shown + (f" and {len(moves) - 5} more" if len(moves) > 5 else "")


def _plain(text: str) -> str:
    """Text compared across tools: as XML holds it, runs of white space as one space."""
    return " ".join(xml_safe(text).split())


def _excerpt(text: str | None) -> str:
    return repr(text if text is None or len(text) <= 40 else text[:40] + "…")


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
        withdrawn = {read.line.text for read in copies if read.withdrawn}
        if withdrawn:
            # A withdrawal takes back the line and every copy the last build carried; only an edit
            # made since, to another English, is a new line.
            copies = [read for read in copies if read.edited and not read.withdrawn and read.line.text not in withdrawn]
            if not copies:
                continue
        edits = [read for read in copies if read.edited]
        texts = list(dict.fromkeys(read.line.text for read in edits))
        if len(texts) > 1:
            first, second = (next(read for read in edits if read.line.text == text) for text in texts[:2])
            raise FormatError(
                f"two different human English lines for {sentence_id}: {first.line.text!r} here and "
                f"{second.line.text!r} in {second.path}",
                path=first.path,
                fix="keep one: make both files say the same, or undo one of the edits",
            )
        # later copies win among equals: the sidecar (read last) is the translator's own file
        lines.append((edits or copies)[-1].line)
    return lines


def human_provenance(translator: str, date: str | None = None) -> Provenance:
    return Provenance(kind="human", engine="human", translator=translator or "unknown", date=date or None)


def read_sidecar(path: Path | str) -> list[EnglishLine]:
    """The human lines of a sidecar (not those withdrawn)."""
    return [read.line for read in read_sidecar_lines(path) if not read.withdrawn]


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
            raise FormatError(
                f"line {number} holds a character the TMX and TEI outputs cannot ({char})",
                path=path,
                fix="delete that character",
            )
        fields = row.split("\t")
        if len(fields) < 4 or not fields[0].strip() or not fields[2].strip():
            raise FormatError(
                f"line {number} needs sentence id, source hash, English, translator separated by tabs",
                path=path,
                fix="fix that line or delete it",
            )
        date = fields[4].strip() if len(fields) > 4 else None
        status = fields[5].strip() if len(fields) > 5 else ""
        if status not in ("", WITHDRAWN):
            raise FormatError(
                f"line {number}: unknown status {status!r} in the sixth column",
                path=path,
                fix=f"leave it empty, or write {WITHDRAWN} to withdraw the line",
            )
        lines.append(
            ReadLine(
                EnglishLine(
                    fields[0].strip(),
                    fields[2].strip(),
                    human_provenance(fields[3].strip(), date or None),
                    fields[1].strip(),
                ),
                path,
                edited=True,
                where=f"line {number}",
                withdrawn=status == WITHDRAWN,
            )
        )
    return lines
