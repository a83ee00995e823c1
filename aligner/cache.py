"""Every on-disk cache of aligner: one folder, one file, one key scheme.

A rebuild whose texts did not change should cost seconds, not the minutes that segmenting the Thai
chapter, embedding every sentence and translating it take. Everything reusable is kept in one SQLite
file, ``<cache folder>/cache.sqlite`` (``.aligner-cache/`` by default), one table per kind:

=============  ==========================================================  ========================
table          key: the SHA-256 of these parts joined by NUL                value
=============  ==========================================================  ========================
editions       code fingerprint, language, edition id, file name, text     pickled `Edition`
embeddings     encoder id (and vector kind), text                          float32 vector
translations   translator provenance, text                                 the English line
lexicons       table name, fingerprint of its inputs                       JSON of the compiled table
=============  ==========================================================  ========================

Every key covers everything its value depends on (the code fingerprint covers the package's own
files that produce it, and the versions of the libraries it calls), so a stale entry is never read:
it is simply never asked for again. The llm translator's assembled model file also lives in this
folder (``models/``). An entry that does not load (another Python, a damaged file) is a miss, never
a failed build. The folder belongs to the user, like pip's and joblib's caches: delete it at will.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import pickle
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from .errors import OutputError

log = logging.getLogger(__name__)

DEFAULT_CACHE_DIR = Path(".aligner-cache")
_FILE_NAME = "cache.sqlite"
_PACKAGE = Path(__file__).resolve().parent
# SQLite limits the number of parameters of one statement; look keys up in chunks below that.
_CHUNK = 500


def content_key(*parts: str) -> str:
    """The one key scheme: SHA-256 of the parts joined by NUL (no part contains NUL)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


# A registry names its entries' code as "aligner.module:Name" strings, imported only when asked for.
_CODE_REFERENCE = re.compile(r"^(aligner(?:\.\w+)+):\w+$")


@lru_cache(maxsize=16)
def code_fingerprint(modules: tuple[str, ...], libraries: tuple[str, ...] = ()) -> str:
    """A hash of the source of `modules` and of every aligner module they import, directly or not
    (imports inside functions and registry references included), of the data files beside them, and
    of the installed versions of `libraries`: a key that includes it changes with any change to the
    code it covers, and no hand-kept list of files can leave one out."""
    digest = hashlib.sha256()
    for path in code_files(modules):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    for library in libraries:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}={version}\x00".encode())
    return digest.hexdigest()


def code_files(modules: Iterable[str]) -> list[Path]:
    """The files `code_fingerprint` hashes for `modules`, sorted: their import closure within the
    package and each package's data files. A package entered only because a module inside it is
    imported counts with its own imports but not its registry's references (the translators'
    package lists every translator; the gloss depends on none of the others)."""
    followed: set[str] = set()
    parents: set[str] = set()
    pending = [(module, True) for module in modules]
    while pending:
        module, whole = pending.pop()
        if module in followed or (not whole and module in parents):
            continue
        path = _module_path(module)
        if path is None:
            continue
        (followed if whole else parents).add(module)
        pending.extend((package, False) for package in _packages_of(module))
        for imported in imported_modules(module, path, references=whole):
            pending.append((imported, True))
    files = set()
    for module in followed | parents:
        path = _module_path(module)
        files.add(path)
        if path.name == "__init__.py":
            files.update(_data_files(path.parent))
    return sorted(files)


