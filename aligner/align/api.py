"""Aligning two editions: embeds (through the cache), calls the pure core, returns model `Link`s.

`align_editions(src, tgt, encoder, mode="auto")` chooses between ordered alignment of translations and
thematic matching of comparable texts, and says which it chose in `Alignment.mode`. Thematic matching
also reads the editions' English layers where both have one (`english_sentences`).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Sequence

import numpy as np

from ..document import Alignment, Edition, Link, best_line
from ..embed import Encoder
from . import core, thematic
from .modes import decide_mode

log = logging.getLogger(__name__)

MODES = ("auto", "translation", "comparable")


def overlap_texts(sentences: Sequence[str], size: int) -> list[str]:
    return [" ".join(sentences[i:i + size]) for i in range(len(sentences) - size + 1)]


def align_sentences(src: Sequence[str], tgt: Sequence[str], encoder: Encoder, *, max_size: int = 4,
                    band: int = 30, embedded: int = 2) -> list[tuple[list[int], list[int], float]]:
    """Ordered links between two lists of sentences: (source indices, target indices, score 0..1).

    A first pass aligns the whole texts with beads of up to `embedded` sentences a side (runs of
    up to `embedded` sentences are embedded everywhere). A second pass re-aligns only the
    stretches it was unsure of (deletions, merges, weak links, with two beads either side) with
    beads of up to `max_size` sentences a side; there the longer runs are embedded where they lie
    wholly inside such a bead of the first pass and stand in as sums of the shorter runs
    elsewhere. So clean 1-1 text costs what it did with pairs, and the cost of the long runs goes
    where the text needs them.
    """
    embedded = max(1, min(embedded, max_size))
    src_runs = [encoder.encode(overlap_texts(src, k)) for k in range(1, embedded + 1)]
    tgt_runs = [encoder.encode(overlap_texts(tgt, k)) for k in range(1, embedded + 1)]
    src_lengths = np.array([len(s) for s in src], dtype=np.float64)
    tgt_lengths = np.array([len(s) for s in tgt], dtype=np.float64)
    if max_size <= embedded:
        return score_beads(core.align_ordered(src_runs, tgt_runs, src_lengths, tgt_lengths, band=band))
    # First pass: runs of up to `embedded` sentences only, over the whole texts.
    prepared = core.prepare(src_runs, tgt_runs, src_lengths, tgt_lengths)
    beads = core.align_ordered(src_runs, tgt_runs, src_lengths, tgt_lengths, prepared=prepared, band=band)
    runs = core.stretches(beads, CONFIDENT)
    if not runs:
        return score_beads(beads)
    # Second pass, over the stretches the first was unsure of: longer runs there, embedded where
    # they lie wholly inside a merge, deletion or weak link of the first pass, composed elsewhere.
    unsure = core.uncertain_sentences(beads, len(src), len(tgt), confident=CONFIDENT)
    src_runs += [core.composed_runs(src_runs, k) for k in range(embedded + 1, max_size + 1)]
    tgt_runs += [core.composed_runs(tgt_runs, k) for k in range(embedded + 1, max_size + 1)]
    inside = core.spans(beads, runs)
    rows_of_sizes = []
    for side, (runs_of, sentences, mask) in enumerate(((src_runs, src, unsure[0]), (tgt_runs, tgt, unsure[1]))):
        rows = {}
        for k in range(embedded + 1, max_size + 1):
            starts = [i for i in range(len(sentences) - k + 1) if mask[i:i + k].all()]
            if starts:
                runs_of[k - 1] = runs_of[k - 1].copy()
                runs_of[k - 1][starts] = encoder.encode([" ".join(sentences[i:i + k]) for i in starts])
            rows[k] = np.array(sorted({i for span in inside for i in range(span[side][0], span[side][1] - k + 1)}),
                               dtype=np.int64)
        rows_of_sizes.append(rows)
    prepared = core.refresh(prepared, src_runs, tgt_runs, rows_of_sizes[0], rows_of_sizes[1])
    beads = core.realign(beads, src_runs, tgt_runs, src_lengths, tgt_lengths, prepared, confident=CONFIDENT,
                         band=band)
    return score_beads(beads)


# A 1-1 link scored below this (on the core's scale: the typical link scores its bonus, 2) is
# re-read in the second pass with every run embedded.
CONFIDENT = 1.0


def score_beads(beads: list[core.Bead]) -> list[tuple[list[int], list[int], float]]:
    """Calibrated scores: 0.5 where a link scores no better than leaving its two sentences unlinked,
    about 0.95 at the text's typical link."""
    linked = [b for b in beads if b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0]]
    skipped = [b.margin for b in beads if not (b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0])]
    margins = np.array([b.margin for b in linked])
    skip = skipped[0] if skipped else DEFAULT_SKIP
    typical = float(np.median(margins)) if len(margins) else 2 * skip + 1.0
    scores = iter(core.calibrate(margins, 2 * skip, typical)) if len(margins) else iter(())
    out = []
    for bead in beads:
        src_ids = list(range(*bead.src))
        tgt_ids = list(range(*bead.tgt))
        score = float(next(scores)) if src_ids and tgt_ids else 0.0
        out.append((src_ids, tgt_ids, round(score, 4)))
    return out


