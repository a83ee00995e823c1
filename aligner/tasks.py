"""Where the per-document work of a build runs: in this process, in local worker processes, or on a
Dask cluster — through one `concurrent.futures` interface, with no scheduler of our own.

Each task is a module-level function of picklable arguments that reads and writes only the
content-addressed cache (SQLite, safe for several writers), so a task gives the same result on any
worker, an interrupted build resumes from what the cache holds, and the outputs do not depend on
where the work ran. Results come back in task order; progress advances as each task finishes. What
a task logs in a worker (a mode decision, a warning about a text) is sent back with its result and
logged here, so a parallel build says what a one-process build says.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any

from .errors import AlignerError, MissingPackageError

log = logging.getLogger(__name__)


@contextmanager
def executor_for(workers: int = 1, scheduler: str | None = None) -> Iterator[Executor | None]:
    """None (run here, one task after another) for one local worker; a pool of `workers` processes
    (started fresh, not forked from a process that may hold model threads); or the executor of the
    Dask cluster at `scheduler` (``tcp://host:port``)."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise MissingPackageError("dask.distributed (for --scheduler)", "pip install 'aligner[cluster]'") from None
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise AlignerError(
                f"cannot reach the Dask scheduler at {scheduler} ({error})",
                fix="start it (`dask scheduler`), check the address, or build without --scheduler",
            ) from None
        try:
            yield client.get_executor()
        finally:
            client.close()
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool
    else:
        yield None


def run_tasks(
    function: Callable[..., Any],
    tasks: Sequence[tuple],
    executor: Executor | None,
    done: Callable[[int, Any], None] = lambda index, result: None,
) -> list[Any]:
    """`function(*task)` for every task, results in task order; `done(index, result)` as each one
    finishes (in finishing order). The first task to fail stops the rest and its error is raised."""
    if executor is None:
        results = []
        for index, task in enumerate(tasks):
            results.append(function(*task))
            done(index, results[-1])
        return results
    level = logging.getLogger().getEffectiveLevel()
    futures = {executor.submit(logged_call, function, level, *task): index for index, task in enumerate(tasks)}
    results: list[Any] = [None] * len(tasks)
    try:
        for future in as_completed(futures):
            index = futures[future]
            results[index], records = future.result()
            for record in records:
                logging.getLogger(record.name).handle(record)
            done(index, results[index])
    except BrokenExecutor as error:
        raise AlignerError(
            f"a worker process stopped before its task was done ({error})",
            fix="build again with fewer --workers (each loads its own models), or without --workers",
        ) from None
    finally:
        for future in futures:
            future.cancel()
    return results


class _Collect(logging.Handler):
    """Keeps the records this thread logs (a Dask worker runs other tasks in other threads)."""

    def __init__(self, level: int):
        super().__init__(level)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            # Formatted here: the arguments of a message need not pickle, and a traceback cannot.
            record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
            self.records.append(record)


_LEVEL_LOCK = threading.Lock()
_RUNNING: list[int] = []  # the levels asked for by the calls running in this process
_OWN_LEVEL: list[int] = []  # the root logger's level before the first of them


def _root_level() -> int:
    """The lowest level a running call asked for (or the worker's own, if lower and set); the worker's
    own once none runs."""
    own = _OWN_LEVEL[0]
    return min(_RUNNING + ([own] if own else [])) if _RUNNING else own


def logged_call(function: Callable[..., Any], level: int, *args) -> tuple[Any, list[logging.LogRecord]]:
    """`function(*args)` in a worker, with the records it logs at `level` or above (the level of the
    process that asked), for that process to log. Calls running side by side in one worker's threads
    share the lowered root level; the last to finish puts the worker's own back."""
    root = logging.getLogger()
    collect = _Collect(level)
    with _LEVEL_LOCK:
        if not _RUNNING:
            _OWN_LEVEL[:] = [root.level]
        _RUNNING.append(level)
        root.setLevel(_root_level())
        root.addHandler(collect)
    try:
        return function(*args), collect.records
    finally:
        with _LEVEL_LOCK:
            root.removeHandler(collect)
            _RUNNING.remove(level)
            root.setLevel(_root_level())
