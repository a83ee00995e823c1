"""Issue 35, item 11: a text of a megabyte with no line breaks. No one sentence holds more than
`MAX_SENTENCE_CHARS` characters (a Thai text without spaces is one run), and the embed stage moves in
batches of a few seconds' work, so that progress shows within seconds however long a text is."""

import unicodedata
from contextlib import contextmanager

from tiny_corpus import HINDI, THAI, write_corpus

from aligner.ingest import ingest_text
from aligner.segment import MAX_SENTENCE_CHARS, segment_edition

#: Thai written without a space or a line break, as a PDF extraction may leave it
THAI_RUN = "ที่ดินของเจ้าของที่ดินตกเป็นของชาวนาหมู่บ้านตั้งคณะกรรมการใหม่เพื่อแบ่งที่ดินให้ครอบครัวที่ยากจนที่สุดก่อน" * 150


def test_no_sentence_holds_more_than_the_cap_and_no_character_is_lost():
    edition = segment_edition(ingest_text(THAI_RUN + "\n", "th"))
    sentences = list(edition.sentences())
    assert len(THAI_RUN) > 5 * MAX_SENTENCE_CHARS and len(sentences) >= 5
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert "".join(s.text for s in sentences) == THAI_RUN
    for sentence in sentences:
        assert THAI_RUN[sentence.start : sentence.end] == sentence.text  # spans still point into the source
        assert unicodedata.category(sentence.text[0])[0] != "M" and not "\u0e40" <= sentence.text[-1] <= "\u0e44"


def test_a_long_run_with_spaces_is_cut_at_a_space():
    words = " ".join(["किसानों को ज़मीन मिली और गाँवों में नई समितियाँ बनीं"] * 300)  # no danda, no line break
    edition = segment_edition(ingest_text(words + "\n", "hi"))
    pieces = [s.text for s in edition.sentences()]
    assert len(pieces) > 1 and all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces) == words


class Recorder:
    """A Progress that keeps every advance of every stage."""

    def __init__(self):
        self.advances: dict[str, list[tuple[int, str]]] = {}

    @contextmanager
    def stage(self, name, total=None):
        record = self.advances.setdefault(name, [])

        class Step:
            def advance(self, count=1, item=""):
                record.append((count, item))

        yield Step()


def test_the_embed_stage_advances_batch_by_batch_through_a_long_text(tmp_path, quick_build):
    long_hindi = "".join(f"वर्ष {1800 + n} में गाँव में {n} नई समितियाँ बनीं।\n" for n in range(1500))
    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI + long_hindi, "th/a.txt": THAI})
    progress = Recorder()
    quick_build(texts, tmp_path / "out", cache=tmp_path / "cache", progress=progress)
    [stage] = [name for name in progress.advances if name.startswith("embed sentences")]
    steps = progress.advances[stage]
    on_hindi = [count for count, item in steps if item.startswith("hi")]
    assert len(on_hindi) >= 20 and max(on_hindi) <= 64 and sum(on_hindi) >= 1500
