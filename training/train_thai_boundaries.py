"""Fit the Thai sentence-boundary model that ships in aligner/segment/models/th_boundaries.json.gz.

Training text: the UD Thai-TUD treebank (Thai National Corpus and Wikipedia paragraphs, CC BY-SA 4.0,
https://github.com/UniversalDependencies/UD_Thai-TUD). TUD keeps which source paragraph each sentence
came from (``# filename``): the sentences of one paragraph, in sent_id order and joined by one space
as Thai prints them, give running text in which every space is labelled (sentence end or not).
No Parallel UD (PUD) data is used: the bench's gold comes from PUD.

    git clone https://github.com/UniversalDependencies/UD_Thai-TUD /tmp/UD_Thai-TUD
    git clone https://github.com/MicrosoftTranslator/NTREX /tmp/NTREX
    python training/train_thai_boundaries.py /tmp/UD_Thai-TUD --ntrex /tmp/NTREX

The regularisation and the threshold are chosen by cross-validation on TUD's train+dev; the model is
then refitted on train+dev and its boundary F1 on TUD's test split is printed (and stored in the model file).
Needs scipy (training only; the segmenter itself needs only the weights).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from aligner.segment import th  # noqa: E402


def paragraphs(conllu: Path) -> list[tuple[str, set[int]]]:
    """(text, positions of the spaces that end a sentence) per source paragraph."""
    by_paragraph: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    filename = sent_id = None
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if line.startswith("# filename"):
            filename = line.split("=", 1)[1].strip()
        elif line.startswith("# sent_id"):
            sent_id = int(line.split("=", 1)[1])
        elif line.startswith("# text"):
            by_paragraph[filename].append((sent_id, line.split("=", 1)[1].strip()))
    return [joined([sentence for _, sentence in sorted(sentences)]) for _, sentences in sorted(by_paragraph.items())]


def joined(sentences: list[str]) -> tuple[str, set[int]]:
    """The sentences as Thai prints them, one space between, and the positions of those spaces."""
    text, ends = "", set()
    for sentence in sentences:
        if text:
            ends.add(len(text))
            text += " "
        text += sentence
    return text, ends


def ntrex_documents(ntrex: Path) -> list[tuple[str, set[int]]]:
    """(text, sentence-ending spaces) per NTREX-128 document: its Thai sentences joined by one space.

    NTREX-128 (Microsoft, CC BY-SA 4.0, https://github.com/MicrosoftTranslator/NTREX) is the WMT19
    English news test set translated by professionals, one sentence per line, with
    ``DOCUMENT_IDS.tsv`` saying which document each line belongs to.
    """
    lines = (ntrex / "NTREX-128" / "newstest2019-ref.tha.txt").read_text(encoding="utf-8").split("\n")
    ids = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    by_document: dict[str, list[str]] = collections.defaultdict(list)
    for document, line in zip(ids, lines):
        if document.strip() and line.strip():
            by_document[document.strip()].append(" ".join(line.split()))
    return [joined(sentences) for _, sentences in sorted(by_document.items())]


def hard_wrapped(text: str, ends: set[int], width: int) -> tuple[str, set[int], list[int]]:
    """The paragraph as a PDF export wraps it: lines of at most `width` characters, broken between
    words with no space (a space the break falls on is dropped), joined back as ingestion joins them.

    Returns (text, sentence ends, soft breaks): a sentence end whose space was dropped becomes a soft
    break that ends a sentence, which is what the segmenter meets in real PDF text.
    """
    tokens, position = [], 0
    for piece in th.thai_tokenizer().word_tokenize(text):
        tokens.append((position, piece))
        position += len(piece)
    out, new_ends, soft_breaks, line_length = [], set(), [], 0
    pending_space: int | None = None  # source position of a space not yet written
    for start, piece in tokens:
        if piece.isspace():
            pending_space = start
            continue
        needed = len(piece) + (1 if pending_space is not None else 0)
        if line_length and line_length + needed > width:
            soft_breaks.append(len("".join(out)))
            if pending_space in ends:
                new_ends.add(len("".join(out)))
            pending_space, line_length = None, 0
        if pending_space is not None:
            if pending_space in ends:
                new_ends.add(len("".join(out)))
            out.append(" ")
            line_length += 1
            pending_space = None
        out.append(piece)
        line_length += len(piece)
    return "".join(out), new_ends, soft_breaks


def with_wraps(docs: list[tuple[str, set[int]]], seed: int = 0) -> list[tuple[str, set[int], list[int]]]:
    """Each paragraph as printed (spaces only) and hard-wrapped at a width drawn from 50–90."""
    rng = np.random.default_rng(seed)
    result = []
    for text, ends in docs:
        result.append((text, ends, []))
        result.append(hard_wrapped(text, ends, int(rng.integers(50, 91))))
    return result


def examples(docs) -> tuple[list[list[str]], np.ndarray]:
    features, labels = [], []
    for text, ends, soft_breaks in docs:
        sentence_start, sentence_has_predicate = 0, None
        for gap in th.gaps(text, th.candidates(text, soft_breaks)):
            if sentence_has_predicate is None:
                sentence_has_predicate = th.has_predicate(gap.chunk_before)
            is_end = gap.position in ends
            features.append(th.boundary_features(text, gap, sentence_start, sentence_has_predicate))
            labels.append(is_end)
            if is_end:
                sentence_start, sentence_has_predicate = gap.position + gap.width, th.has_predicate(gap.chunk_after)
            else:
                sentence_has_predicate = sentence_has_predicate or th.has_predicate(gap.chunk_after)
    return features, np.array(labels, dtype=float)


def fit(features, labels, l2: float, min_count: int = 2) -> dict[str, float]:
    from scipy import sparse  # training only: the package itself does not need scipy
    from scipy.optimize import minimize

    counts = collections.Counter(f for row in features for f in row)
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    rows = [[vocabulary[f] for f in row if f in vocabulary] for row in features]
    indptr = np.cumsum([0] + [len(r) for r in rows])
    matrix = sparse.csr_matrix(
        (np.ones(indptr[-1]), [i for r in rows for i in r], indptr), shape=(len(rows), len(vocabulary))
    )

    def loss_and_gradient(w):
        p = 1.0 / (1.0 + np.exp(-(matrix @ w)))
        loss = -np.sum(labels * np.log(p + 1e-12) + (1 - labels) * np.log(1 - p + 1e-12)) + 0.5 * l2 * w @ w
        return loss, matrix.T @ (p - labels) + l2 * w

    result = minimize(
        loss_and_gradient, np.zeros(len(vocabulary)), jac=True, method="L-BFGS-B", options={"maxiter": 1000}
    )
    return {f: round(float(result.x[i]), 4) for f, i in vocabulary.items() if abs(result.x[i]) >= 1e-4}


def boundary_f1(docs, weights, threshold, min_sentence) -> float:
    original = th.boundary_model
    th.boundary_model = lambda: {"weights": weights, "threshold": threshold, "min_sentence": min_sentence}
    try:
        segmenter = th.ThaiSegmenter()
        tp = fp = fn = 0
        for text, ends, soft_breaks in docs:
            found = {b for _, b in segmenter.split(text, soft_breaks)[:-1]}
            tp, fp, fn = tp + len(found & ends), fp + len(found - ends), fn + len(ends - found)
    finally:
        th.boundary_model = original
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


def training_docs(folds, k: int) -> list:
    """Every fold's documents (TUD and NTREX) but fold k's, which are held out."""
    return [d for j, (a, b) in enumerate(folds) if j != k for d in a + b]


def learning_curve(folds) -> None:
    """Whether more text of the same kinds would help: the F1 held-out folds get as training grows.

    A paragraph and its hard-wrapped copy are kept or dropped together.
    """
    shipped = th.boundary_model()
    for fraction in (0.25, 0.5, 0.75, 1.0):
        results = []
        for k, (held_tud, held_news) in enumerate(folds):
            training = training_docs(folds, k)
            pairs = [training[i : i + 2] for i in range(0, len(training), 2)]
            kept = np.random.default_rng(k).permutation(len(pairs))[: round(len(pairs) * fraction)]
            weights = fit(*examples([d for i in sorted(kept) for d in pairs[i]]), shipped["l2"])
            results.append(
                [
                    boundary_f1(held, weights, shipped["threshold"], shipped["min_sentence"])
                    for held in (held_tud, held_news)
                    if held
                ]
            )
        print(
            f"trained on {fraction:.0%} of each fold: cross-validated boundary F1 "
            + " ".join(f"{name} {value:.3f}" for name, value in zip(("TUD", "NTREX"), np.mean(results, axis=0)))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tud", type=Path, help="a checkout of UD_Thai-TUD")
    parser.add_argument("--ntrex", type=Path, help="a checkout of NTREX (its Thai documents join the training text)")
    parser.add_argument("--out", type=Path, default=th.MODEL_PATH)
    parser.add_argument(
        "--learning-curve",
        action="store_true",
        help="only print the cross-validated F1 of the shipped model's settings trained on "
        "a quarter, half, three quarters and all of each training fold; write nothing",
    )
    args = parser.parse_args()
    # The wrapped copy of a paragraph stays in the same fold as the paragraph.
    train, dev, test = (paragraphs(args.tud / f"th_tud-ud-{s}.conllu") for s in ("train", "dev", "test"))
    news = ntrex_documents(args.ntrex) if args.ntrex else []
    # TUD's dev split alone (362 sentences) is too small to choose by: 4-fold cross-validation over
    # train+dev paragraphs (and NTREX documents) instead. Each source is scored on its own held-out
    # fold as well, so that one corpus cannot hide a loss on the other.
    pool = train + dev
    folds = [(with_wraps(pool[i::4], seed=i), with_wraps(news[i::4], seed=10 + i)) for i in range(4)]
    if args.learning_curve:
        learning_curve(folds)
        return
    # min_sentence: pieces shorter than this (display characters) are merged into a neighbour.
    scores: dict[tuple[float, float, int], list[tuple[float, float]]] = collections.defaultdict(list)
    for k, (held_tud, held_news) in enumerate(folds):
        fold_x, fold_y = examples(training_docs(folds, k))
        for l2 in (0.3, 1.0, 3.0):
            weights = fit(fold_x, fold_y, l2)
            for threshold in (0.35, 0.4, 0.45, 0.5):
                for min_sentence in (0, 10, 20):
                    scores[l2, threshold, min_sentence].append(
                        (
                            boundary_f1(held_tud, weights, threshold, min_sentence),
                            boundary_f1(held_news, weights, threshold, min_sentence) if news else float("nan"),
                        )
                    )

    def mean(key, source=None) -> float:
        values = [pair[source] for pair in scores[key]] if source is not None else [np.nanmean(p) for p in scores[key]]
        return float(np.mean(values))

    for key in sorted(scores):
        l2, threshold, min_sentence = key
        print(
            f"l2={l2} threshold={threshold} min_sentence={min_sentence}: cross-validated boundary F1 "
            f"TUD {mean(key, 0):.3f} NTREX {mean(key, 1):.3f}"
        )
    best = max(scores, key=mean)
    l2, threshold, min_sentence = best
    all_x, all_y = examples(with_wraps(train + dev) + with_wraps(news, seed=10))
    weights = fit(all_x, all_y, l2)
    test_f1 = boundary_f1(with_wraps(test, seed=4), weights, threshold, min_sentence)
    print(
        f"chosen l2={l2} threshold={threshold} min_sentence={min_sentence} "
        f"(cross-validated TUD {mean(best, 0):.3f}, NTREX {mean(best, 1):.3f}); refitted on everything; "
        f"TUD test boundary F1 {test_f1:.3f}"
    )
    trained_on = "UD_Thai-TUD train+dev (CC BY-SA 4.0), sentences joined per source paragraph"
    if news:
        trained_on += "; NTREX-128 Thai (CC BY-SA 4.0), sentences joined per document"
    model = {
        "trained_on": trained_on + "; each also hard-wrapped",
        "l2": l2,
        "threshold": threshold,
        "min_sentence": min_sentence,
        "tud_test_boundary_f1": round(test_f1, 3),
        "cross_validated_f1": {"tud": round(mean(best, 0), 3), **({"ntrex": round(mean(best, 1), 3)} if news else {})},
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        handle.write(json.dumps(model, ensure_ascii=False, indent=0).encode("utf-8"))
    print(f"wrote {args.out} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
