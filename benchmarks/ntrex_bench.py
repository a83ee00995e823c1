"""Turn an NTREX-128 checkout into a bench folder, for figures on text the bench's PUD gold is not.

    git clone https://github.com/MicrosoftTranslator/NTREX /path/to/NTREX
    python benchmarks/ntrex_bench.py --ntrex /path/to/NTREX --out ntrex-bench [--every 8]
    aligner evaluate --bench ntrex-bench --out ntrex-out --tasks mt,thematic --scorer ../shared/bench/score.py

NTREX-128 (Microsoft, CC BY-SA 4.0) is the WMT19 English news test set translated by professionals
into 128 languages, Hindi and Thai among them, one sentence per line, with the document of each
line. Written in the bench's formats (`../shared/bench/README.md`):

- `mt_refs.json`: every sentence (or every `--every`-th, for the slow translators) with its Hindi,
  Thai and English;
- `thematic_hi_th.json`: comparable texts made the way the bench describes its own — from each
  document a window of 2–6 consecutive sentences, the Hindi passage its even-numbered sentences and
  the Thai passage its odd-numbered ones, the Thai passages shuffled (`full`), and a third of them
  removed (`partial`).

The Thai boundary model trains on NTREX's Thai (`training/train_thai_boundaries.py`), so its
segmentation figures here would not be independent and no segmentation file is written.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path

LANGUAGES = {"hi": "hin", "th": "tha", "en": "eng-US"}
# Sentences per window, drawn like the bench's documents (its Hindi passages hold 1–3 sentences).
WINDOW_SIZES, WINDOW_WEIGHTS = (2, 3, 4, 5, 6), (17, 18, 27, 26, 12)


def read_rows(ntrex: Path) -> list[dict]:
    columns = {
        lang: (ntrex / "NTREX-128" / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").split("\n")
        for lang, code in LANGUAGES.items()
    }
    documents = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    rows = []
    for index, document in enumerate(documents):
        row = {lang: columns[lang][index].strip() for lang in LANGUAGES}
        if document.strip() and all(row.values()):
            rows.append({"id": f"ntrex-{index}", "doc": document.strip(), **row})
    return rows


def read_documents(ntrex: Path, code: str) -> dict[str, list[str]]:
    """The non-empty lines of NTREX-128's file for `code` (``hin``, ``tha``, ``deu`` …), by document id,
    documents in the order DOCUMENT_IDS.tsv first names them."""
    lines = (ntrex / "NTREX-128" / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").split("\n")
    ids = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    documents: dict[str, list[str]] = {}
    for doc_id, line in zip(ids, lines):
        if doc_id.strip() and line.strip():
            documents.setdefault(doc_id.strip(), []).append(line.strip())
    return documents


def thematic_sets(rows: list[dict], seed: int) -> dict:
    rng = random.Random(seed)
    by_document: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_document[row["doc"]].append(row)
    hindi, thai = [], []
    for document in sorted(by_document):
        sentences = by_document[document]
        size = min(len(sentences), rng.choices(WINDOW_SIZES, WINDOW_WEIGHTS)[0])
        if size < 2:
            continue
        start = rng.randrange(len(sentences) - size + 1)
        window = sentences[start : start + size]
        hindi.append(" ".join(row["hi"] for row in window[0::2]))
        thai.append(" ".join(row["th"] for row in window[1::2]))
    # Passages are shuffled by their indices, so each pair is read off the permutation (two
    # documents may well share a Thai passage's text).
    order = list(range(len(thai)))
    rng.shuffle(order)
    kept = sorted(rng.sample(range(len(thai)), len(thai) - len(thai) // 3))
    rng.shuffle(kept)
    return {
        "full": {
            "hi": hindi,
            "th": [thai[i] for i in order],
            "pairs": sorted([source, position] for position, source in enumerate(order)),
        },
        "partial": {
            "hi": hindi,
            "th": [thai[i] for i in kept],
            "pairs": sorted([source, position] for position, source in enumerate(kept)),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True, help="a checkout of github.com/MicrosoftTranslator/NTREX")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--every", type=int, default=1, help="keep every n-th sentence in mt_refs.json")
    parser.add_argument("--seed", type=int, default=0, help="which windows and which shuffle for the thematic sets")
    args = parser.parse_args()
    rows = read_rows(args.ntrex)
    args.out.mkdir(parents=True, exist_ok=True)
    references = [{key: row[key] for key in ("id", "hi", "th", "en")} for row in rows[:: args.every]]
    (args.out / "mt_refs.json").write_text(json.dumps(references, ensure_ascii=False, indent=0), encoding="utf-8")
    thematic = thematic_sets(rows, args.seed)
    (args.out / "thematic_hi_th.json").write_text(json.dumps(thematic, ensure_ascii=False, indent=0), encoding="utf-8")
    print(
        f"{args.out}: mt_refs.json ({len(references)} sentences), "
        f"thematic_hi_th.json ({len(thematic['full']['hi'])} passages a side)"
    )


if __name__ == "__main__":
    main()
