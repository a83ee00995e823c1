"""Hindi sentence segmentation (first cut: after । ? ! ॥)."""

from __future__ import annotations

import regex

from .base import Segmenter, trim_spans

_END = regex.compile(r"(?<=[।?!॥][\"'”’)]*)\s+")


class HindiSegmenter(Segmenter):
    name = "hi"
    version = "0"

    def split(self, text, soft_breaks=()):
        return trim_spans(text, [m.start() for m in _END.finditer(text)])
