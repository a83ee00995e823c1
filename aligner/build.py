"""`aligner build`: every text of a corpus folder ingested, segmented and aligned pair by pair.

Stages: ingest → segment → embed (cached by content hash) → align every pair of languages. Writes,
atomically and byte-identically for the same input:

* ``segments/<edition>.jsonl`` — every sentence, heading, footnote marker and page-furniture line
  with its id and its span in the source file;
* ``alignments/<src>-<tgt>.json`` — the links between two editions (mode, score per link, the
  sentence pairs that carry each thematic link, unmatched sentences).

* ``tmx/<src>-<tgt>.tmx`` — the aligned pair as a translation memory (TMX 1.4b);
* ``tmx/<edition>-en.tmx`` — each sentence with its best English line and that line's provenance;
* ``tei/<edition>.xml`` — the TEI P5 edition with its English layer;
* ``tei/<src>-<tgt>.xml`` — both editions and the alignment links in one TEI corpus.

Human work survives a rebuild: before writing, the build reads the human English lines back from
``translations/<edition>.en.tsv``, from the previous ``tmx/<edition>-en.tmx`` (a segment a
translator changed in a CAT tool) and from the previous ``tei/<edition>.xml``, and the link
decisions (accepted/rejected) from the previous ``tei/<src>-<tgt>.xml``.
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
from .errors import InputError
from .edition_cache import EditionCache, edition_key
from .export_rows import segment_rows
from .ingest import ingest_text, read_text
from .io import atomic_write_bytes, atomic_write_text
from .model import Alignment, Edition, EnglishLine
from .segment import segment_edition

log = logging.getLogger(__name__)


@dataclass
class BuildSummary:
    documents: int = 0
    sentences: dict[str, int] = field(default_factory=dict)
    alignments: list[Alignment] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    english: dict[str, int] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)


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



def _score_band(score: float) -> str:
    return "≥0.9" if score >= 0.9 else "0.7–0.9" if score >= 0.7 else "0.5–0.7" if score >= 0.5 else "<0.5"


def _human_lines(edition: Edition, out: Path) -> list[EnglishLine]:
    """Every human English line known for an edition, from the sidecar and the previous exports."""
    from .formats.tei import read_edition
    from .formats.tmx import human_lines_from_tmx
    from .translate.human import read_sidecar, sidecar_path

    lines: dict[str, EnglishLine] = {}
    sources = [(out / "tei" / f"{edition.id}.xml", read_edition),
               (out / "tmx" / f"{edition.id}-en.tmx", human_lines_from_tmx),
               (sidecar_path(out / "translations", edition.id), read_sidecar)]
    for path, reader in sources:  # later sources win: the sidecar is the translator's own file
        if path.exists():
            for line in reader(path):
                lines[line.sentence_id] = line
    return [lines[k] for k in sorted(lines)]


def _apply_decisions(alignment: Alignment, path: Path) -> Alignment:
    """Keep an editor's accepted/rejected marks from the previous alignment file."""
    from dataclasses import replace

    from .formats.tei import read_links

    if not path.exists():
        return alignment
    decided = {(d.source, d.target): d.status for d in read_links(path) if d.status != "auto"}
    if not decided:
        return alignment
    links = tuple(replace(l, status=decided.get((l.source, l.target), l.status)) for l in alignment.links)
    return replace(alignment, links=links)


def _check_writable(out: Path) -> None:
    """Fail before an hour of work, not after it."""
    from .errors import OutputError
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OutputError(f"the output folder is not writable ({exc.strerror})", path=out,
                          fix="choose a writable --out folder or fix its permissions") from None


