"""Text around the `llm` model: a sentence cut into clauses before, the model's lines cleaned and the
clauses' lines joined after."""

from __future__ import annotations

import regex

_PREFIX = regex.compile(r"^\s*(?:english(?: translation)?|translation)\s*:\s*", regex.IGNORECASE)


def clean_output(text: str) -> str:
    """The first non-empty line, without a 'Translation:' label, chat markup or wrapping quotes."""
    text = regex.sub(r"<[^>]{1,40}>", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = _PREFIX.sub("", lines[0]) if lines else ""
    if len(line) >= 2 and line[0] in "\"“'" and line[-1] in "\"”'":
        line = line[1:-1].strip()
    # The gloss marks romanised names ⟨…⟩; a post-edit copies the marks, which are no English.
    line = regex.sub(r"\s+", " ", regex.sub(r"[⟨⟩]", "", line)).strip()
    # Greedy decoding of a small model can loop ("the Linga of the Linga of …"): keep one round.
    line = trim_repetition(line)
    # The small model sometimes runs on past the full stop with a stray word ("… given. prossimo").
    line = regex.sub(r"(?<=[.!?])\s+\p{Latin}+$", "", line)
    # …or glued to it ("… a little.orestation", "… old-fashioned.进制", "… a single power.ทำการ").
    line = regex.sub(r"(?<=[.!?])\s*[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Devanagari}]+$", "", line)
    line = regex.sub(r"(?<=\p{Ll}{2}[.!?])\p{Ll}+$", "", line)
    # …or echoes the source: a line mostly in Devanagari or Thai is no translation.
    letters = regex.findall(r"\p{L}", line)
    if letters and sum(1 for c in letters if regex.match(r"[\p{Devanagari}\p{Thai}]", c)) > len(letters) / 3:
        return ""
    return line


def clause_chunks(text: str, lang: str, min_chars: int = 30) -> list[str]:
    """`text` cut into clauses of at least `min_chars` characters where it can be; one piece if not.

    Thai separates clauses (and names, numbers, list items) with a space; Hindi with a comma or a
    semicolon. Pieces shorter than `min_chars` join the next one, and a piece under 8 characters (a
    name, a number) joins the one before, so that no clause is cut below what the model can translate.
    """
    if lang == "th":
        pieces = [piece for piece in text.split(" ") if piece]
    else:
        pieces = [piece.strip() for piece in regex.split(r"(?<=[,;:])\s+", text) if piece.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(merged[-1]) < min_chars or len(piece) < 8):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and len(merged[-1]) < min_chars:
        last = merged.pop()
        merged[-1] = f"{merged[-1]} {last}"
    return merged


# A clause's line that opens with one of these continues the sentence: it is joined in lower case.
_CONTINUING_OPENERS = frozenset(
    "a an the and but or so yet nor as at by for from in into of on to with without which who whom whose "
    "that this these those it its they their there then when where while whereas although though because "
    "if unless until since after before like such only also".split()
)


def join_clauses(lines: list[str], sources: list[str]) -> str:
    """One English sentence from the lines of a sentence's clauses, cut where the source was cut.

    Each clause's line loses its closing full stop or comma; the clauses are joined by the source's
    own mark (a semicolon where it had one, else a comma) and the sentence ends as its last clause does.
    """
    joined = ""
    for index, (line, source) in enumerate(zip(lines, sources)):
        line = line.strip()
        if not line:
            continue
        last = index == len(lines) - 1
        if not last:
            line = line.rstrip(" .,;:")
        if joined:
            first_word = line.split(" ", 1)[0]
            if (
                first_word.lower() in _CONTINUING_OPENERS
                and first_word[:1].isupper()
                and (len(first_word) == 1 or first_word[1:].islower())
            ):
                line = line[0].lower() + line[1:]
            joined += line
        else:
            joined = line
        if not last:
            joined += "; " if source.rstrip().endswith(";") else ", "
    joined = joined.rstrip(" ,;")
    if joined and joined[-1] not in ".!?”\"'’)":
        joined += "."
    return joined


def trim_repetition(line: str, times: int = 3) -> str:
    """`line` cut after the first of `times` or more back-to-back repeats of a run of 1–6 words."""
    words = line.split()
    for start in range(len(words)):
        for size in range(1, 7):
            unit = words[start : start + size]
            if len(unit) < size:
                break
            repeats = 1
            while words[start + repeats * size : start + (repeats + 1) * size] == unit:
                repeats += 1
            if repeats >= times:
                return " ".join(words[: start + size])
    return line
