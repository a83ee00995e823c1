"""Ordered alignment (``align_hi_th.json``) and thematic matching (``thematic_hi_th.json``) tasks.

Only the input sentences of the gold file are read; the links and pairs are left to the scorer.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..align.comparable import text_vectors, thematic_calibration, thematic_views
from ..align.ordered import align_sentences
from ..align.thematic import match_passages
from ..cache import DEFAULT_CACHE_DIR
from ..embed import default_encoder
from ..translate import translator_for
from . import write_json


def _encoder(options):
    return options.get("encoder") or default_encoder(options.get("cache", DEFAULT_CACHE_DIR))


def run_align(bench: Path, out: Path, options) -> list[Path]:
    gold = json.loads((bench / "align_hi_th.json").read_text(encoding="utf-8"))
    encoder = _encoder(options)
    result = {}
    for variant, data in gold.items():
        links = align_sentences(data["hi"], data["th"], encoder)
        result[variant] = {"links": [[s, t] for s, t, _ in links], "scores": [score for _, _, score in links]}
    return [write_json(out / "align_hi_th.json", result)]


def thematic_inputs(data: dict, encoder, translator=None) -> dict:
    """The matcher's arguments for one variant of the gold file: each paragraph is one passage, its
    sentences (as the segmenters cut them) embedded one by one, plus the whole-passage views, and
    the same views over the sentences' English when a translator is given (as `aligner align` does
    with the gloss); and all of these again with each source sentence as a passage of its own.

    The two sides are `data["hi"]` and `data["th"]`, or those `data["sides"]` names; a side's
    paragraphs are in the language its name says, or each in its own (`data["langs"][side]`: one
    code a paragraph). The English views need English on both sides: the translator's for Hindi
    and Thai, the text itself for English; a side in any other language goes without them."""
    from ..segment import segmenter_for

    passages_of, texts, english = [], [], []
    for side in data.get("sides", ("hi", "th")):
        langs = data.get("langs", {}).get(side) or [side] * len(data[side])
        sentences, passages, side_langs = [], [], []
        for paragraph, lang in zip(data[side], langs):
            pieces = segmenter_for(lang).sentences(paragraph) or [paragraph]
            passages.append(list(range(len(sentences), len(sentences) + len(pieces))))
            sentences.extend(pieces)
            side_langs.extend([lang] * len(pieces))
        passages_of.append(passages)
        texts.append(sentences)
        if translator is not None and set(side_langs) <= {"en"}:
            english.append(sentences)
        elif translator is not None and len(set(side_langs)) == 1 and side_langs[0] in ("hi", "th"):
            english.append(translator.translate(sentences, side_langs[0]))
    both = tuple(english) if len(english) == 2 else None
    src, tgt = (
        text_vectors(encoder, texts[k], passages_of[k], both[k] if both else None, source=k == 0) for k in (0, 1)
    )
    views, sentence_views = thematic_views(src, tgt, passages_of[0], passages_of[1], both)
    return {
        "src_vectors": src.sentences,
        "tgt_vectors": tgt.sentences,
        "src_passages": passages_of[0],
        "tgt_passages": passages_of[1],
        "views": views,
        "sentence_views": sentence_views,
        "calibration": thematic_calibration(),
    }


def run_thematic(bench: Path, out: Path, options) -> list[Path]:
    gold = json.loads((bench / "thematic_hi_th.json").read_text(encoding="utf-8"))
    encoder = _encoder(options)
    translator = None if options.get("english") is False else translator_for("gloss", cache_dir=options.get("cache"))
    result = {}
    for variant, data in gold.items():
        matches = [
            m
            for m in match_passages(**thematic_inputs(data, encoder, translator))
            if round(m.score, 4) >= options.get("min_score", 0.0)
        ]  # the score as written
        result[variant] = {"pairs": [[m.src, m.tgt] for m in matches], "scores": [round(m.score, 4) for m in matches]}
    return [write_json(out / "thematic_hi_th.json", result)]
