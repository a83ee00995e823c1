"""Thai sentence segmentation: deciding which spaces end a sentence.

Thai prints no full stop; a space separates clauses, list items, names, numbers and sentences alike.
Each candidate (a space, or a *soft break* where ingestion joined wrapped lines) is scored by a
logistic model over what is on both sides of it: the two words before and after (PyThaiNLP's newmm
tokenizer) and their part of speech (PyThaiNLP's perceptron tagger, TUD tag set), the lengths of the
chunks it separates and of the sentence so far, numbers, quotes and brackets, and the word classes
of Thai grammar listed below (words that cannot end a sentence, words that open one …).

The weights ship in ``models/th_boundaries.json.gz``, fitted by ``training/train_thai_boundaries.py``
on the UD Thai-TUD treebank (Thai National Corpus and Wikipedia, CC BY-SA 4.0; not a Parallel UD
treebank) and the Thai of NTREX-128 (English news translated by professionals, CC BY-SA 4.0): their
sentences, joined by a space within each source paragraph or document, give the labelled spaces.
Rules on top never split inside ``ค.ศ. 1920``, quotes or brackets, or before a closing mark.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..lang.thai import thai_dictionary, thai_tokenizer
from ..lang.wordlists import read_word_classes
from .base import Segmenter, Span, trim_spans

# The word classes of Thai grammar the model weighs (conjunctions that cannot open a sentence, words
# that cannot end one …) are data: data/th.words says what each class is for.
_CLASSES = read_word_classes(Path(__file__).with_name("data") / "th.words")
CONTINUES_AFTER = _CLASSES["continues_after"]
WEAK_CONTINUATIONS = _CLASSES["weak_continuations"]
CANNOT_END = _CLASSES["cannot_end"]
OPENS = _CLASSES["opens"]
ENDS = _CLASSES["ends"]
SUBORDINATORS = _CLASSES["subordinators"]
MONTHS = _CLASSES["months"]

_NUMBER = regex.compile(r"^[\d๐-๙][\d๐-๙,.\-–/:%]*$")
_LATIN = regex.compile(r"[A-Za-z]")
_ABBREVIATION_END = regex.compile(r"(?:\p{Thai}{1,3}\.){1,3}$")
_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
MODEL_PATH = Path(__file__).with_name("models") / "th_boundaries.json.gz"


def _skeleton_length(text: str) -> int:
    """Characters other than vowel signs after a consonant (ั า ำ ิ ี ึ ื ุ ู ฺ) and marks (็ ่ ้ ๊ ๋ ์ ํ ๎).

    Not the printed width (า and ำ take width: `translate.gloss` measures that): the trained model's
    length features count this skeleton. Retrained with า and ำ counted, it scored 0.604 on TUD's
    test split against 0.609, so the model keeps its measure.
    """
    return sum(1 for c in text if not ("\u0e31" <= c <= "\u0e3a" or "\u0e47" <= c <= "\u0e4e"))


@lru_cache(maxsize=20000)
def _words(chunk: str) -> tuple[str, ...]:
    return tuple(w for w in thai_tokenizer().word_tokenize(chunk) if w.strip())


def _tags(words: Sequence[str]) -> list[str]:
    from pythainlp.tag import pos_tag  # the tagger's model loads on first use

    return [tag for _, tag in pos_tag(list(words), engine="perceptron", corpus="tud")] if words else []


@lru_cache(maxsize=1)
def boundary_model() -> dict:
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _bucket(value: int, edges: Sequence[int]) -> int:
    return next((i for i, edge in enumerate(edges) if value < edge), len(edges))


@dataclass(frozen=True)
class Gap:
    """A candidate boundary and the words on both sides of it."""

    position: int
    width: int  # 0 for a soft break
    before: tuple[tuple[str, str], ...]  # (word, tag), the last two
    after: tuple[tuple[str, str], ...]  # (word, tag), the first two
    chunk_before: tuple[tuple[str, str], ...] = ()  # every (word, tag) back to the previous candidate
    chunk_after: tuple[tuple[str, str], ...] = ()  # every (word, tag) up to the next candidate


def gaps(text: str, candidates: Sequence[tuple[int, int]]) -> list[Gap]:
    """Tokenise the pieces between candidates (so no word straddles one) and tag the paragraph once."""
    bounds = [0] + [p for c in candidates for p in (c[0], c[0] + c[1])] + [len(text)]
    pieces = [_words(text[a:b]) for a, b in zip(bounds[::2], bounds[1::2])]
    words = [w for piece in pieces for w in piece]
    tags = _tags(words)
    tagged = list(zip(words, tags))
    result, index = [], 0
    for (position, width), piece, next_piece in zip(candidates, pieces, pieces[1:]):
        start, index = index, index + len(piece)
        result.append(
            Gap(
                position,
                width,
                tuple(tagged[max(0, index - 2) : index]),
                tuple(tagged[index : index + 2]),
                tuple(tagged[start:index]),
                tuple(tagged[index : index + len(next_piece)]),
            )
        )
    return result


PREDICATE_TAGS = frozenset({"VERB", "AUX"})


@lru_cache(maxsize=1)
def lexicon_verbs() -> frozenset[str]:
    """Words PyThaiNLP's unigram taggers (TUD and ORCHID word lists, CC BY 4.0) take for verbs.

    The perceptron tagger alone misses verbs in context (นับว่า as SCONJ); a sentence with such a
    verb is not verbless.
    """
    from pythainlp.corpus import corpus_path

    verbs = set()
    for name, is_verb in (
        ("pos_tud_unigram.json", lambda t: t in PREDICATE_TAGS),
        ("pos_orchid_unigram.json", lambda t: t in ("VACT", "VSTA") or t.startswith("XV")),
    ):
        with open(Path(corpus_path()) / name, encoding="utf-8-sig") as handle:
            verbs.update(word for word, tag in json.load(handle).items() if is_verb(tag))
    return frozenset(verbs)


def has_predicate(words: Sequence[tuple[str, str]]) -> bool:
    return any(tag in PREDICATE_TAGS or word in lexicon_verbs() for word, tag in words)


def boundary_features(text: str, gap: Gap, sentence_start: int, sentence_has_predicate: bool = True) -> list[str]:
    """What the model weighs at one gap; `sentence_start` is where the current sentence began.

    `sentence_has_predicate`: whether the sentence so far has a verb. A piece without one (a fronted
    phrase, a name, a date) is rarely a whole sentence; translated prose fronts many of them.
    """
    # Windows, not the whole paragraph on each side: a paragraph of a megabyte (a text without line
    # breaks) has tens of thousands of gaps. Every feature looks at less than the window.
    left, right = _left_of(text, gap.position), _right_of(text, gap.position + gap.width)
    left_chunk = left[left.rfind(" ") + 1 :]
    right_end = right.find(" ")
    right_chunk = right if right_end < 0 else right[:right_end]
    before = gap.before or (("<s>", "<s>"),)
    after = gap.after or (("</s>", "</s>"),)
    previous, following = before[-1][0], after[0][0]
    earlier = before[-2] if len(before) > 1 else ("<s>", "<s>")
    later = after[1] if len(after) > 1 else ("</s>", "</s>")

    def word(w: str) -> str:
        return "NUM" if _NUMBER.match(w) else w

    p, f = word(previous), word(following)
    # the sentence so far, as far as its features look (its opening words, a length up to 180)
    sentence_so_far = text[sentence_start : min(gap.position, sentence_start + _WINDOW)]
    p_tag, f_tag = before[-1][1], after[0][1]
    features = [
        "bias",
        f"p={p}",
        f"f={f}",
        f"pp={word(earlier[0])}|{p}",
        f"ff={f}|{word(later[0])}",
        f"pf={p}|{f}",
        f"pt={p_tag}",
        f"ft={f_tag}",
        f"ptft={p_tag}|{f_tag}",
        f"pt2={earlier[1]}|{p_tag}",
        f"ft2={f_tag}|{later[1]}",
        f"ll{_bucket(_skeleton_length(left_chunk), (4, 8, 15, 25, 40, 70))}",
        f"rl{_bucket(_skeleton_length(right_chunk), (4, 8, 15, 25, 40, 70))}",
        f"sf{_bucket(_skeleton_length(sentence_so_far), (15, 30, 50, 80, 120, 180))}",
        f"lw{min(len(_words(left_chunk[-40:])), 6)}",
        f"rw{min(len(_words(right_chunk[:40])), 6)}",
        f"pl={previous[-1:]}",
        f"fl={following[:1]}",
    ]
    opener = _words(sentence_so_far.lstrip()[:20])[:1]
    if opener and opener[0] in SUBORDINATORS:
        first_clause = not _INNER_SPACE.search(text, sentence_start, gap.position)
        features.append("s:subordinate-first-clause" if first_clause else "s:subordinate")
    word_classes = (
        ("f:continues", following, CONTINUES_AFTER),
        ("f:weak-continuation", following, WEAK_CONTINUATIONS),
        ("f:opens", following, OPENS),
        ("p:cannot-end", previous, CANNOT_END),
        ("p:ends", previous, ENDS),
        ("p:month", previous, MONTHS),
        ("f:month", following, MONTHS),
    )
    features += [name for name, candidate, words in word_classes if candidate in words]
    if _ABBREVIATION_END.search(left_chunk):
        features.append("p:abbreviation")
    if following[:1] in "(“\"'" or right[:1] in "([":
        features.append("f:opening-mark")
    if left.rstrip()[-1:] in _CLOSE_QUOTES + '"':
        features.append("p:closing-quote")
    if following[:1] in "-–,;:/" or left.rstrip()[-1:] in "-–,;:/":
        features.append("punctuation")
    if gap.width == 0:
        # A soft break (a wrapped line joined without a space) is mostly a wrap between two words
        # of one clause; training wraps its paragraphs the way PDF exports do to learn how often.
        features += ["soft", f"soft|{p_tag}|{f_tag}"]
    if not sentence_has_predicate:
        features.append("s:no-predicate")
    if gap.chunk_after and not has_predicate(gap.chunk_after):
        features.append("r:no-predicate")
    # Transliterated names (เดคคา เรคคอร์ดส์, ซาร่า เออร์รานี) are spaced like sentences but are
    # pieces newmm finds in no dictionary.
    if _is_unknown(previous):
        features.append("p:unknown")
    if _is_unknown(following):
        features.append("f:unknown")
    if _LATIN.search(previous):
        features.append("p:latin")
    if _LATIN.search(following):
        features.append("f:latin")
    return features


def _is_unknown(word: str) -> bool:
    return regex.fullmatch(r"\p{Thai}+", word) is not None and word not in thai_dictionary()


def candidates(text: str, soft_breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """(position, width) of each run of spaces with text on both sides, and each soft break (width 0)."""
    found = {m.start(): m.end() - m.start() for m in regex.finditer(r"[ \t\u00a0]+", text)}
    for position in soft_breaks:
        if 0 < position < len(text) and position not in found and not text[position - 1].isspace():
            found[position] = 0
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())  # text on both sides: within these
    return [(p, w) for p, w in sorted(found.items()) if first < p and p + w < last]


#: how far a feature looks from a gap (protected() looks back 400 characters)
_WINDOW = 4000
_INNER_SPACE = regex.compile(r"\S\s+\S")


def _left_of(text: str, position: int) -> str:
    return text[max(0, position - _WINDOW) : position]


def _right_of(text: str, position: int) -> str:
    right = text[position : position + _WINDOW]
    return right if right.strip() or position + _WINDOW >= len(text) else text[position:]


def protected(left: str, right: str) -> bool:
    """Never a boundary: inside quotes or brackets, after ค.ศ./พ.ศ. or the complementiser ว่า, before a closing mark."""
    tail = left[-400:]
    if tail.count("(") > tail.count(")") or tail.count("[") > tail.count("]"):
        return True
    if sum(tail.count(q) for q in _OPEN_QUOTES) > sum(tail.count(q) for q in _CLOSE_QUOTES):
        last_open = max(tail.rfind(q) for q in _OPEN_QUOTES)
        last_close = max(tail.rfind(q) for q in _CLOSE_QUOTES)
        if last_open > last_close and len(tail) - last_open < 300:
            return True
    if tail.count('"') % 2 == 1 and len(tail) - tail.rfind('"') < 200:
        return True
    if regex.search(r"(?:ค\.ศ\.|พ\.ศ\.|ร\.ศ\.|จ\.ศ\.)\s*$", tail):
        return True
    # ว่า ("that", กล่าวว่า "said that") introduces what follows, often a quote; กว่า ("than") may end one.
    if regex.search(r"(?<!ก)ว่า\s*$", tail):
        return True
    if right.lstrip()[:1] in ")]}”’,;:!?ๆฯ":
        return True
    return False


def _merge_fragments(text: str, cuts: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Drop cuts that leave a piece too short to be a sentence (a name, a date, a list item).

    Of the two cuts around such a piece, the less probable one goes; the model decides left to right
    and cannot see that the piece after a cut will be short.
    """
    cuts = list(cuts)
    while cuts:
        bounds = [0, *(p for p, _ in cuts), len(text)]
        lengths = [_skeleton_length(text[a:b].strip()) for a, b in zip(bounds, bounds[1:])]
        shortest = min(range(len(lengths)), key=lengths.__getitem__)
        if lengths[shortest] >= boundary_model()["min_sentence"]:
            break
        around = [i for i in (shortest - 1, shortest) if 0 <= i < len(cuts)]
        cuts.pop(min(around, key=lambda i: cuts[i][1]))
    return cuts