def _packages_of(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _module_path(module: str) -> Path | None:
    parts = module.split(".")
    if parts[0] != "aligner":
        return None
    base = _PACKAGE.joinpath(*parts[1:])
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return base.with_suffix(".py") if base.with_suffix(".py").is_file() else None


def imported_modules(module: str, path: Path, *, references: bool = False) -> set[str]:
    """The aligner modules (and names that may be modules) that `module`, whose source is `path`,
    imports anywhere, inside functions too; with `references`, also the "aligner.x:Name" strings a
    registry imports on first use."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            # `from . import vocabulary` imports a module, `from .x import name` perhaps one too
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif references and isinstance(node, ast.Constant) and isinstance(node.value, str):
            reference = _CODE_REFERENCE.match(node.value)
            if reference:
                found.add(reference.group(1))
    return {name for name in found if name.split(".")[0] == "aligner"}


def _data_files(folder: Path) -> list[Path]:
    """The files beside a package's modules that are not code: word lists, models, tables (in
    sub-folders too, down to the next package)."""
    files = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and path.name != "__pycache__" and not (path / "__init__.py").exists():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file() and path.suffix not in (".py", ".pyc"):
            files.append(path)
    return files


def model_folder(cache_dir: Path | str | None) -> Path:
    """Where model files assembled from a package (the llm's GGUF) are kept."""
    return Path(cache_dir if cache_dir is not None else DEFAULT_CACHE_DIR) / "models"


class Store:
    """One table of the cache file: keys (from `content_key`) to bytes.

    With no folder it keeps nothing and finds nothing, so callers need not test for a cache.
    """

    def __init__(self, cache_dir: Path | str | None, table: str):
        self.path = Path(cache_dir) / _FILE_NAME if cache_dir is not None else None
        self.table = table
        self._db: sqlite3.Connection | None = None
        self._unwritable = False

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=60)
                db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value BLOB)")
            except sqlite3.DatabaseError as exc:
                raise self._error(exc) from None
            except OSError as exc:
                raise OutputError(
                    f"cannot open the cache ({exc.strerror})", path=self.path, fix="choose a writable --cache folder"
                ) from None
            self._db = db
        return self._db

    def _error(self, exc: sqlite3.Error) -> OutputError:
        if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
            full = "full" in str(exc)
            return OutputError(
                f"cannot open the cache ({exc})",
                path=self.path,
                fix="free disk space or choose another --cache folder" if full else "choose a writable --cache folder",
            )
        return OutputError(
            f"the cache file is corrupt ({exc})",
            path=self.path,
            fix=f"delete it (rm -r {self.path.parent}) and build again: it only holds what a build can compute again",
        )

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        db = self._connection()
        if db is None:
            return {}
        unique = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                query = f"SELECT key, value FROM {self.table} WHERE key IN ({','.join('?' * len(chunk))})"
                found.update(db.execute(query, chunk))
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None
        return found

    def get(self, key: str) -> bytes | None:
        return self.get_many([key]).get(key)

    def put_many(self, entries: dict[str, bytes]) -> None:
        """Store `entries`; a cache that cannot take them (a full disk, a read-only file) costs later
        builds time, not this build: one warning, and nothing more is stored in it."""
        if self._unwritable or not entries or self._connection() is None:
            return
        try:
            self._put(entries)
        except sqlite3.OperationalError as exc:
            self._unwritable = True
            log.warning(
                "%s: the cache cannot store what this build computes (%s); later builds will compute it "
                "again — free disk space or choose another --cache",
                self.path,
                exc,
            )
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None

    def _put(self, entries: dict[str, bytes]) -> None:
        with self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)", list(entries.items())
            )

    def put(self, key: str, value: bytes) -> None:
        self.put_many({key: value})


# Segmented editions ---------------------------------------------------------------------------

# Everything that turns text into an `Edition`: a change to any of it re-segments.
_EDITION_CODE = ("aligner.ingest", "aligner.segment")
_EDITION_LIBRARIES = ("pythainlp", "regex")


def edition_key(text: str, lang: str, edition_id: str, source: str, *, presplit: bool = False) -> str:
    return content_key(
        code_fingerprint(_EDITION_CODE, _EDITION_LIBRARIES),
        lang,
        edition_id,
        source,
        "presplit" if presplit else "repair",
        text,
    )


