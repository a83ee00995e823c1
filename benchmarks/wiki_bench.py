"""A comparable dev set of independently written texts: Wikipedia lead paragraphs on one subject in
English and in another language, made into a thematic bench folder.

    git clone https://github.com/h324yang/multiprobe /path/to/multiprobe
    python benchmarks/wiki_bench.py --multiprobe /path/to/multiprobe --out wiki-bench
    aligner evaluate --bench wiki-bench --out wiki-out --tasks thematic --scorer ../shared/bench/score.py

`top_5k_meta/triples.jsonl` of multiprobe holds the opening text of Wikipedia articles on popular
Wikidata items, each in one of eight languages, and often the same item in two or three: written by
each Wikipedia's own editors, not translated. Every item with an English text and a text in another
language, year pages left out (their openings are one formula: "Year 1204 was a leap year…"), gives
a passage a side: the English side in English, the other side in French, Spanish, Italian, German,
Russian, Japanese or Chinese (one passage each). Written in the bench's format (`thematic_hi_th.json`,
sides named in `sides`, each passage's language in `langs`): `full` all of them, the other side
shuffled; `partial` a third of the other side removed.

Graded by reading (the note below), not by the shared item alone: an item's two texts are a gold pair
only when both are about the item. Seven are not: the other language's "opening" is a picture
caption or a redirect note (Wiesbaden's logo, Pope Francis's signature, cave paintings for
archaeology, journalists in the 1940s for journalism, a zodiac man for astrology, the Field Museum's
mnemonics for education; for Elizabeth I the English opening is a note on the calendar and the Russian
a redirect note). Their passages have no counterpart: a matcher must leave them unlinked, as it must
the passages whose partner `partial` removed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

# Items whose two texts were read and found not to be about one subject (see the module docstring).
NOT_ON_TOPIC = frozenset({"Q7207", "Q1721", "Q8434", "Q450675", "Q23498", "Q11030", "Q34362"})
# Year pages: the opening is one formula in every language, which a topic matcher cannot tell apart.
YEAR_PAGE = re.compile(r"\bYear \d|\bannée\b|\baño\b|\banno\b|\bJahr\b|\bгод|年|\d{3,4}\s*(est|fue|was|è)\b")


def items(triples: Path) -> list[tuple[str, str, str, str]]:
    """(item, English text, other language, its text) in the order the file first names each item."""
    texts: dict[str, dict[str, str]] = {}
    for line in triples.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for role in ("center", "pos", "neg"):
            item, lang = row[f"{role}_guid"].rsplit("-", 1)
            texts.setdefault(item, {}).setdefault(lang, row[f"{role}_text"].strip())
    found = []
    for item, by_lang in texts.items():
        others = [lang for lang in by_lang if lang != "en"]
        if "en" in by_lang and others and not any(YEAR_PAGE.search(t[:120]) for t in by_lang.values()):
            found.append((item, by_lang["en"], others[0], by_lang[others[0]]))
    return found


def thematic_sets(rows: list[tuple[str, str, str, str]], seed: int) -> dict:
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    kept = sorted(rng.sample(range(len(rows)), len(rows) - len(rows) // 3))
    rng.shuffle(kept)

    def variant(chosen: list[int]) -> dict:
        return {
            "sides": ["en", "other"],
            "en": [r[1] for r in rows],
            "other": [rows[i][3] for i in chosen],
            "langs": {"other": [rows[i][2] for i in chosen]},
            "items": {"en": [r[0] for r in rows], "other": [rows[i][0] for i in chosen]},
            "pairs": sorted([i, position] for position, i in enumerate(chosen) if rows[i][0] not in NOT_ON_TOPIC),
        }

    return {"full": variant(order), "partial": variant(kept)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--multiprobe", type=Path, required=True, help="a checkout of github.com/h324yang/multiprobe")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows = items(args.multiprobe / "top_5k_meta" / "triples.jsonl")
    missing = NOT_ON_TOPIC - {r[0] for r in rows}
    if missing:
        raise SystemExit(f"graded items missing from this checkout: {sorted(missing)}")
    args.out.mkdir(parents=True, exist_ok=True)
    sets = thematic_sets(rows, args.seed)
    (args.out / "thematic_hi_th.json").write_text(json.dumps(sets, ensure_ascii=False, indent=0), encoding="utf-8")
    print(
        f"{args.out}: thematic_hi_th.json ({len(rows)} items, {len(sets['full']['pairs'])} gold pairs in full, "
        f"{len(sets['partial']['pairs'])} in partial)"
    )


if __name__ == "__main__":
    main()
