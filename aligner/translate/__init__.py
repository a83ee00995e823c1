"""The English translation layer: translators behind one registry, a cache, and human lines that win.

``translator_for("gloss")`` returns a `Translator`; `english_layer` gives an edition its English
lines: the translator's (from the cache where the sentence was translated before) plus the human
lines imported from a sidecar, TMX or TEI. A human line is never replaced; when its source sentence
changed since it was written it is kept and marked stale.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cache import TranslationCache
from ..document import Edition, EnglishLine, text_hash
from ..errors import UnknownNameError
from ..registry import Registry
from ..xmltext import xml_safe
from .base import Translator

log = logging.getLogger(__name__)

TRANSLATORS: Registry[Translator] = Registry("translator")
TRANSLATORS.register("gloss", "aligner.translate.gloss:GlossTranslator")
TRANSLATORS.register("llm", "aligner.translate.llm:LlmTranslator")
TRANSLATORS.register("ct2", "aligner.translate.ct2:Ct2Translator")
#: translators whose name may carry what they need after a colon (``ct2:hi=/models/opus-mt-hi-en``)
TAKES_A_SPEC = ("ct2",)


def translator_names() -> list[str]:
    return TRANSLATORS.names()


def translator_catalogue() -> list[tuple[str, str, str | None]]:
    """(name, one-line description, what is missing or None) for every registered translator."""
    rows = []
    for name in TRANSLATORS.names():
        factory = TRANSLATORS.get(name)
        description = (sys.modules[factory.__module__].__doc__ or "").strip()
        rows.append((name, description.splitlines()[0] if description else "", factory.missing()))
    return rows


def translator_for(name: str, **options) -> Translator:
    """``translator_for("gloss")``; a name may carry a specification: ``translator_for("ct2:/models/nllb")``."""
    base, colon, spec = name.partition(":")
    factory = TRANSLATORS.get(base)
    if colon:
        if base not in TAKES_A_SPEC:
            raise UnknownNameError("translator", name, TRANSLATORS.names())
        options["spec"] = spec
    return factory(**options)


@dataclass
class LayerReport:
    """What one edition's English layer holds: lines per provenance kind, stale human lines, human
    lines for sentences the edition does not have (left out), cache use."""

    by_kind: dict[str, int] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    translated: int = 0
    cached: int = 0


def english_layer(
    edition: Edition,
    translators: Iterable[Translator],
    *,
    cache: TranslationCache | None = None,
    human: Iterable[EnglishLine] = (),
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Edition, LayerReport]:
    """The edition with its English lines: one per translator per sentence, plus the human lines."""
    report = LayerReport()
    sentences = list(edition.sentences())
    lines: list[EnglishLine] = []
    for translator in translators:
        if not translator.supports(edition.lang):
            log.info("%s does not translate %s; skipped for %s", translator.name, edition.lang, edition.id)
            continue
        provenance = translator.provenance(edition.lang)
        texts = [s.text for s in sentences]
        known = cache.get_many(provenance.key, texts) if cache else {}
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            fresh = translator.translate(todo, edition.lang)
            known.update(zip(todo, fresh))
            if cache:
                cache.put_many(provenance.key, dict(zip(todo, fresh)))
        report.translated += len(todo)
        report.cached += len(set(texts)) - len(todo)
        for sentence in sentences:
            lines.append(EnglishLine(sentence.id, known[sentence.text], provenance, sentence.hash))
        if progress:
            progress(len(sentences), len(sentences))
    by_id = edition.sentence_index()
    for line in human:
        sentence = by_id.get(line.sentence_id)
        if sentence is None:  # `aligner build` stops before this, naming the file the line is in
            log.warning(
                "human English line for %s: %s has no such sentence (kept out of the layer)",
                line.sentence_id,
                edition.source,
            )
            report.unknown.append(line.sentence_id)
            continue
        # a line read back from XML was written for the sentence as XML holds it (`xml_safe`)
        stale = bool(line.source_hash) and line.source_hash not in (sentence.hash, text_hash(xml_safe(sentence.text)))
        if stale:
            report.stale.append(line.sentence_id)
        lines.append(replace(line, stale=stale))
    for line in lines:
        report.by_kind[line.provenance.kind] = report.by_kind.get(line.provenance.kind, 0) + 1
    return replace(edition, english=tuple(lines)), report


__all__ = [
    "TRANSLATORS",
    "LayerReport",
    "TranslationCache",
    "Translator",
    "english_layer",
    "translator_for",
    "translator_names",
]


def gloss_layers(
    editions: Iterable[Edition], cache: TranslationCache | None = None, cache_dir: Path | str | None = None
) -> list[Edition]:
    """Each edition with the offline gloss as its English layer where it has none yet (what matching
    comparable texts reads besides the sentence vectors). A language the gloss does not read, or a
    missing dictionary package, leaves the edition as it was, with one logged line."""
    from ..errors import AlignerError

    result = []
    gloss = None
    for edition in editions:
        if edition.english or edition.lang == "en":
            result.append(edition)
            continue
        try:
            gloss = gloss or translator_for("gloss", cache_dir=cache_dir)
            if gloss.supports(edition.lang):
                edition, _ = english_layer(edition, [gloss], cache=cache)
        except AlignerError as error:
            log.warning("%s: matched without an English layer (%s)", edition.id, error)
        result.append(edition)
    return result
