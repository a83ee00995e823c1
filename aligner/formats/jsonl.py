"""JSON exports of the document model: the segment rows of an edition (``segments/<id>.jsonl``,
`aligner segment --format jsonl`) and the links of an alignment (``alignments/<a>-<b>.json``,
`aligner align`); and the sentences of the last build read back (`read_sentences`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..document import Alignment, Edition
from ..errors import FormatError


def segment_rows(edition: Edition) -> Iterator[dict]:
    """Sentences, headings, footnote markers and page furniture, each with its source span and kind."""
    rows = []
    for division in edition.divisions:
        if division.heading is not None:
            h = division.heading
            kind = "heading" if h.kind == "heading" else "run-in-heading"
            rows.append({"id": f"{division.id}.head", "text": h.text, "start": h.start, "end": h.end, "kind": kind})
        for paragraph in division.paragraphs:
            for sentence in paragraph.sentences:
                rows.append(
                    {
                        "id": sentence.id,
                        "text": sentence.text,
                        "start": sentence.start,
                        "end": sentence.end,
                        "kind": sentence.kind,
                        "hash": sentence.hash,
                    }
                )
    for number, note in enumerate(edition.notes(), start=1):
        rows.append(
            {
                "id": f"{edition.id}.n{number}",
                "text": note.label,
                "start": note.start,
                "end": note.end,
                "kind": "note-ref",
            }
        )
    for number, item in enumerate(edition.furniture, start=1):
        rows.append(
            {
                "id": f"{edition.id}.f{number}",
                "text": item.text,
                "start": item.start,
                "end": item.end,
                "kind": item.kind,
            }
        )
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return iter(rows)


def segments_jsonl(edition: Edition) -> str:
    """One JSON object a line, in source order: what ``segments/<edition>.jsonl`` holds."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in segment_rows(edition))


_FOLLOW_BY_ID = (
    "delete the file (then human work follows sentence ids, not content) or restore it as the build wrote it"
)


def read_sentences(path: Path | str, *, fix: str = _FOLLOW_BY_ID) -> list[tuple[str, str, str]]:
    """The sentences of ``segments/<edition>.jsonl`` as (id, hash, text), in text order: what the last
    build's ids named (`aligner.anchor`); none when the file is not there. A file that cannot be read
    stops with `fix` as the way out (the caller knows which)."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found = [(row["id"], row["hash"], row["text"]) for row in rows if "hash" in row]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise FormatError(
            f"cannot read the sentences of the last build ({type(exc).__name__})",
            path=path,
            fix=fix,
        ) from None
    return found


def alignment_json(alignment: Alignment, src: Edition, tgt: Edition) -> dict:
    """The links with both sides' text, the thematic evidence and the sentences left unmatched."""
    src_text = {s.id: s.text for s in src.sentences()}
    tgt_text = {s.id: s.text for s in tgt.sentences()}
    reasons = link_reasons(alignment, src, tgt) if alignment.mode == "comparable" else {}
    return {
        "source": alignment.source,
        "target": alignment.target,
        "mode": alignment.mode,
        "unit": alignment.unit,
        "signature": dict(alignment.signature),
        "links": [
            {
                "source": list(link.source),
                "target": list(link.target),
                "score": link.score,
                "source_text": " ".join(src_text[i] for i in link.source),
                "target_text": " ".join(tgt_text[i] for i in link.target),
                **({"evidence": [list(e) for e in link.evidence]} if link.evidence else {}),
                **({"reason": reasons[index]} if reasons.get(index) else {}),
                **({"status": link.status} if link.status != "auto" else {}),
            }
            for index, link in enumerate(alignment.links)
        ],
        "unmatched": {"source": list(alignment.unmatched_source), "target": list(alignment.unmatched_target)},
        # comparable texts: each source passage's likeliest target passages, for relinking in review
        **(
            {
                "candidates": [
                    {
                        "source": list(source),
                        "targets": [{"target": list(target), "score": score} for target, score in targets],
                    }
                    for source, targets in alignment.candidates
                ]
            }
            if alignment.candidates
            else {}
        ),
        # sentences a person said have no counterpart (they are among the unmatched too), only where any
        **(
            {
                "no_counterpart": [
                    {
                        "source": list(link.source),
                        "target": list(link.target),
                        **({"resp": link.resp} if link.resp else {}),
                    }
                    for link in alignment.no_counterpart
                ]
            }
            if alignment.no_counterpart
            else {}
        ),
    }


def alignment_json_text(alignment: Alignment, src: Edition, tgt: Edition) -> str:
    """What ``alignments/<src>-<tgt>.json`` holds."""
    return json.dumps(alignment_json(alignment, src, tgt), ensure_ascii=False, indent=1) + "\n"


def link_reasons(alignment: Alignment, src: Edition, tgt: Edition) -> dict[int, str]:
    """For each thematic link, one line a translator reads in English: the words both sides' English
    share, and the English of the sentence pair that carries the link best."""
    from collections import Counter

    from ..align.comparable import english_sentences
    from ..align.thematic import content_words

    src_english, tgt_english = english_sentences(src), english_sentences(tgt)
    if src_english is None or tgt_english is None:
        return {}
    src_lines = dict(zip((s.id for s in src.sentences()), src_english))
    tgt_lines = dict(zip((s.id for s in tgt.sentences()), tgt_english))
    # rarer words first: "famine" says more than "people"
    frequency = Counter(w for line in (*src_english, *tgt_english) for w in set(content_words(line)))
    reasons = {}
    for index, link in enumerate(alignment.links):
        target_words = set(content_words(" ".join(tgt_lines.get(i, "") for i in link.target)))
        shared = sorted(
            (
                w
                for w in dict.fromkeys(content_words(" ".join(src_lines.get(i, "") for i in link.source)))
                if w in target_words
            ),
            key=lambda w: frequency[w],
        )
        parts = [f"both speak of: {', '.join(shared[:8])}"] if shared else []
        if link.evidence:
            source_id, target_id, _ = link.evidence[0]
            parts.append(f"closest: “{src_lines.get(source_id, '')}” ~ “{tgt_lines.get(target_id, '')}”")
        if parts:
            reasons[index] = "; ".join(parts)
    return reasons
