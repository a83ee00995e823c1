"""A small registry of named implementations, loaded lazily (sacrebleu / translate-toolkit style).

Entries are either objects or "package.module:attribute" strings imported on first `get`, so that
registering a segmenter or translator never imports its heavy dependencies.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Generic, TypeVar

from .errors import UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str):
        self.kind = kind
        self._entries: dict[str, object] = {}

    def register(self, name: str, target: str | Callable[..., T]) -> None:
        self._entries[name] = target

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def get(self, name: str) -> Callable[..., T]:
        try:
            target = self._entries[name]
        except KeyError:
            raise UnknownNameError(self.kind, name, self.names()) from None
        if isinstance(target, str):
            module_name, _, attribute = target.partition(":")
            target = getattr(import_module(module_name), attribute)
            self._entries[name] = target
        return target  # type: ignore[return-value]
