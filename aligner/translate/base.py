"""The interface every translator implements: a provenance record and a batch `translate`."""

from __future__ import annotations

from pathlib import Path

from ..document import Provenance


class Translator:
    """Translates sentences of one language into English.

    `provenance(lang)` says who made the lines (kind 'machine' or 'gloss', engine, model, version,
    resources); it is also the cache key, so changing a model or dictionary re-translates.
    Heavy models load on the first `translate`, never in `__init__`.
    """

    name: str = ""
    languages: tuple[str, ...] = ()

    def __init__(self, cache_dir: Path | str | None = None):
        """`cache_dir`: where a translator keeps what it compiles or unpacks once (lexicons, models)."""
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None

    def provenance(self, lang: str) -> Provenance:
        raise NotImplementedError(f"{type(self).__name__}.provenance")

    def translate(self, texts: list[str], lang: str) -> list[str]:
        raise NotImplementedError(f"{type(self).__name__}.translate")

    def supports(self, lang: str) -> bool:
        return lang in self.languages

    @classmethod
    def missing(cls) -> str | None:
        """What must be installed or configured before this translator can run, or None if ready."""
        return None
