"""Thematic link scores as probabilities, and the abstention thresholds, chosen by cross-validation
across dev sets; with `--write`, the shipped calibration (`aligner/align/data/thematic_calibration.json`).

    python benchmarks/thematic_calibration.py --ntrex /path/to/NTREX [--wiki wiki-bench] [--work DIR] [--write]

Families of dev sets, each with a known answer (a passage pair is on topic or not):

- `pud`: the bench's PUD dev thematic sets (`../shared/bench/gold/dev`, full and partial). The bench's
  gold comes from PUD, so PUD never trains anything here: it is only reported on.
- `ntrex`: NTREX-128 documents made into thematic sets the bench's way (`ntrex_bench.thematic_sets`,
  `--ntrex-seeds`, full and partial).
- `topics`: NTREX documents made into many-to-many topic sets (`topic_links.topic_set`, `--topic-seeds`:
  passages the other text cuts in two, a fifth of the documents on one side only).
- `mixed`: the same with Hindi paragraphs mixing runs of several documents (the same seeds), scored per
  Hindi sentence (a sentence linked to a passage of its own document is right).
- `wiki`: independently written texts on the same subjects (`--wiki`, a bench folder with a
  `thematic_hi_th.json` graded by reading: see `benchmarks/wiki_bench.py`).

For each family in turn (the held-out one), the calibration is fitted on the candidate links (each
source passage's best `MOST_PARTNERS` targets) of the other non-PUD families (a mixed passage's link
counts as right in the share of its sentences from the target's document), and the thresholds
(minimum probability, near-tie width, sentence floor, mates) are the grid point with the best mean
F-beta (`--beta`, 1 by default: F1) over those families; the held-out family's F1 and reliability
table (score bin, links, mean score, share right) are then read with them — with `--small`, also on
texts of 8 and 16 passages cut from its sets. The figures are cross-validated; the spread of the
chosen thresholds across folds is printed. `--write` fits on every non-PUD family and writes the file.

Inputs (vectors and views, the slow part: the gloss and the encoder) are kept in `--work` as .pkl
files, one per set, so a second run only decides.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import statistics
from pathlib import Path

import numpy as np
from ntrex_bench import read_rows, thematic_sets
from topic_links import sentence_documents, topic_set

from aligner.align import thematic
from aligner.cache import DEFAULT_CACHE_DIR
from aligner.evaluation.align import thematic_inputs

PUD = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "gold" / "dev"
SHIPPED = Path(__file__).resolve().parents[1] / "aligner" / "align" / "data" / "thematic_calibration.json"
MIN_PROBABILITIES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
# Half a spread and more costs the one-to-one NTREX set a few points (docs/benchmarks.md, "Many-to-many"),
# which the issue keeps at its earlier level: not tried again.
NEAR_TIES = (0.0, 0.25)
FLOORS = (None, -1.0, -0.5)
MATES = (None, 0.0, 0.5)
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
# Thresholds are chosen for the best mean F-beta (`--beta`; 1: F1). With beta = 0.5 (precision first, as the
# issue's bars ask) the folds choose a minimum probability of 0.35-0.45 and the held-out precision rises on
# every family, but the map refitted on all of them then takes 0.4, which puts NTREX at 0.690 / 0.636, under
# the 0.703 / 0.648 it must keep (docs/benchmarks.md, "Thematic scores as probabilities"): F1 stays the default.
BETA = 1.0


# -- the sets ------------------------------------------------------------------------------------------


def load_sets(args) -> dict[str, list[dict]]:
    """{family: [set, ...]}; a set holds `inputs` (the matcher's, without calibration) and its answer:
    `on_topic` (P, Q) booleans, and for the mixed family `sentence_docs` / `target_docs`."""
    families: dict[str, list[dict]] = {"pud": [], "ntrex": [], "topics": [], "mixed": []}
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    state = {}

    def tools():
        if not state:
            from aligner.embed import default_encoder
            from aligner.translate import translator_for

            state["encoder"] = default_encoder(args.cache)
            state["translator"] = translator_for("gloss", cache_dir=args.cache)
        return state["encoder"], state["translator"]

    def inputs_of(name: str, paragraphs: dict) -> dict:
        path = work / f"{name}.pkl"
        if path.is_file():
            return pickle.loads(path.read_bytes())
        found = thematic_inputs(paragraphs, *tools())
        found.pop("calibration", None)
        path.write_bytes(pickle.dumps(found))
        return found

    def paired(name: str, data: dict) -> dict:
        inputs = inputs_of(name, data)
        src, tgt = data.get("sides", ("hi", "th"))
        on_topic = np.zeros((len(data[src]), len(data[tgt])), dtype=bool)
        for a, b in data["pairs"]:
            on_topic[a, b] = True
        return {"name": name, "inputs": inputs, "on_topic": on_topic}

    gold = json.loads((Path(args.pud) / "thematic_hi_th.json").read_text(encoding="utf-8"))
    families["pud"] = [paired(f"pud-{variant}", gold[variant]) for variant in ("full", "partial")]
    rows = read_rows(Path(args.ntrex))
    for seed in (int(s) for s in args.ntrex_seeds.split(",")):
        sets = thematic_sets(rows, seed)
        families["ntrex"] += [paired(f"ntrex{seed}-{variant}", sets[variant]) for variant in ("full", "partial")]
    for seed in (int(s) for s in args.topic_seeds.split(",")):
        for mixed in (False, True):
            texts = topic_set(rows, seed, 60, mixed=mixed)
            paragraphs = {
                "hi": [" ".join(text for _, text in p) for p in texts["hi"]],
                "th": [t for _, t in texts["th"]],
            }
            name = f"{'mixed' if mixed else 'topics'}{seed}"
            inputs = inputs_of(name, paragraphs)
            target_docs = np.array([d for d, _ in texts["th"]])
            if mixed:
                docs = np.array(sentence_documents(texts["hi"], inputs))
                # A passage pair is right in the share of the passage's sentences from the target's document.
                share = np.array([[float(np.mean(docs[p] == d)) for d in target_docs] for p in inputs["src_passages"]])
                families["mixed"].append(
                    {"name": name, "inputs": inputs, "target_docs": target_docs, "sentence_docs": docs, "share": share}
                )
            else:
                source_docs = np.array([p[0][0] for p in texts["hi"]])
                families["topics"].append(
                    {"name": name, "inputs": inputs, "on_topic": source_docs[:, None] == target_docs[None, :]}
                )
    if args.wiki:
        wiki = json.loads((Path(args.wiki) / "thematic_hi_th.json").read_text(encoding="utf-8"))
        families["wiki"] = [paired(f"wiki-{variant}", data) for variant, data in sorted(wiki.items())]
    for family in families.values():
        for one in family:
            one["scores"] = thematic.score_passages(
                **{
                    k: v
                    for k, v in one["inputs"].items()
                    if k in ("src_vectors", "tgt_vectors", "src_passages", "tgt_passages", "views", "sentence_views")
                }
            )
    return families


def small_sets(one: dict, sizes=(8, 16), draws: int = 3) -> list[dict]:
    """Smaller texts cut from a set: `size` source passages drawn at random, their counterparts and as many
    targets with no counterpart among them as the set's share of such targets gives; the views are sliced
    (the TF-IDF view keeps the whole set's word weights). A check that the map holds on short texts (a
    user's chapter of a dozen paragraphs), where a text-level feature fitted on sets of 40-120 passages
    may not: the log of the passage count did not (docs/benchmarks.md)."""
    truth = one["share"] > 0 if "share" in one else one["on_topic"]
    n_src, n_tgt = truth.shape
    paired = int(truth.any(axis=0).sum())
    lonely_share = (n_tgt - paired) / max(1, paired)
    found = []
    for size in sizes:
        for draw in range(draws):
            rng = np.random.default_rng(draw)
            src = np.sort(rng.choice(n_src, size=min(size, n_src), replace=False))
            partners = np.flatnonzero(truth[src].any(axis=0))
            others = np.setdiff1d(np.arange(n_tgt), partners)
            extra = rng.choice(others, size=min(len(others), round(len(partners) * lonely_share)), replace=False)
            found.append(
                _subset(
                    one, src, np.sort(np.concatenate([partners, extra]).astype(int)), f"{one['name']}-s{size}.{draw}"
                )
            )
    return found


def _subset(one: dict, src: np.ndarray, tgt: np.ndarray, name: str) -> dict:
    inputs = one["inputs"]
    passages = inputs["src_passages"]
    first = np.cumsum([0] + [len(p) for p in passages])
    rows = np.concatenate([np.arange(first[a], first[a + 1]) for a in src])
    cut = dict(
        inputs,
        src_passages=[passages[a] for a in src],
        tgt_passages=[inputs["tgt_passages"][b] for b in tgt],
        views=tuple(v[np.ix_(src, tgt)] for v in inputs["views"]),
        sentence_views=tuple(v[np.ix_(rows, tgt)] for v in inputs["sentence_views"]),
    )
    found = {"name": name, "inputs": cut}
    if "share" in one:
        kept = np.zeros(len(one["sentence_docs"]), dtype=bool)
        kept[np.concatenate([passages[a] for a in src])] = True
        found.update(
            sentence_docs=np.where(kept, one["sentence_docs"], -1),
            target_docs=one["target_docs"][tgt],
            share=one["share"][np.ix_(src, tgt)],
        )
    else:
        found["on_topic"] = one["on_topic"][np.ix_(src, tgt)]
    found["scores"] = thematic.score_passages(
        **{
            k: v
            for k, v in cut.items()
            if k in ("src_vectors", "tgt_vectors", "src_passages", "tgt_passages", "views", "sentence_views")
        }
    )
    return found


# -- calibration -----------------------------------------------------------------------------------------


def candidates(one: dict) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of each source passage's best `MOST_PARTNERS` targets."""
    scaled, features = one["scores"].scaled, one["scores"].features
    rows, labels = [], []
    for a in range(scaled.shape[0]):
        for b in np.argsort(-scaled[a], kind="stable")[: thematic.MOST_PARTNERS]:
            rows.append(features[a, b])
            labels.append(one["share"][a, b] if "share" in one else one["on_topic"][a, b])
    return np.array(rows), np.array(labels, dtype=np.float64)


def fit(sets: list[list[dict]]) -> thematic.Calibration:
    """Logistic regression (Newton's method, a whisker of L2) on the candidates, each family weighted
    equally whatever its size: a large easy family must not decide the map alone."""
    xs, ys, ws = [], [], []
    for family in sets:
        pairs = [candidates(one) for one in family]
        total = sum(len(y) for _, y in pairs)
        for x, y in pairs:
            xs.append(x)
            ys.append(y)
            ws.append(np.full(len(y), 1.0 / total))
    x = np.hstack([np.vstack(xs), np.ones((sum(len(y) for y in ys), 1))])
    y, w = np.concatenate(ys), np.concatenate(ws)
    beta = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ beta))
        gradient = x.T @ (w * (y - p)) - 1e-4 * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + 1e-4 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-9:
            break
    return thematic.Calibration(tuple(round(float(v), 4) for v in beta[:-1]), round(float(beta[-1]), 4))


