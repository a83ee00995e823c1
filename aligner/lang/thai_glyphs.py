"""Thai text as PDF extraction leaves it, put back in Unicode order.

Thai fonts draw the marks above and below a consonant as separate glyphs, shifted to fit (a tone
mark lowered where no vowel sits above, moved left over a tall consonant). A PDF whose text layer
maps glyphs back to characters then gives:

* private-use code points (U+F700–U+F71A): the shifted glyphs of the Windows/Adobe Thai fonts, which
  tlwg's Garuda and Loma, Tahoma and Angsana share; each is a variant of one Thai mark or letter;
* sara am (ำ) as nikhahit + sara aa (ํ + า), its two glyphs, sometimes with the tone mark between;
* marks in drawing order, not Unicode order: a tone mark before the vowel above or below it
  (ก่ิ for กิ่), a mark before its consonant, a mark drawn twice.

`repair_thai_glyphs` undoes these; it changes nothing in text that is already well-formed.
"""

from __future__ import annotations

import regex

#: the private-use glyph variants of Thai fonts (Microsoft's Thai OpenType layout, Adobe's Thai
#: fonts; libthai's table) → the character each draws
PRIVATE_USE = {
    0xF700: "\u0e10",  # tho than without its lower curl
    0xF701: "\u0e34",
    0xF702: "\u0e35",
    0xF703: "\u0e36",
    0xF704: "\u0e37",  # sara i … uee, shifted left
    0xF705: "\u0e48",
    0xF706: "\u0e49",
    0xF707: "\u0e4a",
    0xF708: "\u0e4b",
    0xF709: "\u0e4c",  # low, left
    0xF70A: "\u0e48",
    0xF70B: "\u0e49",
    0xF70C: "\u0e4a",
    0xF70D: "\u0e4b",
    0xF70E: "\u0e4c",  # low
    0xF70F: "\u0e0d",  # yo ying without its lower curl
    0xF710: "\u0e31",
    0xF711: "\u0e4d",
    0xF712: "\u0e47",  # mai han-akat, nikhahit, mai taikhu, left
    0xF713: "\u0e48",
    0xF714: "\u0e49",
    0xF715: "\u0e4a",
    0xF716: "\u0e4b",
    0xF717: "\u0e4c",  # left
    0xF718: "\u0e38",
    0xF719: "\u0e39",
    0xF71A: "\u0e3a",  # sara u, sara uu, phinthu, lowered
}

_CONSONANT = "\u0e01-\u0e2e"
_VOWEL_MARK = "\u0e31\u0e34-\u0e3a\u0e47"  # above and below vowels, mai taikhu
_TONE = "\u0e48-\u0e4c"  # tone marks and thanthakhat
_MARK = f"{_VOWEL_MARK}\u0e48-\u0e4e"

_SARA_AM = regex.compile(r"\u0E4D([\u0E48-\u0E4B]?)\u0E32")
_TONE_BEFORE_VOWEL = regex.compile(f"([{_TONE}])([{_VOWEL_MARK}])")
_DOUBLED = regex.compile(f"([{_MARK}])\\1+")
# marks with no consonant before them (after a space, a leading vowel, the line's start), followed
# by the consonant they sit on
_MARK_BEFORE_BASE = regex.compile(f"(?<![{_CONSONANT}{_MARK}\u0e24\u0e26])([{_MARK}]+)([{_CONSONANT}])")


def repair_thai_glyphs(text: str) -> str:
    """Thai text from a PDF in Unicode order: private-use glyphs mapped, sara am whole, marks after
    their consonant, a vowel mark before the tone mark, no mark twice."""
    if not regex.search(r"[\u0E00-\u0E7F\uF700-\uF71A]", text):
        return text
    text = text.translate(PRIVATE_USE)
    text = _MARK_BEFORE_BASE.sub(r"\2\1", text)
    text = _SARA_AM.sub("\\1\u0e33", text)
    text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    return _DOUBLED.sub(r"\1", text)
