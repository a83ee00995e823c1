"""Hindi sentence segmentation for clean and OCR'd text.

Sentences end at ``।``, ``॥``, ``?`` and ``!``. OCR and PDF extraction print ``।`` as ``.`` — and
``,`` as ``.`` too — so every ``.`` before a space is a decision: a danda ends the sentence, an OCR'd
comma does not. Hindi is verb-final, so the word before the stop decides most cases: a finite verb
or auxiliary (``था``, ``है``, ``गया`` …) ends a sentence; an oblique plural (``पूँजीपतियों.``), a
postposition (``के लिए.``) or a verb that opens a quotation (``ने कहा. “…``) does not. A correlative
clause (``जो … आई. उसका …``) keeps the comma reading even after a verb.
"""

from __future__ import annotations

from typing import Sequence

import regex

from .base import Segmenter, Span, trim_spans

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["

# Stops that always end a sentence when followed by a space or the end of the text.
_HARD_STOPS = "।॥?!|"

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}\-]+")

# Auxiliaries and finite verb forms that end a clause; Hindi puts them last.
FINITE_VERBS = frozenset(
    """है हैं था थी थे थीं हूँ हूं हो होगा होगी होंगे होंगी होगे गया गई गए गयी गये गईं गयीं हुआ हुई हुए हुईं
    किया कीं किए किये दिया दी दिए दिये लिया लीं रहा रही रहे रहीं सका सकी सके सकता सकती सकते चाहिए चाहिये
    पड़ा पड़ी पड़े मिला मिली मिले बना बनी बने लगा लगी लगे गा गी गे जाता जाती जाते करता करती करते होता होती होते
    रखा रखी रखे आया आई आए आये""".split()
)

# Endings of finite verbs that the list above does not spell out (future -गा/-गी/-गे, habitual -ता/-ती/-ते
# after a verb stem, perfective -या/-ई/-ए is too ambiguous with nouns to use alone).
_FINITE_ENDINGS = regex.compile(
    r"(?:ेगा|ेगी|ेंगे|ेंगी|ूँगा|ूंगा|ेगे|ाएगा|ाएगी|ाएंगे|ाएँगे|ओगे"  # future
    r"|ाया|ाई|ाए|ायी|ाये|िया)$"  # perfective of causatives and -i stems: बताया, लगाई, किया
)
# Nouns that share those endings.
_NOT_VERBS = frozenset("दुनिया क्रिया प्रक्रिया प्रतिक्रिया इंडिया भैया छाया माया काया जाया राया सिपाही भाई लड़ाई पढ़ाई कमाई गहराई ऊँचाई ऊंचाई लंबाई चौड़ाई सफाई दवाई मिठाई".split())

# After a '.', these words continue the sentence the '.' was a comma in.
_CONTINUING = frozenset("या और व तथा एवं अथवा बल्कि जबकि जो जिसमें जिसे जिसका जिसकी जिसके जिनमें जिन्हें जिनका जिनकी".split())

# Words a '.' may follow without ending anything: postpositions, conjunctions, abbreviations.
NON_FINAL = frozenset(
    """का की के को में से पर ने तक लिए लिये द्वारा साथ बाद पहले और व तथा या एवं अथवा कि जो जब जहाँ जहां
    यदि अगर तो भी ही डॉ डा श्री श्रीमती सुश्री प्रो ई पू सं क्र पृ मो नं एम ए बी सी डी जी जे के एल पी आर एस टी यू""".split()
)

# Relative words that open a subordinate clause (जो … वह, जब … तब): a verb inside it is not the main verb.
RELATIVES = frozenset("जो जिस जिसे जिसका जिसकी जिसके जिन जिन्हें जिनका जब जहाँ जहां जैसे जैसा जितना जितने यदि अगर".split())

# Verbs of saying: a '.' after them before a quotation is a printed comma.
SAYING = frozenset("कहा बताया लिखा पूछा कहती कहते कहता बोला बोले".split())

_ABBREVIATION = regex.compile(r"(?:^|[\s(])(?:\p{Lu}|[\p{Lu}\p{Ll}]{1,3}\.[\p{Lu}\p{Ll}]{1,3}|[\p{Devanagari}]{1,2}[\p{M}]?)$")


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
            following = text[end:end + 1]
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
        if word not in FINITE_VERBS and _ABBREVIATION.search(text[max(0, dot - 8):dot]):
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
