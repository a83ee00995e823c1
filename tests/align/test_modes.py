"""`auto` on whole translations, excerpts and texts that only share topics; `--mode translation` on
texts that are not translations. Sentences are topic vectors with noise: a translation is the same
topics in the same order, a comparable text other topics or the same ones shuffled."""

import logging

import numpy as np
import pytest

from aligner.align.api import align_editions
from aligner.align.core import increasing_chain
from aligner.align.modes import decide_mode, lockstep_runs, mutual_pairs
from aligner.ingest.presplit import presplit_edition

DIM = 48


def topic_vectors(count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, DIM))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


TOPICS = topic_vectors(400, seed=1)


def noisy(indices, seed: int, noise: float = 0.35) -> np.ndarray:
    rows = TOPICS[list(indices)] + noise * np.random.default_rng(seed).normal(size=(len(indices), DIM)) / np.sqrt(DIM)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class TopicEncoder:
    """Sentence `t17 …` is topic 17 plus noise drawn from the whole sentence text."""

    model_id = "test/topics"
    dim = DIM

    def encode(self, texts):
        rows = []
        for text in texts:
            topics = [int(word[1:]) for word in text.split() if word.startswith("t")]
            row = TOPICS[topics].sum(axis=0)
            seed = sum(ord(c) * (i + 1) for i, c in enumerate(text))
            row = row + 0.35 * np.random.default_rng(seed).normal(size=DIM) / np.sqrt(DIM)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32)

    def encode_queries(self, texts):
        return None

    def encode_sparse(self, texts):
        return None


def edition(topics, lang: str, tag: str):
    text = "\n".join(f"t{t} {tag}{k}" for k, t in enumerate(topics))
    return presplit_edition(text, lang, edition_id=lang, source=f"{lang}.txt")


def test_a_whole_translation_is_a_translation_over_the_whole_texts():
    decision = decide_mode(noisy(range(60), seed=2), noisy(range(60), seed=3))
    assert decision.mode == "translation" and decision.whole


def test_an_excerpt_is_a_translation_of_its_stretch_of_the_longer_text():
    # The target translates sentences 120..139 of a 300-sentence source.
    decision = decide_mode(noisy(range(300), seed=4), noisy(range(120, 140), seed=5))
    assert decision.mode == "translation" and not decision.whole
    (src_start, src_stop), (tgt_start, tgt_stop) = decision.region
    assert (tgt_start, tgt_stop) == (0, 20)
    assert 110 <= src_start <= 120 and 140 <= src_stop <= 150


def test_an_excerpt_is_found_from_either_side():
    decision = decide_mode(noisy(range(50, 65), seed=6), noisy(range(200), seed=7))
    assert decision.mode == "translation"
    (src_start, src_stop), (tgt_start, tgt_stop) = decision.region
    assert (src_start, src_stop) == (0, 15) and 40 <= tgt_start <= 50 and 65 <= tgt_stop <= 75


def test_texts_on_other_topics_are_comparable():
    assert decide_mode(noisy(range(80), seed=8), noisy(range(200, 280), seed=9)).mode == "comparable"


def test_the_same_topics_in_another_order_are_comparable():
    # Two accounts of one history touch the same topics, roughly in order but not sentence by
    # sentence: scattered, with long jumps on the longer text.
    order = np.random.default_rng(10).permutation(40)
    decision = decide_mode(noisy(range(40), seed=11), noisy(order, seed=12))
    assert decision.mode == "comparable"


def test_texts_of_one_or_two_sentences_are_translations_when_each_sentence_has_its_partner_in_order():
    assert decide_mode(noisy([5, 6], seed=13), noisy([5, 6], seed=14)).mode == "translation"
    assert decide_mode(noisy([5], seed=13), noisy([3, 5, 9], seed=14)).mode == "translation"
    assert decide_mode(noisy([5, 6], seed=13), noisy([6, 5], seed=14)).mode == "comparable"


def test_lockstep_runs_need_both_sides_to_advance_together():
    chain = [(0, 0), (1, 1), (2, 2), (3, 30), (4, 60), (5, 61), (6, 62), (7, 63)]
    assert lockstep_runs(chain, 3, 3) == [[(0, 0), (1, 1), (2, 2)], [(4, 60), (5, 61), (6, 62), (7, 63)]]
    assert increasing_chain([(0, 5), (0, 6), (1, 2), (2, 3), (3, 4)]) == [(1, 2), (2, 3), (3, 4)]
    assert mutual_pairs(TOPICS[:3], TOPICS[[2, 1, 0]]) == [(0, 2), (1, 1), (2, 0)]


def test_auto_aligns_an_excerpt_inside_its_stretch_and_says_so(caplog):
    src = edition(range(100), "hi", "a")
    tgt = edition(range(40, 52), "en", "b")
    with caplog.at_level(logging.INFO, logger="aligner"):
        alignment = align_editions(src, tgt, TopicEncoder(), mode="auto")
    assert alignment.mode == "translation"
    assert "a translation of part of the other text" in caplog.text
    linked = {(link.source, link.target) for link in alignment.links}
    expected = {((f"hi.p1.s{41 + k}",), (f"en.p1.s{1 + k}",)) for k in range(12)}
    assert len(linked & expected) >= 11
    assert dict(alignment.signature)["region"].startswith("hi.p1.s")
    assert all(int(link.source[0].rsplit("s", 1)[1]) in range(30, 63) for link in alignment.links)


@pytest.mark.parametrize("mode", ["translation"])
def test_translation_mode_on_texts_that_are_not_translations_says_so(caplog, mode):
    src = edition(range(30), "hi", "a")
    tgt = edition(range(200, 230), "th", "b")
    with caplog.at_level(logging.WARNING, logger="aligner"):
        align_editions(src, tgt, TopicEncoder(), mode=mode)
    assert "do not look like translations" in caplog.text and "--mode comparable" in caplog.text


def test_translation_mode_on_a_translation_says_nothing(caplog):
    src = edition(range(30), "hi", "a")
    tgt = edition(range(30), "th", "b")
    with caplog.at_level(logging.WARNING, logger="aligner"):
        alignment = align_editions(src, tgt, TopicEncoder(), mode="translation")
    assert "do not look like translations" not in caplog.text
    assert len(alignment.links) >= 28
