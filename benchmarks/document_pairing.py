"""Document pairing on NTREX-128: which document of one language is the translation of which of another.

    python benchmarks/document_pairing.py --ntrex /path/to/NTREX [--pairs hin-tha,hin-eng-US,deu-fra]
        [--without-partner 0.2] [--seeds 3] [--comparable] [--cache DIR]

NTREX-128 (CC BY-SA 4.0) holds 123 news documents in 128 languages, every one a translation of the
same English. For each language pair the documents of both sides are shuffled and a share of them
(`--without-partner`, half on each side) loses its partner; `aligner.align.pairing.pair_documents`
must pair the rest and leave those alone. With `--comparable`, each target document is made a
comparable text of its source instead of a translation: 40 % of its sentences dropped and the rest
in another order (blocks of two shuffled). Printed: pairing precision, recall and F1 per language pair
and seed, with the time of the pairing itself (sentence embeddings come from the cache after the
first run).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from ntrex_bench import read_documents


def comparable(vectors, rng: random.Random):
    """The same document told otherwise: 40 % of its sentences gone, blocks of two in another order."""
    keep = sorted(rng.sample(range(len(vectors)), max(1, round(0.6 * len(vectors)))))
    blocks = [keep[i : i + 2] for i in range(0, len(keep), 2)]
    rng.shuffle(blocks)
    return vectors[[i for block in blocks for i in block]]


def score(pairs, gold) -> tuple[float, float, float]:
    found = {(p.src, p.tgt) for p in pairs}
    right = len(found & gold)
    precision = right / len(found) if found else 0.0
    recall = right / len(gold) if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if right else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True)
    parser.add_argument("--pairs", default="hin-tha,hin-eng-US,deu-fra")
    parser.add_argument("--without-partner", type=float, default=0.2)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument(
        "--comparable",
        action="store_true",
        help="drop 40 %% of each target document's sentences and shuffle the rest in blocks of two",
    )
    parser.add_argument("--cache", default=".aligner-cache")
    args = parser.parse_args()

    import numpy as np

    from aligner.align.pairing import pair_documents
    from aligner.embed import default_encoder

    encoder = default_encoder(args.cache)
    vectors: dict[str, dict[str, np.ndarray]] = {}
    for pair in args.pairs.split(","):
        src_code, tgt_code = pair.split("-", 1)
        for code in (src_code, tgt_code):
            if code not in vectors:
                documents = read_documents(args.ntrex, code)
                vectors[code] = {doc: encoder.encode(lines) for doc, lines in documents.items()}
        shared = sorted(set(vectors[src_code]) & set(vectors[tgt_code]))
        for seed in range(args.seeds):
            rng = random.Random(seed)
            alone = rng.sample(shared, round(args.without_partner * len(shared)))
            src_ids = [d for d in shared if d not in alone[: len(alone) // 2]]
            tgt_ids = [d for d in shared if d not in alone[len(alone) // 2 :]]
            rng.shuffle(src_ids)
            rng.shuffle(tgt_ids)
            gold = {(src_ids.index(d), tgt_ids.index(d)) for d in set(src_ids) & set(tgt_ids)}
            started = time.perf_counter()
            targets = [vectors[tgt_code][d] for d in tgt_ids]
            if args.comparable:
                targets = [comparable(doc, rng) for doc in targets]
            pairs = pair_documents([vectors[src_code][d] for d in src_ids], targets)
            seconds = time.perf_counter() - started
            precision, recall, f1 = score(pairs, gold)
            print(
                f"{pair:12} seed {seed}: {len(src_ids)} × {len(tgt_ids)} documents, {len(gold)} with a partner; "
                f"{len(pairs)} pairs, P {precision:.3f} R {recall:.3f} F1 {f1:.3f} ({seconds:.2f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
