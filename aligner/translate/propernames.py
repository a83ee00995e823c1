"""English names for names written in Thai or Devanagari script, found by how they sound.

A gloss that reads รุสเซีย as 'Rasmussen' or บอลเชวิค as 'ball ⟨Chewik⟩' loses the reader; the name a
reader knows is 'Russia', 'Bolshevik'. Two ways to it, both from lists that install with the
packages aligner already needs:

* **exonyms**: the names CLDR gives countries and languages in Thai and Hindi (``language_data``,
  which ``langcodes`` reads; รัสเซีย → Russia, रूस → Russia, रूसी → Russian) and PyThaiNLP's table of
  Thailand's provinces (เชียงใหม่ → Chiang Mai): an exact lookup;
* **by sound**: the source word and every English name are written in one coarse phonetic alphabet
  (`phonetic_thai`, `phonetic_hindi`, `phonetic_english`: consonant classes in capitals — ``P`` p/b,
  ``T`` t/d/th, ``K`` k/g/c/q/kh, ``S`` s/z, ``C`` ch/sh/j, ``F`` f/v/w/ph, ``L R M N Y`` — and the
  vowels a e i o u), and the name nearest by a weighted edit distance wins, when it is near enough
  (`NameMatcher`). Thai is read letter by letter, as Thai spells a foreign name (ส at the end of a
  syllable is an s, not the t a Thai reading gives it), so ไอเซนสไตน์ and Eisenstein are both
  ``aiSeNSTaiN``; Hindi goes through `romanise_hindi` first.

The English names (`compile_english_names`): the nouns Princeton WordNet only ever writes with a
capital (names of people, places, peoples, movements: Stalin, Petrograd, Bolshevik; not genera such
as Culex), CLDR's English names of countries and languages, and, for Thai, the capitalised
Latin-script words of the Thai National Corpus frequency list PyThaiNLP ships (CC0), which hold the
names Thai texts write in English too (Kronstadt, Comintern). Common English words and their forms
are not names.

How near is near enough (`allowed_distance`) grows with the number of consonants; a short word
(fewer than five sounds) is never matched, an obscure name (in one list, at most once in Thai text)
must sound almost the same, and so must a word put together from several dictionary pieces or a
Hindi word no list knows (`Names.by_sound`): a wrong name misleads a reader more than a marked
romanisation.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import regex

from .romanise import romanise_hindi

#: the lists this module reads, for the provenance of a gloss line
NAME_RESOURCES = ("English names: WordNet 3.0 proper nouns, CLDR (language_data), TNC word list (PyThaiNLP)",)

# --- one phonetic alphabet ------------------------------------------------------------------------

VOWELS = frozenset("aeiou")

_THAI_CONSONANTS = {
    "ก": "K",
    "ข": "K",
    "ฃ": "K",
    "ค": "K",
    "ฅ": "K",
    "ฆ": "K",
    "ง": "NK",
    "จ": "C",
    "ฉ": "C",
    "ช": "C",
    "ซ": "S",
    "ฌ": "C",
    "ญ": "Y",
    "ฎ": "T",
    "ฏ": "T",
    "ฐ": "T",
    "ฑ": "T",
    "ฒ": "T",
    "ณ": "N",
    "ด": "T",
    "ต": "T",
    "ถ": "T",
    "ท": "T",
    "ธ": "T",
    "น": "N",
    "บ": "P",
    "ป": "P",
    "ผ": "P",
    "ฝ": "F",
    "พ": "P",
    "ฟ": "F",
    "ภ": "P",
    "ม": "M",
    "ย": "Y",
    "ร": "R",
    "ล": "L",
    "ว": "F",
    "ศ": "S",
    "ษ": "S",
    "ส": "S",
    "ห": "",
    "ฬ": "L",
    "อ": "",
    "ฮ": "",
}
_THAI_PRE_VOWELS = {"เ": "e", "แ": "a", "โ": "o", "ใ": "ai", "ไ": "ai"}
_THAI_VOWEL_SIGNS = {
    "ะ": "a",
    "ั": "a",
    "า": "a",
    "ๅ": "a",
    "ิ": "i",
    "ี": "i",
    "ึ": "u",
    "ื": "u",
    "ุ": "u",
    "ู": "u",
    "ำ": "aM",
}
_THAI_SILENT = frozenset("่้๊๋็์ํฺๆ")  # tone marks, shortener, silencer (the letter stays: English spells it)
_THAI_CLUSTER_SECOND = frozenset("รลว")


def _thai_consonant(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e2e"


#: Thai consonants as the letters a foreign name spelt with them had (ท is the t of Trotsky, ว a w)
_THAI_LOAN_LETTERS = {
    "ก": "g",
    "ข": "k",
    "ฃ": "k",
    "ค": "k",
    "ฅ": "k",
    "ฆ": "k",
    "ง": "ng",
    "จ": "j",
    "ฉ": "ch",
    "ช": "ch",
    "ซ": "s",
    "ฌ": "ch",
    "ญ": "y",
    "ฎ": "d",
    "ฏ": "t",
    "ฐ": "t",
    "ฑ": "t",
    "ฒ": "t",
    "ณ": "n",
    "ด": "d",
    "ต": "t",
    "ถ": "t",
    "ท": "t",
    "ธ": "t",
    "น": "n",
    "บ": "b",
    "ป": "p",
    "ผ": "p",
    "ฝ": "f",
    "พ": "p",
    "ฟ": "f",
    "ภ": "p",
    "ม": "m",
    "ย": "y",
    "ร": "r",
    "ล": "l",
    "ว": "w",
    "ศ": "s",
    "ษ": "s",
    "ส": "s",
    "ห": "h",
    "ฬ": "l",
    "อ": "",
    "ฮ": "h",
}


@lru_cache(maxsize=65536)
def phonetic_thai(word: str) -> str:
    """A Thai word read letter by letter as Thai spells a foreign name: บอลเชวิค → 'PoLCeFiK'."""
    return _tidy(_read_thai(word, _THAI_CONSONANTS))


@lru_cache(maxsize=65536)
def romanise_thai_loan(word: str) -> str:
    """A Thai spelling of a foreign word read back letter by letter: ครอนสตัดท์ → 'kronstadt',
    ซีโนเวียฟ → 'sinowiaf' (the Royal Institute's system, which reads them as Thai, gives
    'khronsatat', 'sinowiap'). For a name no list has: it keeps the letters the original had."""
    reading = _read_thai(regex.sub(r"ห(?=[งญนมยรลว])", "", word), _THAI_LOAN_LETTERS).lower()
    reading = reading.replace("sg", "sk")  # ก after ส is the k of -ski, -sk
    return regex.sub(r"([^aeiou])\1+", r"\1", reading)


def _read_thai(word: str, consonants: dict[str, str]) -> str:
    out: list[str] = []
    bare = False  # the last letter written was a consonant with no vowel yet
    i, n = 0, len(word)
    while i < n:
        char = word[i]
        if char in _THAI_PRE_VOWELS and i + 1 < n and _thai_consonant(word[i + 1]):
            # เ แ โ ใ ไ are written before the consonant(s) they follow in speech.
            j = i + 1
            initial = consonants[word[j]]
            j += 1
            if (
                j + 1 < n
                and word[j] in _THAI_CLUSTER_SECOND
                and (word[j + 1] not in _THAI_VOWEL_SIGNS or (char == "เ" and word[j + 1 : j + 3] in ("ีย", "ือ")))
            ):
                initial += consonants[word[j]]
                j += 1
            vowel = _THAI_PRE_VOWELS[char]
            rest = word[j : j + 2]
            if char == "เ":
                if rest.startswith("ีย"):
                    vowel, j = "ia", j + 2
                elif rest.startswith("ือ"):
                    vowel, j = "ua", j + 2
                elif rest[:1] in ("ิ", "ื", "อ"):
                    vowel, j = "e", j + 1
                elif rest[:1] == "า":
                    vowel, j = "ao", j + 1
            elif char == "โ" and rest[:1] == "ะ":
                j += 1
            while j < n and word[j] in _THAI_SILENT:
                j += 1
            out.append(initial + vowel)
            bare = False
            i = j
            continue
        if char == "อ":
            # a vowel after a bare consonant (บอล: bol), a silent carrier elsewhere (ไอ, ออ…)
            if bare and not (i + 1 < n and word[i + 1] in _THAI_VOWEL_SIGNS):
                out.append("o")
                bare = False
            else:
                bare = True
        elif char == "ั" and i + 1 < n and word[i + 1] == "ว":
            out.append("ua")
            bare = False
            i += 1
        elif char in _THAI_VOWEL_SIGNS:
            vowel = _THAI_VOWEL_SIGNS[char]
            if char == "ื" and i + 1 < n and word[i + 1] == "อ":
                i += 1
            out.append(vowel)
            bare = False
        elif char == "ย" and out and out[-1][-1:] in VOWELS and not (i + 1 < n and word[i + 1] in _THAI_VOWEL_SIGNS):
            out.append("i")
        elif char == "ฤ":
            out.append("Ri")
            bare = False
        elif char == "ฦ":
            out.append("Lu")
            bare = False
        elif char == "ว" and not bare and out and (i + 1 == n or _thai_consonant(word[i + 1])):
            out.append("u")  # after a vowel and before a consonant, a vowel (มิวนิก: Munich)
        elif _thai_consonant(char):
            out.append(consonants[char])
            bare = True
        elif char in _THAI_PRE_VOWELS:
            out.append(_THAI_PRE_VOWELS[char])
        i += 1
    return "".join(out)


# English spelling → the same alphabet; longest rule first.
_ENGLISH_RULES = [
    ("sch", "C"),
    ("tch", "C"),
    ("chr", "KR"),
    ("ch", "C"),
    ("sh", "C"),
    ("zh", "C"),
    ("ph", "F"),
    ("th", "T"),
    ("kh", "K"),
    ("gh", "K"),
    ("ck", "K"),
    ("qu", "KF"),
    ("x", "KS"),
    ("j", "C"),
    ("g", "K"),
    ("k", "K"),
    ("q", "K"),
    ("d", "T"),
    ("t", "T"),
    ("b", "P"),
    ("p", "P"),
    ("f", "F"),
    ("v", "F"),
    ("s", "S"),
    ("z", "S"),
    ("l", "L"),
    ("r", "R"),
    ("m", "M"),
    ("n", "N"),
    ("h", ""),
]
_ENGLISH_VOWEL_RULES = [("oo", "u"), ("ee", "i"), ("ou", "u"), ("au", "o"), ("ei", "ai")]


@lru_cache(maxsize=65536)
def phonetic_english(word: str, silent_e: bool = True) -> str:
    """A word in Latin letters in the same alphabet: Bolshevik → 'PoLCeFiK', Moscow → 'MoSKo'."""
    word = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if "a" <= c <= "z")
    if silent_e and len(word) > 3 and word.endswith("e") and word[-2] not in VOWELS:
        word = word[:-1]  # silent (Shakespeare, Rome)
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        char = word[i]
        following = word[i + 1] if i + 1 < n else ""
        if char in VOWELS:
            pair = word[i : i + 2]
            for spelling, sound in _ENGLISH_VOWEL_RULES:
                if pair == spelling:
                    out.append(sound)
                    i += 2
                    break
            else:
                out.append(char)
                i += 1
            continue
        if char == "w":
            # a consonant before a vowel (Warsaw's first w); after one, part of it (Moscow → Mosko)
            if following in VOWELS or following == "y":
                out.append("F")
            i += 1
            continue
        if char == "y":
            out.append("Y" if following in VOWELS and not (out and out[-1][-1:] in VOWELS) else "i")
            i += 1
            continue
        for spelling, sound in _ENGLISH_RULES:
            if word.startswith(spelling, i):
                out.append(sound)
                i += len(spelling)
                break
        else:
            if char == "c":  # soft before e, i, y (Cicero), hard elsewhere
                out.append("S" if following in ("e", "i", "y") else "K")
            i += 1
    return _tidy("".join(out))


@lru_cache(maxsize=65536)
def phonetic_hindi(word: str) -> str:
    """A Hindi word in the same alphabet, through its romanisation: बोल्शेविक → 'PoLCeFiK'."""
    return phonetic_english(romanise_hindi(word), silent_e=False)  # वालने's e is said


def _tidy(code: str) -> str:
    """One consonant where two of a class stand together (Russia's ss, Kronstadt's dt); a vowel
    written twice (aa) once."""
    return regex.sub(r"(.)\1+", r"\1", code)


def skeleton(code: str) -> str:
    """The consonants alone: 'PoLCeFiK' → 'PLCFK'."""
    return regex.sub(r"(.)\1+", r"\1", "".join(c for c in code if c not in VOWELS))


# --- distance ------------------------------------------------------------------------------------

# Consonant classes that spellings of one name swap: l/r (Thai ล/ร), s/sh, k/ch (German ch), n/m, p/f
# (พ is p, ph is f in English), t/s (ts), y/j (German j).
_NEAR = {frozenset(pair) for pair in ("LR", "SC", "KC", "NM", "PF", "TS", "YC", "FP")}
_VOWEL_SUB, _VOWEL_INDEL, _NEAR_SUB, _CONSONANT = 0.25, 0.35, 0.5, 1.0


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    a_vowel, b_vowel = a in VOWELS, b in VOWELS
    if a_vowel and b_vowel:
        return _VOWEL_SUB
    if a_vowel or b_vowel:
        return _CONSONANT + _VOWEL_INDEL
    return _NEAR_SUB if frozenset((a, b)) in _NEAR else _CONSONANT


def _indel(char: str) -> float:
    if char == "Y":  # a glide: म्यूनिख is Munich
        return _NEAR_SUB
    return _VOWEL_INDEL if char in VOWELS else _CONSONANT


_ALPHABET = "PFTKSCLRMNYaeiou"
_SUB = {(a, b): _substitution(a, b) for a in _ALPHABET for b in _ALPHABET}
_DEL = {char: _indel(char) for char in _ALPHABET}


def distance(a: str, b: str, limit: float = float("inf")) -> float:
    """Weighted edit distance between two phonetic codes: a vowel changed or dropped costs little,
    a consonant of a near class half, any other consonant one. Past `limit` it stops and answers
    something larger than `limit`."""
    sub, indel = _SUB, _DEL
    previous = [0.0]
    for char in b:
        previous.append(previous[-1] + indel[char])
    for char_a in a:
        cost_a = indel[char_a]
        current = [previous[0] + cost_a]
        for k, char_b in enumerate(b, start=1):
            current.append(
                min(previous[k] + cost_a, current[k - 1] + indel[char_b], previous[k - 1] + sub[char_a, char_b])
            )
        if min(current) > limit:
            return min(current)
        previous = current
    return previous[-1]


def allowed_distance(code: str) -> float:
    """How far a name may sound from the source word and still be taken for it. Short words get no
    latitude (a two-consonant word matches only a name spelt with the same sounds), long ones about
    one consonant in five (or a few vowels)."""
    consonants = len(skeleton(code))
    if len(code) < 5 or consonants < 2:
        return -1.0  # too short to tell a name from a word by sound
    if consonants == 2:
        return 0.3
    if consonants == 3:
        return 0.6
    return min(1.4, 0.2 * consonants)


# --- the matcher ---------------------------------------------------------------------------------

#: how near a name must sound when it is obscure: in one list only and no more than once in Thai text
OBSCURE = 0.25


def _deletions(key: str) -> set[str]:
    return {key[:k] + key[k + 1 :] for k in range(len(key))}


class NameMatcher:
    """English names indexed by the consonants they sound with; `match` finds the nearest."""

    def __init__(self, names: dict[str, list], *, listed_only: bool = False):
        #: name → [prominence, phonetic code, whether WordNet or CLDR lists it]; prominence is how often
        #: a Thai text writes the name in Latin letters, + 1 for a name WordNet or CLDR knows.
        #: `listed_only` leaves out the names only the Thai corpus has (many are Thai names romanised).
        names = {name: row for name, row in names.items() if row[2] or not listed_only}
        self.names = {name: row[0] for name, row in names.items()}
        self._codes = {name: row[1] for name, row in names.items()}
        self._consonants: dict[str, int] = {}
        self._index: dict[str, list[str]] = defaultdict(list)
        for name, code in self._codes.items():
            key = skeleton(code)
            if len(key) < 2:
                continue
            self._consonants[name] = len(key)
            self._index[key].append(name)
            if len(key) >= 4:
                for shorter in _deletions(key):
                    self._index[shorter].append(name)

    def match(self, code: str, limit: float | None = None) -> tuple[str, float] | None:
        """The English name nearest `code` (a phonetic code) and its distance, if near enough: within
        `allowed_distance` or `limit`, whichever is smaller."""
        allowed = allowed_distance(code)
        if allowed < 0:
            return None
        limit = allowed if limit is None else min(limit, allowed)
        key = skeleton(code)
        keys = {key} | (_deletions(key) if len(key) >= 4 and limit >= _NEAR_SUB else set())
        # a consonant more or fewer costs at least a glide's half
        same_length = limit < _NEAR_SUB or not any(c == "Y" for c in key) and limit < _CONSONANT
        best: tuple | None = None
        seen: set[str] = set()
        for candidate_key in keys:
            for name in self._index.get(candidate_key, ()):
                if name in seen:
                    continue
                seen.add(name)
                if same_length and self._consonants[name] != len(key):
                    continue
                name_code = self._codes[name]
                bound = best[0] if best else limit  # nothing further than the best so far is wanted
                if abs(len(name_code) - len(code)) * _VOWEL_INDEL > bound:
                    continue
                if self.names[name] <= 1:  # a name seen in one list only, never in Thai text: sound alike
                    bound = min(bound, OBSCURE)
                cost = distance(code, name_code, bound)
                if cost > bound:
                    continue
                rank = (cost, -self.names[name], len(name), name)
                if best is None or rank < best:
                    best = rank
        return (best[3], best[0]) if best else None


# --- the name lists ------------------------------------------------------------------------------

_LATIN_NAME = regex.compile(r"[A-Z][a-z]+")


def _corpus_names() -> dict[str, int]:
    """Capitalised Latin-script words of the Thai National Corpus frequency list, with their counts."""
    from .dictionaries import _pythainlp_corpus

    counts: dict[str, int] = {}
    path = _pythainlp_corpus() / "tnc_freq.txt"
    if not path.exists():
        return counts
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word, _, count = line.rstrip("\n").partition("\t")
            if _LATIN_NAME.fullmatch(word) and len(word) >= 3 and count.isdigit():
                counts[word] = counts.get(word, 0) + int(count)
    return counts


def _english_name_of(kind: str, code: str) -> str | None:
    """CLDR's English name of a territory or language code; None for a code langcodes cannot read."""
    from langcodes import Language, LanguageTagError

    try:
        tag = Language.get(code if kind == "language" else f"und-{code}", normalize=False)
        name = tag.territory_name("en") if kind == "territory" else tag.language_name("en")
    except (LanguageTagError, ValueError, KeyError):
        return None
    return None if not name or name.startswith("Unknown") else name


