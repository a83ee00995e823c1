"""Aligning two editions: embeds (through the cache), calls the pure core, returns model `Link`s.

`align_editions(src, tgt, encoder, mode="auto")` chooses between ordered alignment of translations and
thematic matching of comparable texts, and says which it chose in `Alignment.mode`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from ..document import Alignment, Edition, Link
from ..embed import Encoder
from . import core, thematic
from .modes import choose_mode

log = logging.getLogger(__name__)

MODES = ("auto", "translation", "comparable")


def overlap_texts(sentences: Sequence[str], size: int) -> list[str]:
    return [" ".join(sentences[i:i + size]) for i in range(len(sentences) - size + 1)]


def align_sentences(src: Sequence[str], tgt: Sequence[str], encoder: Encoder, *, max_size: int = 2,
                    band: int = 30) -> list[tuple[list[int], list[int], float]]:
    """Ordered links between two lists of sentences: (source indices, target indices, score 0..1)."""
    src_overlaps = [encoder.encode(overlap_texts(src, k)) for k in range(1, max_size + 1)]
    tgt_overlaps = [encoder.encode(overlap_texts(tgt, k)) for k in range(1, max_size + 1)]
    src_lengths = np.array([len(s) for s in src], dtype=np.float64)
    tgt_lengths = np.array([len(s) for s in tgt], dtype=np.float64)
    beads = core.align_ordered(src_overlaps, tgt_overlaps, src_lengths, tgt_lengths, band=band)
    return score_beads(beads)


def score_beads(beads: list[core.Bead]) -> list[tuple[list[int], list[int], float]]:
    """Calibrated scores: per-sentence margin mapped so that a deletion's level is 0.5."""
    linked = [b for b in beads if b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0]]
    skipped = [b.margin for b in beads if not (b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0])]
    per_sentence = np.array([b.margin for b in linked])
    skip = skipped[0] if skipped else (float(np.quantile(per_sentence, 0.05)) if len(per_sentence) else 0.0)
    typical = float(np.median(per_sentence)) if len(per_sentence) else skip + 0.1
    scores = iter(core.calibrate(per_sentence, skip, typical)) if len(per_sentence) else iter(())
    out = []
    for bead in beads:
        src_ids = list(range(*bead.src))
        tgt_ids = list(range(*bead.tgt))
        score = float(next(scores)) if src_ids and tgt_ids else 0.0
        out.append((src_ids, tgt_ids, round(score, 4)))
    return out


def align_editions(src: Edition, tgt: Edition, encoder: Encoder, *, mode: str = "auto", max_size: int = 2) -> Alignment:
    src_sentences = list(src.sentences())
    tgt_sentences = list(tgt.sentences())
    src_vectors = encoder.encode([s.text for s in src_sentences])
    tgt_vectors = encoder.encode([s.text for s in tgt_sentences])
    chosen = mode
    if mode == "auto":
        chosen = choose_mode(src_vectors, tgt_vectors)
        log.info("%s–%s: the texts look like %s", src.id, tgt.id,
                 "translations" if chosen == "translation" else "comparable texts, not translations")
    if chosen == "translation":
        links = []
        for s_idx, t_idx, score in align_sentences([s.text for s in src_sentences], [s.text for s in tgt_sentences],
                                                   encoder, max_size=max_size):
            if s_idx and t_idx:
                links.append(Link(tuple(src_sentences[i].id for i in s_idx),
                                  tuple(tgt_sentences[j].id for j in t_idx), score))
        unit = "sentence"
    else:
        links = comparable_links(src, tgt, src_vectors, tgt_vectors, encoder)
        unit = "paragraph"
    linked_src = {i for link in links for i in link.source}
    linked_tgt = {i for link in links for i in link.target}
    return Alignment(
        source=src.id, target=tgt.id, mode=chosen, links=tuple(links),
        unmatched_source=tuple(s.id for s in src_sentences if s.id not in linked_src),
        unmatched_target=tuple(s.id for s in tgt_sentences if s.id not in linked_tgt),
        unit=unit,
        signature=(("encoder", encoder.model_id),
                   ("method", "banded-dp-margin" if chosen == "translation" else "passage-csls+query+sparse")),
    )


def passages(edition: Edition, max_sentences: int = 8) -> list[list[int]]:
    """Sentence indices of each passage: a paragraph, or windows of it where the paragraph is long."""
    result, index = [], 0
    for paragraph in edition.paragraphs():
        count = len(paragraph.sentences)
        if count == 0:
            continue
        windows = max(1, round(count / max_sentences))
        size = -(-count // windows)
        for start in range(0, count, size):
            result.append(list(range(index + start, index + min(count, start + size))))
        index += count
    return result


def passage_views(encoder: Encoder, src_passages: list[list[str]],
                  tgt_passages: list[list[str]]) -> tuple[np.ndarray, ...]:
    """Whole-passage similarity matrices the encoder offers: symmetric embeddings, sparse terms."""
    src_texts = [" ".join(p) for p in src_passages]
    tgt_texts = [" ".join(p) for p in tgt_passages]
    views = []
    for encode in (encoder.encode_queries, encoder.encode_sparse):
        a, b = encode(src_texts), encode(tgt_texts)
        if a is not None and b is not None and len(a) and len(b):
            views.append(a @ b.T)
    return tuple(views)


def comparable_links(src: Edition, tgt: Edition, src_vectors: np.ndarray, tgt_vectors: np.ndarray,
                     encoder: Encoder | None = None) -> list[Link]:
    src_sentences = list(src.sentences())
    tgt_sentences = list(tgt.sentences())
    src_passages = passages(src)
    tgt_passages = passages(tgt)
    views = () if encoder is None else passage_views(
        encoder, [[src_sentences[i].text for i in p] for p in src_passages],
        [[tgt_sentences[j].text for j in p] for p in tgt_passages])
    matches = thematic.match_passages(src_vectors, tgt_vectors, src_passages, tgt_passages, views=views)
    links = []
    for match in matches:
        links.append(Link(
            source=tuple(src_sentences[i].id for i in src_passages[match.src]),
            target=tuple(tgt_sentences[j].id for j in tgt_passages[match.tgt]),
            score=round(match.score, 4),
            evidence=tuple((src_sentences[i].id, tgt_sentences[j].id, round(s, 4)) for i, j, s in match.evidence),
        ))
    return links
