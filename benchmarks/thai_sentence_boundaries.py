"""The Thai segmenter on an independent gold set, beside PyThaiNLP's crfcut and "cut every space".

    python benchmarks/thai_sentence_boundaries.py --data /path/to/thai-sentence-boundaries/data

The set is github.com/capytron/thai-sentence-boundaries (905 sentences in 8 registers: hand-annotated
public-domain prose and statutes, Tatoeba sentences joined by spaces, and small hand-written sets
of news, legal text, dialogue, chat, poetry and abbreviation traps; CC0, the Tatoeba part CC BY
2.0 FR). It is neither the model's training data (UD Thai-TUD, NTREX-128) nor the PUD treebank the bench is
made from, so it says how the segmenter fares on Thai it was never shaped on. Nothing here is
tuned on it.

Every whitespace character of a record is read as a space (the poems break lines inside
sentences), and a boundary is the end of each gold sentence but the last. Figures: boundary
precision, recall and F1 per register, pooled over all boundaries (micro) and averaged with equal
weight per register (macro, as the set's own card reports).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import regex


def gold_boundaries(text: str, sentences: list[str]) -> set[int]:
    position, ends = 0, []
    for sentence in sentences:
        sentence = regex.sub(r"\s", " ", sentence)
        start = text.find(sentence, position)
        if start < 0:
            raise ValueError(f"sentence not found in its record: {sentence[:40]}…")
        position = start + len(sentence)
        ends.append(position)
    return set(ends[:-1])


def ends_of(text: str, pieces: list[str]) -> set[int]:
    """Where each piece a segmenter returned as a string ends in `text`, the last one excepted."""
    position, ends = 0, set()
    for piece in pieces:
        piece = piece.strip()
        if piece:
            position = text.index(piece, position) + len(piece)
            ends.add(position)
    ends.discard(len(text.rstrip()))
    return ends


def segmenters() -> dict:
    from aligner.segment import segmenter_for

    thai = segmenter_for("th")
    found = {
        "aligner th": lambda text: {end for _, end in thai.split(text)[:-1]},
        "every space": lambda text: {m.start() for m in regex.finditer(r" +", text)},
    }
    try:
        from pythainlp.tokenize import sent_tokenize

        found["pythainlp crfcut"] = lambda text: ends_of(text, sent_tokenize(text, engine="crfcut"))
    except ImportError:
        pass
    return found


def prf(counts: list[int]) -> tuple[float, float, float]:
    hits, predicted, gold = counts
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the set's data/ folder (all.jsonl)")
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.data / "all.jsonl").open(encoding="utf-8")]
    for name, segment in segmenters().items():
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for record in records:
            text = regex.sub(r"\s", " ", record["text"])
            gold, predicted = gold_boundaries(text, record["sentences"]), segment(text)
            tally = counts[record["register"]]
            tally[0] += len(gold & predicted)
            tally[1] += len(predicted)
            tally[2] += len(gold)
        pooled = prf([sum(c[i] for c in counts.values()) for i in range(3)])
        macro = sum(prf(c)[2] for c in counts.values()) / len(counts)
        print(f"{name:18s} micro P {pooled[0]:.3f} R {pooled[1]:.3f} F1 {pooled[2]:.3f}   macro F1 {macro:.3f}")
        print("    " + "  ".join(f"{register} {prf(c)[2]:.3f}" for register, c in sorted(counts.items())))


if __name__ == "__main__":
    main()
