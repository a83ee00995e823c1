"""What each framing of the `llm` translator gives, alone and chosen among, on a sample of a bench.

    python benchmarks/llm_framings.py --bench ../shared/bench/gold/dev --lang th --every 3 \
        [--dump lines.json] [--scorer ../shared/bench/score.py] [--cache DIR]

Every `--every`-th sentence of the bench's ``mt_refs.json`` is translated under each framing once
(`LlmTranslator.framing_lines`), then scored with the bench scorer's corpus chrF: each framing alone
(where it has no line, the first framing's line stands in), the choice among the framings without
the clause-by-clause line (as the translator chose before it had one), the choice among all, and the
best line per sentence by its own chrF (an oracle: what a perfect choice could reach). Works on any
folder with an ``mt_refs.json`` (``benchmarks/ntrex_bench.py`` writes one from NTREX-128). Slow: a few
seconds a sentence and framing on two cores. Needs the `llm` extra.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
from pathlib import Path

from aligner.translate.llm import LlmTranslator
from aligner.translate.quality import Candidate, choose_lines

FRAMINGS = ("chat", "completion", "general", "post-edit", "clauses")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("bench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, required=True)
    parser.add_argument("--lang", choices=("hi", "th"), required=True)
    parser.add_argument("--every", type=int, default=3)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--scorer", type=Path, default=Path("../shared/bench/score.py"))
    parser.add_argument("--cache", type=Path, default=Path(".aligner-cache"))
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    scorer = load_scorer(options.scorer)
    rows = json.loads((options.bench / "mt_refs.json").read_text(encoding="utf-8"))[:: options.every]
    translator = LlmTranslator(cache_dir=options.cache)
    sources = [row[options.lang] for row in rows]
    references = [row["en"] for row in rows]
    glosses = translator._glosser().translate(sources, options.lang)
    lines = []
    for done, (source, gloss) in enumerate(zip(sources, glosses), 1):
        lines.append(translator.framing_lines(source, options.lang, gloss))
        print(f"\r{done}/{len(sources)} sentences", end="", flush=True)
    print()
    if options.dump:
        options.dump.write_text(
            json.dumps(
                [
                    {
                        "source": s,
                        "reference": r,
                        "gloss": g,
                        "lines": {name: [c.text, c.from_gloss] for name, c in found.items()},
                    }
                    for s, r, g, found in zip(sources, references, glosses, lines)
                ],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )

    def chrf(hypotheses: list[str]) -> float:
        return scorer.chrf(hypotheses, references)

    def chosen(names: tuple[str, ...]) -> list[str]:
        options_per_sentence = [
            [c for name, c in found.items() if name in names or name == "unquoted"] for found in lines
        ]
        return choose_lines(
            sources,
            [[c for c in group if c.text] for group in options_per_sentence],
            glosses,
            translator.quality_encoder(),
        )

    print(f"{options.lang}→en, {len(sources)} sentences of {options.bench}")
    for name in FRAMINGS:
        alone = [found.get(name, Candidate("")).text or found["chat"].text for found in lines]
        present = sum(1 for found in lines if found.get(name, Candidate("")).text)
        print(f"  {name:12} alone: chrF {chrf(alone):.2f} ({present} lines of its own)")
    print(f"  chosen among the four without clauses: chrF {chrf(chosen(FRAMINGS[:4])):.2f}")
    print(f"  chosen among all five:                 chrF {chrf(chosen(FRAMINGS)):.2f}")
    oracle = [
        max((c.text for c in found.values() if c.text), key=lambda t: scorer.chrf([t], [ref]), default="")
        for found, ref in zip(lines, references)
    ]
    print(f"  oracle (best line per sentence):       chrF {chrf(oracle):.2f}")


if __name__ == "__main__":
    main()
