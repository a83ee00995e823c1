"""The pure alignment core on tiny hand-made embeddings with known answers."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import align_ordered, choose_mode, match_passages
from aligner.align.comparable import thematic_calibration
from aligner.align.ordered import overlap_texts


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def topics(n, dim=32, seed=0):
    return unit(np.random.default_rng(seed).normal(size=(n, dim)))


def overlaps(vectors, max_size=2):
    """Overlap vectors as the caller builds them: the sum of the run's sentences, normalised."""
    out = [vectors]
    for k in range(2, max_size + 1):
        rows = [vectors[i : i + k].sum(axis=0) for i in range(len(vectors) - k + 1)]
        out.append(unit(rows) if rows else np.zeros((0, vectors.shape[1]), dtype=np.float32))
    return out


def links(beads):
    return [(tuple(range(*b.src)), tuple(range(*b.tgt))) for b in beads]


def run(src, tgt):
    return align_ordered(overlaps(src), overlaps(tgt), np.full(len(src), 50.0), np.full(len(tgt), 50.0), band=10)


def test_identical_texts_align_one_to_one():
    t = topics(12)
    assert links(run(t, t)) == [((i,), (i,)) for i in range(12)]


def test_a_text_that_repeats_itself_still_aligns_on_the_diagonal():
    # Every sentence has several identical copies on the other side: neither the anchors nor the
    # margin may treat the copies as rivals of the true partner.
    base = topics(15, seed=3)
    src = np.vstack([base] * 6)
    noise = np.random.default_rng(4).normal(scale=0.05, size=base.shape)
    tgt = np.vstack([unit(base + noise)] * 6)
    assert links(run(src, tgt)) == [((i,), (i,)) for i in range(90)]


def test_a_merged_target_sentence_gives_a_two_to_one_link():
    t = topics(10)
    merged = np.vstack([t[:4], unit([t[4] + t[5]]), t[6:]])
    result = links(run(t, merged))
    assert ((4, 5), (4,)) in result
    assert ((3,), (3,)) in result and ((6,), (5,)) in result


def test_a_split_target_sentence_gives_a_one_to_two_link():
    t = topics(10, seed=1)
    split = np.vstack([unit([t[0] + t[1]]), t[2:]])
    assert ((0,), (0, 1)) in links(run(split, t))


def test_a_deleted_sentence_is_left_unlinked():
    t = topics(10, seed=2)
    result = links(run(t, np.delete(t, 5, axis=0)))
    assert ((5,), ()) in result
    assert ((6,), (5,)) in result


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=25), st.integers(min_value=1, max_value=25), st.integers(0, 10_000))
def test_ordered_links_never_cross_and_cover_every_sentence_once(n, m, seed):
    beads = run(topics(n, seed=seed), topics(m, seed=seed + 1))
    assert [b.src for b in beads][0][0] == 0 and beads[-1].src[1] == n and beads[-1].tgt[1] == m
    for before, after in zip(beads, beads[1:]):
        assert before.src[1] == after.src[0] and before.tgt[1] == after.tgt[0]


def test_passages_match_in_any_order_and_one_without_a_partner_gets_no_match():
    t = topics(6, seed=3)
    rng = np.random.default_rng(4)
    # Source themes A, B, C; the target holds C then A (reversed, perturbed) and nothing on B.
    tgt = unit(np.vstack([t[4:6], t[0:2]]) + 0.3 * rng.normal(size=(4, 32)))
    matches = match_passages(t, tgt, [[0, 1], [2, 3], [4, 5]], [[0, 1], [2, 3]], calibration=thematic_calibration())
    assert {(m.src, m.tgt) for m in matches} == {(0, 1), (2, 0)}
    assert all(0.0 <= m.score <= 1.0 and m.evidence for m in matches)


def test_mode_switch():
    t = topics(20, seed=5)
    assert choose_mode(t, t) == "translation"
    assert choose_mode(t, topics(20, seed=6)[::-1]) == "comparable"


def test_overlap_texts():
    assert overlap_texts(["a", "b", "c"], 2) == ["a b", "b c"]


@pytest.mark.parametrize("width", [3, 64, 300, 1000, 1029])
@pytest.mark.parametrize("k", [1, 2, 4])
def test_largest_gives_the_k_largest_values_of_each_row_as_partition_does(width, k):
    from aligner.align.core import largest

    rng = np.random.default_rng(width * 10 + k)
    sims = rng.normal(size=(50, width)).astype(np.float32)
    sims[3] = 0.5  # a row of ties
    sims[7, -3:] = 9.0  # the largest values in the columns past the last whole chunk
    k = min(k, width)
    expected = np.sort(np.partition(sims, -k, axis=1)[:, -k:], axis=1)
    assert np.array_equal(np.sort(largest(sims, k), axis=1), expected)
