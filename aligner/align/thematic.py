"""Thematic matching of comparable texts: passages linked in any order, "no match" allowed.

Pure functions over sentence embeddings. Two passages are compared by their sentences, not by one
averaged vector: each sentence's best partner on the other side (a BERTScore-like soft alignment)
is averaged with the cosine of the passages' mean vectors. The passage-by-passage matrix is then
normalised by cross-domain similarity local scaling (CSLS, Conneau et al. 2018; the margin idea of
Artetxe & Schwenk 2019): a pair counts only in so far as it stands out from both passages' nearest
neighbours, which is what separates a shared theme from a generally similar style. Each pair's
standing (`link_features`) is mapped to the probability that it is on topic (`Calibration`, fitted
on dev sets and shipped with the package), and a source passage gets its best target when that
probability is high enough — otherwise nothing: no match.

A paragraph often touches several themes, one sentence each, so a passage link is then checked
sentence by sentence: each source sentence is scored against the target passages on its own, with
its passage's score as a prior (`sentence_scores`), and a sentence whose own score for the link's
target falls clearly below the typical pair, or that is no closer to the target than its
paragraph-mates typically are to any target, leaves the link — it may end with no match while its
neighbours have one.

Other views of the same passages can join the sentence-level one (`views`: passage × passage
similarity matrices, e.g. whole-passage embeddings and sparse latent-term vectors): each matrix is
standardised and they are summed with equal weights before CSLS — an ensemble, not a tuned mix.

Where both texts have an English layer (a gloss, a machine or a human line per sentence), the same
views are taken again over the English, plus `lexical_similarity`: shared content words weighted by
how rare they are in the two texts. A cross-script sentence vector underweights exactly what the
English makes plain — a name, a year, "famine", "collective farm".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..vectors import l2_normalise


@dataclass(frozen=True)
class PassageMatch:
    src: int
    tgt: int
    score: float  # the probability that the link is on topic (`Calibration`)
    csls: float
    evidence: tuple[tuple[int, int, float], ...]  # (source sentence, target sentence, cosine)
    #: the source passage's sentences that carry the link (all, unless some score too low for its target)
    sentences: tuple[int, ...] = ()


def passage_similarity(
    sentence_sims: np.ndarray,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
) -> np.ndarray:
    """(P, Q) similarity of passages: mean of soft sentence alignment and of mean-vector cosine."""
    src_means = l2_normalise(np.stack([src_vectors[p].mean(axis=0) for p in src_passages]))
    tgt_means = l2_normalise(np.stack([tgt_vectors[q].mean(axis=0) for q in tgt_passages]))
    mean_cos = src_means @ tgt_means.T
    soft = np.empty((len(src_passages), len(tgt_passages)))
    for a, p in enumerate(src_passages):
        rows = sentence_sims[p]
        for b, q in enumerate(tgt_passages):
            block = rows[:, q]
            soft[a, b] = 0.5 * (block.max(axis=1).mean() + block.max(axis=0).mean())
    return 0.5 * (soft + mean_cos)


# The nearest neighbours CSLS discounts a pair by.
CSLS_NEIGHBOURS = 3


def csls(similarity: np.ndarray, k: int = CSLS_NEIGHBOURS) -> np.ndarray:
    """2·sim − r_src − r_tgt, r being the mean similarity of each passage's k nearest neighbours."""
    k_src = min(k, similarity.shape[1])
    k_tgt = min(k, similarity.shape[0])
    r_src = np.sort(similarity, axis=1)[:, -k_src:].mean(axis=1)
    r_tgt = np.sort(similarity, axis=0)[-k_tgt:, :].mean(axis=0)
    return 2 * similarity - r_src[:, None] - r_tgt[None, :]


