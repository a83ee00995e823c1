"""Choosing among candidate English lines without a reference: sentence chrF and the combined score."""

import numpy as np
import pytest
from sacrebleu.metrics import CHRF

from aligner.translate.quality import Candidate, choose_lines, chrf


def test_chrf_of_a_line_with_itself_is_one_and_with_nothing_shared_zero():
    assert chrf("The party ruled alone.", "The party ruled alone.") == 1.0
    assert chrf("xyz", "abc") == 0.0
    assert chrf("", "The party ruled.") == 0.0


def test_chrf_of_a_short_line_with_itself_is_one():
    # The hand-written chrF averaged over all six n-gram orders and gave 0.5 here.
    assert chrf("cat", "cat") == 1.0
    assert chrf("a", "a") == 1.0


def test_chrf_is_sacrebleus_sentence_chrf_on_a_scale_of_one():
    hypothesis, reference = "The cat sat on the mat.", "The cat is on the mat."
    expected = CHRF().corpus_score([hypothesis], [[reference]]).score / 100
    assert chrf(hypothesis, reference) == expected
    assert chrf(hypothesis, reference) == pytest.approx(0.6717273492, abs=1e-9)


def test_chrf_ignores_spaces_and_weighs_recall_above_precision():
    assert chrf("Theparty ruled", "The party ruled") == 1.0
    reference = "the famine of 1932"
    short = chrf("famine", reference)  # precise, but says little of the reference
    long = chrf("the great famine of the year 1932 in the south", reference)  # says it all, and more
    assert long > short


class _AxisEncoder:
    """Embeds a text on the axis of the first keyword it contains: a stand-in with known geometry."""

    keywords = ("famine", "party", "school")

    def encode(self, texts):
        rows = np.zeros((len(texts), len(self.keywords)), dtype=np.float32)
        for i, text in enumerate(texts):
            hits = [k for k, word in enumerate(self.keywords) if word in text] or [0]
            rows[i, hits[0]] = 1.0
        return rows


def test_the_line_nearest_the_source_in_meaning_wins_when_the_gloss_does_not_decide():
    chosen = choose_lines(
        ["the party (source)"], [["There was a famine.", "The party ruled alone."]], ["⟨Xyz⟩"], _AxisEncoder()
    )
    assert chosen == ["The party ruled alone."]


def test_agreement_with_the_gloss_decides_between_lines_of_equal_meaning():
    chosen = choose_lines(
        ["the party (source)"],
        [["The party was banned.", "The party ruled alone in 1921."]],
        ["party alone ruled 1921 in"],
        _AxisEncoder(),
    )
    assert chosen == ["The party ruled alone in 1921."]


def test_a_tie_keeps_the_first_line_and_one_or_no_option_needs_no_encoder():
    class Unused:
        def encode(self, texts):
            raise AssertionError("nothing to choose between")

    assert choose_lines(["a", "b"], [["Only this."], []], ["", ""], Unused()) == ["Only this.", ""]
    assert choose_lines(["the school"], [["A school opened.", "A school opened."]], [""], _AxisEncoder()) == [
        "A school opened."
    ]


def test_a_line_made_from_the_gloss_gets_no_credit_for_agreeing_with_it():
    # All three lines mean the same (the party axis); the post-edit copies the gloss, so judged by its
    # agreement with it, it would win. It is given the mean agreement of the others instead.
    gloss = "party alone ruled 1921 in"
    close, loose = "The party ruled alone in 1921.", "The party was banned."
    copy = Candidate(gloss, from_gloss=True)
    encoder = _AxisEncoder()
    assert choose_lines(["the party (source)"], [[copy, Candidate(loose), Candidate(close)]], [gloss], encoder) == [
        close
    ]
    assert choose_lines(["the party (source)"], [[gloss, loose, close]], [gloss], encoder) == [gloss]


def test_a_line_made_from_the_gloss_still_wins_on_meaning():
    options = [Candidate("There was a famine."), Candidate("The party ruled alone.", from_gloss=True)]
    assert choose_lines(["the party (source)"], [options], ["famine"], _AxisEncoder()) == ["The party ruled alone."]
