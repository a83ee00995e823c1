"""Thematic links between comparable texts: passages on the same theme, in any order, "no match"
allowed, a score and the sentence pairs behind every link.

Everything the encoder is asked about a text depends on that text alone (`text_vectors`), so the
build computes it ahead, one task a text, and the pair's views (`thematic_views`) are then products
of those vectors; `thematic.match_passages` decides the links.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

from ..document import Edition, Link, best_line
from ..embed import Encoder
from . import thematic

#: a paragraph longer than this is cut into windows of about this many sentences
PASSAGE_SENTENCES = 8
#: how many target passages each source passage offers a reviewer to relink to
CANDIDATES = 5


def passages(edition: Edition, max_sentences: int = PASSAGE_SENTENCES) -> list[list[int]]:
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


def _joined(texts: list[str], groups: list[list[int]]) -> list[str]:
    return [" ".join(texts[i] for i in group) for group in groups]


@dataclass(frozen=True)
class TextVectors:
    """What thematic matching asks the encoder about one text: its sentences and passages, in its own
    language and in English, and — for the source text, whose links are checked sentence by
    sentence — each sentence as a passage of its own. None where the encoder or the text has none."""

    sentences: np.ndarray
    passage_queries: np.ndarray | None
    passage_sparse: np.ndarray | None
    english: np.ndarray | None = None
    english_passage_queries: np.ndarray | None = None
    sentence_queries: np.ndarray | None = None
    sentence_sparse: np.ndarray | None = None
    english_sentence_queries: np.ndarray | None = None


def text_vectors(
    encoder: Encoder, sentences: list[str], groups: list[list[int]], english: list[str] | None, *, source: bool
) -> TextVectors:
    """Every vector thematic matching needs of one text (`source`: with each sentence as a passage of
    its own). The build's embed stage calls it for each text ahead of the pairs, so what it computes
    is exactly what the alignment asks for."""
    joined = _joined(sentences, groups)
    found = {
        "sentences": encoder.encode(sentences),
        "passage_queries": encoder.encode_queries(joined),
        "passage_sparse": encoder.encode_sparse(joined),
    }
    if english is not None:
        found["english"] = encoder.encode(english)
        found["english_passage_queries"] = encoder.encode_queries(_joined(english, groups))
    if source:
        found["sentence_queries"] = encoder.encode_queries(sentences)
        found["sentence_sparse"] = encoder.encode_sparse(sentences)
        if english is not None:
            found["english_sentence_queries"] = encoder.encode_queries(english)
    return TextVectors(**found)


def _product(a: np.ndarray | None, b: np.ndarray | None) -> list[np.ndarray]:
    return [a @ b.T] if a is not None and b is not None and len(a) and len(b) else []


def thematic_views(
    src: TextVectors,
    tgt: TextVectors,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    english: tuple[list[str], list[str]] | None = None,
) -> tuple[tuple[np.ndarray, ...], ...]:
    """What `thematic.match_passages` takes besides the sentence vectors: the passage views (`views`)
    and the same views with each source sentence as a passage of its own (`sentence_views`). Each
    has whole-passage queries and sparse terms; where both texts have English, the same over the
    English layers with the rare content words they share, and crossed (each text against the
    other's English: the encoder pairs Hindi or Thai with English better than with each other, and
    only one side's translation errors come in)."""
    singletons = [[i] for p in src_passages for i in p]

    def of(groups: list[list[int]], queries, sparse, english_queries) -> tuple[np.ndarray, ...]:
        found = _product(queries, tgt.passage_queries) + _product(sparse, tgt.passage_sparse)
        if english is not None and src_passages and tgt_passages:
            src_english, tgt_english = english
            found.append(
                thematic.passage_similarity(src.english @ tgt.english.T, groups, tgt_passages, src.english, tgt.english)
            )
            found += _product(english_queries, tgt.english_passage_queries)
            found.append(thematic.lexical_similarity(_joined(src_english, groups), _joined(tgt_english, tgt_passages)))
            # crossed: the source's own sentences against the target's English, then the other way round
            for a, b, a_queries, b_queries in (
                (src.sentences, tgt.english, queries, tgt.english_passage_queries),
                (src.english, tgt.sentences, english_queries, tgt.passage_queries),
            ):
                found.append(thematic.passage_similarity(a @ b.T, groups, tgt_passages, a, b))
                found += _product(a_queries, b_queries)
        return tuple(found)

    return (
        of(src_passages, src.passage_queries, src.passage_sparse, src.english_passage_queries),
        of(singletons, src.sentence_queries, src.sentence_sparse, src.english_sentence_queries),
    )


def comparable_links(src: Edition, tgt: Edition, encoder: Encoder) -> tuple[list[Link], bool, tuple]:
    """The thematic links of `src` to `tgt`, whether the English layers took part (both texts need
    one), and each source passage's `CANDIDATES` likeliest target passages with their probability
    (`Alignment.candidates`)."""
    src_sentences = list(src.sentences())
    tgt_sentences = list(tgt.sentences())
    src_passages, tgt_passages = passages(src), passages(tgt)
    english = english_sentences(src), english_sentences(tgt)
    if english[0] is None or english[1] is None:
        english = None
    src_vectors = text_vectors(
        encoder, [s.text for s in src_sentences], src_passages, english[0] if english else None, source=True
    )
    tgt_vectors = text_vectors(
        encoder, [t.text for t in tgt_sentences], tgt_passages, english[1] if english else None, source=False
    )
    views, sentence_views = thematic_views(src_vectors, tgt_vectors, src_passages, tgt_passages, english)
    matches, candidates = [], []
    if src_passages and tgt_passages:
        # scored once: the links are decided on the probabilities, and the reviewer's candidates are the best of them
        scores = thematic.score_passages(
            src_vectors.sentences,
            tgt_vectors.sentences,
            src_passages,
            tgt_passages,
            views=views,
            sentence_views=sentence_views,
        )
        probability = thematic_calibration().probability(scores.features)
        matches = thematic.decide(
            scores, src_passages, tgt_passages, calibration=thematic_calibration(), probability=probability
        )
        candidates = [
            (
                tuple(src_sentences[i].id for i in src_passages[a]),
                tuple((tuple(tgt_sentences[j].id for j in tgt_passages[b]), round(score, 4)) for b, score in best),
            )
            for a, best in enumerate(thematic.best_candidates(probability, CANDIDATES))
        ]
    links = []
    for match in matches:
        links.append(
            Link(
                source=tuple(src_sentences[i].id for i in match.sentences),
                target=tuple(tgt_sentences[j].id for j in tgt_passages[match.tgt]),
                score=round(match.score, 4),
                evidence=tuple((src_sentences[i].id, tgt_sentences[j].id, round(s, 4)) for i, j, s in match.evidence),
            )
        )
    return links, english is not None, tuple(candidates)


def edition_vectors(edition: Edition, encoder: Encoder, *, source: bool) -> TextVectors:
    """`text_vectors` of an edition, as `comparable_links` asks for them."""
    return text_vectors(
        encoder, [s.text for s in edition.sentences()], passages(edition), english_sentences(edition), source=source
    )


_CALIBRATION = "thematic_calibration.json"


@functools.cache
def _calibration_text() -> str:
    return files("aligner.align").joinpath("data", _CALIBRATION).read_text(encoding="utf-8")


@functools.cache
def thematic_calibration() -> thematic.Calibration:
    """The shipped map from a thematic link's features to P(on topic): `data/thematic_calibration.json`,
    written by `benchmarks/thematic_calibration.py --write` (fitted on dev sets that are not PUD)."""
    data = json.loads(_calibration_text())
    if tuple(data["features"]) != thematic.FEATURES:
        raise ValueError(f"{_CALIBRATION}: features {data['features']}, expected {thematic.FEATURES}")
    return thematic.Calibration(tuple(data["weights"]), data["intercept"])


def parameters() -> tuple[tuple[str, str], ...]:
    """What shaped a thematic alignment, for its signature: the thresholds and the calibration map
    (by the hash of its file, which a refit changes)."""
    calibration = hashlib.sha256(_calibration_text().encode("utf-8")).hexdigest()[:12]
    return (("passage_sentences", str(PASSAGE_SENTENCES)), *thematic.parameters(), ("calibration", calibration))
