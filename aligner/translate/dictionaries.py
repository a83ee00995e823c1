"""Bilingual word lists for the gloss, read from what Debian and PyPI install (nothing is downloaded).

* Hindi → English: FreeDict eng-hin (Debian ``dict-freedict-eng-hin``, GPL-2+), an English → Hindi
  dictionary in dictd format, read and reversed: every Hindi rendering points back to its English
  headword, ranked by how early the Hindi appears in the entry.
* Thai → English: the Thai WordNet that PyThaiNLP ships (``wordnet_th.db``: Thai lemma → WordNet 3.0
  synset) joined with Princeton WordNet 3.0's data files (Debian ``wordnet-base``), plus PyThaiNLP's
  Thai–English loanword transliteration table.
* Both, for words those dictionaries lack: word lists induced from the sentence encoder
  (``data/induced_<lang>_en.tsv.gz``, made by ``training/induce_lexicon.py``: each word of a
  frequency list with its CSLS-nearest English word, where that CSLS is positive; CC BY-SA 4.0).

Each loader returns a `Lexicon` (lookup table plus the names of the resources it came from, for the
provenance record). Parsing takes about a second, so the compiled table is kept in the cache folder
keyed by the resource files' sizes and modification times.
"""

from __future__ import annotations

import gzip
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from ..cache import cached_table, code_fingerprint
from ..errors import MissingPackageError

log = logging.getLogger(__name__)

FREEDICT_ENG_HIN = Path(os.environ.get("ALIGNER_FREEDICT_DIR", "/usr/share/dictd")) / "freedict-eng-hin"
WORDNET_DIR = Path(os.environ.get("ALIGNER_WORDNET_DIR", "/usr/share/wordnet"))

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@dataclass(frozen=True)
class Lexicon:
    """Source word (or phrase, words joined by one space) → English, best first."""

    entries: dict[str, str]
    resources: tuple[str, ...]
    #: consulted only when `entries` has no answer: words induced from the encoder (less reliable)
    induced: dict[str, str] = field(default_factory=dict)
    #: English names by sound and CLDR's country and language names (`propernames.Names`), if loaded
    names: object | None = None

    def get(self, word: str) -> str | None:
        return self.entries.get(word)

    @property
    def longest_phrase(self) -> int:
        return max((key.count(" ") + 1 for key in self.entries), default=1)


INDUCED_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=4)
def induced_english(lang: str) -> dict[str, str]:
    """Source word → English from the shipped induced list (empty if there is none for `lang`)."""
    path = INDUCED_DIR / f"induced_{lang}_en.tsv.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    # Only what the language's own word list calls a word: a syllable that newmm cut from an
    # unknown name (นิน of เลนิน) is better romanised than "translated", even by a mutual match.
    words = _word_list(lang)
    return {fields[0]: fields[1] for fields in rows if words is None or fields[0] in words}


def _word_list(lang: str) -> frozenset[str] | None:
    if lang == "th":
        from ..lang.thai import thai_dictionary

        return thai_dictionary()
    return None


@lru_cache(maxsize=1)
def english_words(wordnet_dir: Path = WORDNET_DIR) -> frozenset[str]:
    """Every lemma of Princeton WordNet (names of famous people included), lower case."""
    words: set[str] = set()
    for part in ("noun", "verb", "adj", "adv"):
        path = wordnet_dir / f"index.{part}"
        if path.exists():
            with path.open(encoding="utf-8", errors="replace") as handle:
                words.update(line.split(" ", 1)[0] for line in handle if not line.startswith(" "))
    return frozenset(words)


def _wordnet_synsets(wordnet_dir: Path, *, missing_ok: bool = False):
    """(part, synset id, lemmas as WordNet prints them) for each synset of WordNet 3.0's ``data.*``
    files. The id is written as the Thai WordNet writes it: '00001740-n', adjective satellites ('s')
    filed under 'a'."""
    for part in ("noun", "verb", "adj", "adv"):
        path = wordnet_dir / f"data.{part}"
        if missing_ok and not path.exists():
            continue
        with open(path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):  # the licence header
                    continue
                offset, _, synset_type, count, rest = line.split(" ", 4)
                words = 2 * int(count, 16)  # each lemma is followed by its lex_id
                yield part, f"{offset}-{'a' if synset_type == 's' else synset_type}", rest.split(" ", words)[:words:2]