# A second or third target passage joins the best one when it scores within a quarter of a spread of
# the CSLS matrix of it. On NTREX documents cut into comparable passages (`benchmarks/topic_links.py`,
# where a Hindi passage's document is spread over two Thai ones; three seeds) the links then cover
# 0.532 of the same-topic pairs instead of 0.491, at precision 0.830 instead of 0.838. On one-to-one
# sets every extra link is wrong by construction: NTREX full/partial F1 0.725/0.719 → 0.708/0.699; PUD
# dev 0.353/0.442 → 0.358/0.444. Half a spread covers 0.561 but costs NTREX 0.024 more.
NEAR_TIE = 0.25
MOST_PARTNERS = 3


# A sentence stays in its passage's link unless, scored on its own against the target (its own views,
# standardised, plus twice its passage's — the prior), its CSLS falls half a spread of that matrix below
# zero. On NTREX documents cut into comparable texts whose Hindi paragraphs mix runs of two or three
# documents (a texts/-like reading: `benchmarks/topic_links.py --mixed`, seeds 0–2) precision goes
# 0.427 → 0.528 and the sentences without a counterpart left unlinked 0.478 → 0.599, for 0.239 → 0.235
# of the same-topic pairs covered; on topic-pure paragraphs 0.869 / 0.539 / 0.703 → 0.866 / 0.512 /
# 0.709. No paragraph of the bench's thematic sets or of NTREX's loses its link, so their F1 is
# unchanged. Measured before the crossed views joined: a floor of a quarter of a spread left 0.719 of
# the lonely mixed sentences unlinked but covered 0.454 instead of 0.538 of the pure pairs; a prior of
# 1 instead of 2, about 0.45.
SENTENCE_PRIOR = 2.0
SENTENCE_FLOOR = -0.5

# A passage gets its best target (and near ties) when the link is at least this likely to be on topic,
# and a sentence leaves a link when, on its own, it is no closer to the link's target than half a
# spread above its paragraph-mates' typical target (`decide`'s `mates`). Both chosen, with the near
# tie and the floor above, by cross-validation across the dev sets that are not PUD
# (`benchmarks/thematic_calibration.py`: the grid point with the best mean F1 over the other
# families; each fold chose 0.3–0.35 and, but for the fold without the mixed paragraphs, 0.5).
MIN_PROBABILITY = 0.35
MATES = 0.5


@dataclass(frozen=True)
class Calibration:
    """The probability that a link is on topic, from its `link_features`: a logistic (Platt) map
    1 / (1 + exp(-(intercept + weights · features))), fitted on dev sets with a known answer
    (`benchmarks/thematic_calibration.py`, which writes the shipped one)."""

    weights: tuple[float, ...]
    intercept: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(features @ np.asarray(self.weights, dtype=np.float64) + self.intercept)))


#: what `link_features` gives, in its order: the pair's CSLS, how far it stands above its source
#: passage's best other target, and above its target's best other source, and how far the typical
#: source passage's best target stands out in these two texts (the median of the rows' maxima) — all
#: in spreads of the matrix. The last is the same for every pair of two texts: it tells texts whose
#: passages pair off clearly (news windows) from texts where every best pair is a near thing (the
#: PUD sets), so that one CSLS does not mean one probability in both.
FEATURES = ("csls", "row_gap", "column_gap", "typical_best")


def link_features(scaled: np.ndarray) -> np.ndarray:
    """(P, Q, len(FEATURES)) features of every passage pair of a CSLS matrix. In spreads, so that one
    mapping serves texts of any size: a pair's standing, not its raw cosine."""
    z = scaled / (float(np.std(scaled)) or 1.0)
    typical_best = np.full(z.shape, float(np.median(z.max(axis=1))))
    return np.stack([z, z - _best_other(z, axis=1), z - _best_other(z, axis=0), typical_best], axis=-1)


