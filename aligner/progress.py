"""How long work reports its progress without printing: the library calls a `Progress`; the CLI
decides what the user sees (a bar on a terminal, plain lines in a log, nothing under ``-q``).

A stage is opened with a total and advanced item by item::

    with progress.stage("embed", total=len(texts)) as step:
        for batch in batches:
            ...
            step.advance(len(batch), "th")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Step(Protocol):
    def advance(self, count: int = 1, item: str = "") -> None: ...


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None): ...


class _NoStep:
    def advance(self, count: int = 1, item: str = "") -> None:
        pass


class NoProgress:
    """Reports nothing: the default of every library function that takes a `progress`."""

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Step]:
        yield _NoStep()


NO_PROGRESS = NoProgress()
