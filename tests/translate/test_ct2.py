"""`ct2` end to end on a tiny Marian model kept in tests/data (random weights, no download, no torch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import AlignerError, InputError, UnknownNameError
from aligner.translate import english_layer, translator_for
from aligner.translate.ct2 import parse_models, source_tokens, target_prefix

TINY_MODEL = Path(__file__).resolve().parents[1] / "data" / "opus-mt-tiny-hi-en"
#: what the tiny model's SentencePiece vocabulary was trained on
SENTENCES = [
    "सोवियत संघ में शिक्षा सबके लिए थी",
    "किसानों ने विरोध किया",
    "the soviet union had schools for all",
    "peasants resisted collectivisation",
    "famine spread in the villages",
    "अकाल फैला",
]


@pytest.fixture(scope="module")
def tiny_model() -> Path:
    """The committed one-layer Marian model with a 60-piece SentencePiece vocabulary, converted by
    CTranslate2's own converter exactly as a user converts OPUS-MT (``--copy_files source.spm
    target.spm``); ``tests/data/make_tiny_ct2.py`` made it."""
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    assert (TINY_MODEL / "model.bin").is_file(), f"{TINY_MODEL} is missing: run tests/data/make_tiny_ct2.py"
    return TINY_MODEL


def test_a_converted_model_translates_deterministically_with_its_provenance(tiny_model):
    translator = translator_for(f"ct2:hi={tiny_model}")
    assert translator.supports("hi") and not translator.supports("th")
    first = translator.translate(["किसानों ने विरोध किया", "", "अकाल फैला"], "hi")
    again = translator_for(f"ct2:hi={tiny_model}").translate(["किसानों ने विरोध किया", "", "अकाल फैला"], "hi")
    assert first == again
    assert first[1] == "" and first[0] and first[2]  # random weights: some text, not a meaningful one
    provenance = translator.provenance("hi")
    assert provenance.kind == "machine" and provenance.engine == "ctranslate2"
    assert provenance.model.startswith("opus-mt-tiny-hi-en (marian, ") and provenance.version


def test_the_english_layer_carries_ct2_lines_beside_the_gloss(tiny_model):
    from aligner.ingest import ingest_text
    from aligner.segment import segment_edition

    edition = segment_edition(ingest_text("किसानों ने विरोध किया। अकाल फैला।\n", "hi", source="a.txt"))
    layered, report = english_layer(edition, [translator_for(f"ct2:{tiny_model}"), translator_for("gloss")])
    kinds = {(line.provenance.kind, line.provenance.engine) for line in layered.english}
    assert kinds == {("machine", "ctranslate2"), ("gloss", "aligner-gloss")}
    assert report.by_kind == {"machine": 2, "gloss": 2}


def test_a_folder_without_a_model_or_its_sentencepiece_files_is_a_one_line_error(tmp_path, tiny_model):
    with pytest.raises(InputError, match="model.bin is missing"):
        translator_for(f"ct2:hi={tmp_path}")
    (tmp_path / "model.bin").write_bytes((tiny_model / "model.bin").read_bytes())
    with pytest.raises(InputError, match="no SentencePiece model") as error:
        translator_for(f"ct2:hi={tmp_path}")
    assert "--copy_files" in error.value.one_line() and "\n" not in error.value.one_line()


def test_ct2_without_a_model_folder_says_how_to_name_one(monkeypatch):
    monkeypatch.delenv("ALIGNER_CT2_MODELS", raising=False)
    with pytest.raises(AlignerError, match="ct2:/models/"):
        translator_for("ct2")


def test_only_ct2_takes_a_specification():
    with pytest.raises(UnknownNameError):
        translator_for("gloss:/somewhere")


def test_model_specifications_and_the_tokens_each_family_reads():
    assert parse_models("hi=/m/a, th=/m/b") == {"hi": Path("/m/a"), "th": Path("/m/b")}
    assert parse_models("/m/nllb") == {None: Path("/m/nllb")}
    assert source_tokens("marian", ["▁a", "b"], None) == ["▁a", "b", "</s>"]
    assert source_tokens("nllb", ["▁a"], "hin_Deva") == ["hin_Deva", "▁a", "</s>"]
    assert source_tokens("m2m", ["▁a"], "__th__") == ["__th__", "▁a", "</s>"]
    assert target_prefix("nllb") == ["eng_Latn"] and target_prefix("marian") is None


def test_a_sentence_longer_than_the_model_handles_is_cut_to_fit_not_an_error(tiny_model):
    # The tiny model has 64 positions; a converted model does not record its limit.
    long_sentence = " ".join(SENTENCES[:2] * 12)
    translator = translator_for(f"ct2:hi={tiny_model}")
    assert all(translator.translate([long_sentence, "अकाल फैला"], "hi"))
