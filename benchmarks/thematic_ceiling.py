"""How far the packaged encoder can take thematic matching: across the two scripts, and on English.

    python benchmarks/thematic_ceiling.py --bench ../shared/bench/gold/dev [--cache DIR]

For each variant of a bench folder's ``thematic_hi_th.json`` it ranks, for every Hindi paragraph,
the Thai paragraphs, and prints how many gold pairs are found

- by the best-scored Thai paragraph (what a one-link-per-paragraph matcher could reach at best), and
- by a one-to-one assignment over the whole matrix (Hungarian, as the bench's ceiling is stated),

twice: with the scores `aligner` decides on (Hindi and Thai sentences, the packaged multilingual e5),
and with the *reference English* of both sides in place of the Hindi and the Thai (the bench's
``mt_refs.json``; one language, no translation noise; the same encoder, whole-paragraph embeddings,
CSLS). The second is what this encoder could do if translation were perfect: a ceiling for the
first. Measurement only: nothing here is read by the aligner. Needs scipy for the assignment.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from aligner.align.thematic import csls, passage_scores
from aligner.embed import default_encoder
from aligner.evaluation.align import thematic_inputs


def reference_english(paragraph: str, lang: str, refs: list[dict]) -> str | None:
    """The reference English of the sentences `paragraph` is made of, in their order; None if one is missing."""
    found = sorted((paragraph.find(r[lang]), r["en"]) for r in refs if r[lang] and r[lang] in paragraph)
    covered = sum(len(r[lang]) for r in refs if r[lang] and r[lang] in paragraph)
    if not found or covered < 0.9 * len(paragraph):  # a paragraph the references do not (all) cover
        return None
    return " ".join(english for _, english in found)


def hits(scores: np.ndarray, gold: dict[int, int]) -> tuple[int, int]:
    """Gold pairs found by each row's best column, and by a one-to-one assignment."""
    best = scores.argmax(axis=1)
    rows, columns = linear_sum_assignment(-scores)
    return (
        sum(int(best[a] == b) for a, b in gold.items()),
        sum(int(gold.get(int(a)) == int(b)) for a, b in zip(rows, columns)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path(".aligner-cache"))
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    gold_file = json.loads((options.bench / "thematic_hi_th.json").read_text(encoding="utf-8"))
    refs_path = options.bench / "mt_refs.json"
    refs = json.loads(refs_path.read_text(encoding="utf-8")) if refs_path.exists() else []
    encoder = default_encoder(options.cache)
    for variant, data in gold_file.items():
        gold = {int(a): int(b) for a, b in data["pairs"]}
        inputs = thematic_inputs(data, encoder)
        inputs.pop("sentence_views")  # the ceiling is one of passages
        inputs.pop("calibration")  # and of their scores, not of a decision
        best, assigned = hits(passage_scores(**inputs), gold)
        print(
            f"{variant:8} hi–th (aligner's scores): best {best}/{len(gold)} = {best / len(gold):.3f}; "
            f"one-to-one {assigned}/{len(gold)} = {assigned / len(gold):.3f}"
        )
        english = {lang: [reference_english(p, lang, refs) for p in data[lang]] for lang in ("hi", "th")}
        if not refs or any(e is None for side in english.values() for e in side):
            print(f"{variant:8} en–en: the bench's mt_refs.json does not cover every paragraph; no ceiling")
            continue
        similarity = encoder.encode_queries(english["hi"]) @ encoder.encode_queries(english["th"]).T
        best, assigned = hits(csls(similarity), gold)
        print(
            f"{variant:8} en–en (reference English, same encoder): best {best}/{len(gold)} = "
            f"{best / len(gold):.3f}; one-to-one {assigned}/{len(gold)} = {assigned / len(gold):.3f}"
        )


if __name__ == "__main__":
    main()
