"""Finding the texts of a corpus and their languages.

Layout: one folder per language code under the corpus folder (``texts/hi/…``, ``texts/th/…``). A lone
file's language comes from ``--lang``, else from its parent folder's name, else from its script.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..errors import InputError, UnknownNameError
from ..segment import languages
from .readers import SUFFIXES

log = logging.getLogger(__name__)

#: .txt and every other format a reader reads (`aligner.ingest.readers`)
TEXT_SUFFIXES = SUFFIXES

# The script a language code is written in, for guessing a file's language when nothing says it.
_SCRIPT_LANGUAGE = {
    "DEVANAGARI": "hi",
    "THAI": "th",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "GREEK": "el",
    "HEBREW": "he",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "TELUGU": "te",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
}


@dataclass(frozen=True)
class CorpusFile:
    """A text file of the corpus and its language (not yet read: `aligner.document` models the text)."""

    path: Path
    lang: str
    #: its path in the corpus folder, with forward slashes (``hi/a/ch.txt``); the file name if not given
    name: str = ""

    @property
    def corpus_path(self) -> str:
        return self.name or self.path.name

    @property
    def edition_id(self) -> str:
        return self.lang


def check_language(lang: str, path: Path | str | None = None) -> str:
    if lang not in languages():
        raise UnknownNameError("language", lang, languages(), path=path)
    return lang


def guess_language(text: str) -> str | None:
    """The language most letters' script points to (Latin → None: too many languages share it)."""
    scripts = _scripts(text)
    for script, _ in scripts.most_common(3):
        if script in _SCRIPT_LANGUAGE:
            return _SCRIPT_LANGUAGE[script]
    return None


def check_script(document: CorpusFile, text: str) -> None:
    """One warning where a text's letters are mostly in a script other than its folder's language's
    (Thai text in ``hi/``): it would be segmented and glossed by the wrong rules. Only languages whose
    script the table above knows are checked; a Hindi text quoting English is not flagged."""
    own = {script for script, lang in _SCRIPT_LANGUAGE.items() if lang == document.lang}
    if not own:
        return
    scripts = _scripts(text)
    letters = sum(scripts.values())
    if not letters or 5 * sum(scripts[script] for script in own) >= letters:
        return
    script, count = scripts.most_common(1)[0]
    other = _SCRIPT_LANGUAGE.get(script)
    log.warning(
        "%s: %d%% of its letters are %s, not %s as in %s/; it is read as %s all the same (move it to %s)",
        document.path,
        round(100 * count / letters),
        script.title(),
        "/".join(sorted(s.title() for s in own)),
        document.lang,
        document.lang,
        f"{other}/" if other else "its language's folder",
    )


def _scripts(text: str) -> Counter:
    """How many of the first 20 000 characters' letters each script has (by Unicode character name)."""
    scripts = Counter()
    for char in text[:20000]:
        if char.isalpha():
            scripts[unicodedata.name(char, "").split(" ")[0]] += 1
    return scripts


def language_of(path: Path, text: str, lang: str | None = None) -> str:
    if lang:
        return check_language(lang, path)
    if path.parent.name in languages():
        return path.parent.name
    guessed = guess_language(text)
    if guessed is None or guessed not in languages():
        raise InputError(
            "cannot tell the language of this file",
            path=path,
            fix=f"pass --lang (one of: {', '.join(languages())}) or put it in a folder named by its language",
        )
    return guessed


# Why an entry of the corpus folder is not read, in the order the one warning names them.
_NOT_TEXT = f"not {'/'.join(TEXT_SUFFIXES)}"
_LEAVES = "a link leaving the corpus folder"
_SPECIAL = "not a regular file"
_AT_ROOT = "at the corpus root, outside any language folder"
_SEEN = "a link to a folder it is in (a loop)"


