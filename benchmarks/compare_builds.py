"""Compare two output folders of `aligner build`, file by file: what a refactoring must leave unchanged.

    python benchmarks/compare_builds.py OLD_OUT NEW_OUT

Prints one line per file: `same` (byte-identical), `same but the gloss fingerprint` (identical once
the gloss's code fingerprint is masked: the gloss's version is ``<aligner version>+<hash of its code
and data>``, so any edit to the gloss's files changes it on purpose, in TMX props, TEI responsibility
statements and the ids derived from them) or `DIFFERENT`, `missing` or `new`. Exits 1 when any file
is different, missing or new.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_FINGERPRINT = re.compile(rb"(\d+\.\d+\.\d+)\+[0-9a-f]{10}")
_RESP_ID = re.compile(rb"(\.resp\.gloss\.)[0-9a-f]{8}")


def masked(data: bytes) -> bytes:
    return _RESP_ID.sub(rb"\1<id>", _FINGERPRINT.sub(rb"\1+<fingerprint>", data))


def compare(old: Path, new: Path) -> list[tuple[str, str]]:
    names = sorted(
        {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()}
        | {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    )
    verdicts = []
    for name in names:
        a, b = old / name, new / name
        if not a.exists():
            verdicts.append((name, "new"))
        elif not b.exists():
            verdicts.append((name, "missing"))
        elif a.read_bytes() == b.read_bytes():
            verdicts.append((name, "same"))
        elif masked(a.read_bytes()) == masked(b.read_bytes()):
            verdicts.append((name, "same but the gloss fingerprint"))
        else:
            verdicts.append((name, "DIFFERENT"))
    return verdicts


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    verdicts = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    for name, verdict in verdicts:
        print(f"{verdict:<32} {name}")
    return 1 if any(v in ("DIFFERENT", "missing", "new") for _, v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