def _best_other(z: np.ndarray, axis: int) -> np.ndarray:
    """Each cell's largest rival along `axis` (axis=1: the other cells of its row); 0 (a neutral CSLS)
    where there is none."""
    if z.shape[axis] < 2:
        return np.zeros_like(z)
    top = np.sort(z, axis=axis)
    first, second = np.take(top, [-1], axis=axis), np.take(top, [-2], axis=axis)
    best = np.argmax(z, axis=axis)
    index = np.arange(z.shape[axis]).reshape((-1, 1) if axis == 0 else (1, -1))
    return np.where(index == np.expand_dims(best, axis), second, first)


@dataclass(frozen=True)
class PassageScores:
    """What the link decision reads, computed once for any thresholds (`score_passages`)."""

    scaled: np.ndarray  # (P, Q) CSLS of the combined passage similarity
    features: np.ndarray  # (P, Q, len(FEATURES)) `link_features` of `scaled`
    by_sentence: np.ndarray  # (S, Q) `sentence_scores`, source sentences in passage order
    alone: np.ndarray  # (S, Q) the same without the passage's prior: each sentence on its own
    sentence_sims: np.ndarray  # (source sentences, target sentences) cosines


def score_passages(
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    *,
    k: int = CSLS_NEIGHBOURS,
    views: tuple[np.ndarray, ...] = (),
    sentence_views: tuple[np.ndarray, ...] = (),
) -> PassageScores:
    """The passage pairs' CSLS and features, and each source sentence's own score for each target
    passage (`sentence_views`: the views again, one row per source sentence in passage order)."""
    sentence_sims = src_vectors @ tgt_vectors.T
    combined = combined_similarity(
        src_vectors, tgt_vectors, src_passages, tgt_passages, views=views, sentence_sims=sentence_sims
    )
    scaled = csls(combined, k)
    own = combined_similarity(
        src_vectors,
        tgt_vectors,
        [[i] for p in src_passages for i in p],
        tgt_passages,
        views=sentence_views,
        sentence_sims=sentence_sims,
    )
    by_sentence = sentence_scores(src_vectors, tgt_vectors, src_passages, tgt_passages, combined, k=k, own=own)
    alone = sentence_scores(src_vectors, tgt_vectors, src_passages, tgt_passages, combined, k=k, own=own, prior=0.0)
    return PassageScores(scaled, link_features(scaled), by_sentence, alone, sentence_sims)


def match_passages(
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    *,
    calibration: Calibration,
    k: int = CSLS_NEIGHBOURS,
    views: tuple[np.ndarray, ...] = (),
    sentence_views: tuple[np.ndarray, ...] = (),
    **decision,
) -> list[PassageMatch]:
    """`decide` over `score_passages`: the thematic links of two texts (`decision`: its thresholds)."""
    if not src_passages or not tgt_passages:
        return []
    scores = score_passages(
        src_vectors, tgt_vectors, src_passages, tgt_passages, k=k, views=views, sentence_views=sentence_views
    )
    return decide(scores, src_passages, tgt_passages, calibration=calibration, **decision)