def build(texts: Path | str, out: Path | str = ".", *, mode: str = "auto", cache: Path | str | None = ".aligner-cache",
          translators: tuple[str, ...] = ("gloss",), min_score: float = 0.0,
          progress: Callable[[str, str], None] | None = None) -> BuildSummary:
    from .formats.tei import alignment_tei, edition_tei
    from .formats.tmx import english_tmx, pair_tmx
    from .translate import TranslationCache, english_layer, translator_for

    texts, out = Path(texts), Path(out)
    report = progress or (lambda stage, item: None)
    summary = BuildSummary()
    # Everything is computed before anything is written, so a failure midway leaves no mixture of
    # old and new outputs; each file is then replaced atomically.
    pending: list[tuple[Path, str | bytes]] = []
    documents = discover(texts)
    _check_writable(out)
    if len({d.lang for d in documents}) < 2:
        only = documents[0]
        raise InputError(f"{only.lang} has no partner: aligner build needs texts in at least two languages",
                         path=texts, fix=f"add a text in another language beside {only.path.parent.name}/ "
                         "(e.g. texts/th/chapter.txt), or use `aligner segment` for one text")
    ids = edition_ids(documents)
    editions: list[Edition] = []

    started = time.perf_counter()
    edition_cache = EditionCache(cache) if cache else None
    for document in documents:
        text = read_text(document.path)
        key = edition_key(text, document.lang, ids[document.path], document.path.name)
        edition = edition_cache.get(key) if edition_cache else None
        report("ingest+segment", f"{document.path} (cached)" if edition else str(document.path))
        if edition is None:
            edition = segment_edition(ingest_text(text, document.lang, edition_id=ids[document.path],
                                                  source=document.path.name))
            if edition_cache:
                edition_cache.put(key, edition)
        editions.append(edition)
        summary.sentences[edition.id] = sum(1 for _ in edition.sentences())
    summary.documents = len(editions)
    summary.seconds["ingest+segment"] = time.perf_counter() - started

    started = time.perf_counter()
    engines = [translator_for(name, cache_dir=cache) for name in translators]
    translation_cache = TranslationCache(cache) if cache else None
    for number, edition in enumerate(editions):
        report("english", edition.id)
        edition, layer = english_layer(edition, engines, cache=translation_cache, human=_human_lines(edition, out))
        editions[number] = edition
        for kind, count in layer.by_kind.items():
            summary.english[kind] = summary.english.get(kind, 0) + count
        summary.stale += layer.stale
    summary.seconds["english"] = time.perf_counter() - started

    for edition in editions:
        rows = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in segment_rows(edition))
        pending.append((out / "segments" / f"{edition.id}.jsonl", rows))

    started = time.perf_counter()
    encoder = default_encoder(cache)
    from .alignment import align_editions

    pairs = []
    for src, tgt in itertools.combinations(editions, 2):
        if src.lang == tgt.lang:
            continue
        report("align", f"{src.id}–{tgt.id}")
        alignment = align_editions(src, tgt, encoder, mode=mode)
        alignment = _apply_decisions(alignment, out / "tei" / f"{src.id}-{tgt.id}.xml")
        summary.alignments.append(alignment)
        pairs.append((alignment, src, tgt))
        text = json.dumps(alignment_json(alignment, src, tgt), ensure_ascii=False, indent=1) + "\n"
        pending.append((out / "alignments" / f"{src.id}-{tgt.id}.json", text))
    summary.seconds["embed+align"] = time.perf_counter() - started

    started = time.perf_counter()
    for edition in editions:
        report("export", f"{edition.id}: TMX (English layer), TEI edition")
        pending.append((out / "tmx" / f"{edition.id}-en.tmx", english_tmx(edition)))
        pending.append((out / "tei" / f"{edition.id}.xml", edition_tei(edition)))
    for alignment, src, tgt in pairs:
        report("export", f"{src.id}–{tgt.id}: TMX, TEI alignment")
        pending.append((out / "tmx" / f"{src.id}-{tgt.id}.tmx",
                                                  pair_tmx(alignment, src, tgt, min_score=min_score)))
        pending.append((out / "tei" / f"{src.id}-{tgt.id}.xml",
                                                  alignment_tei(alignment, src, tgt)))
    started_report = time.perf_counter()
    from .alignment import similarity_map
    from .report import render_index, render_report
    from .report.plot import similarity_png

    pages = []
    for alignment, src, tgt in pairs:
        report("report", f"{src.id}–{tgt.id}: review page and similarity map")
        matrix, points, unit = similarity_map(src, tgt, encoder, alignment)
        picture = similarity_png(matrix, points, source_label=f"{src.id} {unit}s", target_label=f"{tgt.id} {unit}s",
                                 title=f"{src.id}–{tgt.id}: {unit} similarity ({alignment.mode}), links as circles")
        name = f"{src.id}-{tgt.id}"
        html = render_report(alignment, src, tgt, similarity_png=picture)
        pending.append((out / "report" / f"{name}-similarity.png", picture))
        pending.append((out / "report" / f"{name}.html", html))
        pages.append((f"{name}.html", f"{src.id}–{tgt.id} ({alignment.mode})", html))
    if len(pages) == 1:
        pending.append((out / "report" / "index.html", pages[0][2]))
    elif pages:
        pending.append((out / "report" / "index.html", render_index([(n, t) for n, t, _ in pages])))
    summary.seconds["report"] = time.perf_counter() - started_report

    for path, data in pending:
        report("write", str(path))
        summary.written.append(atomic_write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data))
    summary.seconds["export"] = time.perf_counter() - started
    summary.editions = editions
    return summary


def score_bands(alignment: Alignment) -> dict[str, int]:
    bands = {"≥0.9": 0, "0.7–0.9": 0, "0.5–0.7": 0, "<0.5": 0}
    for link in alignment.links:
        bands[_score_band(link.score)] += 1
    return bands
