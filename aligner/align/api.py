"""Aligning two editions: the mode chosen once, then ordered alignment (`ordered`) of translations
or thematic links (`comparable`) between comparable texts, as model `Link`s with a signature.

`align_editions(src, tgt, encoder, mode="auto")` says which mode it chose in `Alignment.mode`;
`choose_mode` is that choice alone, for a caller (the build) that needs it before aligning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .. import __version__
from ..document import Alignment, Edition, Link
from ..embed import Encoder
from . import comparable, ordered
from .modes import ModeDecision, decide_mode

log = logging.getLogger(__name__)

MODES = ("auto", "translation", "comparable")


@dataclass(frozen=True)
class ModeChoice:
    """The mode a pair is aligned in, and for a translation the stretch of each text it covers
    (half-open sentence indices; the whole texts unless `auto` found one translating part of the other)."""

    asked: str
    mode: str
    region: tuple[tuple[int, int], tuple[int, int]]
    decision: ModeDecision | None = None


def choose_mode(src: Edition, tgt: Edition, encoder: Encoder, mode: str = "auto") -> ModeChoice:
    """`mode`, or under `auto` what the sentence vectors say (`modes.decide_mode`), logged once."""
    n, m = sum(1 for _ in src.sentences()), sum(1 for _ in tgt.sentences())
    whole = ((0, n), (0, m))
    decision = decide_mode(
        encoder.encode([s.text for s in src.sentences()]), encoder.encode([s.text for s in tgt.sentences()])
    )
    if mode != "auto":
        return ModeChoice(mode, mode, whole, decision)
    log.info("%s", decision.describe(src.id, tgt.id, n, m))
    return ModeChoice(mode, decision.mode, decision.region if decision.mode == "translation" else whole, decision)


def align_editions(
    src: Edition, tgt: Edition, encoder: Encoder, *, mode: str = "auto", choice: ModeChoice | None = None
) -> Alignment:
    """The alignment of `src` with `tgt` in `mode` (or in the `choice` already made for them)."""
    choice = choice or choose_mode(src, tgt, encoder, mode)
    src_sentences = list(src.sentences())
    tgt_sentences = list(tgt.sentences())
    if choice.mode == "translation":
        (src_start, src_stop), (tgt_start, tgt_stop) = choice.region
        links, candidates = [], ()
        beads = (
            ordered.align_sentences(
                [s.text for s in src_sentences[src_start:src_stop]],
                [s.text for s in tgt_sentences[tgt_start:tgt_stop]],
                encoder,
            )
            if src_stop > src_start and tgt_stop > tgt_start
            else []
        )
        for s_idx, t_idx, score in beads:  # a text with no sentences (all page numbers) has no links
            if s_idx and t_idx:
                links.append(
                    Link(
                        tuple(src_sentences[src_start + i].id for i in s_idx),
                        tuple(tgt_sentences[tgt_start + j].id for j in t_idx),
                        score,
                    )
                )
        unit, method, parameters = "sentence", "banded-dp-margin", ordered.parameters()
        if choice.asked == "translation" and (choice.decision.mode != "translation" or not links):
            log.warning(
                "%s–%s: the texts do not look like translations of each other (%d links, %d sentence "
                "pairs in step); for texts that share topics, not sentences, use --mode comparable",
                src.id,
                tgt.id,
                len(links),
                choice.decision.evidence,
            )
    else:
        links, with_english, candidates = comparable.comparable_links(src, tgt, encoder)
        unit, parameters = "paragraph", comparable.parameters()
        method = "passage-csls+query+sparse" + ("+english" if with_english else "")
    linked_src = {i for link in links for i in link.source}
    linked_tgt = {i for link in links for i in link.target}
    return Alignment(
        source=src.id,
        target=tgt.id,
        mode=choice.mode,
        links=tuple(links),
        unmatched_source=tuple(s.id for s in src_sentences if s.id not in linked_src),
        unmatched_target=tuple(s.id for s in tgt_sentences if s.id not in linked_tgt),
        unit=unit,
        candidates=candidates,
        signature=(("encoder", encoder.model_id), ("method", method))
        + _region_signature(choice.region, src_sentences, tgt_sentences)
        + (("aligner", __version__),)
        + parameters,
    )


def _region_signature(region, src_sentences, tgt_sentences) -> tuple[tuple[str, str], ...]:
    """The stretch a partial translation covers, by sentence ids; nothing when it is the whole texts."""
    (a, b), (c, d) = region
    if (a, b) == (0, len(src_sentences)) and (c, d) == (0, len(tgt_sentences)):
        return ()
    stretch = f"{src_sentences[a].id}..{src_sentences[b - 1].id}={tgt_sentences[c].id}..{tgt_sentences[d - 1].id}"
    return (("region", stretch),)
