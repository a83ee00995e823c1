"""Many-to-many topic links on comparable texts with a known answer, made from NTREX-128 documents.

    python benchmarks/topic_links.py --ntrex /path/to/NTREX [--documents 60] [--seeds 0,1,2]

`texts/` is graded the way a reader checks it — each Hindi sentence against every Thai paragraph —
and the thematic sets of the bench are one-to-one, so they cannot say whether a passage that one text
spreads over several is found. This set can: from each of `--documents` NTREX documents (CC BY-SA 4.0)
a window of 6–12 sentences, the Hindi paragraph its even-numbered sentences, its odd-numbered ones
the Thai passage — cut in two when it holds four sentences or more, the Thai passages shuffled; a
fifth of the documents keep only their Hindi side (sentences with no counterpart), another fifth only
their Thai side. A (Hindi sentence, Thai passage) pair is on topic when both come from the same
document. Scored, as for `texts/`: how many links are on topic (precision), how many on-topic pairs
the links cover, and how many Hindi sentences without a counterpart stay unlinked — for the
matcher `aligner align --mode comparable` runs (`thematic.match_passages` over the same views and the
gloss), each link counted once per Hindi sentence it holds.
"""

from __future__ import annotations

import argparse
import collections
import random
import statistics
from pathlib import Path

from ntrex_bench import read_rows

from aligner.align.thematic import match_passages
from aligner.cache import DEFAULT_CACHE_DIR
from aligner.embed import default_encoder
from aligner.evaluation.align import thematic_inputs
from aligner.translate import translator_for


def topic_set(rows: list[dict], seed: int, documents: int, alone: float = 0.2) -> dict:
    rng = random.Random(seed)
    by_document: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_document[row["doc"]].append(row)
    chosen = rng.sample(sorted(d for d in by_document if len(by_document[d]) >= 6), documents)
    hindi_only = set(rng.sample(range(documents), int(documents * alone)))
    thai_only = set(rng.sample([i for i in range(documents) if i not in hindi_only], int(documents * alone)))
    hindi, thai = [], []  # (document, text)
    for index, document in enumerate(chosen):
        sentences = by_document[document]
        size = min(len(sentences), rng.choice((6, 8, 10, 12)))
        start = rng.randrange(len(sentences) - size + 1)
        window = sentences[start:start + size]
        if index not in thai_only:
            hindi.append((index, " ".join(row["hi"] for row in window[0::2])))
        if index not in hindi_only:
            odd = [row["th"] for row in window[1::2]]
            halves = [odd[:len(odd) // 2], odd[len(odd) // 2:]] if len(odd) >= 4 else [odd]
            thai += [(index, " ".join(half)) for half in halves]
    rng.shuffle(hindi)
    rng.shuffle(thai)
    return {"hi": hindi, "th": thai}


def score(matches, inputs: dict, hindi_documents: list[int], thai_documents: list[int]) -> dict:
    document_of = {i: hindi_documents[a] for a, passage in enumerate(inputs["src_passages"]) for i in passage}
    links = {(i, m.tgt) for m in matches for i in inputs["src_passages"][m.src]}
    on_topic = {(i, b) for i, d in document_of.items() for b, e in enumerate(thai_documents) if d == e}
    alone = [i for i, d in document_of.items() if d not in set(thai_documents)]
    linked = {i for i, _ in links}
    right = len(links & on_topic)
    return {"links": len(links), "precision": right / len(links) if links else 0.0,
            "covered": right / len(on_topic), "unlinked alone": sum(i not in linked for i in alone) / len(alone)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True, help="a checkout of github.com/MicrosoftTranslator/NTREX")
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--cache", default=DEFAULT_CACHE_DIR)
    parser.add_argument("--near-tie", type=float, default=None, help="try another near-tie width (spreads)")
    args = parser.parse_args()
    rows = read_rows(args.ntrex)
    encoder = default_encoder(args.cache)
    translator = translator_for("gloss", cache_dir=args.cache)
    options = {} if args.near_tie is None else {"near_tie": args.near_tie}
    figures = collections.defaultdict(list)
    for seed in (int(s) for s in args.seeds.split(",")):
        texts = topic_set(rows, seed, args.documents)
        paragraphs = {lang: [text for _, text in texts[lang]] for lang in ("hi", "th")}
        inputs = thematic_inputs(paragraphs, encoder, translator)
        result = score(match_passages(**inputs, **options), inputs, [d for d, _ in texts["hi"]],
                       [d for d, _ in texts["th"]])
        print(f"seed {seed}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                           for k, v in result.items()))
        for key, value in result.items():
            figures[key].append(value)
    print("mean: " + ", ".join(f"{k} {statistics.mean(v):.3f}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
