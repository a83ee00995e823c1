"""PyThaiNLP's Thai word list and tokenizer, loaded once per process and shared: ingestion (repairing
words split by a space or a line wrap), the Thai segmenter and the gloss all read them, and building
the dictionary trie costs about a second."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def thai_dictionary() -> frozenset[str]:
    """PyThaiNLP's word list (the one newmm uses), loaded on first use."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@lru_cache(maxsize=1)
def thai_tokenizer():
    """newmm over `thai_dictionary`; shared with ingestion so the dictionary trie is built once (≈1 s)."""
    from pythainlp.tokenize import Tokenizer

    return Tokenizer(custom_dict=thai_dictionary(), engine="newmm")
