"""Pairing documents across languages: translations found in any order, a document without a
partner left alone, comparable texts on one subject not taken for translations of each other."""

import numpy as np
import pytest

from aligner.align.pairing import pair_documents, positional_vector, sentence_votes

DIM = 48
TOPICS = np.random.default_rng(1).normal(size=(2000, DIM))


def document(topics, seed: int, noise: float = 0.4) -> np.ndarray:
    rows = TOPICS[list(topics)] + noise * np.random.default_rng(seed).normal(size=(len(topics), DIM))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def collection(count: int, length: int = 12, start: int = 0):
    """`count` documents of `length` sentences each, sentence topics distinct across documents."""
    return [list(range(start + d * length, start + (d + 1) * length)) for d in range(count)]


def test_translations_are_paired_whatever_the_order_and_a_lonely_document_gets_no_partner():
    docs = collection(12)
    src = [document(t, seed=10 + i) for i, t in enumerate(docs[:10])]  # documents 0..9
    order = [7, 3, 11, 0, 9, 5, 1, 8, 2, 6, 10]  # 4 is missing here; 10 and 11 are only here
    tgt = [document(docs[d], seed=100 + d) for d in order]
    pairs = pair_documents(src, tgt)
    found = {(p.src, p.tgt) for p in pairs}
    expected = {(d, order.index(d)) for d in range(10) if d in order}
    assert found == expected
    assert all(0.0 <= p.score <= 1.0 and p.votes > 0.5 for p in pairs)


def test_a_text_on_the_same_subjects_in_another_order_is_not_a_translation():
    # The second target tells the first source's topics shuffled and half replaced: fewer mutual
    # nearest sentences than the real translation of the first, which wins.
    docs = collection(3)
    shuffled = list(np.random.default_rng(3).permutation(docs[0]))
    src = [document(docs[0], 1), document(docs[1], 2)]
    tgt = [document(docs[1], 3), document(shuffled[:6] + list(range(1500, 1506)), 4), document(docs[0], 5)]
    found = {(p.src, p.tgt) for p in pair_documents(src, tgt)}
    assert found == {(0, 2), (1, 0)}


def test_positional_vector_tells_order_apart_and_handles_short_documents():
    doc = document(range(8), seed=6)
    assert positional_vector(doc) @ positional_vector(doc) == pytest.approx(1.0)
    assert positional_vector(doc) @ positional_vector(doc[::-1]) < 0.9
    assert positional_vector(doc[:1]).shape == (4 * DIM,)


def test_votes_count_mutual_nearest_sentences_over_the_shorter_document():
    docs = collection(2, length=4)
    votes = sentence_votes(
        [document(docs[0], 1), document(docs[1], 2)], [document(docs[1], 3), document(docs[0][:2], 4)]
    )
    assert votes[1, 0] == 1.0 and votes[0, 1] == 1.0 and votes[0, 0] == 0.0


def test_empty_documents_are_refused():
    with pytest.raises(ValueError):
        pair_documents([np.zeros((0, DIM))], [document([1], 1)])
