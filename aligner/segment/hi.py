"""Hindi sentence segmentation for clean and OCR'd text.

Sentences end at ``।``, ``॥``, ``?`` and ``!``. OCR and PDF extraction print ``।`` as ``.`` — and
``,`` as ``.`` too — so every ``.`` before a space is a decision: a danda ends the sentence, an OCR'd
comma does not. Hindi is verb-final, so the word before the stop decides most cases: a finite verb
or auxiliary (``था``, ``है``, ``गया`` …) ends a sentence; an oblique plural (``पूँजीपतियों.``), a
postposition (``के लिए.``) or a verb that opens a quotation (``ने कहा. “…``) does not. A correlative
clause (``जो … आई. उसका …``) keeps the comma reading even after a verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import regex

from ..lang.wordlists import read_word_classes
from .base import Segmenter, Span, trim_spans

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["

# Stops that always end a sentence when followed by a space or the end of the text.
_HARD_STOPS = "।॥?!|"

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}\-]+")

# Finite verbs, words a '.' may follow without ending anything, relative words, verbs of saying …:
# data/hi.words says what each class is for.
_CLASSES = read_word_classes(Path(__file__).with_name("data") / "hi.words")
FINITE_VERBS = _CLASSES["finite_verbs"]

# Endings of finite verbs that the list above does not spell out (future -गा/-गी/-गे, habitual -ता/-ती/-ते
# after a verb stem, perfective -या/-ई/-ए is too ambiguous with nouns to use alone).
_FINITE_ENDINGS = regex.compile(
    r"(?:ेगा|ेगी|ेंगे|ेंगी|ूँगा|ूंगा|ेगे|ाएगा|ाएगी|ाएंगे|ाएँगे|ओगे"  # future
    r"|ाया|ाई|ाए|ायी|ाये|िया)$"  # perfective of causatives and -i stems: बताया, लगाई, किया
)
_NOT_VERBS = _CLASSES["not_verbs"]
_CONTINUING = _CLASSES["continuing"]
NON_FINAL = _CLASSES["non_final"]
RELATIVES = _CLASSES["relatives"]
SAYING = _CLASSES["saying"]

_ABBREVIATION = regex.compile(
    r"(?:^|[\s(])"
    r"(?:\p{Lu}|[\p{Lu}\p{Ll}]{1,3}\.[\p{Lu}\p{Ll}]{1,3}|[\p{Devanagari}]{1,2}[\p{M}]?)$"
)


def _last_word(text: str) -> str:
    words = _TOKEN.findall(text[-60:])
    return words[-1] if words else ""


def _first_word(text: str) -> str:
    match = _TOKEN.search(text[:60])
    return match.group() if match else ""


class HindiSegmenter(Segmenter):
    name = "hi"
    version = "1"

    def split(self, text: str, soft_breaks: Sequence[int] = ()) -> list[Span]:
        cuts: list[int] = []
        sentence_start = 0
        for match in regex.finditer(rf"[{regex.escape(_HARD_STOPS)}.]+[{regex.escape(_CLOSERS)}]*", text):
            end = match.end()
            following = text[end : end + 1]
            stops = match.group().rstrip(_CLOSERS)
            if any(c in "।॥" for c in stops):
                # A danda ends a sentence even when OCR lost the space after it.
                if following and following in _CLOSERS:
                    continue
            elif following and not following.isspace():
                continue  # decimals, abbreviations like एम.ए., URLs
            elif "." in stops and not any(c in _HARD_STOPS for c in stops):
                if not self._dot_ends_sentence(text, sentence_start, match.start(), end):
                    continue
            cuts.append(end)
            sentence_start = end
        return trim_spans(text, cuts)

    def boundary_score(self, before: str, after: str) -> float:
        """A line that stops on a finite verb with no stop after it ends a sentence: OCR dropped the '।'."""
        before = before.rstrip()
        if before[-1:] in "।॥?!":
            return 1.0
        if before.endswith(".") or before[-1:] in _CLOSERS:
            return super().boundary_score(before, after)
        word = _last_word(before)
        if word in FINITE_VERBS or (_FINITE_ENDINGS.search(word) and word not in _NOT_VERBS):
            return 0.8
        return 0.0

    def _dot_ends_sentence(self, text: str, sentence_start: int, dot: int, after_dot: int) -> bool:
        before = text[sentence_start:dot]
        rest = text[after_dot:].lstrip()
        if not rest:
            return True
        word = _last_word(before)
        next_word = _first_word(rest)
        if not word:
            return False
        if word in NON_FINAL:
            return False
        if word.isdigit() or regex.fullmatch(r"[\p{N}\-–]+", word):
            return False
        if word in SAYING and rest[:1] in _OPENERS:
            return False
        if next_word in _CONTINUING:
            return False
        finite = word in FINITE_VERBS or (bool(_FINITE_ENDINGS.search(word)) and word not in _NOT_VERBS)
        if not finite:
            return False
        if word not in FINITE_VERBS and _ABBREVIATION.search(text[max(0, dot - 8) : dot]):
            return False
        # A relative clause opened before any main verb (जो … आई. उसका …, देश जो … थे. लगातार …):
        # the main clause is still to come, so the '.' was a comma.
        words = _TOKEN.findall(before)
        for index, token in enumerate(words):
            if token in RELATIVES:
                earlier = words[:index]
                if not any(w in FINITE_VERBS or _FINITE_ENDINGS.search(w) for w in earlier):
                    return False
                break
        return True
