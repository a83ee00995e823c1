"""Many-to-many topic links on comparable texts with a known answer, made from NTREX-128 documents.

    python benchmarks/topic_links.py --ntrex /path/to/NTREX [--documents 60] [--seeds 0,1,2] [--mixed]

`texts/` is graded the way a reader checks it — each Hindi sentence against every Thai paragraph —
and the thematic sets of the bench are one-to-one, so they cannot say whether a passage that one text
spreads over several is found. This set can: from each of `--documents` NTREX documents (CC BY-SA 4.0)
a window of 6–12 sentences, the Hindi paragraph its even-numbered sentences, its odd-numbered ones
the Thai passage — cut in two when it holds four sentences or more, the Thai passages shuffled; a
fifth of the documents keep only their Hindi side (sentences with no counterpart), another fifth only
their Thai side. With `--mixed` a Hindi paragraph is instead one to three runs of one to three
sentences, each run from another document, as a paragraph of `texts/` touches several themes — so a
sentence without a counterpart may sit beside sentences that have one. A (Hindi sentence, Thai
passage) pair is on topic when both come from the same document. Scored, as for `texts/`: how many
links are on topic (precision), how many on-topic pairs the links cover, and how many Hindi sentences
without a counterpart stay unlinked — for the matcher `aligner align --mode comparable` runs
(`thematic.match_passages` over the same views and the gloss), each link counted once per Hindi
sentence it holds (`--floor none`: every sentence of the linked passage, as before links were
checked sentence by sentence).
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


def topic_set(rows: list[dict], seed: int, documents: int, alone: float = 0.2, mixed: bool = False) -> dict:
    """{"hi": [[(document, sentence), ...] per paragraph], "th": [(document, passage text), ...]}"""
    rng = random.Random(seed)
    by_document: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_document[row["doc"]].append(row)
    chosen = rng.sample(sorted(d for d in by_document if len(by_document[d]) >= 6), documents)
    hindi_only = set(rng.sample(range(documents), int(documents * alone)))
    thai_only = set(rng.sample([i for i in range(documents) if i not in hindi_only], int(documents * alone)))
    hindi, thai = [], []  # runs of (document, sentence); (document, text)
    for index, document in enumerate(chosen):
        sentences = by_document[document]
        size = min(len(sentences), rng.choice((6, 8, 10, 12)))
        start = rng.randrange(len(sentences) - size + 1)
        window = sentences[start : start + size]
        if index not in thai_only:
            even = [(index, row["hi"]) for row in window[0::2]]
            run = rng.choice((1, 2, 3)) if mixed else len(even)
            hindi += [even[i : i + run] for i in range(0, len(even), run)]
        if index not in hindi_only:
            odd = [row["th"] for row in window[1::2]]
            halves = [odd[: len(odd) // 2], odd[len(odd) // 2 :]] if len(odd) >= 4 else [odd]
            thai += [(index, " ".join(half)) for half in halves]
    rng.shuffle(hindi)
    rng.shuffle(thai)
    if mixed:
        paragraphs, i = [], 0
        while i < len(hindi):
            count = rng.choice((1, 2, 3))
            paragraphs.append([pair for run in hindi[i : i + count] for pair in run])
            i += count
        hindi = paragraphs
    return {"hi": hindi, "th": thai}


def score(matches, sentence_documents: list[int], thai_documents: list[int]) -> dict:
    """`sentence_documents`: the document of each Hindi sentence, in the order of the matcher's passages."""
    links = {(i, m.tgt) for m in matches for i in m.sentences}
    on_topic = {(i, b) for i, d in enumerate(sentence_documents) for b, e in enumerate(thai_documents) if d == e}
    alone = [i for i, d in enumerate(sentence_documents) if d not in set(thai_documents)]
    linked = {i for i, _ in links}
    right = len(links & on_topic)
    return {
        "links": len(links),
        "precision": right / len(links) if links else 0.0,
        "covered": right / len(on_topic),
        "unlinked alone": sum(i not in linked for i in alone) / len(alone),
    }


def sentence_documents(paragraphs: list[list[tuple[int, str]]], inputs: dict) -> list[int]:
    """Each Hindi sentence's document, as the segmenter cut the paragraphs: a sentence of a mixed
    paragraph is matched back to the run it came from by its text."""
    from aligner.segment import segmenter_for

    segmenter = segmenter_for("hi")
    documents = []
    for paragraph in paragraphs:
        for sentence in segmenter.sentences(" ".join(text for _, text in paragraph)) or [""]:
            documents.append(
                next((d for d, text in paragraph if sentence.strip() and sentence.strip() in text), paragraph[0][0])
            )
    assert len(documents) == sum(len(p) for p in inputs["src_passages"])
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True, help="a checkout of github.com/MicrosoftTranslator/NTREX")
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--cache", default=DEFAULT_CACHE_DIR)
    parser.add_argument("--near-tie", type=float, default=None, help="try another near-tie width (spreads)")
    parser.add_argument("--floor", default=None, help="try another sentence floor (spreads), or 'none'")
    parser.add_argument("--mixed", action="store_true", help="Hindi paragraphs of runs from several documents")
    args = parser.parse_args()
    rows = read_rows(args.ntrex)
    encoder = default_encoder(args.cache)
    translator = translator_for("gloss", cache_dir=args.cache)
    options = {} if args.near_tie is None else {"near_tie": args.near_tie}
    if args.floor is not None:
        options["floor"] = None if args.floor == "none" else float(args.floor)
    figures = collections.defaultdict(list)
    for seed in (int(s) for s in args.seeds.split(",")):
        texts = topic_set(rows, seed, args.documents, mixed=args.mixed)
        paragraphs = {"hi": [" ".join(text for _, text in p) for p in texts["hi"]], "th": [t for _, t in texts["th"]]}
        inputs = thematic_inputs(paragraphs, encoder, translator)
        result = score(
            match_passages(**inputs, **options), sentence_documents(texts["hi"], inputs), [d for d, _ in texts["th"]]
        )
        print(
            f"seed {seed}: "
            + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items())
        )
        for key, value in result.items():
            figures[key].append(value)
    print("mean: " + ", ".join(f"{k} {statistics.mean(v):.3f}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