def _cldr_english_names() -> list[str]:
    """CLDR's English names of countries and languages, one word each (Russia, Russian, Kyrgyzstan)."""
    from language_data.names import load_trie
    from language_data.util import data_filename

    names = []
    for kind in ("territory", "language"):
        trie = load_trie(data_filename(f"trie/en/name_to_{kind}.marisa"))
        for code in sorted({value.decode() for _, value in trie.items()}):
            name = _english_name_of(kind, code)
            if name and _LATIN_NAME.fullmatch(name):
                names.append(name)
    return names


_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("est", ""),
)


def _english_form(word: str, common: frozenset[str]) -> bool:
    """A common English word or a regular form of one (Creating, Nested, Aides): no name."""
    if word in common:
        return True
    return any(
        word.endswith(ending) and word[: -len(ending)] + stem in common
        for ending, stem in _ENDINGS
        if len(word) > len(ending) + 2
    )


def compile_english_names(wordnet_dir: Path | None = None) -> dict[str, list]:
    """Every English name the matcher may answer with → [prominence, phonetic code]."""
    from .dictionaries import WORDNET_DIR, english_proper_nouns, english_words

    wordnet_dir = wordnet_dir or WORDNET_DIR
    proper = english_proper_nouns(None, wordnet_dir)
    common = english_words(wordnet_dir)
    taxa = _taxonomic_names(wordnet_dir)
    names: dict[str, int] = {}
    listed: set[str] = set()  # names WordNet or CLDR knows, not only a Thai corpus
    for name in proper.values():
        names[name] = 1
    for name in _cldr_english_names():
        names[name] = 1
    listed.update(names)
    for word, count in _corpus_names().items():
        lower = word.lower()
        if lower in proper:
            names[proper[lower]] = names.get(proper[lower], 1) + count
        elif not _english_form(lower, common):
            names[word] = names.get(word, 0) + count
    return {
        name: [prominence, phonetic_english(name), name in listed]
        for name, prominence in sorted(names.items())
        if name not in taxa
    }


