"""The `llm` translator's model with its vocabulary cut to what an English line from one language needs.

Gemma 3 270M has a vocabulary of 262 144 pieces, and at every generated token llama.cpp scores every one
of them: the output layer (262 144 × 640, the embedding matrix) is more than half the model's weights,
and on two cores a decoding step of one sequence took 16.6 ms with it and 7.3 ms without. An English line
translated from Thai or Hindi needs far fewer pieces: those English is written with
(``data/gemma3_english_pieces.json.gz``, made by ``training/english_pieces.py`` from WordNet and the
gloss lexicons), those with a letter of the source's Unicode block (so that the prompt is read as the
full model reads it), short punctuation, accented letters and the gloss's name marks ⟨ ⟩, runs of white
space (a line ends at the model's line break), the control and byte pieces, and every piece inside a
kept piece (the tokenizer builds a piece by joining smaller ones: a text the whole vocabulary cuts into
kept pieces is then cut the same way). `reduced_model` writes, once, a copy of the packaged GGUF whose
vocabulary and embedding matrix hold only those rows — each row the model's own, unchanged — into the
model folder, and the translator loads that copy.

Scores over the kept pieces are the full model's scores, so a greedy line changes only where the full
model's best piece is not kept (a word of another language, a character of another script: junk
`clean_output` would cut) or where a sequence decoded beside it has a prompt of other length (the cells
of a batch move, and the order of the sums with them): the lines are re-measured, not assumed
(docs/benchmarks.md).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import regex

from ...errors import MissingPackageError

log = logging.getLogger(__name__)

VERSION = "2"  # 2: the gloss's name marks ⟨ ⟩ and the danda । kept (the prompts show them)
ENGLISH_PIECES = "gemma3_english_pieces.json.gz"

# The Unicode blocks a source language's prompt is written in, besides English: blocks, not scripts, as
# the danda । and the baht sign ฿ belong to no one script.
SOURCE_SCRIPTS = {"hi": r"\p{Block=Devanagari}", "th": r"\p{Block=Thai}"}

# llama.cpp's token types (llama_token_type): normal, unknown, control, user-defined, unused, byte.
NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE = 1, 2, 3, 4, 5, 6

# Pieces of up to two characters from Latin-1, Latin Extended-A and General Punctuation: typographic
# quotes and dashes, accented letters of names (Türkiye, état); English text has them, WordNet seldom.
# And the marks ⟨ ⟩ the gloss puts round a romanised name, which the post-edit prompt shows the model.
_SHORT_PUNCTUATION = regex.compile(r"[▁\x20-\x7e\u00a0-\u024f\u2000-\u206f⟨⟩]{1,2}")
# Runs of spaces, tabs and line breaks: a line ends at the model's line break.
_WHITESPACE = regex.compile(r"[\s▁]+")
_UNUSED = regex.compile(r"<unused\d+>")


@lru_cache(maxsize=1)
def english_pieces() -> frozenset[str]:
    with gzip.open(
        files("aligner.translate").joinpath("data", ENGLISH_PIECES).open("rb"), "rt", encoding="utf-8"
    ) as lines:
        return frozenset(json.loads(line) for line in lines if line.strip())


def kept_pieces(
    tokens: list[str], token_types: list[int], lang: str, english: frozenset[str] | None = None
) -> list[int]:
    """The ids of the pieces a model translating `lang` into English keeps, in the vocabulary's order."""
    if lang not in SOURCE_SCRIPTS:
        raise ValueError(f"no output vocabulary for {lang!r}; known: {', '.join(sorted(SOURCE_SCRIPTS))}")
    english = english_pieces() if english is None else english
    script = regex.compile(SOURCE_SCRIPTS[lang])
    index = {}
    for token_id, (piece, kind) in enumerate(zip(tokens, token_types)):
        if kind in (NORMAL, USER_DEFINED):
            index.setdefault(piece, token_id)
    wanted = {
        token_id
        for token_id, (piece, kind) in enumerate(zip(tokens, token_types))
        if kind in (NORMAL, USER_DEFINED)
        and (
            piece in english
            or script.search(piece)
            or _SHORT_PUNCTUATION.fullmatch(piece)
            or _WHITESPACE.fullmatch(piece)
        )
    }
    kept = set(wanted)
    for token_id in wanted:
        piece = tokens[token_id]
        for start in range(len(piece)):
            for end in range(start + 1, len(piece) + (start > 0)):
                inner = index.get(piece[start:end])
                if inner is not None:
                    kept.add(inner)
    kept |= {
        token_id
        for token_id, (piece, kind) in enumerate(zip(tokens, token_types))
        if kind in (UNKNOWN, BYTE) or (kind == CONTROL and not _UNUSED.fullmatch(piece))
    }
    return sorted(kept)


def reduced_model(source: Path, folder: Path, lang: str) -> Path:
    """The copy of the GGUF `source` that keeps `lang`'s and English's pieces, written into `folder` once."""
    # Named by the source's name and size (another GGUF put in the same place gets its own copy).
    target = folder / f"{source.stem}.{source.stat().st_size}.{lang}-en-v{VERSION}.gguf"
    if target.exists():
        return target
    try:
        import gguf
    except ImportError:
        raise MissingPackageError("gguf (llama.cpp's GGUF reader and writer)", "pip install 'aligner[llm]'") from None

    log.info("llm: writing %s (the model with the pieces %s→English needs; once)", target.name, lang)
    folder.mkdir(parents=True, exist_ok=True)
    reader = gguf.GGUFReader(source)
    tokens = reader.fields["tokenizer.ggml.tokens"].contents()
    kept = kept_pieces(tokens, reader.fields["tokenizer.ggml.token_type"].contents(), lang)
    new_id = {old: new for new, old in enumerate(kept)}
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    writer = gguf.GGUFWriter(partial, arch=reader.fields["general.architecture"].contents())
    for field in reader.fields.values():
        if field.name == "general.architecture" or field.name.startswith("GGUF."):
            continue  # the writer writes these itself
        value_type = field.types[0]
        value = field.contents()
        if field.name in ("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type"):
            value = [value[old] for old in kept]
        elif field.name.startswith("tokenizer.ggml.") and field.name.endswith("_token_id"):
            value = new_id[value]
        writer.add_key_value(
            field.name, value, value_type, sub_type=field.types[-1] if value_type == gguf.GGUFValueType.ARRAY else None
        )
    tensors = []
    for tensor in reader.tensors:
        data = tensor.data
        if tensor.name == "token_embd.weight":  # one row of quantized blocks a piece
            data = data[kept]
        tensors.append(data)
        writer.add_tensor_info(tensor.name, data.shape, data.dtype, data.nbytes, tensor.tensor_type)
    try:
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for data in tensors:
            writer.write_tensor_data(data)
        writer.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    log.info("llm: %s keeps %d of %d pieces", target.name, len(kept), len(tokens))
    return target
