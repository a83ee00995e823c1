"""Word lists kept as data files beside the code that reads them, in two small formats.

``*.words``: named word classes. A line ``[name]`` opens a class; the words follow, separated by
spaces or newlines; ``#`` starts a comment line (the reason a class exists goes there).

``*.tsv``: named tables of word → English (or ending → replacement), in order. A line ``[name]`` opens
a table; each entry is ``key<TAB>value`` (the value may be empty); ``#`` starts a comment line.
"""

from __future__ import annotations

from pathlib import Path


def _sections(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = sections.setdefault(line.strip()[1:-1], [])
            continue
        if current is None:
            raise ValueError(f"{path}:{number}: an entry before any [section]")
        current.append(line)
    return sections


def read_word_classes(path: Path) -> dict[str, frozenset[str]]:
    return {name: frozenset(word for line in lines for word in line.split()) for name, lines in _sections(path).items()}


def read_tables(path: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each table as (key, value) pairs in file order: callers that want a dict get the last value of
    a repeated key, as a Python dict literal would."""
    tables = {}
    for name, lines in _sections(path).items():
        pairs = []
        for line in lines:
            key, tab, value = line.partition("\t")
            if not tab:
                raise ValueError(f"{path}: [{name}] entry {line!r} has no tab")
            pairs.append((key, value))
        tables[name] = tuple(pairs)
    return tables


class LazyTables:
    """The tables of one ``*.tsv`` file as attributes (``tables.HINDI`` is table ``[hindi]``), read on
    first use. A table is a dict, except those named in `ordered`, which stay (key, value) pairs."""

    def __init__(self, path: Path, ordered: tuple[str, ...] = ()):
        self._path, self._ordered = path, ordered
        self._tables: dict[str, object] | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._tables is None:
            self._tables = {
                key: pairs if key in self._ordered else dict(pairs) for key, pairs in read_tables(self._path).items()
            }
        try:
            return self._tables[name.lower()]
        except KeyError:
            raise AttributeError(f"{self._path.name} has no table [{name.lower()}]") from None
