"""PDF in: which library extracts Hindi and Thai best, and what segmentation from a PDF costs.

    python benchmarks/pdf_extraction.py --bench ../shared/bench/gold/dev [--out /tmp/pdfbench] [--ocr] [--json]

The bench's clean documents (``seg_hi.jsonl``, ``seg_th.jsonl``) are printed to PDF by the system
Chromium (tests/printed.py: Lohit Devanagari, Garuda; A5, a running header and the page number in
the margins, a footnote anchored to every seventh document's first sentence, the notes in a smaller
type after their paragraph).

1. Libraries: pypdfium2, pdfplumber, pdfminer.six and pypdf, each with its plain `extract_text`, on
   both PDFs: seconds, and the share of the gold text's characters found in order (difflib's matching
   blocks over the text less white space), and private-use / U+FFFD characters in the output.
2. Segmentation: the PDF read by aligner (`aligner.ingest.readers`), repaired and segmented, against
   the same documents given as a clean .txt (one paragraph each, blank lines between): each run's
   sentence ends mapped onto the gold documents (through the text less white space), written as
   ``seg_<lang>.jsonl`` predictions and scored by the bench's own scorer (boundary P/R/F1). The
   footnotes' own sentences are left out of the mapping (they are not bench text); the characters
   of the PDF that end up in no sentence, heading, note or page furniture are counted.
3. With --ocr (`aligner[ocr]`, Tesseract with hin and tha): each PDF rendered at 200 dpi into an
   image-only PDF, read by OCR and scored the same way, with its character error rate.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

NOTES = {"hi": "विवरण परिशिष्ट में देखें।", "th": "ดูรายละเอียดเพิ่มเติมในภาคผนวก"}
HEADERS = {"hi": "अध्याय 3 समाचार", "th": "บทที่ 3 ข่าว"}


def documents(bench: Path, lang: str) -> list[dict]:
    return [json.loads(line) for line in (bench / f"seg_{lang}.jsonl").read_text(encoding="utf-8").splitlines()]


def print_bench_pdf(rows: list[dict], lang: str, path: Path) -> Path:
    from printed import book_html, print_pdf

    paragraphs = [[row["text"][a:b] for a, b in row["spans"]] for row in rows]
    notes = {(0, index, 0): NOTES[lang] for index in range(0, len(paragraphs), 7)}
    return print_pdf(book_html(lang, [(None, paragraphs)], notes), path, header=HEADERS[lang], lang=lang)


def library_texts(path: Path) -> dict[str, tuple[str, float]]:
    import pdfplumber
    import pypdf
    import pypdfium2
    from pdfminer.high_level import extract_text

    def pdfium(p):
        document = pypdfium2.PdfDocument(p)
        return "\n".join(page.get_textpage().get_text_range() for page in document)

    def plumber(p):
        with pdfplumber.open(p) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    def pypdf_text(p):
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(p).pages)

    results = {}
    for name, function in (
        ("pypdfium2", pdfium),
        ("pdfplumber", plumber),
        ("pdfminer.six", extract_text),
        ("pypdf", pypdf_text),
    ):
        started = time.perf_counter()
        text = function(str(path))
        results[name] = (text, time.perf_counter() - started)
    return results


def found_in_order(gold: str, text: str) -> float:
    gold, text = re.sub(r"\s", "", gold), re.sub(r"\s", "", text)
    matcher = difflib.SequenceMatcher(None, gold, text, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(gold)


def scanned_copy(pdf: Path, path: Path, dpi: int = 200) -> Path:
    """The PDF as a scanner without OCR gives it: each page an image, no text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images = [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


def error_rate(gold: str, text: str) -> float:
    """Character error rate over the text less white space: the edits along difflib's alignment (a
    substitution one edit a character, as Levenshtein counts it), over the gold's characters."""
    gold, text = re.sub(r"\s", "", gold), re.sub(r"\s", "", text)
    edits = 0
    for op, a, b, c, d in difflib.SequenceMatcher(None, gold, text, autojunk=False).get_opcodes():
        if op != "equal":
            edits += max(b - a, d - c)
    return edits / len(gold)


def private_use(text: str) -> int:
    return sum(1 for c in text if 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd")


def sentence_ends(edition, lang: str) -> tuple[str, list[int]]:
    """The edition's sentences less the footnotes' own, as one text without white space, and where
    each sentence ends in it."""
    note = re.sub(r"\s", "", NOTES[lang])
    stream, ends = [], []
    for sentence in edition.sentences():
        key = re.sub(r"\s", "", sentence.text)
        if key == note:
            continue
        stream.append(key)
        ends.append(sum(map(len, stream)))
    return "".join(stream), ends


def predictions(rows: list[dict], stream: str, ends: list[int]) -> list[dict]:
    """Sentence ends in `stream` mapped onto the gold documents' text; each document cut there."""
    gold = "".join(re.sub(r"\s", "", row["text"]) for row in rows)
    mapping = {}
    for block in difflib.SequenceMatcher(None, stream, gold, autojunk=False).get_matching_blocks():
        for k in range(block.size + 1):
            mapping.setdefault(block.a + k, block.b + k)
    cuts = {mapping[end] for end in ends if end in mapping}
    out, offset = [], 0
    for row in rows:
        text = row["text"]
        length = len(re.sub(r"\s", "", text))
        inside = sorted(c - offset for c in cuts if offset < c < offset + length)
        sentences, start, count = [], 0, 0
        for position, char in enumerate(text):
            if not char.isspace():
                count += 1
                if inside and count == inside[0]:
                    sentences.append(text[start : position + 1])
                    start = position + 1
                    inside.pop(0)
        sentences.append(text[start:])
        out.append({"doc": row["doc"], "sentences": [s for s in sentences if s.strip()] or [text]})
        offset += length
    return out


def lost_characters(edition) -> int:
    """Non-space characters of the extraction in no sentence, heading, note or furniture span."""
    covered = [False] * len(edition.source_text)
    spans = [(s.start, s.end) for s in edition.sentences()] + [(h.start, h.end) for h in edition.headings()]
    spans += [(n.start, n.end) for n in edition.notes()] + [(f.start, f.end) for f in edition.furniture]
    for start, end in spans:
        for position in range(start, end):
            covered[position] = True
    return sum(1 for c, seen in zip(edition.source_text, covered) if not seen and not c.isspace())


def score(bench: Path, folder: Path, lang: str, rows: list[dict]) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seg_{lang}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(bench.parents[1] / "score.py"), str(bench), str(folder), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)[f"seg_{lang}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ocr", action="store_true", help="also read an image-only copy of each PDF through OCR")
    args = parser.parse_args()
    from aligner.ingest import read_edition
    from aligner.segment import segment_edition

    out = args.out or Path(tempfile.mkdtemp(prefix="pdfbench-"))
    out.mkdir(parents=True, exist_ok=True)
    report = {}
    for lang in ("hi", "th"):
        rows = documents(args.bench, lang)
        gold = "".join(row["text"] for row in rows)
        pdf = print_bench_pdf(rows, lang, out / f"bench_{lang}.pdf")
        libraries = {
            name: {
                "seconds": round(seconds, 3),
                "found_in_order": round(found_in_order(gold, text), 4),
                "private_use": private_use(text),
            }
            for name, (text, seconds) in library_texts(pdf).items()
        }
        txt = out / f"bench_{lang}.txt"
        txt.write_text("\n\n".join(row["text"] for row in rows) + "\n", encoding="utf-8")
        runs = {}
        inputs = [("txt", txt), ("pdf", pdf)]
        if args.ocr:
            inputs.append(("ocr", scanned_copy(pdf, out / f"scan_{lang}.pdf")))
        for name, path in inputs:
            started = time.perf_counter()
            edition = segment_edition(read_edition(path, lang))
            seconds = time.perf_counter() - started
            stream, ends = sentence_ends(edition, lang)
            runs[name] = {
                **score(args.bench, out / name, lang, predictions(rows, stream, ends)),
                "seconds": round(seconds, 2),
                "text_found_in_order": round(found_in_order(gold, stream), 4),
                "error_rate": round(error_rate(gold, stream), 4),
                "lost_characters": lost_characters(edition),
                "notes": sum(1 for _ in edition.notes()),
                "furniture": len(edition.furniture),
            }
        report[lang] = {"libraries": libraries, "segmentation": runs}
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return
    for lang, result in report.items():
        print(f"{lang}: library        seconds  found in order  private-use")
        for name, row in result["libraries"].items():
            print(f"    {name:14} {row['seconds']:7.3f}  {row['found_in_order']:14.4f}  {row['private_use']:11d}")
        for name, row in result["segmentation"].items():
            print(
                f"    aligner from .{name}: F1 {row['f1']:.4f} (P {row['precision']:.4f} R {row['recall']:.4f}), "
                f"text found {row['text_found_in_order']:.4f}, CER {row['error_rate']:.4f}, "
                f"lost {row['lost_characters']}, "
                f"notes {row['notes']}, furniture {row['furniture']}, {row['seconds']} s"
            )


if __name__ == "__main__":
    main()
