"""`gloss`: a word-by-word English gloss of Hindi and Thai, always available offline.

Not machine translation: English words in the source's order, so a translator can follow the
original. What makes it readable rather than a word list:

* words are found as the language needs — Thai by PyThaiNLP's dictionary segmenter (newmm), Hindi by
  script, with postpositions, auxiliaries and compound postpositions (``के बारे में`` → ``about``)
  from a hand-written table, and inflected forms reduced to their dictionary form (``लोगों`` → ``लोग``);
* multi-word dictionary entries win over single words (longest match);
* Thai derived words are glossed through their stem when the whole is missing (``การ`` + verb);
* numbers in Devanagari or Thai digits become Arabic digits;
* words the dictionaries lack are looked up in word lists induced from the sentence encoder
  (mostly loanwords and newer vocabulary: ``डिजिटल`` → ``digital``), see `dictionaries`;
* names come out as the English name a reader knows, from CLDR's names of countries and languages
  (รัสเซีย, रूस → Russia) or by sound, from English names WordNet and the Thai National Corpus list
  (บอลเชวิค → Bolshevik, ไอเซนสไตน์ → Eisenstein), see `propernames`; a Thai name newmm cut into
  dictionary words (บอล 'ball' | เช | วิ | ค) is put back together first;
* names and words still unknown are romanised (Hindi with schwa deletion, Thai with the Royal Institute
  system) and marked ⟨like this⟩ so that a reader knows they were not translated. That is the one
  marking of the English layer: TMX, TEI and the review page carry the line as it is.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import regex

from .. import __version__
from ..cache import code_fingerprint
from ..document import Provenance
from ..errors import UnknownNameError
from ..lang.digits import TO_ASCII_DIGITS
from ..lang.thai import thai_dictionary
from ..lang.wordlists import LazyTables
from .base import Translator
from .dictionaries import Lexicon, english_proper_nouns, english_words, hindi_english, thai_english
from .propernames import NAME_RESOURCES, Names, romanise_thai_loan
from .romanise import romanise_hindi, romanise_thai

# Hand-written glosses of function words, auxiliaries and numerals: the dictionaries list content
# words, and a gloss without the grammar words between them is unreadable.
function_words = LazyTables(Path(__file__).with_name("data") / "function_words.tsv", ordered=("hindi_endings",))

log = logging.getLogger(__name__)

_HINDI_TOKEN = regex.compile(
    r"[\p{Devanagari}&&[^\u0964\u0965\u0966-\u096F]]+\.?"  # a word, maybe an abbreviation
    r"|[\d\u0966-\u096F][\d\u0966-\u096F.,:]*"  # a number
    r"|\p{L}[\p{L}\p{M}'’-]*|\s+|.",
    regex.V1,
)
_THAI_WORD = regex.compile(r"\p{Thai}+")
_THAI_LETTER = regex.compile(r"\p{Thai}")
_THAI_CONSONANT = regex.compile(r"[\u0E01-\u0E2E]")
_THAI_NUMBER = regex.compile(r"[\d\u0E50-\u0E59][\d\u0E50-\u0E59.,:]*")
_UNKNOWN_OPEN, _UNKNOWN_CLOSE = "⟨", "⟩"


def _mark(romanised: str) -> str:
    return f"{_UNKNOWN_OPEN}{romanised}{_UNKNOWN_CLOSE}"


def _join(pieces: list[str]) -> str:
    text = "".join(pieces)
    text = regex.sub(r"[ \t]+", " ", text)
    text = regex.sub(r" ([,.;:!?)\]”’।])", r"\1", text)
    text = regex.sub(r"([(\[“‘]) ", r"\1", text)
    return text.replace("।", ".").replace("॥", ".").strip()


_ENGLISH_WORD = regex.compile(r"(?<![\p{L}⟨])[a-z]+(?![\p{L}⟩])")


def _as_sentence(gloss: str, proper_nouns: dict[str, str]) -> str:
    """Names capitalised as English writes them (obama → Obama), and the first letter."""
    gloss = _ENGLISH_WORD.sub(lambda m: proper_nouns.get(m.group(), m.group()), gloss)
    first = regex.search(r"\p{Ll}", gloss)
    if first and not regex.search(r"\p{L}", gloss[: first.start()]):
        gloss = gloss[: first.start()] + gloss[first.start()].upper() + gloss[first.end() :]
    return gloss


class GlossTranslator(Translator):
    name = "gloss"
    languages = ("hi", "th")

    def __init__(self, cache_dir: Path | str | None = None):
        super().__init__(cache_dir)
        self._lexicons: dict[str, Lexicon] = {}

    def _lexicon(self, lang: str) -> Lexicon:
        if lang not in self._lexicons:
            if lang == "hi":
                lexicon = hindi_english(self.cache_dir)
            elif lang == "th":
                lexicon = thai_english(self.cache_dir)
            else:
                raise UnknownNameError("gloss language", lang, list(self.languages))
            self._lexicons[lang] = replace(
                lexicon, resources=lexicon.resources + NAME_RESOURCES, names=Names(lang, self.cache_dir).load()
            )
        return self._lexicons[lang]

    def provenance(self, lang: str) -> Provenance:
        # The code's fingerprint is part of the version: a rebuild after the gloss changed re-glosses
        # rather than serving cached lines the new code would not write.
        code = code_fingerprint((__name__,), ("pythainlp", "indic-transliteration", "langcodes", "language-data"))
        return Provenance(
            kind="gloss",
            engine="aligner-gloss",
            version=f"{__version__}+{code[:10]}",
            resources=self._lexicon(lang).resources,
        )

    def translate(self, texts: list[str], lang: str) -> list[str]:
        lexicon = self._lexicon(lang)
        gloss = self._gloss_hindi if lang == "hi" else self._gloss_thai
        names = english_proper_nouns(self.cache_dir)
        return [_as_sentence(gloss(text, lexicon), names) for text in texts]

    # Hindi ---------------------------------------------------------------------------------------

    def _gloss_hindi(self, text: str, lexicon: Lexicon) -> str:
        tokens = _HINDI_TOKEN.findall(text)
        words = [i for i, t in enumerate(tokens) if not t.isspace()]
        pieces: list[str] = []
        position = 0
        while position < len(words):
            matched = self._hindi_phrase(tokens, words, position, lexicon)
            if matched:
                english, used = matched
                pieces.append(" " + english if english else "")
                position += used
                continue
            pieces.append(" " + _hindi_word(tokens[words[position]], lexicon))
            position += 1
        return _join(pieces)

    @staticmethod
    def _hindi_phrase(tokens, words, position, lexicon: Lexicon):
        """Longest multi-word match (2–4 words) in the function-word table or the dictionary."""
        for size in (4, 3, 2):
            if position + size > len(words):
                continue
            phrase = " ".join(tokens[words[position + k]] for k in range(size))
            if phrase in function_words.HINDI:
                return function_words.HINDI[phrase], size
            if phrase in lexicon.entries:
                return lexicon.entries[phrase], size
        return None

    # Thai ----------------------------------------------------------------------------------------

    def _gloss_thai(self, text: str, lexicon: Lexicon) -> str:
        from pythainlp.tokenize import word_tokenize

        pieces: list[str] = []
        previous = ""
        tokens, names = _join_names(word_tokenize(text, engine="newmm", keep_whitespace=True), lexicon)
        for token in _merge_unknown_runs(tokens, lexicon, names):
            if _acronym(token):
                previous = _acronym(token)
                pieces.append(" " + previous)
                continue
            if token.isspace():
                pieces.append(" ")
                continue
            if token == "ๆ":  # repetition mark: the word again
                pieces.append(" " + previous if previous else "")
                continue
            previous = _thai_word(token, lexicon)
            pieces.append(" " + previous)
        return _join(pieces)


# English letters as Thai spells them: บีบีซี is BBC, เคเอฟซี KFC.
_THAI_LETTER_NAMES = {
    "เอ": "A",
    "บี": "B",
    "ซี": "C",
    "ดี": "D",
    "อี": "E",
    "เอฟ": "F",
    "จี": "G",
    "เอช": "H",
    "ไอ": "I",
    "เจ": "J",
    "เค": "K",
    "แอล": "L",
    "เอ็ม": "M",
    "เอ็น": "N",
    "โอ": "O",
    "พี": "P",
    "คิว": "Q",
    "อาร์": "R",
    "เอส": "S",
    "ที": "T",
    "ยู": "U",
    "วี": "V",
    "ดับเบิลยู": "W",
    "ดับบลิว": "W",
    "เอ็กซ์": "X",
    "วาย": "Y",
    "แซด": "Z",
}
_THAI_LETTERS = regex.compile(
    "(?:" + "|".join(sorted(map(regex.escape, _THAI_LETTER_NAMES), key=len, reverse=True)) + ")"
)


@lru_cache(maxsize=4096)
def _acronym(token: str) -> str | None:
    """'KFC' for เคเอฟซี: a word spelt wholly in two or more English letter names."""
    letters, position = [], 0
    while position < len(token):
        match = _THAI_LETTERS.match(token, position)
        if not match:
            return None
        letters.append(_THAI_LETTER_NAMES[match.group()])
        position = match.end()
    return "".join(letters) if len(letters) >= 2 else None


def _display_length(word: str) -> int:
    """Letters as printed: marks above and below a consonant (ั ิ ี ึ ื ุ ู ็ ่ ้ ๊ ๋ ์) take no width."""
    return sum(1 for c in word if not (c == "\u0e31" or "\u0e34" <= c <= "\u0e3a" or "\u0e47" <= c <= "\u0e4e"))


#: the most newmm pieces one name is put back together from (ไอ|เซน|ส|ไต|น์ is five)
NAME_PIECES = 7


def _join_names(tokens: list[str], lexicon: Lexicon) -> tuple[list[str], set[int]]:
    """newmm cuts a name it does not know into dictionary words and syllables (บอล 'ball' | เช | วิ | ค):
    put back together the pieces that, read whole, sound like an English name (Bolshevik). Returns
    the tokens and the positions of the names among them.

    Only runs of Thai with at least one piece no dictionary knows are tried, longest first, and none
    holding a function word (ใน, ที่, ของ …), which names do not swallow; the run must sound nearer
    the name than a single unknown word (see `Names.by_sound`)."""
    names = lexicon.names
    if names is None:
        return tokens, set()
    words = thai_dictionary()
    count = len(tokens)
    thai = [_THAI_WORD.fullmatch(t) is not None for t in tokens]
    unknown = [thai[i] and tokens[i] not in words and _thai_known(tokens[i], lexicon) is None for i in range(count)]
    grammar = [t in function_words.THAI for t in tokens]
    # A name may begin or end with a short word (บอล|เช|วิ|ค, ทรอ|ต|สกี) but not with a long one that
    # has its own English (ด|เดินทาง is the end of เฮโรด, then 'travel').
    long_word = [thai[i] and not unknown[i] and _display_length(t) >= 4 for i, t in enumerate(tokens)]
    spans = []
    for start in range(count):
        if not thai[start] or grammar[start]:
            continue
        end = start + 1
        while end < count and end - start < NAME_PIECES and thai[end]:
            end += 1
        for stop in range(end, start + 1, -1):
            if any(grammar[start:stop]) or not any(unknown[start:stop]) or long_word[start] or long_word[stop - 1]:
                continue
            joined = "".join(tokens[start:stop])
            if joined not in words and names.by_sound(joined, pieces=stop - start):
                spans.append((start, stop, False))
                break
            # newmm often gives a name's last consonant to the next word (บอล|เช|วิ|คระ|ยะ): borrow it
            # back where that word begins with two consonants, the first then no syllable of its own.
            after = tokens[stop] if stop < count and thai[stop] and not grammar[stop] else ""
            if (
                len(after) > 2
                and _THAI_CONSONANT.match(after)
                and _THAI_CONSONANT.match(after, 1)
                and names.by_sound(joined + after[0], pieces=stop - start + 1)
            ):
                spans.append((start, stop, True))
                break
    taken = [False] * count
    chosen = {}
    for start, stop, borrow in sorted(spans, key=lambda span: (span[0] - span[1] - span[2], span[0])):
        if not any(taken[start : stop + borrow]):
            taken[start : stop + borrow] = [True] * (stop + borrow - start)
            chosen[start] = (stop, borrow)
    if not chosen:
        return tokens, set()
    joined, positions = [], set()
    position = 0
    while position < count:
        if position not in chosen:
            joined.append(tokens[position])
            position += 1
            continue
        stop, borrow = chosen[position]
        positions.add(len(joined))
        joined.append("".join(tokens[position:stop]) + (tokens[stop][0] if borrow else ""))
        position = stop
        if borrow:  # what is left of the word the consonant came from, with the next piece if they make one
            rest = tokens[stop][1:]
            position = stop + 1
            if position < count and rest + tokens[position] in words:
                rest += tokens[position]
                position += 1
            joined.append(rest)
    return joined, positions


def _merge_unknown_runs(tokens: list[str], lexicon: Lexicon, names: set[int] = frozenset()) -> list[str]:
    """newmm cuts a word it does not know (a name, a loanword) into syllables: put them back together
    so that it is romanised (or read as an acronym) as one word.

    newmm also finds short dictionary words inside names (เฮ|โร|ด: โร is 'rho'; ส|โล|วาเกีย: โล is
    'kilo'); a piece of one or two letters next to an unknown piece is taken as part of the name,
    unless it is a function word (ใน, ที่, และ …), which names do not swallow.
    """

    def thai(token: str) -> bool:
        return _THAI_WORD.fullmatch(token) is not None

    # Pieces of a name are not words; an unknown word that is in the Thai word list is glossed alone.
    words = thai_dictionary()
    unknown = [
        thai(t) and _thai_known(t, lexicon) is None and t not in words and not _acronym(t) and i not in names
        for i, t in enumerate(tokens)
    ]
    # A listed word with no English of its own (ซาร์ in ลู|นา|ซาร์|สกี) would only be romanised alone:
    # next to a name's pieces it is one of them, whatever its length.
    absorbable = [
        thai(t)
        and not unknown[i]
        and (_display_length(t) <= 2 or _thai_known(t, lexicon) is None)
        and t not in function_words.THAI
        and t not in function_words.THAI_COMMON
        and not _acronym(t)
        and i not in names
        for i, t in enumerate(tokens)
    ]
    # Grow each unknown run over the short pieces on either side of it.
    in_name = list(unknown)
    changed = True
    while changed:
        changed = False
        for i in range(len(tokens)):
            if in_name[i] or not absorbable[i]:
                continue
            if (i > 0 and in_name[i - 1]) or (i + 1 < len(tokens) and in_name[i + 1]):
                in_name[i] = changed = True
    merged: list[str] = []
    run = ""
    for token, part_of_name in zip(tokens, in_name):
        if part_of_name:
            run += token
            continue
        if run:
            merged.append(run)
            run = ""
        merged.append(token)
    if run:
        merged.append(run)
    # A run that spells letters is an acronym; letter names newmm left apart (เอส|เอส) join up.
    joined: list[str] = []
    for token in merged:
        if (
            joined
            and thai(token)
            and thai(joined[-1])
            and _acronym(joined[-1] + token)
            and (_acronym(joined[-1]) or joined[-1] in _THAI_LETTER_NAMES)
            and (_acronym(token) or token in _THAI_LETTER_NAMES)
        ):
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def _hindi_word(token: str, lexicon: Lexicon) -> str:
    if not regex.match(r"\p{Devanagari}", token):
        return token.translate(TO_ASCII_DIGITS)
    bare = token.rstrip(".")
    if token in function_words.HINDI:
        return function_words.HINDI[token]
    if bare in function_words.HINDI:
        return function_words.HINDI[bare] + token[len(bare) :]
    english = _hindi_lookup(bare, lexicon)
    if english is None:
        english = _mark(romanise_hindi(bare).capitalize())
    return english + token[len(bare) :]


@lru_cache(maxsize=65536)
def _hindi_candidates(word: str) -> tuple[str, ...]:
    candidates = [word]
    for ending, replacement in function_words.HINDI_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            candidates.append(word[: -len(ending)] + replacement)
    # nasalisation is spelt both ways (ं / ँ) and nukta is often dropped
    candidates += [c.replace("ँ", "ं") for c in candidates if "ँ" in c]
    candidates += [c.replace("़", "") for c in candidates if "़" in c]
    return tuple(dict.fromkeys(candidates))


def _hindi_lookup(word: str, lexicon: Lexicon) -> str | None:
    candidates = _hindi_candidates(word)
    names = lexicon.names
    for candidate in candidates:
        english = lexicon.entries.get(candidate) or function_words.HINDI.get(candidate)
        exonym = names.exonym(candidate, english) if names and candidate not in function_words.HINDI else None
        if exonym or english:
            return exonym or english
    induced = next((lexicon.induced[c] for c in candidates if c in lexicon.induced), None)
    if names is not None:
        name = next(filter(None, (names.by_sound(c, induced, strict=induced is None) for c in candidates)), None)
        if name:
            return name
        if induced is not None and names.is_name(induced) and not names.sounds_like(word, induced):
            return None  # a name the word does not sound like (the encoder confuses names): romanised
    if induced is not None and romanise_hindi(word) in english_words():
        return None  # a name or loanword spelt as in English: its marked romanisation says it best
    return induced


def _thai_word(token: str, lexicon: Lexicon) -> str:
    if _THAI_NUMBER.fullmatch(token):
        return token.translate(TO_ASCII_DIGITS)
    if not _THAI_LETTER.search(token):
        return token
    english = _thai_known(token, lexicon)
    names = lexicon.names
    if names is not None and token not in function_words.THAI and token not in function_words.THAI_COMMON:
        exonym = names.exonym(token, english or None)
        if exonym:
            return exonym
    if english is None:
        induced = lexicon.induced.get(token)
        if names is not None:
            # A Thai word of the word list is a name only where the encoder took it for one too, or
            # where no dictionary reads it: then it must sound nearer (บีโทเฟน: Beethoven).
            listed = token in thai_dictionary()
            if not listed or (induced is not None and names.is_name(induced)):
                name = names.by_sound(token, induced)
            elif induced is None and not _thai_prefixed(token, lexicon) and _not_two_words(token, lexicon):
                # a compound of two words (หาทาง: find way) is read as them; a word that would fall
                # into three or more pieces (บี|โท|เฟน) or none is read as a name if it sounds like one
                name = names.by_sound(token, pieces=2)
            else:
                name = None
            if name:
                return name
            if induced is not None and names.is_name(induced) and not names.sounds_like(token, induced):
                induced = None  # a name the word does not sound like (รุสเซีย is not Rasmussen)
        if induced is not None and romanise_thai(token) not in english_words():
            english = induced
    if english is not None:  # "" is an answer: a particle or nominaliser English leaves unsaid
        return english
    prefixed = _thai_prefixed(token, lexicon)
    if prefixed:
        return prefixed
    parts = _thai_split(token, lexicon)
    if parts:
        return " ".join(parts)
    if token not in thai_dictionary():
        # no Thai word: most often a foreign name no list has, read back to the letters it had
        return _mark(romanise_thai_loan(token).capitalize() or romanise_thai(token).capitalize())
    return _mark(romanise_thai(token).capitalize())


def _not_two_words(token: str, lexicon: Lexicon) -> bool:
    parts = _thai_split(token, lexicon)
    return parts is None or len(parts) > 2


def _thai_prefixed(token: str, lexicon: Lexicon) -> str | None:
    """A derived word the dictionary lacks, through its stem (การ + verb)."""
    for prefix, prefix_english in function_words.THAI_PREFIXES.items():
        rest = token[len(prefix) :]
        if token.startswith(prefix) and rest:
            inner = _thai_known(rest, lexicon)
            if inner:
                return (prefix_english + inner).strip()
    return None


def _thai_known(word: str, lexicon: Lexicon) -> str | None:
    grammar, common = _thai_tables()
    if word in grammar:
        return grammar[word]
    if word in common:
        return common[word]
    return lexicon.entries.get(word)


@lru_cache(maxsize=1)
def _thai_tables() -> tuple[dict[str, str], dict[str, str]]:
    """The hand-written Thai tables, looked up for every token (function_words reads them on first use)."""
    return function_words.THAI, function_words.THAI_COMMON


def _thai_split(token: str, lexicon: Lexicon) -> list[str] | None:
    """Gloss a compound the dictionary lacks as its longest known parts, if it splits entirely
    into two or more (a part may be a nominaliser that English leaves unsaid)."""
    parts: list[str] = []
    rest = token
    while rest:
        for end in range(len(rest), 1, -1):
            english = _thai_known(rest[:end], lexicon)
            if english is not None:
                parts.append(english)
                rest = rest[end:]
                break
        else:
            return None
    said = [p for p in parts if p]
    return said if len(parts) > 1 and said else None
