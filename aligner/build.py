"""`aligner build`: every text of a corpus folder ingested, segmented and aligned pair by pair.

Stages: ingest → segment → embed (cached by content hash) → align every pair of languages. Writes,
atomically and byte-identically for the same input:

* ``segments/<edition>.jsonl`` — every sentence, heading, footnote marker and page-furniture line
  with its id and its span in the source file;
* ``alignments/<src>-<tgt>.json`` — the links between two editions (mode, score per link, the
  sentence pairs that carry each thematic link, unmatched sentences).

TMX and TEI exports and the English layer are not built yet (see the README's status section).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .corpus import discover, edition_ids
from .embed import default_encoder
from .export_rows import segment_rows
from .ingest import ingest_text, read_text
from .io import atomic_write_text
from .model import Alignment, Edition
from .segment import segment_edition

log = logging.getLogger(__name__)


@dataclass
class BuildSummary:
    documents: int = 0
    sentences: dict[str, int] = field(default_factory=dict)
    alignments: list[Alignment] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)


def alignment_json(alignment: Alignment, src: Edition, tgt: Edition) -> dict:
    src_text = {s.id: s.text for s in src.sentences()}
    tgt_text = {s.id: s.text for s in tgt.sentences()}
    return {
        "source": alignment.source, "target": alignment.target, "mode": alignment.mode, "unit": alignment.unit,
        "signature": dict(alignment.signature),
        "links": [
            {"source": list(link.source), "target": list(link.target), "score": link.score,
             "source_text": " ".join(src_text[i] for i in link.source),
             "target_text": " ".join(tgt_text[i] for i in link.target),
             **({"evidence": [list(e) for e in link.evidence]} if link.evidence else {})}
            for link in alignment.links
        ],
        "unmatched": {"source": list(alignment.unmatched_source), "target": list(alignment.unmatched_target)},
    }


def build(texts: Path | str, out: Path | str = ".", *, mode: str = "auto", cache: Path | str | None = ".aligner-cache",
          progress: Callable[[str, str], None] | None = None) -> BuildSummary:
    texts, out = Path(texts), Path(out)
    report = progress or (lambda stage, item: None)
    summary = BuildSummary()
    documents = discover(texts)
    ids = edition_ids(documents)
    editions: list[Edition] = []

    started = time.perf_counter()
    for document in documents:
        report("ingest+segment", str(document.path))
        edition = segment_edition(ingest_text(read_text(document.path), document.lang,
                                              edition_id=ids[document.path], source=document.path.name))
        editions.append(edition)
        summary.sentences[edition.id] = sum(1 for _ in edition.sentences())
    summary.documents = len(editions)
    summary.seconds["ingest+segment"] = time.perf_counter() - started

    for edition in editions:
        rows = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in segment_rows(edition))
        summary.written.append(atomic_write_text(out / "segments" / f"{edition.id}.jsonl", rows))

    started = time.perf_counter()
    encoder = default_encoder(cache)
    from .alignment import align_editions

    for src, tgt in itertools.combinations(editions, 2):
        if src.lang == tgt.lang:
            continue
        report("align", f"{src.id}–{tgt.id}")
        alignment = align_editions(src, tgt, encoder, mode=mode)
        summary.alignments.append(alignment)
        text = json.dumps(alignment_json(alignment, src, tgt), ensure_ascii=False, indent=1) + "\n"
        summary.written.append(atomic_write_text(out / "alignments" / f"{src.id}-{tgt.id}.json", text))
    summary.seconds["embed+align"] = time.perf_counter() - started
    return summary
