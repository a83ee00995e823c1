"""Ordered alignment (``align_hi_th.json``) and thematic matching (``thematic_hi_th.json``) tasks.

Only the input sentences of the gold file are read; the links and pairs are left to the scorer.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..align.comparable import text_vectors, thematic_views
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
    with the gloss); and all of these again with each Hindi sentence as a passage of its own."""
    from ..segment import segmenter_for

    sides: list = []
    texts, english = [], []
    for lang in ("hi", "th"):
        segmenter = segmenter_for(lang)
        sentences, passages = [], []
        for paragraph in data[lang]:
            pieces = segmenter.sentences(paragraph) or [paragraph]
            passages.append(list(range(len(sentences), len(sentences) + len(pieces))))
            sentences.extend(pieces)
        texts.append(sentences)
        if translator is not None:
            english.append(translator.translate(sentences, lang))
        sides.append(text_vectors(encoder, sentences, passages, english[-1] if english else None,
                                  source=lang == "hi"))
        sides.append(passages)
    src, src_passages, tgt, tgt_passages = sides
    views, sentence_views = thematic_views(src, tgt, src_passages, tgt_passages, tuple(english) if english else None)
    return {"src_vectors": src.sentences, "tgt_vectors": tgt.sentences, "src_passages": src_passages,
            "tgt_passages": tgt_passages, "views": views, "sentence_views": sentence_views}


def run_thematic(bench: Path, out: Path, options) -> list[Path]:
    gold = json.loads((bench / "thematic_hi_th.json").read_text(encoding="utf-8"))
    encoder = _encoder(options)
    translator = None if options.get("english") is False else translator_for("gloss", cache_dir=options.get("cache"))
    result = {}
    for variant, data in gold.items():
        matches = match_passages(**thematic_inputs(data, encoder, translator))
        result[variant] = {"pairs": [[m.src, m.tgt] for m in matches], "scores": [round(m.score, 4) for m in matches]}
    return [write_json(out / "thematic_hi_th.json", result)]
