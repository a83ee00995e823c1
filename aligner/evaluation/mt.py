"""The English layer on the bench: translate the Hindi and Thai of ``mt_refs.json`` (never reading
its English) with one translator, write ``mt_hi_en.json`` / ``mt_th_en.json``, and time it."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from . import write_json

log = logging.getLogger(__name__)


def run_mt(bench: Path, out: Path, options: dict) -> list[Path]:
    from ..translate import translator_for

    name = options.get("translator", "gloss")
    translator = translator_for(name, cache_dir=options.get("cache"))
    rows = json.loads((bench / "mt_refs.json").read_text(encoding="utf-8"))
    written = []
    speed = options.setdefault("speed", {})
    for lang in ("hi", "th"):
        items = [(row["id"], row[lang]) for row in rows if row.get(lang)]
        if not items or not translator.supports(lang):
            continue
        translator.translate([items[0][1]], lang)  # load models and dictionaries outside the timing
        started = time.perf_counter()
        english = translator.translate([text for _, text in items], lang)
        seconds = time.perf_counter() - started
        rate = len(items) / max(seconds, 1e-9)
        speed[f"mt_{lang}_en"] = f"{name}: {rate:.{1 if rate < 10 else 0}f} sentences/s"
        written.append(write_json(out / f"mt_{lang}_en.json", {i: e for (i, _), e in zip(items, english)}))
    return written