def decide(
    scores: PassageScores,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    *,
    calibration: Calibration,
    min_probability: float = MIN_PROBABILITY,
    near_tie: float = NEAR_TIE,
    most: int = MOST_PARTNERS,
    floor: float | None = SENTENCE_FLOOR,
    mates: float | None = MATES,
    evidence: int = 3,
    probability: np.ndarray | None = None,
) -> list[PassageMatch]:
    """Each source passage's target passages that are on topic with probability ≥ `min_probability`
    (`calibration` over the pairs' features; `probability`: the same, if the caller has it), in any
    order: its best one, and up to `most` in all where the next ones come within `near_tie` spreads
    of the best — a passage of one text may well treat what the other text spreads over two or three.
    A passage whose best target falls short gets none: no match. Each link then keeps the source
    sentences whose own score for its target is above `floor` spreads of those scores; a link none
    of whose sentences stays is dropped. `floor=None` keeps whole passages. With `mates` (spreads), a
    sentence also leaves the link when, taken on its own, it is no closer to the link's target than
    its paragraph-mates typically are to any target (the median of their own scores) plus `mates`
    spreads: a sentence with no counterpart beside sentences that have one."""
    scaled = scores.scaled
    spread = float(np.std(scaled)) or 1.0
    if probability is None:
        probability = calibration.probability(scores.features)
    sentence_spread = float(np.std(scores.by_sentence)) or 1.0
    alone_spread = float(np.std(scores.alone)) or 1.0
    first_row = np.cumsum([0] + [len(p) for p in src_passages])
    matches = []
    for a in range(len(src_passages)):
        ranked = np.argsort(-scaled[a], kind="stable")[: max(1, most)]
        best = float(scaled[a, ranked[0]])
        if probability[a, ranked[0]] < min_probability:
            continue  # no near tie of a best that is itself no evidence
        for b in (int(b) for b in ranked):
            value = float(scaled[a, b])
            if probability[a, b] < min_probability or value < best - near_tie * spread:
                continue
            kept = list(src_passages[a])
            rows = slice(first_row[a], first_row[a + 1])
            if floor is not None:
                kept = [i for i, score in zip(kept, scores.by_sentence[rows, b]) if score > floor * sentence_spread]
            if mates is not None and len(src_passages[a]) > 1:
                typical = _mates_typical(scores.alone[rows])
                kept = [
                    i
                    for i, score, bar in zip(src_passages[a], scores.alone[rows, b], typical)
                    if i in kept and score > bar + mates * alone_spread
                ]
            if not kept:
                continue
            block = scores.sentence_sims[np.ix_(kept, tgt_passages[b])]
            order = np.argsort(-block, axis=None, kind="stable")[:evidence]
            pairs = tuple(
                (kept[i // block.shape[1]], tgt_passages[b][i % block.shape[1]], float(block.flat[i])) for i in order
            )
            matches.append(PassageMatch(a, b, float(probability[a, b]), value, pairs, tuple(kept)))
    return matches


def best_candidates(probability: np.ndarray, most: int) -> list[list[tuple[int, float]]]:
    """For each source passage (rows of the (P, Q) `probability` that a pair is on topic, what
    `decide` reads), its `most` likeliest target passages, likeliest first: (target passage, probability).
    What a reviewer relinks to; ties keep the target order."""
    if probability.size == 0:
        return [[] for _ in range(probability.shape[0])]
    ranked = np.argsort(-probability, axis=1, kind="stable")[:, :most]
    return [[(int(b), float(probability[a, b])) for b in row] for a, row in enumerate(ranked)]


def _mates_typical(alone: np.ndarray) -> np.ndarray:
    """For each sentence of a paragraph (rows of its own scores), the median score of the other
    sentences of the paragraph over all target passages: how close a mate typically is to a target."""
    return np.array([float(np.median(np.delete(alone, row, axis=0))) for row in range(alone.shape[0])])


def combined_similarity(
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    *,
    views: tuple[np.ndarray, ...] = (),
    sentence_sims: np.ndarray | None = None,
) -> np.ndarray:
    """(P, Q) passage similarity before CSLS: the sentence-level view, joined by `views` if any
    (`sentence_sims`: the sentences' cosines, if the caller has them already)."""
    if sentence_sims is None:
        sentence_sims = src_vectors @ tgt_vectors.T
    similarity = passage_similarity(sentence_sims, src_passages, tgt_passages, src_vectors, tgt_vectors)
    return combine_views(similarity, *views) if views else similarity


def passage_scores(
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    *,
    k: int = CSLS_NEIGHBOURS,
    views: tuple[np.ndarray, ...] = (),
) -> np.ndarray:
    """(P, Q) CSLS-scaled passage similarity: what `match_passages` decides on."""
    return csls(combined_similarity(src_vectors, tgt_vectors, src_passages, tgt_passages, views=views), k)


def sentence_scores(
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_passages: list[list[int]],
    tgt_passages: list[list[int]],
    passage_combined: np.ndarray,
    *,
    k: int = CSLS_NEIGHBOURS,
    views: tuple[np.ndarray, ...] = (),
    prior: float = SENTENCE_PRIOR,
    sentence_sims: np.ndarray | None = None,
    own: np.ndarray | None = None,
) -> np.ndarray:
    """(S, Q) CSLS of each source sentence (rows in passage order) against each target passage: the
    sentence taken as a passage of its own, its views standardised and summed (`own`, if the caller
    has it), plus `prior` times its passage's standardised combined similarity (`passage_combined`,
    from `combined_similarity`) — one sentence alone says too little of its topic to be scored
    without its context."""
    passage_of = [a for a, p in enumerate(src_passages) for _ in p]
    if own is None:
        own = combined_similarity(
            src_vectors,
            tgt_vectors,
            [[i] for p in src_passages for i in p],
            tgt_passages,
            views=views,
            sentence_sims=sentence_sims,
        )
    return csls(_standardised(own) + prior * _standardised(passage_combined)[passage_of], k)


def _standardised(matrix: np.ndarray) -> np.ndarray:
    return (matrix - matrix.mean()) / (float(matrix.std()) or 1.0)


def combine_views(*matrices: np.ndarray) -> np.ndarray:
    """Sum of standardised matrices (each to mean 0, standard deviation 1)."""
    total = np.zeros_like(matrices[0], dtype=np.float64)
    for matrix in matrices:
        total += _standardised(matrix)
    return total


# Function words and the commonest verbs of English: they say nothing of a passage's topic.
_STOP_WORDS = frozenset(
    """
a about after again against all also among an and any are as at be been before being between both but by can
come could did do does down during each even every few for from further get give go got had has have he her
here his how i if in into is it its just less made make many may me might more most much must my new no not
of off on once one only or other our out over own per said same say says see shall she should so some still
such take than that the their them then there these they this those through to too under up upon very via
was we went were what when where which while who whom why will with within without would yet you your
because until like since though although whether unless across around toward towards whose
""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|\d{3,4}")


def content_words(text: str) -> list[str]:
    """Lower-cased words of three letters or more that are not function words, and years."""
    return [
        w
        for w in (m.group().lower() for m in _WORD.finditer(text))
        if (len(w) > 2 or w.isdigit()) and w not in _STOP_WORDS
    ]


def lexical_similarity(src_texts: list[str], tgt_texts: list[str]) -> np.ndarray:
    """(P, Q) cosine of TF-IDF vectors of the passages' content words, document frequency counted
    over both texts' passages together (a word every passage uses weighs nothing)."""
    docs = [Counter(content_words(text)) for text in [*src_texts, *tgt_texts]]
    frequency = Counter(word for doc in docs for word in doc)
    vocabulary = {word: index for index, word in enumerate(sorted(frequency))}
    matrix = np.zeros((len(docs), max(1, len(vocabulary))))
    for row, doc in enumerate(docs):
        for word, count in doc.items():
            matrix[row, vocabulary[word]] = (1 + math.log(count)) * math.log(len(docs) / frequency[word])
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    return matrix[: len(src_texts)] @ matrix[len(src_texts) :].T


def parameters() -> tuple[tuple[str, str], ...]:
    """The defaults that shape `match_passages` and `decide`, for an alignment's signature."""
    return (
        ("csls_k", str(CSLS_NEIGHBOURS)),
        ("min_probability", f"{MIN_PROBABILITY:g}"),
        ("near_tie", f"{NEAR_TIE:g}"),
        ("most_partners", str(MOST_PARTNERS)),
        ("sentence_prior", f"{SENTENCE_PRIOR:g}"),
        ("sentence_floor", f"{SENTENCE_FLOOR:g}"),
        ("mates", f"{MATES:g}"),
    )
