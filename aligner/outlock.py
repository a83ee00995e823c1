"""One lock on an output folder, so that a build and a review server never write it at once.

A build reads the review decisions back at its start and switches its outputs in at its end: a
decision saved in between would be overwritten by the switch. So whoever writes an output folder
holds its lock for as long as it may write: a build for its whole run, a review server for its
whole life. The second one to come refuses with one line naming the folder.

The lock is the operating system's ``flock`` on the folder itself, so no file is added to the
outputs; it goes with the process that held it, so a killed build or server leaves no stale lock.
Where folders cannot be locked (Windows) it is ``msvcrt.locking`` on ``<out>/.aligner-lock``.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

log = logging.getLogger(__name__)

LOCK_FILE = ".aligner-lock"  # Windows only


class FolderBusy(OutputError):
    """Another build or review server holds the output folder."""


@contextmanager
def holding(out: Path | str, who: str):
    """Hold the lock of the output folder `out` (made if missing) while the block runs; `who` ("build",
    "review server") says in the refusal what wanted it."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = _open(out)
    except OSError as exc:
        raise OutputError(
            f"cannot lock this folder ({exc.strerror})",
            path=out,
            fix="choose a writable output folder (--out) or fix its permissions",
        ) from None
    try:
        if not _try_lock(fd):
            raise FolderBusy(
                f"another aligner is writing this folder (a review server or a build), so this {who} "
                "would overwrite its work",
                path=out,
                fix="wait for the build to end, or stop the review server (Ctrl-C), then try again",
            )
        log.debug("%s: %s holds the folder", out, who)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def holds_output_folder(who: str):
    """Decorate a function with an ``out`` argument so that it runs holding that folder's lock."""

    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def run(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            with holding(bound.arguments["out"], who):
                return function(*args, **kwargs)

        return run

    return decorate


def _open(out: Path) -> int:
    try:
        import fcntl  # noqa: F401
    except ImportError:  # Windows: a folder cannot be opened to lock it
        return os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    return os.open(out, os.O_RDONLY)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
