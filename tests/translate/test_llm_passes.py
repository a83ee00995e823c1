"""The `llm` translator's two passes, with a stand-in decoder, encoder and gloss (no model): every
sentence gets the first pass's framings, and only one whose best first line the quality estimate doubts
gets the others."""

import numpy as np
import pytest

from aligner.translate.llm import FIRST_PASS, SECOND_PASS, LlmTranslator, second_pass
from aligner.translate.quality import doubtful

# Two short Thai sentences (one clause each); the stand-in gloss of each is the English a good line has.
SURE, UNSURE = "ชาวนามอบที่ดิน", "พรรคครองอำนาจ"
GLOSS = {SURE: "The peasants gave the land.", UNSURE: "The party held power."}


def framing_of(prefix: str) -> str:
    if "<start_of_turn>" in prefix:
        return "chat"
    if "Word by word" in prefix:
        return "post-edit"
    if "รัฐบาลประกาศแผนสาธารณสุขใหม่" in prefix:
        return "general"
    return "completion"


class FakeDecoder:
    """Writes, for each job, the line its framing gives: the completion framing gets SURE right and
    UNSURE wrong; the post-edit gets UNSURE right."""

    def __init__(self):
        self.asked: list[tuple[str, str]] = []  # (framing, sentence)
        self.starts = 0

    def start(self, prefixes):
        self.starts += 1
        self.prefixes = list(prefixes)

    def generate(self, jobs, deadline):
        lines = []
        for job in jobs:
            framing = framing_of(job.prefix)
            sentence = SURE if SURE in job.suffix else UNSURE
            self.asked.append((framing, sentence))
            if sentence == SURE or framing == "post-edit":
                lines.append(" " + GLOSS[sentence])
            else:
                lines.append(" Many roads were closed because of rain.")
        return lines, False


class FakeGloss:
    def translate(self, texts, lang):
        return [GLOSS.get(text, "") for text in texts]


class FakeEncoder:
    """Sources and the lines that say what their gloss says on one axis, anything else on another."""

    def encode(self, texts):
        good = set(GLOSS) | set(GLOSS.values())
        return np.array([[1.0, 0.0] if text in good else [0.0, 1.0] for text in texts])


def translator(**options) -> tuple[LlmTranslator, FakeDecoder]:
    decoder = FakeDecoder()
    llm = LlmTranslator(encoder=FakeEncoder(), **options)
    llm._open_decoder, llm._gloss = (lambda lang: decoder), FakeGloss()
    return llm, decoder


def test_only_a_doubtful_first_line_gets_the_other_framings():
    llm, decoder = translator()
    lines = llm.translate([SURE, UNSURE], "th")
    assert lines == [GLOSS[SURE], GLOSS[UNSURE]]  # UNSURE's line is the post-edit's, from the second pass
    assert [f for f, s in decoder.asked if s == SURE] == ["completion"]
    assert sorted(f for f, s in decoder.asked if s == UNSURE) == sorted(["completion", *second_pass("th")])
    assert decoder.starts == 1  # the framings' prefixes are laid once for the language


def test_doubting_every_line_runs_every_framing_and_doubting_none_runs_only_the_first_pass():
    llm, decoder = translator(doubt_below=float("inf"))
    llm.translate([SURE, UNSURE], "th")
    assert {f for f, s in decoder.asked if s == SURE} == {"completion", *second_pass("th")}
    llm, decoder = translator(doubt_below=-1.0)
    assert llm.translate([SURE, UNSURE], "th")[1] == "Many roads were closed because of rain."
    assert {f for f, _ in decoder.asked} == {"completion"}


def test_the_first_pass_is_the_completion_and_its_clauses():
    assert FIRST_PASS == ("completion", "clauses") and not set(FIRST_PASS) & set(SECOND_PASS)


def test_a_thai_second_pass_leaves_out_the_chat_framing_a_hindi_one_has_all_three():
    assert second_pass("th") == ("general", "post-edit")
    assert second_pass("hi") == SECOND_PASS == ("chat", "general", "post-edit")


def test_a_source_without_any_first_line_is_doubtful():
    assert doubtful([np.array([1.2, 0.5]), np.zeros(0), np.array([0.9]), np.array([1.0])], 1.0) == [1, 2]


@pytest.mark.parametrize("below, expected", [(0.0, []), (float("inf"), [0, 1])])
def test_doubt_at_the_extremes(below, expected):
    assert doubtful([np.array([0.3]), np.array([1.9])], below) == expected


def test_decoding_stops_once_a_line_loops_as_the_cleaning_would_cut_it():
    from aligner.translate.llm.decoder import _looping

    assert _looping(b" the Linga of the Linga of the Linga of")
    assert not _looping(b" The peasants had to give their land to the collective farms.")


def test_sentences_decoded_together_get_their_own_lines_in_fewer_batches():
    one, one_decoder = translator()
    calls = []
    together, decoder = translator(sentences_per_batch=4)
    real_generate = decoder.generate
    decoder.generate = lambda jobs, deadline: (calls.append(len(jobs)), real_generate(jobs, deadline))[1]
    sentences = [SURE, UNSURE, UNSURE, SURE, UNSURE]
    assert together.translate(sentences, "th") == one.translate(sentences, "th")
    assert sorted(decoder.asked) == sorted(one_decoder.asked)
    assert len(calls) == 2 + 1  # two first-pass batches (4 + 1 sentences), one for the three doubtful
