"""A corpus of many documents a language, built cold on 1 worker and on N, same run: time and bytes.

    python benchmarks/corpus_scale.py --ntrex /path/to/NTREX [--langs hin,tha] [--documents 123]
        [--workers 2] [--work DIR] [--dask] [--only-dask]

Writes NTREX-128's documents (CC BY-SA 4.0; every one a translation of the same English news) as a
corpus folder, one text a document and language (``texts/hi/<doc>.txt``, ``texts/th/<doc>.txt``),
then runs ``aligner build`` on it cold (a fresh cache each time) with ``--workers 1`` and with
``--workers N``, each in its own process with OMP_NUM_THREADS=1 (so that the figure measures the
engine, not the encoder's threads), and prints both times, the speed-up, and whether every output
file is byte-identical. The build pairs the documents by content first (`align/pairing.py`).
`--dask` also builds on a local `dask.distributed` cluster of N one-thread worker processes started
here (`--scheduler`), and compares its files with the one-worker build's; `--only-dask` does only
that, against the one-worker output an earlier run left in `--work`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ntrex_bench import read_documents

CODES = {"hin": "hi", "tha": "th", "deu": "de", "fra": "fr", "eng-US": "en"}


def write_corpus(ntrex: Path, codes: list[str], documents: int, texts: Path) -> None:
    for code in codes:
        by_doc = read_documents(ntrex, code)
        folder = texts / CODES.get(code, code)
        folder.mkdir(parents=True, exist_ok=True)
        for doc in list(by_doc)[:documents]:
            # one sentence a line, a blank line between paragraphs of four
            sentences = by_doc[doc]
            paragraphs = ["\n".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
            (folder / f"{doc}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def digest(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def cold_build(texts: Path, work: Path, workers: int, scheduler: str | None = None) -> tuple[float, dict[str, str]]:
    name = "dask" if scheduler else str(workers)
    out, cache = work / f"out-{name}", work / f"cache-{name}"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    where = ["--scheduler", scheduler] if scheduler else ["--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "aligner",
            "--quiet",
            "build",
            str(texts),
            "--out",
            str(out),
            "--cache",
            str(cache),
            *where,
        ],
        check=True,
        env=dict(os.environ, **ONE_THREAD),
    )
    return time.perf_counter() - started, digest(out)


def dask_build(texts: Path, work: Path, workers: int) -> tuple[float, dict[str, str]]:
    from distributed import LocalCluster

    os.environ.update(ONE_THREAD)  # the cluster's worker processes inherit it
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        return cold_build(texts, work, workers, cluster.scheduler_address)


def compare(label: str, expected: dict[str, str], found: dict[str, str]) -> None:
    same = expected == found
    print(f"{label}: outputs byte-identical: {same}")
    if not same:
        differ = sorted(name for name in set(expected) | set(found) if expected.get(name) != found.get(name))
        print("differ:", ", ".join(differ[:10]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True)
    parser.add_argument("--langs", default="hin,tha")
    parser.add_argument("--documents", type=int, default=123)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("corpus-scale"))
    parser.add_argument("--dask", action="store_true", help="also build on a local dask.distributed cluster")
    parser.add_argument("--only-dask", action="store_true", help="only the Dask build, against an earlier out-1")
    args = parser.parse_args()
    texts = args.work / "texts"
    if args.only_dask:
        many, many_files = dask_build(texts, args.work, args.workers)
        print(f"Dask, {args.workers} workers: {many:.1f} s, {len(many_files)} files", flush=True)
        compare("Dask against 1 worker", digest(args.work / "out-1"), many_files)
        return
    shutil.rmtree(texts, ignore_errors=True)
    write_corpus(args.ntrex, args.langs.split(","), args.documents, texts)
    one, one_files = cold_build(texts, args.work, 1)
    print(f"1 worker:  {one:.1f} s, {len(one_files)} files", flush=True)
    many, many_files = cold_build(texts, args.work, args.workers)
    print(f"{args.workers} workers: {many:.1f} s, {len(many_files)} files", flush=True)
    print(f"speed-up {one / many:.2f}x")
    compare(f"{args.workers} workers against 1", one_files, many_files)
    if args.dask:
        many, many_files = dask_build(texts, args.work, args.workers)
        print(f"Dask, {args.workers} workers: {many:.1f} s, {len(many_files)} files", flush=True)
        compare("Dask against 1 worker", one_files, many_files)


if __name__ == "__main__":
    main()