@lru_cache(maxsize=4)
def english_proper_nouns(cache_dir: Path | None = None, wordnet_dir: Path = WORDNET_DIR) -> dict[str, str]:
    """'obama' → 'Obama': WordNet nouns only ever written with a capital (names of people, places,
    days, peoples); a lemma also written in lower case (china, turkey) is left alone.

    Kept in memory once read: without a cache folder, compiling the table takes about 3 s, which the
    gloss would otherwise pay on every call (the llm asks for one gloss per batch of sentences)."""

    def compile_table() -> dict[str, str]:
        capitalised, lower = {}, set()
        for part, _, lemmas in _wordnet_synsets(wordnet_dir, missing_ok=True):
            for lemma in lemmas:
                lemma = regex.sub(r"\(.*\)$", "", lemma)
                if "_" in lemma or "-" in lemma:
                    continue
                # Acronyms (WHO, OR, Be) are not how a lower-case word is written as a name.
                if part == "noun" and lemma[:1].isupper() and lemma[1:].islower():
                    capitalised.setdefault(lemma.lower(), lemma)
                elif not lemma[:1].isupper():
                    lower.add(lemma.lower())
        return {key: value for key, value in sorted(capitalised.items()) if key not in lower}

    inputs = [wordnet_dir / f"data.{part}" for part in ("noun", "verb", "adj", "adv")]
    return _cached(cache_dir, "en-proper-nouns", inputs, compile_table)


INDUCED_RESOURCE = "aligner induced lexicon 2 (multilingual-e5-small, CSLS nearest; wordfreq, TNC)"


def _dictd_number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def _cached(cache_dir: Path | None, name: str, inputs: list[Path], compile_table) -> dict[str, str]:
    # The code that compiles the table is part of what it depends on.
    stamp = [code_fingerprint((__name__,))]
    stamp += [f"{p}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in inputs if p.exists()]
    return cached_table(cache_dir, name, stamp, compile_table)


_SENSE = regex.compile(r"^\s*(\d+)\.\s*(.+)$")
_HEADWORD = regex.compile(r"^([^/<]+?)\s*(?:/[^/]*/)?\s*(?:<([^>]*)>)?\s*$")


def english_frequencies(wordnet_dir: Path = WORDNET_DIR) -> dict[str, int]:
    """English lemma → how often SemCor tagged it (WordNet's ``cntlist.rev``): a frequency proxy."""
    counts: dict[str, int] = {}
    path = wordnet_dir / "cntlist.rev"
    if not path.exists():
        return counts
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) == 3:
            lemma = fields[0].split("%")[0].replace("_", " ")
            counts[lemma] = counts.get(lemma, 0) + int(fields[2])
    return counts


def _reverse_freedict(index: Path, data: Path) -> dict[str, str]:
    blob = gzip.open(data).read()
    frequency = english_frequencies()
    ranked: dict[str, tuple[tuple, str]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        start, length = _dictd_number(parts[1]), _dictd_number(parts[2])
        entry = blob[start : start + length].decode("utf-8", "replace").splitlines()
        if not entry:
            continue
        head = _HEADWORD.match(entry[0])
        english = (head.group(1) if head else parts[0]).strip()
        pos = (head.group(2) or "") if head else ""
        for line_text in entry[1:]:
            sense = _SENSE.match(line_text)
            if not sense or '"' in sense.group(2)[:1]:
                continue
            for position, hindi in enumerate(regex.split(r"[,;]", sense.group(2))):
                hindi = " ".join(hindi.split())
                if not hindi or not regex.search(r"\p{Devanagari}", hindi):
                    continue
                # Prefer an English word whose first sense names this Hindi early; among those the
                # commoner English word ('party' over 'gang' for दल), plain words over phrases.
                rank = (
                    int(sense.group(1)) > 1,
                    position > 1,
                    english.count(" "),
                    -frequency.get(english.lower(), 0),
                    pos.startswith("Abbr"),
                    len(english),
                    english,
                )
                if hindi not in ranked or rank < ranked[hindi][0]:
                    ranked[hindi] = (rank, english)
    return {hindi: english for hindi, (_, english) in sorted(ranked.items())}


def hindi_english(cache_dir: Path | None = None) -> Lexicon:
    index, data = FREEDICT_ENG_HIN.with_suffix(".index"), FREEDICT_ENG_HIN.with_suffix(".dict.dz")
    if not index.exists() or not data.exists():
        raise MissingPackageError(f"the Hindi–English dictionary ({index})", "apt-get install dict-freedict-eng-hin")
    entries = _cached(
        cache_dir, "hi-en-freedict", [index, data, WORDNET_DIR / "cntlist.rev"], lambda: _reverse_freedict(index, data)
    )
    return Lexicon(entries, ("FreeDict eng-hin 1.6 (reversed)", INDUCED_RESOURCE), induced_english("hi"))


def _pythainlp_corpus() -> Path:
    try:
        import pythainlp
    except ImportError:
        raise MissingPackageError("PyThaiNLP", "pip install pythainlp==5.4.0") from None
    return Path(pythainlp.__file__).parent / "corpus"


def _wordnet_lemmas(wordnet_dir: Path) -> tuple[dict[str, str], dict[str, int]]:
    """synset id ('00001740-n') → its first lemma; English lemma → its most frequent sense's rank."""
    first_lemma = {synset: lemmas[0] for _, synset, lemmas in _wordnet_synsets(wordnet_dir)}
    sense_rank: dict[str, int] = {}
    for suffix in ("noun", "verb", "adj", "adv"):
        with open(wordnet_dir / f"index.{suffix}", encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, synset_count = fields[0], int(fields[2])
                for rank, offset in enumerate(fields[-synset_count:]):
                    key = f"{offset}-{suffix[0] if suffix != 'adj' else 'a'}:{lemma}"
                    sense_rank[key] = rank
    return first_lemma, sense_rank


def thai_wordnet_senses(corpus: Path, wordnet_dir: Path = WORDNET_DIR) -> dict[str, list[str]]:
    """Thai word → every English lemma of every synset the Thai WordNet gives it (training uses this
    to choose among them, see `sense_choices`)."""
    lemmas = {
        synset: [regex.sub(r"\(.*\)$", "", lemma).replace("_", " ") for lemma in found]
        for _, synset, found in _wordnet_synsets(wordnet_dir)
    }
    senses: dict[str, list[str]] = {}
    with sqlite3.connect(f"file:{corpus / 'wordnet_th.db'}?mode=ro", uri=True) as db:
        for synset, thai in db.execute("SELECT synsetid, li FROM word_synset ORDER BY synsetid, li"):
            for english in lemmas.get(synset, []):
                if english not in senses.setdefault(thai, []):
                    senses[thai].append(english)
    return senses


@lru_cache(maxsize=4)
def sense_choices(lang: str) -> dict[str, str]:
    """Source word → the English lemma, among its dictionary senses, that the encoder puts nearest
    (shipped as ``senses_<lang>_en.tsv.gz``, made by training/induce_lexicon.py)."""
    path = INDUCED_DIR / f"senses_{lang}_en.tsv.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t")[:2] for line in handle)