DEFAULT_SKIP = inspect.signature(core.align_ordered).parameters["skip_score"].default


def align_editions(src: Edition, tgt: Edition, encoder: Encoder, *, mode: str = "auto", max_size: int = 4) -> Alignment:
    src_sentences = list(src.sentences())
    tgt_sentences = list(tgt.sentences())
    src_vectors = encoder.encode([s.text for s in src_sentences])
    tgt_vectors = encoder.encode([s.text for s in tgt_sentences])
    decision = decide_mode(src_vectors, tgt_vectors)
    chosen = mode
    if mode == "auto":
        chosen = decision.mode
        log.info("%s", decision.describe(src.id, tgt.id, len(src_sentences), len(tgt_sentences)))
    region = decision.region if mode == "auto" and chosen == "translation" else ((0, len(src_sentences)),
                                                                                    (0, len(tgt_sentences)))
    method = "passage-csls+query+sparse"
    if chosen == "translation":
        (src_start, src_stop), (tgt_start, tgt_stop) = region
        links = []
        beads = align_sentences([s.text for s in src_sentences[src_start:src_stop]],
                                [s.text for s in tgt_sentences[tgt_start:tgt_stop]], encoder,
                                max_size=max_size) if src_stop > src_start and tgt_stop > tgt_start else []
        for s_idx, t_idx, score in beads:  # a text with no sentences (all page numbers) has no links
            if s_idx and t_idx:
                links.append(Link(tuple(src_sentences[src_start + i].id for i in s_idx),
                                  tuple(tgt_sentences[tgt_start + j].id for j in t_idx), score))
        unit = "sentence"
        if mode == "translation" and (decision.mode != "translation" or not links):
            log.warning("%s–%s: the texts do not look like translations of each other (%d links, %d sentence "
                        "pairs in step); for texts that share topics, not sentences, use --mode comparable",
                        src.id, tgt.id, len(links), decision.evidence)
    else:
        english = english_sentences(src), english_sentences(tgt)
        if english[0] is None or english[1] is None:
            english = None
        else:
            method += "+english"
        links = comparable_links(src, tgt, src_vectors, tgt_vectors, encoder, english=english)
        unit = "paragraph"
    linked_src = {i for link in links for i in link.source}
    linked_tgt = {i for link in links for i in link.target}
    return Alignment(
        source=src.id, target=tgt.id, mode=chosen, links=tuple(links),
        unmatched_source=tuple(s.id for s in src_sentences if s.id not in linked_src),
        unmatched_target=tuple(s.id for s in tgt_sentences if s.id not in linked_tgt),
        unit=unit,
        signature=(("encoder", encoder.model_id),
                   ("method", "banded-dp-margin" if chosen == "translation" else method))
        + _region_signature(region, src_sentences, tgt_sentences),
    )


def _region_signature(region, src_sentences, tgt_sentences) -> tuple[tuple[str, str], ...]:
    """The stretch a partial translation covers, by sentence ids; nothing when it is the whole texts."""
    (a, b), (c, d) = region
    if (a, b) == (0, len(src_sentences)) and (c, d) == (0, len(tgt_sentences)):
        return ()
    stretch = f"{src_sentences[a].id}..{src_sentences[b - 1].id}={tgt_sentences[c].id}..{tgt_sentences[d - 1].id}"
    return (("region", stretch),)


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


def english_sentences(edition: Edition) -> list[str] | None:
    """The English of each sentence as exports show it first (human > machine > gloss); a text in
    English is its own. None when the edition has no English layer."""
    sentences = list(edition.sentences())
    if edition.lang == "en":
        return [s.text for s in sentences]
    if not edition.english:
        return None
    by_sentence: dict[str, list] = {}
    for line in edition.english:
        by_sentence.setdefault(line.sentence_id, []).append(line)
    lines = [best_line(by_sentence.get(s.id, ())) for s in sentences]
    return [line.text if line else "" for line in lines]


