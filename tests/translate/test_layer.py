"""The English layer: provenance on every line, the cache, human lines that win and go stale."""

import pytest

from aligner.document import Provenance, best_line
from aligner.errors import FormatError
from aligner.ingest import ingest_text
from aligner.segment import segment_edition
from aligner.translate import TranslationCache, english_layer
from aligner.translate.base import Translator
from aligner.translate.human import read_sidecar

HINDI = "सोवियत संघ में शिक्षा सबके लिए थी। किसानों को सामूहिक खेतों में भेजा गया।"


class CountingTranslator(Translator):
    """A real (if trivial) translator: upper-cases, and counts what reaches it."""

    name, languages = "upper", ("hi",)

    def __init__(self):
        self.seen = []

    def provenance(self, lang):
        return Provenance(kind="machine", engine="upper", version="1", model="none")

    def translate(self, texts, lang):
        self.seen += texts
        return [t.upper() for t in texts]


def edition(text=HINDI):
    return segment_edition(ingest_text(text, "hi", edition_id="hi", source="hi.txt"))


def test_every_line_has_provenance_and_the_cache_skips_known_sentences(tmp_path):
    engine = CountingTranslator()
    cache = TranslationCache(tmp_path)
    first, report = english_layer(edition(), [engine], cache=cache)
    assert len(first.english) == 2 and all(line.provenance.kind == "machine" for line in first.english)
    assert report.translated == 2
    again, report = english_layer(edition(), [engine], cache=cache)
    assert report.cached == 2 and report.translated == 0 and len(engine.seen) == 2
    assert again.english == first.english


def test_human_line_wins_and_goes_stale_when_its_source_changes(tmp_path):
    base = edition()
    sentence = next(base.sentences())
    sidecar = tmp_path / "hi.en.tsv"
    sidecar.write_text(
        f"# comment\n{sentence.id}\t{sentence.hash}\tIn the Soviet Union education was for all.\tA. Translator\t2026-11-24\n",
        encoding="utf-8",
    )
    human = read_sidecar(sidecar)
    layered, report = english_layer(base, [CountingTranslator()], human=human)
    best = best_line(layered.english_for(sentence.id))
    assert best.provenance.kind == "human" and best.provenance.translator == "A. Translator"
    assert not best.stale and report.stale == []

    changed = edition(HINDI.replace("सबके लिए", "सब के लिए"))
    layered, report = english_layer(changed, [CountingTranslator()], human=human)
    kept = [line for line in layered.english if line.provenance.kind == "human"]
    assert kept and kept[0].stale and report.stale == [sentence.id]


def test_malformed_sidecar_is_a_one_line_error(tmp_path):
    sidecar = tmp_path / "hi.en.tsv"
    sidecar.write_text("hi.p1.s1 only one field\n", encoding="utf-8")
    with pytest.raises(FormatError) as error:
        read_sidecar(sidecar)
    assert "line 1" in error.value.one_line() and str(sidecar) in error.value.one_line()
