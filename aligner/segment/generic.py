"""A rule segmenter for languages that end sentences with . ! ? or their CJK/Arabic/Devanagari forms."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .base import Segmenter, Span, trim_spans

# Full stops that end a sentence with no space after them (CJK) and those that need a space.
_CLOSED_ENDS = "。！？｡"
_ENDS = ".!?।॥؟۔"
_CLOSERS = "\"'”’»)]}」』）"

# A boundary after one of _ENDS (plus closing quotes/brackets), before white space and a likely
# sentence start: anything but a lower-case letter or a digit continuing a number.
_BOUNDARY = regex.compile(
    rf"(?<=[{regex.escape(_ENDS)}][{regex.escape(_CLOSERS)}]*)\s+(?=[^\p{{Ll}}\s,;:])"
    rf"|(?<=[{regex.escape(_CLOSED_ENDS)}][{regex.escape(_CLOSERS)}]*)"
)
_ABBREVIATION = regex.compile(
    r"(?:\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|vs|etc|e\.g|i\.e|cf|No|Nr|Vol|pp|Fig|Inc|Ltd|Co|Corp"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|bzw|ca|z\.B|usw|Hr|Fr|M|Mme|Mlle|av|apr|J\.-C))\.$"
)


class GenericSegmenter(Segmenter):
    name = "generic"
    version = "1"

    def __init__(self, lang: str = "en"):
        self.lang = lang

    def split(self, text: str, soft_breaks: Sequence[int] = ()) -> list[Span]:
        cuts = []
        for match in _BOUNDARY.finditer(text):
            before = text[: match.start()].rstrip(_CLOSERS)
            last_word = before.rsplit(None, 1)[-1] if before.split() else ""
            if last_word.endswith(".") and _ABBREVIATION.search(last_word):
                continue
            cuts.append(match.start())
        return trim_spans(text, cuts)
