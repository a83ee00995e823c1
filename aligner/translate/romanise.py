"""Readable romanisation of names and unknown words: Hindi (with schwa deletion) and Thai (RTGS).

Hindi: a plain-ASCII, English-reader spelling (``श`` → ``sh``, ``च`` → ``ch``, long vowels not marked)
rather than IAST, because the reader of a gloss wants ``Stalin`` not ``sṭālina``. The inherent vowel
is dropped at the end of a word and in the middle where Hindi drops it (VC_CV: ``कमला`` → ``kamla``).
Thai: PyThaiNLP's ``royin`` romaniser (the Royal Institute's system, rule-based, offline).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from ..lang.digits import DEVANAGARI_DIGITS

_CONSONANTS = {
    "क": "k",
    "ख": "kh",
    "ग": "g",
    "घ": "gh",
    "ङ": "n",
    "च": "ch",
    "छ": "chh",
    "ज": "j",
    "झ": "jh",
    "ञ": "n",
    "ट": "t",
    "ठ": "th",
    "ड": "d",
    "ढ": "dh",
    "ण": "n",
    "त": "t",
    "थ": "th",
    "द": "d",
    "ध": "dh",
    "न": "n",
    "प": "p",
    "फ": "ph",
    "ब": "b",
    "भ": "bh",
    "म": "m",
    "य": "y",
    "र": "r",
    "ल": "l",
    "व": "v",
    "श": "sh",
    "ष": "sh",
    "स": "s",
    "ह": "h",
    "ळ": "l",
    "क़": "q",
    "ख़": "kh",
    "ग़": "gh",
    "ज़": "z",
    "ड़": "r",
    "ढ़": "rh",
    "फ़": "f",
    "य़": "y",
}
_NUKTA_FORMS = {"क": "क़", "ख": "ख़", "ग": "ग़", "ज": "ज़", "ड": "ड़", "ढ": "ढ़", "फ": "फ़", "य": "य़"}
_VOWELS = {
    "अ": "a",
    "आ": "a",
    "इ": "i",
    "ई": "i",
    "उ": "u",
    "ऊ": "u",
    "ऋ": "ri",
    "ए": "e",
    "ऐ": "ai",
    "ओ": "o",
    "औ": "au",
    "ऑ": "o",
    "ऍ": "e",
}
_MATRAS = {
    "ा": "a",
    "ि": "i",
    "ी": "i",
    "ु": "u",
    "ू": "u",
    "ृ": "ri",
    "े": "e",
    "ै": "ai",
    "ो": "o",
    "ौ": "au",
    "ॉ": "o",
    "ॅ": "e",
}
_VIRAMA, _NUKTA = "्", "़"
_NASAL = {"ं": "n", "ँ": "n", "ः": "h"}


def _syllables(word: str) -> list[list[str]]:
    """Each akshara as [consonant letters…, vowel or '' (inherent) or '-' (virama), nasal]."""
    units: list[list[str]] = []
    chars = list(word)
    i = 0
    while i < len(chars):
        char = chars[i]
        if i + 1 < len(chars) and chars[i + 1] == _NUKTA and char in _NUKTA_FORMS:
            char = _NUKTA_FORMS[char]
            i += 1
        if char in _CONSONANTS:
            units.append(["C", _CONSONANTS[char], ""])
        elif char in _VOWELS:
            units.append(["V", _VOWELS[char], ""])
        elif char in _MATRAS and units and units[-1][0] == "C":
            units[-1][2] = _MATRAS[char]
            units[-1][0] = "CV"
        elif char == _VIRAMA and units and units[-1][0] == "C":
            units[-1][0] = "C-"
        elif char in _NASAL and units:
            units[-1].append(_NASAL[char])
        elif char in DEVANAGARI_DIGITS:
            units.append(["X", str(DEVANAGARI_DIGITS.index(char)), ""])
        else:
            units.append(["X", char, ""])
        i += 1
    return units


@lru_cache(maxsize=65536)
def romanise_hindi(word: str) -> str:
    units = _syllables(word)
    # Schwa deletion (Ohala's rule, simplified): the inherent 'a' of a bare consonant is silent at
    # the end of a word, and in the middle when the next consonant carries a vowel (VC_CV).
    silent = set()
    bare = [i for i, u in enumerate(units) if u[0] == "C"]
    if bare and bare[-1] == len(units) - 1 and len(units) > 1 and len(units[-1]) == 3:
        silent.add(bare[-1])
    for i in bare:
        if 0 < i < len(units) - 1 and i not in silent and i - 1 not in silent:
            before, after = units[i - 1], units[i + 1]
            if before[0] in ("CV", "V", "C") and after[0] in ("CV",) and len(units[i]) == 3:
                silent.add(i)
    out = []
    for i, unit in enumerate(units):
        kind, letters, vowel, *nasal = unit
        if kind == "C":
            out.append(letters + ("" if i in silent else "a"))
        elif kind == "C-":
            out.append(letters)
        elif kind == "CV":
            out.append(letters + vowel)
        else:
            out.append(letters)
        out.extend(nasal)
    return "".join(out)


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def romanise_thai(word: str) -> str:
    from pythainlp.transliterate import romanize

    # royin leaves some marks it has no rule for (ค็อด → Kh็t) and gives nothing for a lone silent
    # letter (ห): a romanisation holds no Thai, and ISO 11940's letter-by-letter one fills the gap.
    romanised = regex.sub(r"\p{Thai}", "", romanize(word, engine="royin") or "")
    if not romanised.strip():
        from pythainlp.transliterate import transliterate

        letters = unicodedata.normalize("NFD", transliterate(word, engine="iso_11940") or "")
        romanised = regex.sub(r"[^\p{L}\p{N}]", "", letters)
    return romanised or word
