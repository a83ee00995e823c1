"""Atomic file output (write to a temporary file beside the target, then rename over it) and the
on-disk caches' SQLite files.

An interrupted run (Ctrl-C, a kill, a full disk) leaves the previous file intact, never half a file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .errors import OutputError


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror})", path=path.parent,
                          fix="choose a writable output folder (--out) or fix its permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot be written ({exc.strerror})", path=path,
                              fix="free disk space or choose another output folder") from None
        raise
    return path


def atomic_write_text(path: Path | str, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def open_cache(path: Path, table: str, what: str) -> sqlite3.Connection:
    """The SQLite file of one cache (`table`: its columns), created if missing; `what` names it in errors."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"cannot open the {what} cache ({exc})", path=path,
                          fix="choose a writable --cache folder") from None
    return db


_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=16)
def code_fingerprint(parts: tuple[str, ...], libraries: tuple[str, ...] = ()) -> str:
    """A hash of the package's own files under `parts` (paths relative to the package) and of the
    installed versions of `libraries`: a cache keyed by it is invalidated by any change to them."""
    digest = hashlib.sha256()
    for name in parts:
        root = _PACKAGE / name
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    for library in libraries:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}={version}\x00".encode())
    return digest.hexdigest()
