"""Atomic file output.

`atomic_write_bytes` writes one file to a temporary file beside it, then renames it over the old
one: an interrupted run leaves the previous file intact, never half a file.

`write_output_set` writes the whole set of files one build makes. Every file goes first into a
staging folder inside the output folder (``.aligner-staging/``), and only when all are on disk, and
every place they go to is known to take them, is the set switched in: a journal naming the moves is
written, then renames only (milliseconds, Ctrl-C held off), then the outputs no longer made are
removed. A failure before the switch (a full disk, a blocked path, Ctrl-C, a kill) leaves the
previous set whole; a build killed during the switch is finished by `recover_output_set`, which the
next build calls before it reads anything back.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .errors import OutputError
from .progress import NO_PROGRESS, Progress

log = logging.getLogger(__name__)

STAGING = ".aligner-staging"
_JOURNAL = ".switch.json"


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write here ({exc.strerror})",
            path=path.parent,
            fix="choose a writable output folder (--out) or fix its permissions",
        ) from None
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
            raise OutputError(
                f"cannot be written ({exc.strerror})", path=path, fix="free disk space or choose another output folder"
            ) from None
        raise
    return path


def atomic_write_text(path: Path | str, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_output_set(
    out: Path, files: list[tuple[str, bytes]], remove: list[str] = (), progress: Progress = NO_PROGRESS
) -> tuple[list[Path], list[Path]]:
    """Write `files` (paths relative to `out`, in the order given) and remove the outputs `remove`, so
    that `out` holds the previous set or the new one. Returns (files written, files removed)."""
    out = Path(out)
    recover_output_set(out)
    staging = out / STAGING
    try:
        staging.mkdir(parents=True)
        with progress.stage("write", total=len(files)) as step:
            for name, data in files:
                try:
                    _write_new(staging / name, data)
                except OSError as exc:
                    raise OutputError(
                        f"cannot be written ({exc.strerror}); the previous outputs are untouched",
                        path=out / name,
                        fix="free disk space or choose another --out folder",
                    ) from None
                step.advance(1, str(out / name))
        _check_places(out, staging, [name for name, _ in files])
        _write_new(
            staging / (_JOURNAL + ".new"),
            json.dumps({"move": [name for name, _ in files], "remove": list(remove)}).encode("utf-8"),
        )
        os.replace(staging / (_JOURNAL + ".new"), staging / _JOURNAL)
    except OSError as exc:
        _discard(staging)
        raise OutputError(
            f"cannot stage the outputs here ({exc.strerror}); the previous outputs are untouched",
            path=staging,
            fix="free disk space or choose a writable --out folder",
        ) from None
    except BaseException:
        _discard(staging)
        raise
    return _switch(out, staging)


def recover_output_set(out: Path) -> None:
    """Finish the switch of a build killed while switching its outputs in, or throw away the staged
    files of a build that did not get that far."""
    staging = Path(out) / STAGING
    if not staging.is_dir():
        return
    if (staging / _JOURNAL).is_file():
        written, _ = _switch(Path(out), staging)
        log.warning(
            "%s: finished switching in the outputs of a build interrupted while it did so (%d files)", out, len(written)
        )
    else:
        _discard(staging)
        log.info("%s: removed the staged outputs of a build interrupted before it switched them in", out)


def _write_new(path: Path, data: bytes) -> None:
    """A new file in the staging folder, written through to the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def _check_places(out: Path, staging: Path, names: list[str]) -> None:
    """Every place an output goes takes it: no folder where a file goes, no file where a folder goes,
    the same file system as the staging folder (a rename cannot cross one). Missing folders are made."""
    device = staging.stat().st_dev
    root = out.resolve()
    for name in names:
        target = out / name
        folder = target.parent
        if not _resolves_inside(target, root):
            raise OutputError(
                "this output would be written outside the output folder (a folder on its way is a "
                "link leading out of it)",
                path=target,
                fix="replace the link by a folder; the previous outputs are untouched",
            )
        for parent in [folder, *folder.parents]:
            if parent == out or not parent.is_relative_to(out):
                break
            if parent.exists() and not parent.is_dir():
                raise OutputError(
                    "a file is where a folder of outputs goes",
                    path=parent,
                    fix="move it away; the previous outputs are untouched",
                )
        if target.is_dir():
            raise OutputError(
                "a folder is where this output goes",
                path=target,
                fix="move it away; the previous outputs are untouched",
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot make this folder ({exc.strerror})",
                path=folder,
                fix="fix its permissions; the previous outputs are untouched",
            ) from None
        if not os.access(folder, os.W_OK):
            raise OutputError(
                "this folder is not writable",
                path=folder,
                fix="fix its permissions; the previous outputs are untouched",
            )
        if folder.stat().st_dev != device:
            raise OutputError(
                "this folder is on another file system than the output folder",
                path=folder,
                fix="keep the outputs' folders on one file system; the previous outputs are untouched",
            )


def _switch(out: Path, staging: Path) -> tuple[list[Path], list[Path]]:
    """The renames recorded in the journal, then the removals; safe to run again after a kill."""
    journal = _read_journal(out, staging)
    written, removed = [], []
    with _holding_off_ctrl_c():
        try:
            for name in journal["move"]:
                if (staging / name).exists():
                    os.replace(staging / name, out / name)
                written.append(out / name)
            for name in journal["remove"]:
                try:
                    (out / name).unlink()
                except FileNotFoundError:
                    continue
                removed.append(out / name)
            shutil.rmtree(staging)
        except OSError as exc:
            raise OutputError(
                f"the switch to the new outputs stopped midway ({exc.strerror})",
                path=out,
                fix="fix the cause and run the build again: it finishes the switch first",
            ) from None
    return written, removed


def _read_journal(out: Path, staging: Path) -> dict[str, list[str]]:
    """The journal of a switch, every name in it checked before anything is renamed or removed: the
    journal is a file on disk that anyone who can write to `out` can craft, and the switch must never
    reach outside `out` (an absolute path, a ``..``, a folder linked to elsewhere)."""
    path = staging / _JOURNAL
    refuse = f"delete the folder {staging} (no build of aligner wrote this journal); the outputs in {out} are untouched"
    if staging.is_symlink():
        raise OutputError(
            "the staging folder is a link, and a build only switches in files it staged inside the output folder",
            path=staging,
            fix=refuse,
        )
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise OutputError(
            f"cannot read the journal of an interrupted build ({type(exc).__name__})", path=path, fix=refuse
        ) from None
    if not (
        isinstance(journal, dict)
        and all(
            isinstance(journal.get(key), list) and all(isinstance(name, str) for name in journal[key])
            for key in ("move", "remove")
        )
    ):
        raise OutputError(
            "the journal of an interrupted build is not two lists of file names (move, remove)", path=path, fix=refuse
        )
    root = out.resolve()
    for name in (*journal["move"], *journal["remove"]):
        relative = PurePosixPath(name)
        if (
            not name
            or relative.is_absolute()
            or ".." in relative.parts
            or "\\" in name
            or "\0" in name
            or not _resolves_inside(out / name, root)
            or not _resolves_inside(staging / name, staging.resolve())
        ):
            raise OutputError(
                f"the journal of an interrupted build names {name!r}, which is not inside the output folder",
                path=path,
                fix=refuse,
            )
    return journal


def _resolves_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, its links followed (it need not exist), is `folder` or below it, and not `folder` itself."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    return resolved != folder and resolved.is_relative_to(folder)


@contextmanager
def _holding_off_ctrl_c():
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to hold
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
