"""Thai sentence segmentation: deciding which spaces end a sentence.

Thai prints no full stop; a space separates clauses, list items, names, numbers and sentences alike.
Each candidate (a space, or a *soft break* where ingestion joined wrapped lines) is scored by a
log-linear model over what is on both sides of it — the word before and after (PyThaiNLP's newmm
tokenizer), the lengths of the chunks it separates, numbers, quotes and brackets — and the
candidates whose probability passes 0.5 become boundaries, subject to a minimum sentence length.

The weights are set by hand from Thai grammar (which words cannot end or open a sentence, which open
one), not fitted to any gold set, so that they say why a space is or is not a boundary. Rules on top
never split inside ``ค.ศ. 1920``, quotes or brackets, or between a number and its unit.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Sequence

import regex

from .base import Segmenter, Span, trim_spans

# Words that continue a sentence when they open the chunk after a space: conjunctions, relative
# markers, prepositions, auxiliaries and particles that need something before them.
CONTINUES_AFTER = frozenset(
    """และ แต่ ซึ่ง โดย ที่ ว่า เพื่อ หรือ ก็ จะ ได้ เป็น คือ รวมถึง รวมทั้ง เพราะ เพราะว่า หาก จึง ทั้ง เช่น ได้แก่ ตลอดจน
    ตั้งแต่ จนถึง จน กับ ของ ให้ ต่อ แก่ แด่ ไป มา แล้ว ด้วย อยู่ นั้น นี้ ๆ ฯลฯ อีก อัน ซึ่งเป็น ถึง ตาม จาก ณ
    โดยเฉพาะ อาทิ อย่าง อย่างเช่น เป็นต้น ไว้ ออก ขึ้น ลง กัน เอง เท่านั้น ทำให้ จนกระทั่ง หรือไม่ มากกว่า น้อยกว่า
    กว่า ราว ประมาณ เพียง แม้ แม้ว่า ถ้า ถ้าหาก เมื่อ ขณะ ขณะที่ ระหว่าง ภายใน ภายหลัง หลังจาก ก่อน ก่อนที่ จนกว่า
    ต่างๆ อื่นๆ ทั้งหมด ทั้งสิ้น บ้าง นัก มาก ยิ่ง สุด ที่สุด ครั้ง คน ราย แห่ง ฉบับ ปี เดือน วัน ล้าน พัน หมื่น แสน
    บาท ดอลลาร์ ปอนด์ เปอร์เซ็นต์ ร้อยละ กิโลเมตร เมตร""".split()
)
# "แต่", "เมื่อ", "ก่อน", "หลังจาก" … also open sentences ("แต่ผู้เชี่ยวชาญ…", "เมื่อปี 2010 …"): they count
# against a boundary only weakly. ("ใน" opens sentences as often as it continues them: no cue.)
WEAK_CONTINUATIONS = frozenset("แต่ เมื่อ ก่อน ก่อนที่ หลังจาก ภายหลัง ขณะที่ ระหว่าง แม้ แม้ว่า ถ้า หาก ถ้าหาก ตั้งแต่ จาก".split())

# Words that cannot end a sentence: a space after them is inside one.
CANNOT_END = frozenset(
    """และ แต่ ซึ่ง โดย ที่ ว่า เพื่อ หรือ ของ การ ความ จาก ใน กับ ให้ แก่ ต่อ ทั้ง เช่น ได้แก่ คือ เป็น จะ ได้รับ
    ปี เดือน วัน วันที่ ค.ศ. พ.ศ. ประมาณ ราว กว่า เพียง อย่างไรก็ตาม นอกจากนี้ ดังนั้น อย่างไรก็ดี ทั้งนี้ โดยเฉพาะ
    เมื่อ ขณะ ขณะที่ ระหว่าง ตั้งแต่ จนถึง ถึง ตาม นาย นาง นางสาว ดร. ศ. รศ. ผศ. พล.อ. ครั้งที่ ฉบับที่ ข้อ มาตรา หมายเลข
    ชื่อ เรื่อง แห่ง ณ ผู้ นัก ชาว พระ เจ้า หาก ถ้า แม้ แม้ว่า เพราะ เนื่องจาก จึง ก็ ยัง ไม่ กำลัง เคย อาจ ควร ต้อง ซึ่งเป็น
    อาทิ รวมถึง รวมทั้ง ตลอดจน นับ คริสต์ศักราช พุทธศักราช""".split()
)

# Words that typically open a sentence: a space before them is likely a boundary.
OPENS = frozenset(
    """นอกจากนี้ อย่างไรก็ตาม อย่างไรก็ดี ทั้งนี้ ดังนั้น ต่อมา ขณะเดียวกัน ในขณะเดียวกัน ส่วน สำหรับ นี่ นั่น เขา เธอ พวกเขา
    ผม ฉัน ดิฉัน เรา มัน ท่าน พระองค์ ทว่า อนึ่ง กล่าวคือ ซึ่งทำให้ ปัจจุบัน ทั้งหมดนี้ ผลที่ตามมา ในที่สุด สุดท้าย ต่อจากนั้น
    หลังจากนั้น จากนั้น ด้วยเหตุนี้ เหตุการณ์ ปัญหา อีกทั้ง นอกจาก บริษัท รัฐบาล""".split()
)

# Words that often end a sentence (aspect markers, directionals, sentence-final adverbs).
ENDS = frozenset("แล้ว ด้วย อยู่ ไป มา นี้ นั้น ได้ กัน เท่านั้น มาก ขึ้น ลง ไว้ ครับ ค่ะ นะ เลย เสมอ ทั้งสิ้น เช่นกัน ต่อไป อีก".split())

MONTHS = frozenset(
    """มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม
    ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.""".split()
)

_NUMBER = regex.compile(r"^[\d๐-๙][\d๐-๙,.\-–/:%]*$")
_ABBREVIATION_END = regex.compile(r"(?:\p{Thai}{1,3}\.){1,3}$")
_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
_MIN_SENTENCE = 12  # characters: shorter pieces are names, numbers or list items


def _display_length(text: str) -> int:
    """Length as printed: Thai vowel and tone marks above and below a consonant take no width."""
    return sum(1 for c in text if not ("\u0e31" <= c <= "\u0e3a" or "\u0e47" <= c <= "\u0e4e"))


@lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import Tokenizer  # imported on first use: loading the dictionary takes time

    return Tokenizer(engine="newmm")


@lru_cache(maxsize=20000)
def _words(chunk: str) -> tuple[str, ...]:
    return tuple(w for w in _tokenizer().word_tokenize(chunk) if w.strip())


class ThaiSegmenter(Segmenter):
    name = "th"
    version = "1"

    threshold = 0.5

    def split(self, text: str, soft_breaks: Sequence[int] = ()) -> list[Span]:
        candidates = self._candidates(text, soft_breaks)
        cuts: list[int] = []
        last_cut = 0
        for index, (position, width) in enumerate(candidates):
            probability = self._probability(text, position, width, last_cut)
            if probability >= self.threshold:
                cuts.append(position)
                last_cut = position + width
        return trim_spans(text, cuts)

    def boundary_score(self, before: str, after: str) -> float:
        before, after = before.rstrip(), after.lstrip()
        if not before or not after:
            return 1.0
        text = before + " " + after
        return self._probability(text, len(before), 1, max(0, before.rfind(" ", 0, len(before) - 200)))

    # -- candidates and features ------------------------------------------------------------------
    @staticmethod
    def _candidates(text: str, soft_breaks: Sequence[int]) -> list[tuple[int, int]]:
        """(position, width) of each run of spaces, and each soft break (width 0)."""
        found = {m.start(): m.end() - m.start() for m in regex.finditer(r"[ \t\u00a0]+", text)}
        for position in soft_breaks:
            if 0 < position < len(text) and position not in found and not text[position - 1].isspace():
                found[position] = 0
        return sorted(found.items())

    def _probability(self, text: str, position: int, width: int, sentence_start: int) -> float:
        left = text[:position]
        right = text[position + width:]
        if not left.strip() or not right.strip():
            return 0.0
        if self._protected(left, right):
            return 0.0
        left_chunk = left[left.rfind(" ") + 1:]
        right_end = right.find(" ")
        right_chunk = right if right_end < 0 else right[:right_end]
        before_words = _words(left_chunk[-40:]) or (left_chunk,)
        after_words = _words(right_chunk[:40]) or (right_chunk,)
        previous, following = before_words[-1], after_words[0]

        # The bias puts about three spaces in ten at a boundary in running Thai prose (measured on
        # the unlabelled chapter in texts/th), the share Thai corpora show.
        score = 0.1
        sentence_so_far = _display_length(text[sentence_start:position])
        left_length = _display_length(left_chunk)
        right_length = _display_length(right_chunk)
        # Short chunks are names, numbers, list items: "โคริ ชูลแมน", "ค.ศ. 1920".
        if left_length < 8:
            score -= 1.6
        elif left_length < 15:
            score -= 0.6
        if right_length < 8:
            score -= 1.2
        elif right_length < 15:
            score -= 0.4
        if sentence_so_far < 30:
            score -= 1.5
        elif sentence_so_far > 90:
            score += 0.6
        if width == 0:
            score -= 0.8  # a line break without a space is a wrap more often than a sentence end

        if following in CONTINUES_AFTER:
            score -= 1.2 if following in WEAK_CONTINUATIONS else 3.0
        elif following in OPENS:
            score += 1.4
        if previous in CANNOT_END or _ABBREVIATION_END.search(left_chunk):
            score -= 3.0
        elif previous in ENDS:
            score += 0.8

        previous_number = bool(_NUMBER.match(previous))
        following_number = bool(_NUMBER.match(following))
        if following_number or previous in MONTHS and following_number:
            score -= 1.5
        if previous_number and (following in MONTHS or following in CONTINUES_AFTER or right_length < 15):
            score -= 1.5
        if following[:1] in "(“\"'" or right[:1] in "([":
            score -= 0.8
        if left.rstrip()[-1:] in _CLOSE_QUOTES + "\"":
            score += 0.3
        if following[:1] in "-–,;:/" or left.rstrip()[-1:] in "-–,;:/":
            score -= 2.0
        return 1.0 / (1.0 + math.exp(-score))

    @staticmethod
    def _protected(left: str, right: str) -> bool:
        """Never a boundary: inside quotes or brackets, after ค.ศ./พ.ศ., before a closing mark."""
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
        if right.lstrip()[:1] in ")]}”’,;:!?ๆฯ":
            return True
        return False
