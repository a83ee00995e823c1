"""A corpus of many documents a language, built cold on 1 worker and on N, same run: time and bytes.

    python benchmarks/corpus_scale.py --ntrex /path/to/NTREX [--langs hin,tha] [--documents 123]
        [--workers 2] [--work DIR]

Writes NTREX-128's documents (CC BY-SA 4.0; every one a translation of the same English news) as a
corpus folder, one text a document and language (``texts/hi/<doc>.txt``, ``texts/th/<doc>.txt``),
then runs ``aligner build`` on it cold (a fresh cache each time) with ``--workers 1`` and with
``--workers N``, each in its own process with OMP_NUM_THREADS=1 (so that the figure measures the
engine, not the encoder's threads), and prints both times, the speed-up, and whether every output
file is byte-identical. The build pairs the documents by content first (`align/documents.py`).
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

CODES = {"hin": "hi", "tha": "th", "deu": "de", "fra": "fr", "eng-US": "en"}


def write_corpus(ntrex: Path, codes: list[str], documents: int, texts: Path) -> None:
    ids = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    order = list(dict.fromkeys(d.strip() for d in ids if d.strip()))[:documents]
    for code in codes:
        lines = (ntrex / "NTREX-128" / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").split("\n")
        by_doc: dict[str, list[str]] = {}
        for doc, line in zip(ids, lines):
            if doc.strip() in order and line.strip():
                by_doc.setdefault(doc.strip(), []).append(line.strip())
        folder = texts / CODES.get(code, code)
        folder.mkdir(parents=True, exist_ok=True)
        for doc in order:
            # one sentence a line, a blank line between paragraphs of four
            sentences = by_doc[doc]
            paragraphs = ["\n".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
            (folder / f"{doc}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def digest(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def cold_build(texts: Path, work: Path, workers: int) -> tuple[float, dict[str, str]]:
    out, cache = work / f"out-{workers}", work / f"cache-{workers}"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "aligner", "--quiet", "build", str(texts), "--out", str(out),
                    "--cache", str(cache), "--workers", str(workers)], check=True, env=env)
    return time.perf_counter() - started, digest(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True)
    parser.add_argument("--langs", default="hin,tha")
    parser.add_argument("--documents", type=int, default=123)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("corpus-scale"))
    args = parser.parse_args()
    texts = args.work / "texts"
    shutil.rmtree(texts, ignore_errors=True)
    write_corpus(args.ntrex, args.langs.split(","), args.documents, texts)
    one, one_files = cold_build(texts, args.work, 1)
    print(f"1 worker:  {one:.1f} s, {len(one_files)} files", flush=True)
    many, many_files = cold_build(texts, args.work, args.workers)
    print(f"{args.workers} workers: {many:.1f} s, {len(many_files)} files", flush=True)
    same = one_files == many_files
    print(f"speed-up {one / many:.2f}x; outputs byte-identical: {same}")
    if not same:
        names = set(one_files) | set(many_files)
        differ = sorted(name for name in names if one_files.get(name) != many_files.get(name))
        print("differ:", ", ".join(differ[:10]))


if __name__ == "__main__":
    main()