def _compile_thai(corpus: Path, wordnet_dir: Path) -> dict[str, str]:
    first_lemma, sense_rank = _wordnet_lemmas(wordnet_dir)
    frequency = english_frequencies(wordnet_dir)
    best: dict[str, tuple[tuple, str]] = {}
    with sqlite3.connect(f"file:{corpus / 'wordnet_th.db'}?mode=ro", uri=True) as db:
        for synset, thai in db.execute("SELECT synsetid, li FROM word_synset ORDER BY synsetid, li"):
            lemma = first_lemma.get(synset)
            if lemma is None:
                continue
            rank = sense_rank.get(f"{synset}:{lemma.lower()}", 50)
            english = regex.sub(r"\(\w+\)$", "", lemma).replace("_", " ")  # drop WordNet's (a), (p) markers
            key = (rank > 2, lemma.count("_"), -frequency.get(english.lower(), 0), rank, len(lemma), lemma)
            if thai not in best or key < best[thai][0]:
                best[thai] = (key, english)
    entries = {thai: english for thai, (_, english) in best.items()}
    # A word with several senses: the one the encoder puts nearest the Thai word (เงิน: money, not silver).
    entries.update((thai, english) for thai, english in sense_choices("th").items() if thai in entries)
    # Loanwords and names: the transliteration table knows 'คอมมิวนิสต์' is 'communist'.
    with open(corpus / "th_en_transliteration_v1.4.tsv", encoding="utf-8") as table:
        next(table, None)
        for line in table:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[0] and fields[1]:
                entries.setdefault(fields[0], fields[1])
    return dict(sorted(entries.items()))


def thai_english(cache_dir: Path | None = None) -> Lexicon:
    corpus = _pythainlp_corpus()
    if not (WORDNET_DIR / "data.noun").exists():
        raise MissingPackageError(f"Princeton WordNet 3.0 ({WORDNET_DIR})", "apt-get install wordnet-base")
    inputs = [
        corpus / "wordnet_th.db",
        WORDNET_DIR / "cntlist.rev",
        corpus / "th_en_transliteration_v1.4.tsv",
        INDUCED_DIR / "senses_th_en.tsv.gz",
        *(WORDNET_DIR / f"data.{s}" for s in ("noun", "verb", "adj", "adv")),
    ]
    entries = _cached(cache_dir, "th-en-wordnet", inputs, lambda: _compile_thai(corpus, WORDNET_DIR))
    return Lexicon(
        entries,
        (
            "Thai WordNet (PyThaiNLP 5.4.0) + Princeton WordNet 3.0",
            "PyThaiNLP th_en_transliteration 1.4",
            INDUCED_RESOURCE,
        ),
        induced_english("th"),
    )
