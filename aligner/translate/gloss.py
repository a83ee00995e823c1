"""`gloss`: a word-by-word English gloss of Hindi and Thai, always available offline.

Not machine translation: English words in the source's order, so a translator can follow the
original. What makes it readable rather than a word list:

* words are found as the language needs — Thai by PyThaiNLP's dictionary segmenter (newmm), Hindi by
  script, with postpositions, auxiliaries and compound postpositions (``के बारे में`` → ``about``)
  from a hand-written table, and inflected forms reduced to their dictionary form (``लोगों`` → ``लोग``);
* multi-word dictionary entries win over single words (longest match);
* Thai derived words are glossed through their stem when the whole is missing (``การ`` + verb);
* numbers in Devanagari or Thai digits become Arabic digits;
* words the dictionaries lack are looked up in word lists induced from the sentence encoder
  (mostly loanwords and newer vocabulary: ``डिजिटल`` → ``digital``), see `dictionaries`;
* names and words still unknown are romanised (Hindi with schwa deletion, Thai with the Royal Institute
  system) and marked ⟨like this⟩ so that a reader knows they were not translated.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import regex

from .. import __version__
from ..errors import UnknownNameError
from ..model import Provenance
from . import function_words
from .base import Translator
from .dictionaries import Lexicon, english_words, hindi_english, thai_english
from .romanise import romanise_hindi, romanise_thai

log = logging.getLogger(__name__)

_DIGITS = str.maketrans({**{chr(0x0966 + i): str(i) for i in range(10)}, **{chr(0x0E50 + i): str(i) for i in range(10)}})
_HINDI_TOKEN = regex.compile(r"[\p{Devanagari}&&[^\u0964\u0965\u0966-\u096F]]+\.?|[\d\u0966-\u096F][\d\u0966-\u096F.,:]*|\p{L}[\p{L}\p{M}'’-]*|\s+|.", regex.V1)
_UNKNOWN_OPEN, _UNKNOWN_CLOSE = "⟨", "⟩"


def _mark(romanised: str) -> str:
    return f"{_UNKNOWN_OPEN}{romanised}{_UNKNOWN_CLOSE}"


def _join(pieces: list[str]) -> str:
    text = "".join(pieces)
    text = regex.sub(r"[ \t]+", " ", text)
    text = regex.sub(r" ([,.;:!?)\]”’।])", r"\1", text)
    text = regex.sub(r"([(\[“‘]) ", r"\1", text)
    return text.replace("।", ".").replace("॥", ".").strip()


class GlossTranslator(Translator):
    name = "gloss"
    languages = ("hi", "th")

    def __init__(self, cache_dir: Path | str | None = None):
        super().__init__(cache_dir)
        self._lexicons: dict[str, Lexicon] = {}

    def _lexicon(self, lang: str) -> Lexicon:
        if lang not in self._lexicons:
            if lang == "hi":
                self._lexicons[lang] = hindi_english(self.cache_dir)
            elif lang == "th":
                self._lexicons[lang] = thai_english(self.cache_dir)
            else:
                raise UnknownNameError("gloss language", lang, list(self.languages))
        return self._lexicons[lang]

    def provenance(self, lang: str) -> Provenance:
        return Provenance(kind="gloss", engine="aligner-gloss", version=__version__,
                          resources=self._lexicon(lang).resources)

    def translate(self, texts: list[str], lang: str) -> list[str]:
        lexicon = self._lexicon(lang)
        gloss = self._gloss_hindi if lang == "hi" else self._gloss_thai
        return [gloss(text, lexicon) for text in texts]

    # Hindi ---------------------------------------------------------------------------------------

    def _gloss_hindi(self, text: str, lexicon: Lexicon) -> str:
        tokens = _HINDI_TOKEN.findall(text)
        words = [i for i, t in enumerate(tokens) if not t.isspace()]
        pieces: list[str] = []
        position = 0
        while position < len(words):
            matched = self._hindi_phrase(tokens, words, position, lexicon)
            if matched:
                english, used = matched
                pieces.append(" " + english if english else "")
                position += used
                continue
            pieces.append(" " + _hindi_word(tokens[words[position]], lexicon))
            position += 1
        return _join(pieces)

    @staticmethod
    def _hindi_phrase(tokens, words, position, lexicon: Lexicon):
        """Longest multi-word match (2–4 words) in the function-word table or the dictionary."""
        for size in (4, 3, 2):
            if position + size > len(words):
                continue
            phrase = " ".join(tokens[words[position + k]] for k in range(size))
            if phrase in function_words.HINDI:
                return function_words.HINDI[phrase], size
            if phrase in lexicon.entries:
                return lexicon.entries[phrase], size
        return None

    # Thai ----------------------------------------------------------------------------------------

    def _gloss_thai(self, text: str, lexicon: Lexicon) -> str:
        from pythainlp.tokenize import word_tokenize

        pieces: list[str] = []
        previous = ""
        for token in _merge_unknown_runs(word_tokenize(text, engine="newmm", keep_whitespace=True), lexicon):
            if token.isspace():
                pieces.append(" ")
                continue
            if token == "ๆ":  # repetition mark: the word again
                pieces.append(" " + previous if previous else "")
                continue
            previous = _thai_word(token, lexicon)
            pieces.append(" " + previous)
        return _join(pieces)


def _merge_unknown_runs(tokens: list[str], lexicon: Lexicon) -> list[str]:
    """newmm cuts a word it does not know (a name, a loanword) into syllables: put them back together
    so that it is romanised as one word."""
    merged: list[str] = []
    run = ""
    for token in tokens:
        unknown = bool(regex.fullmatch(r"\p{Thai}+", token)) and _thai_known(token, lexicon) is None
        if unknown:
            run += token
            continue
        if run:
            merged.append(run)
            run = ""
        merged.append(token)
    if run:
        merged.append(run)
    return merged


def _hindi_word(token: str, lexicon: Lexicon) -> str:
    if not regex.match(r"\p{Devanagari}", token):
        return token.translate(_DIGITS)
    bare = token.rstrip(".")
    if token in function_words.HINDI:
        return function_words.HINDI[token]
    if bare in function_words.HINDI:
        return function_words.HINDI[bare] + token[len(bare):]
    english = _hindi_lookup(bare, lexicon)
    if english is None:
        english = _mark(romanise_hindi(bare).capitalize())
    return english + token[len(bare):]


@lru_cache(maxsize=65536)
def _hindi_candidates(word: str) -> tuple[str, ...]:
    candidates = [word]
    for ending, replacement in function_words.HINDI_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            candidates.append(word[: -len(ending)] + replacement)
    # nasalisation is spelt both ways (ं / ँ) and nukta is often dropped
    candidates += [c.replace("ँ", "ं") for c in candidates if "ँ" in c]
    candidates += [c.replace("़", "") for c in candidates if "़" in c]
    return tuple(dict.fromkeys(candidates))


def _hindi_lookup(word: str, lexicon: Lexicon) -> str | None:
    candidates = _hindi_candidates(word)
    for candidate in candidates:
        english = lexicon.entries.get(candidate) or function_words.HINDI.get(candidate)
        if english:
            return english
    induced = next((lexicon.induced[c] for c in candidates if c in lexicon.induced), None)
    if induced is not None and romanise_hindi(word) in english_words():
        return None  # a name or loanword spelt as in English: its marked romanisation says it best
    return induced


def _thai_word(token: str, lexicon: Lexicon) -> str:
    if regex.fullmatch(r"[\d\u0E50-\u0E59][\d\u0E50-\u0E59.,:]*", token):
        return token.translate(_DIGITS)
    if not regex.search(r"\p{Thai}", token):
        return token
    english = _thai_known(token, lexicon)
    if english is None and token in lexicon.induced and romanise_thai(token) not in english_words():
        english = lexicon.induced[token]
    if english is not None:  # "" is an answer: a particle or nominaliser English leaves unsaid
        return english
    for prefix, prefix_english in function_words.THAI_PREFIXES.items():
        rest = token[len(prefix):]
        if token.startswith(prefix) and rest:
            inner = _thai_known(rest, lexicon)
            if inner:
                return (prefix_english + inner).strip()
    parts = _thai_split(token, lexicon)
    if parts:
        return " ".join(parts)
    return _mark(romanise_thai(token).capitalize())


def _thai_known(word: str, lexicon: Lexicon) -> str | None:
    for table in (function_words.THAI, function_words.THAI_COMMON, lexicon.entries):
        if word in table:
            return table[word]
    return None


def _thai_split(token: str, lexicon: Lexicon) -> list[str] | None:
    """Gloss a compound the dictionary lacks as its longest known parts, if it splits entirely
    into two or more (a part may be a nominaliser that English leaves unsaid)."""
    parts: list[str] = []
    rest = token
    while rest:
        for end in range(len(rest), 1, -1):
            english = _thai_known(rest[:end], lexicon)
            if english is not None:
                parts.append(english)
                rest = rest[end:]
                break
        else:
            return None
    said = [p for p in parts if p]
    return said if len(parts) > 1 and said else None
