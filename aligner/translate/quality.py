"""Reference-free quality estimation: which of several English lines for one source sentence to keep.

Two signals, each in [0, 1], added with equal weight:

- meaning: the cosine between the source and the line in a multilingual sentence-embedding space
  (the small model's failures are omissions and invented content, which such an embedding sees);
- lexical adequacy: the line's chrF against the dictionary gloss of the source. The gloss is poor
  English but names the source's content words, numbers and names; a line that agrees with it has
  not dropped or replaced them. This is the dictionary evidence of word-based QE, scored with the
  same character n-gram measure as the evaluation (Popović 2015), so inflections and spelling
  variants still count.

Evidence must be independent of what it judges. A line the model wrote *from* the gloss (a
post-edit of it) agrees with the gloss because it was made from it, not because it is adequate: such
a line gets neither credit nor blame from that agreement — the mean adequacy of the other lines
stands in for its own — and competes on meaning alone.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import numpy as np
import regex

_GLOSS_MARKS = regex.compile(r"[⟨⟩]")


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence chrF in [0, 1]: sacrebleu's CHRF (character n-grams 1..6, spaces ignored, recall
    weighted by beta 2) divided by 100.

    sacrebleu averages over the n-gram orders the strings have (its effective order), so a short
    line is not penalised for lacking 6-grams: a line scores 1.0 against itself, whatever its length.
    """
    return _chrf_metric().sentence_score(hypothesis, [reference]).score / 100.0


@cache
def _chrf_metric():
    from sacrebleu.metrics import CHRF

    return CHRF()


class Candidate(NamedTuple):
    """One English line for a source sentence, and whether the dictionary gloss was part of its input."""

    text: str
    from_gloss: bool = False


def choose_lines(sources: list[str], options: list[list[str | Candidate]], glosses: list[str], encoder) -> list[str]:
    """Per source, the option with the best meaning + lexical-adequacy score (the first on a tie).

    `options[i]` are the candidate lines for `sources[i]` (possibly none: then ""), plain strings or
    `Candidate`s; `glosses[i]` its dictionary gloss. All sources and options are embedded in one
    `encoder.encode` call, so it batches.
    """
    options = [[c if isinstance(c, Candidate) else Candidate(c) for c in choices] for choices in options]
    chosen = [choices[0].text if len(choices) == 1 else "" for choices in options]
    open_questions = [i for i, choices in enumerate(options) if len(choices) > 1]
    scores = score_options(
        [sources[i] for i in open_questions],
        [options[i] for i in open_questions],
        [glosses[i] for i in open_questions],
        encoder,
    )
    for i, score in zip(open_questions, scores):
        chosen[i] = options[i][int(np.argmax(score))].text
    return chosen


def score_options(sources: list[str], options: list[list[Candidate]], glosses: list[str], encoder) -> list[np.ndarray]:
    """Per source, each option's meaning + lexical-adequacy score (rounded to 4 places, so that float
    noise between machines cannot flip a choice), one `encoder.encode` call for all. A source without
    options gets an empty array."""
    asked = [i for i, choices in enumerate(options) if choices]
    scores = [np.zeros(0) for _ in sources]
    if not asked:
        return scores
    texts = [t for i in asked for t in (sources[i], *(c.text for c in options[i]))]
    vectors, row = encoder.encode(texts), 0
    for i in asked:
        count = len(options[i])
        meaning = vectors[row + 1 : row + 1 + count] @ vectors[row]
        scores[i] = np.round(meaning + _adequacy(options[i], glosses[i]), 4)
        row += 1 + count
    return scores


def doubtful(scores: list[np.ndarray], below: float) -> list[int]:
    """The indexes of the sources whose best option scores below `below` (or that have no option): the
    sentences a translator should try harder on."""
    return [i for i, score in enumerate(scores) if not len(score) or float(score.max()) < below]


def _adequacy(options: list[Candidate], gloss: str) -> np.ndarray:
    evidence = _GLOSS_MARKS.sub("", gloss)
    scores = np.array([chrf(c.text, evidence) for c in options])
    independent = [k for k, c in enumerate(options) if not c.from_gloss]
    neutral = float(scores[independent].mean()) if independent else 0.0
    # Rounded (with the sum, by the caller) so that float noise between machines cannot flip a choice.
    return np.array([neutral if c.from_gloss else value for c, value in zip(options, scores)])
