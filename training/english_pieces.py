"""The pieces of Gemma 3's vocabulary that English text is made of, for the `llm` translator's output layer.

    pip install 'aligner[llm]'   # llama-cpp-python and the model, to tokenize as the model does
    python training/english_pieces.py [--wordnet /usr/share/wordnet] [--out aligner/translate/data]

Gemma 3 270M scores all 262 144 pieces of its vocabulary at every generated token, and on two cores that
output layer costs more than the transformer layers; a line in English needs only the pieces English is
written with (`aligner/translate/llm/vocabulary.py` cuts the model's vocabulary to those, the source's
script and the control and byte pieces). This script finds them: it tokenizes, with the model's own
tokenizer, running English and English words — Princeton WordNet's lemmas (proper names included),
its glosses and usage examples (about 1.5 million words of definitions, which give the inflected forms a
lemma list lacks) and its irregular forms, and the English side of the lexicons the gloss translator
ships — each as it would open a line and as it would follow a space, in lower case and capitalised.
Every piece met is written, one JSON string a line, to ``gemma3_english_pieces.json.gz``. WordNet's
licence allows copying with its notice; the pieces are fragments of words, no text of WordNet is kept.
Nothing is tuned and no evaluation data is read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aligner.translate.llm.vocabulary import ENGLISH_PIECES  # noqa: E402 (after the path above)


def wordnet_texts(wordnet_dir: Path) -> list[str]:
    """WordNet's lemmas, glosses (with their quoted examples) and irregular forms."""
    from aligner.translate.dictionaries import _wordnet_synsets

    texts = [
        regex.sub(r"\(.*\)$", "", lemma).replace("_", " ")
        for _, _, lemmas in _wordnet_synsets(wordnet_dir)
        for lemma in lemmas
    ]
    for part in ("noun", "verb", "adj", "adv"):
        with open(wordnet_dir / f"data.{part}", encoding="utf-8", errors="replace") as lines:
            # A synset's gloss follows its '|'; the licence header's lines open with a space.
            texts += [line.partition("|")[2].strip() for line in lines if not line.startswith(" ")]
        exceptions = wordnet_dir / f"{part}.exc"
        if exceptions.exists():
            with open(exceptions, encoding="utf-8", errors="replace") as lines:
                texts += [line.split(" ", 1)[0].replace("_", " ") for line in lines if line.strip()]
    return texts


def lexicon_texts(data_dir: Path) -> list[str]:
    """The English the gloss translator writes: its lexicons' English side and its function words."""
    texts = []
    for path in sorted(data_dir.glob("*_en.tsv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            texts += [line.split("\t")[1] for line in lines if "\t" in line]
    with open(data_dir / "function_words.tsv", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and "\t" in line:
                texts += line.rstrip("\n").split("\t")[1:]
    return texts


def english_pieces(texts: list[str]) -> list[str]:
    """The pieces the model's tokenizer cuts `texts` into, each text in the four ways a line meets it."""
    import llama_cpp

    from aligner.translate.llm.decoder import _Decoder, _packages

    _, model_package = _packages()
    model = model_package.assemble(Path.home() / ".cache" / "aligner-training" / model_package.MODEL_NAME)
    decoder = _Decoder(llama_cpp, model, threads=1, n_ctx=256, n_batch=8, n_seq_max=2)
    found: set[int] = set()
    for text in texts:
        for variant in {text, text[:1].upper() + text[1:]}:
            found.update(decoder.tokenize(variant, add_bos=False))
            found.update(decoder.tokenize(" " + variant, add_bos=False))
    # The vocabulary's own spelling of each piece (a word-initial piece opens with '▁'), as the GGUF
    # lists it: `llm.vocabulary` matches these against the model file's token list.
    pieces = sorted({llama_cpp.llama_vocab_get_text(decoder.vocab, token).decode("utf-8") for token in found})
    decoder.close()
    return pieces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=ROOT / "aligner" / "translate" / "data")
    options = parser.parse_args()
    texts = wordnet_texts(options.wordnet) + lexicon_texts(options.out)
    pieces = english_pieces(texts)
    with gzip.GzipFile(options.out / ENGLISH_PIECES, "wb", mtime=0) as handle:
        handle.write("".join(json.dumps(piece, ensure_ascii=False) + "\n" for piece in pieces).encode("utf-8"))
    print(f"{len(texts)} texts → {len(pieces)} pieces in {options.out / ENGLISH_PIECES}")


if __name__ == "__main__":
    main()
