"""Thai-specific repair of PDF text: joins that fall inside a word, and spaces inside words.

Thai writes no spaces between words, so PDF extraction that cuts a line or a page inside a word, or
that puts a space inside one (``การปก ครอง``), leaves fragments. PyThaiNLP's word list tells whether
the two sides make one dictionary word while one side alone is not a word. Only such safe cases are
repaired: two real words with a space between them are left alone (the space may be meaningful).
"""

from __future__ import annotations

import regex

from ..lang.thai import thai_dictionary as _dictionary
from ..lang.thai import thai_tokenizer as _tokenizer

_THAI_RUN_END = regex.compile(r"\p{Thai}+$")
_THAI_RUN_START = regex.compile(r"^\p{Thai}+")
_SPACE_IN_THAI = regex.compile(r"(?<=\p{Thai}) (?=\p{Thai})")


def _spanning_word(left: str, right: str) -> tuple[str, str, str] | None:
    """(word across the join, its part on the left, its part on the right), if a dictionary word spans it."""
    left_run = _THAI_RUN_END.search(left[-30:])
    right_run = _THAI_RUN_START.search(right[:30])
    if not left_run or not right_run:
        return None
    joined = left_run.group() + right_run.group()
    cut = len(left_run.group())
    position = 0
    for token in _tokenizer().word_tokenize(joined):
        start, end = position, position + len(token)
        position = end
        if start < cut < end:
            return (token, token[: cut - start], token[cut - start :]) if token in _dictionary() else None
        if start >= cut:
            break
    return None


def _is_split_word(left: str, right: str) -> bool:
    found = _spanning_word(left, right)
    if found is None:
        return False
    word, left_part, right_part = found
    words = _dictionary()
    # Safe only when a piece is not a word by itself, or is a single syllable stuck to a longer word.
    return left_part not in words or right_part not in words or min(len(left_part), len(right_part)) <= 2


def join_is_inside_word(left: str, right: str) -> bool:
    """Whether a line or page cut between `left` and `right` fell inside a Thai word."""
    return _is_split_word(left.rstrip(), right.lstrip())


def spurious_spaces(text: str) -> list[int]:
    """Positions of single spaces inside Thai words that can be removed safely."""
    # 60 characters a side: `_spanning_word` looks at 30 (slicing the whole text each time made a
    # paragraph of a megabyte quadratic)
    return [
        m.start()
        for m in _SPACE_IN_THAI.finditer(text)
        if _is_split_word(text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 60])
    ]