class EditionCache:
    """Segmented editions: ingesting and segmenting the Thai chapter loads PyThaiNLP's trie and tagger
    and scores every space (about 3 s)."""

    def __init__(self, cache_dir: Path | str | None):
        self.store = Store(cache_dir, "editions")

    def get(self, key: str):
        from .document import Edition

        blob = self.store.get(key)
        if blob is None:
            return None
        try:
            edition = pickle.loads(zlib.decompress(blob))
        except Exception as exc:  # any unreadable entry is a miss, never a failed build
            log.info("ignoring an unreadable cached edition (%s)", exc)
            return None
        return edition if isinstance(edition, Edition) else None

    def put(self, key: str, edition) -> None:
        self.store.put(key, zlib.compress(pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL)))


# Translations ---------------------------------------------------------------------------------


class TranslationCache:
    """English lines by (translator provenance, source text): a rebuild translates only sentences whose
    text changed, or all of them when the model, the dictionaries or the code changed."""

    def __init__(self, cache_dir: Path | str | None):
        self.store = Store(cache_dir, "translations")

    def get_many(self, provenance_key: str, texts: list[str]) -> dict[str, str]:
        wanted = {content_key(provenance_key, t): t for t in texts}
        return {wanted[k]: v.decode("utf-8") for k, v in self.store.get_many(wanted).items()}

    def put_many(self, provenance_key: str, translations: dict[str, str]) -> None:
        self.store.put_many({content_key(provenance_key, t): e.encode("utf-8") for t, e in translations.items()})


# Embeddings -----------------------------------------------------------------------------------


class VectorCache:
    """Vectors by (encoder id, text). `kind` "sparse" stores only the non-zero terms."""

    def __init__(self, cache_dir: Path | str | None):
        self.store = Store(cache_dir, "embeddings")

    def get_many(self, model_id: str, texts: Iterable[str], kind: str = "dense") -> dict[str, np.ndarray]:
        wanted = {content_key(model_id, t): t for t in texts}
        return {wanted[k]: _unpack(v, kind) for k, v in self.store.get_many(wanted).items()}

    def put_many(self, model_id: str, vectors: dict[str, np.ndarray], kind: str = "dense") -> None:
        self.store.put_many({content_key(model_id, t): _pack(v, kind) for t, v in vectors.items()})


def _pack(vector: np.ndarray, kind: str) -> bytes:
    if kind != "sparse":
        return vector.astype(np.float32).tobytes()
    nonzero = np.flatnonzero(vector).astype(np.int32)
    header = np.array([vector.shape[0], len(nonzero)], dtype=np.int32)
    return header.tobytes() + nonzero.tobytes() + vector[nonzero].astype(np.float32).tobytes()


def _unpack(blob: bytes, kind: str) -> np.ndarray:
    if kind != "sparse":
        return np.frombuffer(blob, dtype=np.float32)
    size, count = np.frombuffer(blob[:8], dtype=np.int32)
    indices = np.frombuffer(blob[8 : 8 + 4 * count], dtype=np.int32)
    values = np.frombuffer(blob[8 + 4 * count :], dtype=np.float32)
    dense = np.zeros(int(size), dtype=np.float32)
    dense[indices] = values
    return dense


# Compiled tables ------------------------------------------------------------------------------


def cached_table(cache_dir: Path | str | None, name: str, stamp: list[str], compile_table: Callable[[], dict]) -> dict:
    """A JSON-serialisable table compiled from files (a dictionary), kept until `stamp` changes."""
    store = Store(cache_dir, "lexicons")
    key = content_key(name, *stamp)
    try:
        blob = store.get(key)
    except OutputError as error:  # a read-only cache only costs time
        log.debug("lexicon cache not readable: %s", error)
        blob, store = None, Store(None, "lexicons")
    if blob is not None:
        try:
            return json.loads(blob.decode("utf-8"))
        except ValueError:
            pass
    table = compile_table()
    try:
        store.put(key, json.dumps(table, ensure_ascii=False).encode("utf-8"))
    except (OutputError, sqlite3.Error) as error:
        log.debug("lexicon cache not written: %s", error)
    return table
