"""Thai sentence segmentation (first cut: every space)."""

from __future__ import annotations

from .base import Segmenter, trim_spans


class ThaiSegmenter(Segmenter):
    name = "th"
    version = "0"

    def split(self, text, soft_breaks=()):
        return trim_spans(text, [i for i, c in enumerate(text) if c == " "])
