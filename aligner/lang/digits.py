"""The digits of the scripts aligner reads (ASCII, Devanagari, Thai): one table for every stage that
recognises page numbers and footnote markers or converts digits for the English layer."""

from __future__ import annotations

DEVANAGARI_DIGITS = "०१२३४५६७८९"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

#: a regular-expression character class body matching a digit in any of the three scripts
DIGIT_CLASS = "0-9०-९๐-๙"

#: str.translate table: Devanagari and Thai digits → ASCII
TO_ASCII_DIGITS = str.maketrans(DEVANAGARI_DIGITS + THAI_DIGITS, "0123456789" * 2)