def discover(folder: Path | str, exclude: tuple[Path, ...] = ()) -> list[CorpusFile]:
    """The documents of a corpus folder, sorted by language then path.

    Files ending in ``.txt`` (in any case) are texts. Links are followed only where they lead
    inside the corpus folder: nothing outside it is read. A link to a missing file stops with an
    error naming it; every entry not read (another kind of file, a link leaving the corpus, a FIFO
    or device, a text at the corpus root) is named in one warning. Folders in `exclude` (the
    build's own outputs, when --out is inside the corpus folder) are not looked into.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("no such folder", path=folder, fix="give the corpus folder (e.g. texts/)")
    root = folder.resolve()
    excluded = {p.resolve() for p in exclude}
    documents: list[CorpusFile] = []
    skipped: dict[str, list[Path]] = {}
    for sub in sorted(folder.iterdir()):
        if sub.name.startswith(".") or sub.resolve() in excluded:
            continue
        if sub.is_symlink() and not _inside(sub.resolve(), root):
            skipped.setdefault(_LEAVES, []).append(sub)
        elif sub.is_dir():
            check_language(sub.name, sub)
            documents += [
                CorpusFile(path=path, lang=sub.name, name=path.relative_to(folder).as_posix())
                for path in sorted(_files(sub, root, excluded, {sub.resolve()}, skipped))
            ]
        elif sub.suffix.lower() in TEXT_SUFFIXES:
            skipped.setdefault(_AT_ROOT, []).append(sub)
    if skipped:
        log.warning(
            "not read: %s",
            "; ".join(
                f"{reason}: {', '.join(str(p) for p in skipped[reason])}"
                for reason in (_NOT_TEXT, _LEAVES, _SPECIAL, _SEEN, _AT_ROOT)
                if reason in skipped
            ),
        )
    if not documents:
        raise InputError(
            "no texts found", path=folder, fix="put each text in a folder named by its language, e.g. texts/hi/a.txt"
        )
    return documents


def _files(
    directory: Path,
    root: Path,
    excluded: set[Path],
    seen: set[Path],
    skipped: dict[str, list[Path]],
    hidden: bool = False,
):
    """The text files below `directory` (a language folder), links followed inside `root` only;
    every entry not read is added to `skipped` under its reason, but for hidden ones (.DS_Store,
    .git/…: not texts, not worth a word). `seen`: the folders read, so that a link to a folder above
    it does not loop."""
    for path in sorted(directory.iterdir()):
        quiet = hidden or path.name.startswith(".")
        target = path.resolve()
        if target in excluded or any(parent in excluded for parent in target.parents):
            continue
        if path.is_symlink():
            if not path.exists():
                raise InputError(
                    "a link to a file that does not exist",
                    path=path,
                    fix=f"point it at the text ({path.readlink()} is missing) or remove it",
                )
            if not _inside(target, root):
                skipped.setdefault(_LEAVES, []).append(path)
                continue
        if path.is_dir():
            if target in seen:
                skipped.setdefault(_SEEN, []).append(path)
                continue
            yield from _files(path, root, excluded, seen | {target}, skipped, quiet)
        elif not path.is_file():
            if not quiet:
                skipped.setdefault(_SPECIAL, []).append(path)
        elif path.suffix.lower() in TEXT_SUFFIXES:
            yield path
        elif not quiet:
            skipped.setdefault(_NOT_TEXT, []).append(path)


def _inside(path: Path, root: Path) -> bool:
    """Whether a resolved path is below the (resolved) corpus folder."""
    return path != root and path.is_relative_to(root)


@dataclass(frozen=True)
class KnownText:
    """A text as the last build knew it: its edition id, language, path in the corpus folder and the
    hash of its text (`Edition.source_hash`), from the output folder's ``editions.json``."""

    id: str
    lang: str
    path: str
    hash: str = ""


def edition_ids(
    documents: list[CorpusFile],
    known: list[KnownText] | tuple[KnownText, ...] = (),
    hashes: dict[Path, str] | None = None,
) -> dict[Path, str]:
    """Id prefix per document, stable as the corpus grows.

    A text the last build knew (`known`, by its path in the corpus) keeps its id; a text renamed
    since (a new path with the words of a known text that is gone, by `hashes`) takes that text's
    id; a new text gets a new id: the language code when it is its language's only text, else the
    language plus its file stem (``th-a``), told apart by its folders where two files share a name
    (``hi/a/ch.txt`` → ``hi-a-ch``) and by a number where ids still collide.
    """
    hashes = hashes or {}
    ids: dict[Path, str] = {}
    taken: set[str] = set()
    by_path = {k.path: k for k in known}
    for document in documents:
        text = by_path.get(document.corpus_path)
        if text is not None and text.lang == document.lang and is_xml_name(text.id) and text.id not in taken:
            ids[document.path] = text.id
            taken.add(text.id)
    present = {d.corpus_path for d in documents}
    gone = {(k.lang, k.hash): k for k in reversed(known) if k.path not in present and k.id not in taken and k.hash}
    for document in documents:
        text = gone.pop((document.lang, hashes.get(document.path, "")), None)
        if document.path not in ids and text is not None and is_xml_name(text.id) and text.id not in taken:
            ids[document.path] = text.id
            taken.add(text.id)
    per_language = Counter(d.lang for d in documents)
    wanted = {d.path: d.lang if per_language[d.lang] == 1 else id_for(d.lang, d.path.stem) for d in documents}
    stems = Counter(wanted[d.path] for d in documents if d.path not in ids)
    for document in documents:
        if document.path in ids:
            continue
        ident = wanted[document.path]
        if stems[ident] > 1:
            below = document.corpus_path.split("/")[1:] or [document.path.name]
            ident = id_for(document.lang, "-".join([*below[:-1], Path(below[-1]).stem]))
        candidate, number = ident, 1
        while candidate in taken:
            number += 1
            candidate = f"{ident}-{number}"
        taken.add(candidate)
        ids[document.path] = candidate
    return ids