# -- deciding and scoring --------------------------------------------------------------------------------


def links(one: dict, calibration, probability, setting) -> list[thematic.PassageMatch]:
    inputs = one["inputs"]
    return thematic.decide(
        one["scores"],
        inputs["src_passages"],
        inputs["tgt_passages"],
        calibration=calibration,
        probability=probability,
        min_probability=setting[0],
        near_tie=setting[1],
        floor=setting[2],
        mates=setting[3],
    )


def judged(one: dict, matches) -> list[tuple[float, float]]:
    """(score, share right) per link: a passage pair, or for the mixed family the share of the link's
    sentences from the target passage's document."""
    if "on_topic" in one:
        return [(m.score, float(one["on_topic"][m.src, m.tgt])) for m in matches]
    docs = one["sentence_docs"]
    return [(m.score, float(np.mean([docs[i] == one["target_docs"][m.tgt] for i in m.sentences]))) for m in matches]


def f1(one: dict, matches) -> dict:
    if "on_topic" in one:
        found = {(m.src, m.tgt) for m in matches}
        right = sum(one["on_topic"][a, b] for a, b in found)
        gold = int(one["on_topic"].sum())
    else:  # (Hindi sentence, Thai passage) pairs, as topic_links.py scores them
        found = {(i, m.tgt) for m in matches for i in m.sentences}
        docs, targets = one["sentence_docs"], one["target_docs"]
        right = sum(docs[i] == targets[b] for i, b in found)
        gold = int((docs[:, None] == targets[None, :]).sum())
    precision = right / len(found) if found else 0.0
    recall = right / gold if gold else 0.0
    return {
        "f1": 2 * precision * recall / (precision + recall) if right else 0.0,
        "p": precision,
        "r": recall,
        "fbeta": (1 + BETA**2) * precision * recall / (BETA**2 * precision + recall) if right else 0.0,
        "links": len(found),
    }


