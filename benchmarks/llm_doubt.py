"""Where the `llm` translator's doubt threshold lies: chrF and time for each threshold, on one run.

    python benchmarks/llm_doubt.py --bench ../shared/bench/gold/dev --lang hi --lang th \
        [--every 1] [--dump lines.json] [--load lines.json] [--scorer ../shared/bench/score.py] \
        [--cache DIR] [--threads N]

Every `--every`-th sentence of the bench's ``mt_refs.json`` is translated under the first pass's framings
and, whatever its score, the second pass's, each pass timed and decoded exactly as
`LlmTranslator.translate` decodes it (one batch per pass and sentence, so a line here is the line the
translator gives). Then, for each threshold, the lines the translator would keep (the second pass only
for the sentences whose best first line scores below it) are scored with the bench scorer's corpus
chrF, with the time the passes it would have run took. `--dump` keeps the lines and times, `--load`
scores a dump again without the model. Needs the `llm` extra; about 2 s a sentence on two cores.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import time
from pathlib import Path

from aligner.translate.llm import DOUBT_BELOW, FIRST_PASS, LlmTranslator, second_pass
from aligner.translate.quality import Candidate, choose_lines, doubtful, score_options

THRESHOLDS = (0.0, 0.9, 1.0, 1.05, 1.1, 1.125, 1.15, 1.175, 1.2, 1.25, 1.3, 1.4, float("inf"))


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("bench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(translator: LlmTranslator, rows: list[dict], lang: str) -> list[dict]:
    sources = [row[lang] for row in rows]
    glosses = translator._glosser().translate(sources, lang)
    translator._complete(translator.completion_prompt, (sources[0], lang))  # load the model outside the times
    found = []
    step = translator.sentences_per_batch
    for start in range(0, len(rows), step):
        group = range(start, min(len(rows), start + step))
        started = time.perf_counter()
        firsts = translator.framing_lines_of([sources[i] for i in group], lang, [glosses[i] for i in group], FIRST_PASS)
        middle = time.perf_counter()
        mores = translator.framing_lines_of(
            [sources[i] for i in group], lang, [glosses[i] for i in group], second_pass(lang)
        )
        for i, first, more in zip(group, firsts, mores):
            more |= translator._unquoted(sources[i], lang, first | more)
        ended = time.perf_counter()
        for i, first, more in zip(group, firsts, mores):
            # A batch's time is shared out evenly among its sentences.
            found.append(
                {
                    "id": rows[i]["id"],
                    "source": sources[i],
                    "reference": rows[i]["en"],
                    "gloss": glosses[i],
                    "first": {name: list(c) for name, c in first.items()},
                    "more": {name: list(c) for name, c in more.items()},
                    "first_seconds": (middle - started) / len(group),
                    "more_seconds": (ended - middle) / len(group),
                }
            )
        print(f"\r{lang}: {len(found)}/{len(rows)} sentences", end="", flush=True)
    print()
    return found


def report(found: list[dict], lang: str, scorer, encoder) -> None:
    sources, glosses = [f["source"] for f in found], [f["gloss"] for f in found]
    references = [f["reference"] for f in found]
    first = [[Candidate(*c) for c in f["first"].values() if c[0]] for f in found]
    more = [[Candidate(*c) for c in f["more"].values() if c[0]] for f in found]
    scores = score_options(sources, first, glosses, encoder)
    first_seconds = sum(f["first_seconds"] for f in found)
    print(f"{lang}→en, {len(found)} sentences; first pass alone {first_seconds:.0f} s")
    for name in (*FIRST_PASS, *second_pass(lang)):
        alone = [(f["first"] | f["more"]).get(name, [""])[0] or f["first"]["completion"][0] for f in found]
        print(f"  {name:12} alone: chrF {scorer.chrf(alone, references):.2f}")
    for below in THRESHOLDS:
        doubted = set(doubtful(scores, below))
        options = [f + m if i in doubted else f for i, (f, m) in enumerate(zip(first, more))]
        lines = choose_lines(sources, options, glosses, encoder)
        seconds = first_seconds + sum(found[i]["more_seconds"] for i in doubted)
        mark = " (DOUBT_BELOW)" if below == DOUBT_BELOW.get(lang) else ""
        print(
            f"  doubt below {below:<5g}: {len(doubted):3d} doubtful, chrF {scorer.chrf(lines, references):.2f}, "
            f"{seconds:.0f} s, {len(found) / seconds:.2f} sentences/s{mark}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, required=True)
    parser.add_argument("--lang", choices=("hi", "th"), action="append", required=True)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--load", type=Path)
    parser.add_argument("--scorer", type=Path, default=Path("../shared/bench/score.py"))
    parser.add_argument("--cache", type=Path, default=Path(".aligner-cache"))
    parser.add_argument(
        "--sentences-per-batch", type=int, default=None, help="sentences decoded together (default: the translator's)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        help="llama.cpp threads (default: every CPU); 1 on a machine "
        "another job shares, where two threads wait on each other",
    )
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    scorer = load_scorer(options.scorer)
    translator = LlmTranslator(
        cache_dir=options.cache,
        threads=options.threads,
        **({"sentences_per_batch": options.sentences_per_batch} if options.sentences_per_batch else {}),
    )
    rows = json.loads((options.bench / "mt_refs.json").read_text(encoding="utf-8"))[:: options.every]
    dumped = json.loads(options.load.read_text(encoding="utf-8")) if options.load else {}
    for lang in options.lang:
        if lang not in dumped:
            dumped[lang] = run(translator, rows, lang)
            if options.dump:
                options.dump.write_text(json.dumps(dumped, ensure_ascii=False, indent=1), encoding="utf-8")
    for lang in options.lang:
        report(dumped[lang], lang, scorer, translator.quality_encoder())


if __name__ == "__main__":
    main()