_TAXON = regex.compile(r"(?:sub|super)?(?:genus|family|order|class|phylum|division|tribe)_")


def _taxonomic_names(wordnet_dir: Path) -> frozenset[str]:
    """WordNet's names of genera, families and orders (Culex, Pinus): written with a capital, but no
    name a Thai or Hindi text spells out (กูลักส์ is the kulaks, not the mosquitoes)."""
    from .dictionaries import _wordnet_synsets

    taxa: set[str] = set()
    for part, _, lemmas in _wordnet_synsets(wordnet_dir, missing_ok=True):
        if part == "noun" and any(_TAXON.match(lemma) for lemma in lemmas):
            taxa.update(lemma for lemma in lemmas if "_" not in lemma)
    return frozenset(taxa)


@lru_cache(maxsize=8)
def name_matcher(cache_dir: Path | None = None, lang: str = "th") -> NameMatcher:
    """The matcher for names in `lang`: a Hindi text's names are not matched against the Thai corpus's."""
    from ..cache import cached_table, code_fingerprint
    from .dictionaries import WORDNET_DIR, _pythainlp_corpus

    inputs = [WORDNET_DIR / f"data.{part}" for part in ("noun", "verb", "adj", "adv")]
    inputs.append(_pythainlp_corpus() / "tnc_freq.txt")
    # The code that reads the lists and writes the phonetic codes is part of what the table depends on.
    stamp = [code_fingerprint((__name__,), ("langcodes", "language-data"))]
    stamp += [f"{p}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in inputs if p.exists()]
    table = cached_table(cache_dir, "en-names", stamp, compile_english_names)
    return NameMatcher(table, listed_only=lang != "th")


#: A language this many people speak is what its adjective means in running text (रूसी: Russian, not
#: FreeDict's 'dandruff'); the names of smaller languages (Sena, Ga) are more often other words.
MAJOR_LANGUAGE = 50_000_000


@lru_cache(maxsize=4)
def exonyms(lang: str) -> dict[str, tuple[str, bool]]:
    """Source-script names of countries and languages (CLDR) and of Thailand's provinces → (English,
    whether it wins over a dictionary's common word: the name of a major language)."""
    from langcodes import Language
    from language_data.names import load_trie
    from language_data.util import data_filename

    table: dict[str, tuple[str, bool]] = {}
    for kind in ("language", "territory"):  # a country's name wins over its language's (Thai: รัสเซีย)
        path = Path(data_filename(f"trie/{lang}/name_to_{kind}.marisa"))
        if not path.exists():
            continue
        for name, value in sorted(load_trie(str(path)).items()):
            if " " in name or not regex.search(r"[\p{Thai}\p{Devanagari}]", name):
                continue
            code = value.decode()
            english = _english_name_of(kind, code)
            if not english:
                continue
            if kind == "language":
                try:
                    speakers = Language.get(code).speaking_population()
                except (ValueError, KeyError):
                    speakers = 0
                if speakers < 1_000_000:
                    continue
                table[name] = (english, speakers >= MAJOR_LANGUAGE)
            else:
                table[name] = (english, False)
    if lang == "th":
        from .dictionaries import _pythainlp_corpus

        path = _pythainlp_corpus() / "thailand_provinces_th.csv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                fields = line.split(",")
                if len(fields) >= 3 and fields[0] and fields[2]:
                    table.setdefault(fields[0], (fields[2], False))
    return table


class Names:
    """What the gloss asks about names in one language: is this word a country or language CLDR
    names (`exonym`), does it sound like an English name (`by_sound`)? Loaded on first use."""

    def __init__(self, lang: str, cache_dir: Path | None = None):
        self.lang, self.cache_dir = lang, cache_dir
        self._phonetic = phonetic_thai if lang == "th" else phonetic_hindi
        self._sounds: dict[tuple[str, bool, bool], tuple[str, float] | None] = {}

    @property
    def matcher(self) -> NameMatcher:
        return name_matcher(self.cache_dir, self.lang)

    def load(self) -> Names:
        """Read every list now (the gloss does it with its dictionaries, outside any timing)."""
        name_matcher(self.cache_dir, self.lang)
        exonyms(self.lang)
        _ = self.proper_nouns
        return self

    @property
    def proper_nouns(self) -> dict[str, str]:
        from .dictionaries import english_proper_nouns

        return english_proper_nouns(self.cache_dir)

    def is_name(self, english: str) -> bool:
        """An English word or phrase that is a name: written with a capital, or a WordNet name."""
        return english[:1].isupper() or english.lower() in self.proper_nouns

    def exonym(self, word: str, dictionary: str | None) -> str | None:
        """CLDR's English name for `word` where it should stand: the dictionary has nothing, or only
        another name for it (รัสเซีย: 'Soviet Union' → Russia), or a common word where the name of a
        major language is meant (रूसी: 'dandruff' → Russian)."""
        found = exonyms(self.lang).get(word)
        if found is None:
            return None
        english, major_language = found
        if dictionary is None:
            return english
        if dictionary[:1].isupper():
            return english if word not in _language_names(self.lang) else None
        return english if major_language else None

    def by_sound(self, word: str, induced: str | None = None, *, strict: bool = False, pieces: int = 1) -> str | None:
        """The English name `word` sounds like, if one is near enough (`strict`: nearly the same
        sounds). Where the encoder-induced list has a word, only a name stands in for it: a common
        word it gives is kept (पार्टी is 'party', not Bardi), and so is a name that sounds like it.
        A word put together from `pieces` a segmenter found (some of them dictionary words) must sound
        nearer, within half the usual distance."""
        if induced is not None and not self.is_name(induced):
            return None
        key = (word, strict, pieces > 1)
        if key not in self._sounds:
            code = self._phonetic(word)
            limit = STRICT if strict else allowed_distance(code) / 2 if pieces > 1 else None
            self._sounds[key] = self.matcher.match(code, limit)
        found = self._sounds[key]
        if induced is not None and self.sounds_like(word, induced):
            # the encoder's name sounds like the word: it stands unless a name sounds nearer still
            # or as near and is better known (मार्क्स: Marx, not Marks)
            nearer = found and found[1] <= distance(self._phonetic(word), phonetic_english(induced))
            return found[0] if nearer else induced
        return found[0] if found else None

    def sounds_like(self, word: str, english: str) -> bool:
        """Whether `word` sounds like `english` (or its singular) within twice what `NameMatcher`
        allows (सोवियत: Soviets)."""
        code, limit = self._phonetic(word), allowed_distance(self._phonetic(word))
        if limit < 0:
            return False
        target = phonetic_english(english)
        return min(distance(code, target), distance(code, target.removesuffix("S"))) <= 2 * limit


#: how near a name must sound to be taken for a word no list knows in a language without a word list
#: to tell names from inflected words by (Hindi: सबको is no name)
STRICT = 0.35


@lru_cache(maxsize=4)
def _language_names(lang: str) -> frozenset[str]:
    from language_data.names import load_trie
    from language_data.util import data_filename

    path = Path(data_filename(f"trie/{lang}/name_to_language.marisa"))
    territories = Path(data_filename(f"trie/{lang}/name_to_territory.marisa"))
    if not path.exists():
        return frozenset()
    countries = set(load_trie(str(territories)).keys()) if territories.exists() else set()
    return frozenset(name for name in load_trie(str(path)).keys() if name not in countries)
