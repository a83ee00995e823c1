"""The segmenter interface: spans in, never re-found.

A segmenter sees one paragraph's cleaned text and returns sentence spans into it. It must cover every
non-space character exactly once, in order, with no span starting or ending in white space.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

Span = tuple[int, int]


class Segmenter(ABC):
    #: registry name, e.g. "hi"
    name: str = ""
    #: what produced the boundaries, recorded in outputs (engine and version)
    version: str = "1"

    @abstractmethod
    def split(self, text: str, soft_breaks: Sequence[int] = ()) -> list[Span]:
        """Sentence spans of `text`.

        `soft_breaks` are positions where ingestion joined two lines without a space; a sentence may
        end there (Thai wraps between words, so a sentence end can fall on a line break).
        """

    def boundary_score(self, before: str, after: str) -> float:
        """How likely (0..1) a sentence ends between `before` and `after`.

        Ingestion asks this to decide whether a block cut at a page break continues in the next one.
        The default asks `split` whether the join of the two, with a space, is a boundary.
        """
        joined = before.rstrip() + " " + after.lstrip()
        end = len(before.rstrip())
        return 1.0 if any(b == end for _, b in self.split(joined)[:-1]) else 0.0

    def sentences(self, text: str) -> list[str]:
        return [text[a:b] for a, b in self.split(text)]


def trim_spans(text: str, cuts: Sequence[int]) -> list[Span]:
    """Spans between sorted cut positions, trimmed of white space, empty ones dropped."""
    spans: list[Span] = []
    bounds = [0, *cuts, len(text)]
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans
