"""What `--mode auto` decides on whole translations, excerpts and texts that only share topics.

    python benchmarks/auto_mode.py --cache /tmp/cache21 \\
        --textberg-dev /path/to/vecalign/bleualign_data --mac-dev /path/to/mac-dev --ntrex /path/to/NTREX \\
        [--corpus texts/] [--bench ../shared/bench/gold/dev]

Development sets only, read as `benchmarks/ordered_dev_sets.py` reads them (see its docstring for
where each comes from). Cases, each with what it should be:

- translations: every Text+Berg dev / MAC-Dev / NTREX (hin–eng) document whole;
- excerpts: 60 French sentences out of the middle of Text+Berg dev against all its German; 25 Chinese
  sentences out of the middle of a MAC-Dev chapter against the whole English chapter; six English
  lines of each NTREX document of 18 sentences or more against the whole Hindi one (of a shorter
  text, six lines are most of it, and the aligner rightly gets the whole texts);
- comparable: each NTREX Hindi document against the *next* document's English (same genre, other
  story), the corpus's Hindi and Thai texts (`--corpus`), and the bench's thematic sets (`--bench`).

For an excerpt, a right answer also finds the stretch it translates: the printed region is checked
against where the excerpt was cut from.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ordered_dev_sets as dev_sets  # noqa: E402


def cases(args):
    """(name, source sentences, target sentences, expected mode, expected source/target region or None)."""
    if args.textberg_dev:
        document = dev_sets.textberg_dev(args.textberg_dev).documents[0]
        yield "textberg-dev", document.src, document.tgt, "translation", None
        gold_sources = sorted(i for s, t in document.gold if t and min(t) >= 200 and max(t) < 260 for i in s)
        yield (
            "textberg-dev excerpt",
            document.src,
            document.tgt[200:260],
            "translation",
            ((gold_sources[0], gold_sources[-1] + 1), (0, 60)),
        )
    if args.mac_dev:
        for document in dev_sets.mac_dev(args.mac_dev).documents:
            yield f"mac-dev {document.name}", document.src, document.tgt, "translation", None
            start = len(document.src) // 3
            targets = sorted(j for s, t in document.gold if s and start <= min(s) and max(s) < start + 25 for j in t)
            yield (
                f"mac-dev {document.name} excerpt",
                document.src[start : start + 25],
                document.tgt,
                "translation",
                ((0, 25), (targets[0], targets[-1] + 1)) if targets else None,
            )
    if args.ntrex:
        documents = dev_sets.ntrex(args.ntrex, "hin", "eng-US", args.ntrex_every).documents
        for document in documents:
            yield f"ntrex {document.name}", document.src, document.tgt, "translation", None
            if len(document.src) >= 18:  # an excerpt is at most a third of the text it comes from
                yield (
                    f"ntrex {document.name} excerpt",
                    document.src,
                    document.tgt[3:9],
                    "translation",
                    ((3, 9), (0, 6)),
                )
        for first, second in zip(documents, documents[1:]):
            yield f"ntrex {first.name} x {second.name}", first.src, second.tgt, "comparable", None
    if args.corpus:
        from aligner.ingest import load_edition

        hindi, thai = (next((args.corpus / lang).glob("*.txt")) for lang in ("hi", "th"))
        yield (
            "texts/ hi x th",
            [s.text for s in load_edition(hindi).sentences()],
            [s.text for s in load_edition(thai).sentences()],
            "comparable",
            None,
        )
    if args.bench:
        thematic = json.loads((args.bench / "thematic_hi_th.json").read_text(encoding="utf-8"))
        for variant in ("full", "partial"):
            flat = [
                [s for p in thematic[variant][lang] for s in (p if isinstance(p, list) else [p])]
                for lang in ("hi", "th")
            ]
            yield f"bench thematic {variant}", flat[0], flat[1], "comparable", None


def overlaps(found, wanted) -> bool:
    return all(a < d and c < b for (a, b), (c, d) in zip(found, wanted))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--textberg-dev", type=Path)
    parser.add_argument("--mac-dev", type=Path)
    parser.add_argument("--ntrex", type=Path)
    parser.add_argument("--ntrex-every", type=int, default=8)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--bench", type=Path)
    parser.add_argument("--cache", default=".aligner-cache")
    args = parser.parse_args()

    from aligner.align.modes import decide_mode
    from aligner.embed import default_encoder

    encoder = default_encoder(args.cache)
    right = total = 0
    print(f"{'case':44s} {'sentences':>11s}  {'expected':11s} {'auto':11s} evidence  region")
    for name, src, tgt, expected, region in cases(args):
        decision = decide_mode(encoder.encode(src), encoder.encode(tgt))
        found = region is None or (not decision.whole and overlaps(decision.region, region))
        ok = decision.mode == expected and found
        right += ok
        total += 1
        shown = "whole" if decision.whole else f"{decision.region[0]} x {decision.region[1]}"
        print(
            f"{name:44s} {len(src):5d}/{len(tgt):<5d}  {expected:11s} {decision.mode:11s} {decision.evidence:8d}  "
            f"{shown}{'' if ok else '   <- wrong'}"
        )
    print(f"{right} of {total} right")


if __name__ == "__main__":
    main()
