"""Make the tiny CTranslate2 model that ``tests/translate/test_ct2.py`` translates with.

A one-layer Marian model (d_model 16, 64 positions) with random weights and a 60-piece SentencePiece
vocabulary trained on a few Hindi and English sentences, converted by CTranslate2's own converter
exactly as a user converts OPUS-MT (``ct2-transformers-converter ... --copy_files source.spm
target.spm``). It translates into nonsense, deterministically, which is all the tests need: a real
model folder without a download and without torch at test time. The SentencePiece model does not
normalise (rule ``identity``): the NFKC table would make each .spm file 240 KB instead of under 1 KB,
and it splits these already-normalised sentences into the same pieces.

The output is committed in ``tests/data/opus-mt-tiny-hi-en/`` (the name is part of what the tests
check, as the folder name is part of the provenance); run this script again only to change the model.
Seeds are fixed and SentencePiece trains on one thread, so a run with the same package versions
rewrites the same files.

Needs (not in any of aligner's extras, on purpose):

    pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
    pip install torch==2.13.0 transformers ctranslate2 sentencepiece   # pinned again: keeps that wheel

Always torch==2.13.0 exactly (the CPU wheel from that index: the default index's wheel brings
gigabytes of CUDA packages), never another version: the random weights come from its generator.
The committed files were made with torch 2.13.0+cpu, transformers 5.24.0, ctranslate2 4.8.5 and
sentencepiece 0.2.3.

Run from the repository root:

    python tests/data/make_tiny_ct2.py            # writes tests/data/opus-mt-tiny-hi-en/
    python tests/data/make_tiny_ct2.py OUT_DIR     # or anywhere else
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

TORCH = "2.13.0"
OUTPUT = Path(__file__).resolve().parent / "opus-mt-tiny-hi-en"
#: what the SentencePiece vocabulary is trained on (the tests translate these sentences)
SENTENCES = [
    "सोवियत संघ में शिक्षा सबके लिए थी",
    "किसानों ने विरोध किया",
    "the soviet union had schools for all",
    "peasants resisted collectivisation",
    "famine spread in the villages",
    "अकाल फैला",
]
SEED = 0


def make(out: Path) -> list[Path]:
    import ctranslate2
    import sentencepiece as spm
    import torch
    import transformers

    if torch.__version__.split("+")[0] != TORCH:
        sys.exit(
            f"torch {torch.__version__} is installed; this script needs torch=={TORCH} exactly "
            f"(pip install torch=={TORCH} --index-url https://download.pytorch.org/whl/cpu)"
        )
    with tempfile.TemporaryDirectory(prefix="tiny-marian-") as tmp:
        hf = Path(tmp) / "hf"
        hf.mkdir()
        pieces = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(SENTENCES * 20),
            model_writer=pieces,
            vocab_size=60,
            model_type="unigram",
            character_coverage=1.0,
            hard_vocab_limit=False,
            normalization_rule_name="identity",
            num_threads=1,
            minloglevel=2,
        )
        for name in ("source.spm", "target.spm"):
            (hf / name).write_bytes(pieces.getvalue())
        processor = spm.SentencePieceProcessor(model_proto=pieces.getvalue())
        vocab = {"</s>": 0, "<unk>": 1}
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
        vocab["<pad>"] = len(vocab)  # last, as in OPUS-MT: the converter drops it
        (hf / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        (hf / "tokenizer_config.json").write_text(json.dumps({"source_lang": "hi", "target_lang": "en"}))
        config = transformers.MarianConfig(
            vocab_size=len(vocab),
            d_model=16,
            encoder_layers=1,
            decoder_layers=1,
            encoder_attention_heads=2,
            decoder_attention_heads=2,
            encoder_ffn_dim=32,
            decoder_ffn_dim=32,
            max_position_embeddings=64,
            pad_token_id=vocab["<pad>"],
            eos_token_id=0,
            decoder_start_token_id=vocab["<pad>"],
        )
        torch.manual_seed(SEED)
        transformers.MarianMTModel(config).save_pretrained(hf)
        transformers.MarianTokenizer.from_pretrained(hf).save_pretrained(hf)
        converted = Path(tmp) / "ct2"
        ctranslate2.converters.TransformersConverter(str(hf), copy_files=["source.spm", "target.spm"]).convert(
            str(converted)
        )
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for path in sorted(converted.iterdir()):
            shutil.copyfile(path, out / path.name)
            written.append(out / path.name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUTPUT, help=f"output folder (default {OUTPUT})")
    args = parser.parse_args()
    for path in make(args.out):
        print(f"{path.stat().st_size:>8}  {path}")


if __name__ == "__main__":
    main()
