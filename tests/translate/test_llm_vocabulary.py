"""The llm's model cut to the pieces an English line from one language needs (`llm.vocabulary`): which
pieces stay, and the GGUF copy written with them (a tiny model file made here; no llama.cpp)."""

import numpy as np
import pytest

from aligner.translate.llm import vocabulary as llm_vocabulary
from aligner.translate.llm.vocabulary import BYTE, CONTROL, NORMAL, UNUSED, kept_pieces

TOKENS = [
    "<pad>",
    "<eos>",
    "<bos>",
    "<unused0>",
    "<end_of_turn>",
    "<0x41>",
    "▁the",
    "▁peas",
    "ants",
    "▁peasants",
    "▁Bolshevik",
    "Bol",
    "shevik",
    "ชาวนา",
    "ชาว",
    "นา",
    "किसान",
    "▁Москва",
    "日本",
    "“",
    "é",
    "\n",
    "\n\n",
    "▁▁",
    "।",
    "⟨",
]
TYPES = [CONTROL, CONTROL, CONTROL, UNUSED, CONTROL, BYTE] + [NORMAL] * 20
ENGLISH = frozenset({"▁the", "▁peasants", "▁Bolshevik"})


def kept(lang: str) -> set[str]:
    return {TOKENS[i] for i in kept_pieces(TOKENS, TYPES, lang, ENGLISH)}


def test_a_thai_model_keeps_english_thai_control_and_byte_pieces_and_drops_other_scripts():
    pieces = kept("th")
    assert {"▁the", "▁peasants", "ชาวนา", "<eos>", "<bos>", "<end_of_turn>", "<0x41>", "“", "é"} <= pieces
    assert {"\n", "\n\n", "▁▁"} <= pieces  # a line ends at the model's line break
    assert not {"किसान", "▁Москва", "日本", "<unused0>"} & pieces


def test_a_hindi_model_keeps_devanagari_not_thai():
    pieces = kept("hi")
    assert {"किसान", "।"} <= pieces and not {"ชาวนา", "ชาว"} & pieces  # the danda is in no one script


def test_the_glosss_name_marks_are_kept_as_the_post_edit_prompt_shows_them():
    assert "⟨" in kept("th") and "⟨" in kept("hi")


def test_the_pieces_inside_a_kept_piece_are_kept_so_that_text_tokenizes_as_before():
    # The tokenizer makes ▁peasants by joining ▁peas and ants, ชาวนา from ชาว and นา.
    assert {"▁peas", "ants", "Bol", "shevik", "ชาว", "นา"} <= kept("th")


def test_an_unknown_language_lists_the_known_ones():
    with pytest.raises(ValueError, match="hi, th"):
        kept_pieces(TOKENS, TYPES, "xx", ENGLISH)


def test_the_shipped_english_pieces_hold_the_words_of_the_corpus_subjects():
    pieces = llm_vocabulary.english_pieces()
    assert len(pieces) > 50000
    assert {"▁peasants", "▁famine", "▁Russia", "▁Stalin", "▁Lenin", "▁collective", "▁the", "."} <= pieces


def test_the_reduced_model_keeps_the_rows_and_remaps_the_special_ids(tmp_path, monkeypatch):
    gguf = pytest.importorskip("gguf")
    source = tmp_path / "tiny.gguf"
    embedding = np.arange(len(TOKENS) * 4, dtype=np.float32).reshape(len(TOKENS), 4)
    writer = gguf.GGUFWriter(source, arch="gemma3")
    writer.add_tokenizer_model("llama")
    writer.add_token_list(TOKENS)
    writer.add_token_scores([-float(i) for i in range(len(TOKENS))])
    writer.add_token_types(TYPES)
    writer.add_bos_token_id(2)
    writer.add_eos_token_id(1)
    writer.add_tensor("token_embd.weight", embedding)
    writer.add_tensor("output_norm.weight", np.ones(4, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    monkeypatch.setattr(llm_vocabulary, "english_pieces", lambda: ENGLISH)

    target = llm_vocabulary.reduced_model(source, tmp_path / "models", "th")
    assert target.exists() and not list((tmp_path / "models").glob(".*partial"))
    reader = gguf.GGUFReader(target)
    tokens = reader.fields["tokenizer.ggml.tokens"].contents()
    assert "ชาวนา" in tokens and "किसान" not in tokens
    assert tokens[reader.fields["tokenizer.ggml.bos_token_id"].contents()] == "<bos>"
    assert tokens[reader.fields["tokenizer.ggml.eos_token_id"].contents()] == "<eos>"
    rows = {t.name: t.data for t in reader.tensors}
    for new, piece in enumerate(tokens):  # each kept piece has its own row, unchanged
        assert rows["token_embd.weight"][new].tolist() == embedding[TOKENS.index(piece)].tolist()
    assert rows["output_norm.weight"].tolist() == [1.0] * 4
    # Written once: asked again, the same file is returned without writing it anew.
    stamp = target.stat().st_mtime_ns
    assert llm_vocabulary.reduced_model(source, tmp_path / "models", "th") == target
    assert target.stat().st_mtime_ns == stamp


def test_without_the_gguf_package_the_error_names_the_extra(tmp_path, monkeypatch):
    import builtins

    from aligner.errors import MissingPackageError

    real_import = builtins.__import__

    def no_gguf(name, *args, **kwargs):
        if name == "gguf":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    source = tmp_path / "model.gguf"
    source.write_bytes(b"GGUF")
    monkeypatch.setattr(builtins, "__import__", no_gguf)
    with pytest.raises(MissingPackageError, match=r"aligner\[llm\]"):
        llm_vocabulary.reduced_model(source, tmp_path / "models", "th")