def grid() -> list[tuple]:
    return list(itertools.product(MIN_PROBABILITIES, NEAR_TIES, FLOORS, MATES))


def choose(families: dict[str, list[dict]], training: list[str], calibration) -> tuple:
    """The setting with the best mean over `training` families of their sets' mean F-beta (`BETA`)."""
    probabilities = {
        id(one): calibration.probability(one["scores"].features) for name in training for one in families[name]
    }
    best, best_value = None, -1.0
    for setting in grid():
        value = statistics.mean(
            statistics.mean(
                f1(one, links(one, calibration, probabilities[id(one)], setting))["fbeta"] for one in families[name]
            )
            for name in training
        )
        if value > best_value + 1e-12:
            best, best_value = setting, value
    return best


def reliability(pairs: list[tuple[float, float]]) -> list[tuple[str, int, float, float]]:
    rows = []
    for low, high in zip(BINS, BINS[1:]):
        inside = [(s, r) for s, r in pairs if low <= s < high]
        if inside:
            rows.append(
                (
                    f"{low:.1f}–{min(high, 1.0):.1f}",
                    len(inside),
                    statistics.mean(s for s, _ in inside),
                    statistics.mean(r for _, r in inside),
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", required=True, help="a checkout of github.com/MicrosoftTranslator/NTREX")
    parser.add_argument("--pud", default=str(PUD), help="the bench's dev folder (reported on, never fitted on)")
    parser.add_argument("--wiki", help="a bench folder of independently written same-subject texts")
    parser.add_argument("--work", default=".thematic-calibration", help="where the sets' inputs are kept")
    parser.add_argument("--cache", default=DEFAULT_CACHE_DIR)
    parser.add_argument("--ntrex-seeds", default="0,1", help="draws of the NTREX thematic sets")
    parser.add_argument("--topic-seeds", default="3,4", help="draws of the topic and mixed sets")
    parser.add_argument("--write", action="store_true", help="write the shipped calibration (non-PUD families)")
    parser.add_argument("--beta", type=float, default=BETA, help="thresholds for the best mean F-beta (1: F1)")
    parser.add_argument(
        "--small",
        action="store_true",
        help="also read each held-out family on texts of 8 and 16 passages cut from its sets",
    )
    args = parser.parse_args()
    globals()["BETA"] = args.beta
    families = load_sets(args)
    trainable = [name for name in families if name != "pud" and families[name]]
    link_level = trainable
    chosen = {}
    for held in families:
        fit_on = [name for name in link_level if name != held]
        calibration = fit([families[name] for name in fit_on])
        setting = choose(families, [name for name in trainable if name != held], calibration)
        chosen[held] = setting
        print(
            f"\n## held out: {held} — calibration fitted on {', '.join(fit_on)}: weights "
            f"{calibration.weights}, intercept {calibration.intercept}; thresholds chosen on the others: "
            f"min probability {setting[0]}, near tie {setting[1]}, floor {setting[2]}, mates {setting[3]}"
        )
        pooled = []
        for one in families[held]:
            matches = links(one, calibration, None, setting)
            figures = f1(one, matches)
            pooled += judged(one, matches)
            print(
                f"{one['name']:16} F1 {figures['f1']:.3f}  P {figures['p']:.3f}  R {figures['r']:.3f}  "
                f"links {figures['links']}"
            )
            print_reliability(judged(one, matches))
        print(f"{held} pooled reliability:")
        print_reliability(pooled)
        if args.small:
            cut, scores = [], []
            for one in (piece for whole in families[held] for piece in small_sets(whole)):
                matches = links(one, calibration, None, setting)
                cut += judged(one, matches)
                scores.append(f1(one, matches))
            print(
                f"{held}, texts of 8 and 16 passages cut from its sets ({len(scores)}): "
                f"mean F1 {statistics.mean(s['f1'] for s in scores):.3f}, "
                f"mean P {statistics.mean(s['p'] for s in scores):.3f}"
            )
            print_reliability(cut)
    print("\n## chosen thresholds by fold (min probability, near tie, floor, mates)")
    for held, setting in chosen.items():
        print(f"  {held:8} {setting}")
    if args.write:
        calibration = fit([families[name] for name in link_level])
        setting = choose(families, trainable, calibration)
        data = {
            "features": list(thematic.FEATURES),
            "weights": list(calibration.weights),
            "intercept": calibration.intercept,
            "fitted_on": link_level,
            "refit": "python benchmarks/thematic_calibration.py --ntrex NTREX --wiki WIKI-BENCH --write",
        }
        SHIPPED.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {SHIPPED}: {data}")
        print(
            f"thresholds chosen on {', '.join(trainable)} with it (thematic.py's constants): min probability "
            f"{setting[0]}, near tie {setting[1]}, floor {setting[2]}, mates {setting[3]}"
        )
        print("\n## the shipped calibration and thresholds on every set (in-sample for every family but pud)")
        for family in families.values():
            for one in family:
                figures = f1(one, links(one, calibration, None, setting))
                print(
                    f"{one['name']:16} F1 {figures['f1']:.3f}  P {figures['p']:.3f}  R {figures['r']:.3f}  "
                    f"links {figures['links']}"
                )


def print_reliability(pairs) -> None:
    worst = 0.0
    for label, count, mean, right in reliability(pairs):
        flag = ""
        if count >= 10:
            worst = max(worst, abs(mean - right))
            flag = f"  gap {right - mean:+.3f}"
        print(f"    {label}  {count:4d} links  mean score {mean:.3f}  right {right:.3f}{flag}")
    rows = reliability(pairs)
    total = sum(count for _, count, _, _ in rows)
    # The links' mean |gap| (expected calibration error): steadier than the largest gap when bins hold a dozen links.
    mean_gap = sum(count * abs(mean - right) for _, count, mean, right in rows) / total if total else 0.0
    print(f"    largest |gap| in bins of ≥ 10 links: {worst:.3f}; mean |gap| over the links: {mean_gap:.3f}")


if __name__ == "__main__":
    main()