def id_for(lang: str, name: str) -> str:
    """``<lang>-<name>`` made an XML name (it prefixes every xml:id of the edition and names its
    files): letters, marks, digits and ``_`` kept, every other run of characters one ``-``."""
    for pattern in (r"[^\p{L}\p{M}\p{Nd}_]+", r"[^A-Za-z0-9_]+"):  # Unicode letters if XML takes them
        ident = f"{lang}-{regex.sub(pattern, '-', name).strip('-') or 'text'}"
        if is_xml_name(ident):
            return ident
    return f"{lang}-text"


@lru_cache(maxsize=4096)
def is_xml_name(value: str) -> bool:
    """Whether `value` can be an xml:id (an NCName), as libxml2 reads it back."""
    from lxml import etree

    try:
        etree.fromstring(f'<a xml:id="{value}"/>'.encode())
    except etree.XMLSyntaxError:
        return False
    return ":" not in value


PAIRS_MANIFEST = "pairs.tsv"


def read_pairs_manifest(folder: Path | str, documents: list[CorpusFile]) -> list[tuple[CorpusFile, CorpusFile]] | None:
    """The document pairs the user lists in ``<corpus>/pairs.tsv`` (two corpus paths a line, tab
    between; a ``#`` at the start of a line or after a space or tab starts a comment, so that a file
    name may hold one), or None where there is no such file. A language pair the manifest names is
    paired by it alone, so a text of those languages it does not list is named in one warning; a
    listed path that is no text of the corpus, or two texts in one language, stops with the line."""
    path = Path(folder) / PAIRS_MANIFEST
    if not path.is_file():
        return None
    if not _inside(path.resolve(), Path(folder).resolve()):
        raise InputError(
            "the list of pairs is a link leaving the corpus folder, and nothing outside it is read",
            path=path,
            fix=f"copy the file into {Path(folder).name}/ in place of the link",
        )
    from .decode import read_text

    by_name = {document.corpus_path: document for document in documents}
    pairs = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        line = _COMMENT.split(line, maxsplit=1)[0].strip()
        if not line:
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise InputError(
                f"line {number} is not two corpus paths with a tab between",
                path=path,
                fix="write e.g. hi/chapter1.txt<TAB>th/chapter1.txt",
            )
        missing = [name for name in fields if name not in by_name]
        if missing:
            raise InputError(
                f"line {number}: {missing[0]} is no text of the corpus",
                path=path,
                fix=f"use a path under {Path(folder).name}/ as the build lists it "
                f"(e.g. {next(iter(by_name))}), or remove the line",
            )
        first, second = by_name[fields[0]], by_name[fields[1]]
        if first.lang == second.lang:
            raise InputError(
                f"line {number} pairs two texts in {first.lang}", path=path, fix="pair texts in two languages"
            )
        pairs.append((first, second))
    unlisted = []
    for languages_named in dict.fromkeys(frozenset((a.lang, b.lang)) for a, b in pairs):
        listed = {d.path for a, b in pairs if {a.lang, b.lang} == languages_named for d in (a, b)}
        unlisted += [
            f"{d.corpus_path} (no {'/'.join(sorted(languages_named - {d.lang}))} partner)"
            for d in documents
            if d.lang in languages_named and d.path not in listed
        ]
    if unlisted:
        log.warning(
            "%s: these texts are in no pair it lists, so they are not aligned with the language it pairs "
            "them with: %s (add a line for each to align it)",
            path,
            ", ".join(dict.fromkeys(unlisted)),
        )
    return pairs


#: a comment in pairs.tsv: a # opening the line or after white space (a file name may hold a #)
_COMMENT = regex.compile(r"(?:^|(?<=\s))#")