def _cuts_a_word(gap: Gap) -> bool:
    """A soft break between two pieces that join into one dictionary word is a wrap inside the word."""
    if gap.width or not gap.before or not gap.after:
        return False
    joined = gap.before[-1][0] + gap.after[0][0]
    return regex.fullmatch(r"\p{Thai}+", joined) is not None and _words(joined) == (joined,)


class ThaiSegmenter(Segmenter):
    name = "th"
    version = "2"

    def split(self, text: str, soft_breaks: Sequence[int] = ()) -> list[Span]:
        cuts: list[tuple[int, float]] = []
        sentence_start, sentence_has_predicate = 0, None
        for gap in gaps(text, candidates(text, soft_breaks)):
            if sentence_has_predicate is None:
                sentence_has_predicate = has_predicate(gap.chunk_before)
            probability = self._probability(text, gap, sentence_start, sentence_has_predicate)
            if probability >= self.threshold:
                cuts.append((gap.position, probability))
                sentence_start, sentence_has_predicate = gap.position + gap.width, has_predicate(gap.chunk_after)
            else:
                sentence_has_predicate = sentence_has_predicate or has_predicate(gap.chunk_after)
        return trim_spans(text, [position for position, _ in _merge_fragments(text, cuts)])

    @property
    def threshold(self) -> float:
        return boundary_model()["threshold"]

    def boundary_score(self, before: str, after: str) -> float:
        # The model looks at two words a side and at most 180 characters of sentence: a short window
        # keeps ingestion, which asks this at every wrapped line, fast.
        before, after = before.rstrip()[-200:], after.lstrip()[:60]
        if not before or not after:
            return 1.0
        text = before + " " + after
        found = candidates(text)
        window = gaps(text, found)
        index = [p for p, _ in found].index(len(before))
        gap = window[index]
        # The window is the sentence so far: it starts at most 200 characters back.
        words_before = [w for g in window[: index + 1] for w in g.chunk_before]
        probability = self._probability(text, gap, 0, has_predicate(words_before))
        # Ingestion asks whether a block (cut at a page break) ends here: a Thai paragraph never
        # opens with a conjunction or relative marker (ที่, ซึ่ง, และ …), whatever the model says.
        opener = gap.after[0][0] if gap.after else ""
        if opener in CONTINUES_AFTER and opener not in WEAK_CONTINUATIONS:
            probability = min(probability, 0.1)
        return probability

    @staticmethod
    def _probability(text: str, gap: Gap, sentence_start: int, sentence_has_predicate: bool) -> float:
        if protected(_left_of(text, gap.position), _right_of(text, gap.position + gap.width)) or _cuts_a_word(gap):
            return 0.0
        weights = boundary_model()["weights"]
        features = boundary_features(text, gap, sentence_start, sentence_has_predicate)
        score = sum(weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-score))