def english_views(encoder: Encoder, src_english: list[str], tgt_english: list[str], src_passages: list[list[int]],
                  tgt_passages: list[list[int]]) -> tuple[np.ndarray, ...]:
    """The passage views again over the English layers, and shared rare content words."""
    src_vectors, tgt_vectors = encoder.encode(src_english), encoder.encode(tgt_english)
    sentence_level = thematic.passage_similarity(src_vectors @ tgt_vectors.T, src_passages, tgt_passages,
                                                 src_vectors, tgt_vectors)
    src_texts = [[src_english[i] for i in p] for p in src_passages]
    tgt_texts = [[tgt_english[j] for j in p] for p in tgt_passages]
    src_joined, tgt_joined = [" ".join(p) for p in src_texts], [" ".join(p) for p in tgt_texts]
    views = [sentence_level]
    a, b = encoder.encode_queries(src_joined), encoder.encode_queries(tgt_joined)
    if a is not None and b is not None and len(a) and len(b):
        views.append(a @ b.T)
    views.append(thematic.lexical_similarity(src_joined, tgt_joined))
    return tuple(views)


def crossed_views(encoder: Encoder, src_sentences: list[str], tgt_sentences: list[str], src_english: list[str],
                  tgt_english: list[str], src_passages: list[list[int]],
                  tgt_passages: list[list[int]]) -> tuple[np.ndarray, ...]:
    """The dense views (sentence-level, whole-passage queries) once more with one side in its own
    language and the other in English, both ways round: the encoder pairs Hindi or Thai with English
    better than with each other, and only one side's translation errors come in."""
    views = []
    for src, tgt in ((src_sentences, tgt_english), (src_english, tgt_sentences)):
        src_vectors, tgt_vectors = encoder.encode(src), encoder.encode(tgt)
        views.append(thematic.passage_similarity(src_vectors @ tgt_vectors.T, src_passages, tgt_passages,
                                                 src_vectors, tgt_vectors))
        a = encoder.encode_queries([" ".join(src[i] for i in p) for p in src_passages])
        b = encoder.encode_queries([" ".join(tgt[j] for j in p) for p in tgt_passages])
        if a is not None and b is not None and len(a) and len(b):
            views.append(a @ b.T)
    return tuple(views)


def thematic_views(encoder: Encoder, src_sentences: list[str], tgt_sentences: list[str],
                   src_passages: list[list[int]], tgt_passages: list[list[int]],
                   english: tuple[list[str], list[str]] | None = None) -> tuple[tuple[np.ndarray, ...], ...]:
    """What `thematic.match_passages` takes besides the sentence vectors: the passage views (`views`)
    and the same views with each source sentence as a passage of its own (`sentence_views`), each
    joined by the English and crossed views where both texts have English."""
    tgt_texts = [[tgt_sentences[j] for j in p] for p in tgt_passages]

    def of(groups: list[list[int]]) -> tuple[np.ndarray, ...]:
        found = passage_views(encoder, [[src_sentences[i] for i in p] for p in groups], tgt_texts)
        if english is not None and src_passages and tgt_passages:
            found += english_views(encoder, *english, groups, tgt_passages)
            found += crossed_views(encoder, src_sentences, tgt_sentences, *english, groups, tgt_passages)
        return found

    return of(src_passages), of([[i] for p in src_passages for i in p])


def comparable_links(src: Edition, tgt: Edition, src_vectors: np.ndarray, tgt_vectors: np.ndarray,
                     encoder: Encoder | None = None,
                     english: tuple[list[str], list[str]] | None = None) -> list[Link]:
    src_sentences = list(src.sentences())
    tgt_sentences = list(tgt.sentences())
    src_passages = passages(src)
    tgt_passages = passages(tgt)
    views, sentence_views = (), ()
    if encoder is not None:
        views, sentence_views = thematic_views(encoder, [s.text for s in src_sentences],
                                               [t.text for t in tgt_sentences], src_passages, tgt_passages, english)
    matches = thematic.match_passages(src_vectors, tgt_vectors, src_passages, tgt_passages, views=views,
                                      sentence_views=sentence_views)
    links = []
    for match in matches:
        links.append(Link(
            source=tuple(src_sentences[i].id for i in match.sentences),
            target=tuple(tgt_sentences[j].id for j in tgt_passages[match.tgt]),
            score=round(match.score, 4),
            evidence=tuple((src_sentences[i].id, tgt_sentences[j].id, round(s, 4)) for i, j, s in match.evidence),
        ))
    return links
