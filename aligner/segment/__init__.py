"""One segmenter per language behind one registry: ``segmenter_for("th")``.

Implementations are imported on first use, so asking for the Hindi segmenter never loads Thai models.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from ..document import Edition, Paragraph, Sentence, sentence_id
from ..registry import Registry
from .base import Segmenter, Span, trim_spans

SEGMENTERS: Registry[Segmenter] = Registry("language")
SEGMENTERS.register("hi", "aligner.segment.hi:HindiSegmenter")
SEGMENTERS.register("th", "aligner.segment.th:ThaiSegmenter")

#: languages whose sentences end in . ! ? (or their CJK / Arabic / Devanagari forms) and that the
#: generic rule segmenter serves well enough
GENERIC_LANGUAGES = (
    "ar bg bn ca cs da de el en es et fa fi fr gu he hr hu id it ja kn ko lt lv ml mr ms nb ne nl "
    "pa pl pt ro ru sk sl sr sv ta te tr uk ur vi zh"
).split()
for _code in GENERIC_LANGUAGES:
    SEGMENTERS.register(_code, "aligner.segment.generic:GenericSegmenter")

_instances: dict[str, Segmenter] = {}


def segmenter_for(lang: str) -> Segmenter:
    """The segmenter for a language code; an unknown code raises an error listing the choices."""
    if lang not in _instances:
        factory = SEGMENTERS.get(lang)
        _instances[lang] = factory(lang) if factory.__name__ == "GenericSegmenter" else factory()
    return _instances[lang]


def languages() -> list[str]:
    return SEGMENTERS.names()


#: the most characters one sentence holds: a longer run (a text with no sentence ends, Thai with no
#: spaces) is cut, so that it can still be aligned piece by piece and no one piece costs the encoder
#: more than a few of its 512-token windows
MAX_SENTENCE_CHARS = 2000


def segment_paragraph(paragraph: Paragraph, segmenter: Segmenter) -> Paragraph:
    """The paragraph with its sentences filled in; spans go through the paragraph's offset map."""
    spans = capped(paragraph.text, segmenter.split(paragraph.text, paragraph.soft_breaks))
    sentences = []
    for number, (a, b) in enumerate(spans, start=1):
        start, end = paragraph.source_span(a, b)
        notes = tuple(n for n in paragraph.notes if a <= n.offset <= b and _owns(spans, number - 1, n.offset))
        sentences.append(
            Sentence(id=sentence_id(paragraph.id, number), text=paragraph.text[a:b], start=start, end=end, notes=notes)
        )
    return replace(paragraph, sentences=tuple(sentences))


def capped(text: str, spans: list[Span], limit: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """`spans` with every span longer than `limit` cut into pieces of at most `limit` characters: at
    the last white space of each piece, else between two characters where no mark or Thai leading
    vowel would be parted from its letter."""
    result = []
    for a, b in spans:
        while b - a > limit:
            window = text[a : a + limit]
            cut = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            if cut <= 0:
                cut = limit
                while cut > 1 and (
                    unicodedata.category(text[a + cut])[0] == "M" or "\u0e40" <= text[a + cut - 1] <= "\u0e44"
                ):
                    cut -= 1
            result += [(a + x, a + y) for x, y in trim_spans(text[a : a + cut], ())]
            a += cut
            while a < b and text[a].isspace():
                a += 1
        if a < b:
            result.append((a, b))
    return result


def _owns(spans: list[Span], index: int, offset: int) -> bool:
    """A note marker at a boundary belongs to the sentence it follows (it was glued to its last word)."""
    a, b = spans[index]
    if offset == a and index > 0:
        return False
    return a <= offset <= b


def segment_edition(edition: Edition, segmenter: Segmenter | None = None) -> Edition:
    segmenter = segmenter or segmenter_for(edition.lang)
    segmented = edition.with_paragraphs(lambda p: segment_paragraph(p, segmenter))
    return replace(segmented, segmenter=f"{type(segmenter).__name__}/{segmenter.version}")


__all__ = [
    "SEGMENTERS",
    "Segmenter",
    "Span",
    "languages",
    "segment_edition",
    "segment_paragraph",
    "segmenter_for",
    "trim_spans",
]
