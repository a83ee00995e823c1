"""Segmentation tasks: clean running text (``seg_*.jsonl``) and PDF-like page runs (``seg_*_messy*``)."""

from __future__ import annotations

from pathlib import Path

from ..ingest import ingest_text
from ..segment import segment_edition, segmenter_for
from . import read_jsonl, write_jsonl


def run_clean(bench: Path, out: Path, lang: str) -> list[Path]:
    segmenter = segmenter_for(lang)
    rows = [
        {"doc": row["doc"], "sentences": segmenter.sentences(row["text"])}
        for row in read_jsonl(bench / f"seg_{lang}.jsonl")
    ]
    return [write_jsonl(out / f"seg_{lang}.jsonl", rows)]


def run_messy(bench: Path, out: Path, name: str, lang: str) -> list[Path]:
    rows = []
    for row in read_jsonl(bench / f"{name}.jsonl"):
        edition = segment_edition(ingest_text(row["raw"], lang, source=row["doc"]))
        rows.append({"doc": row["doc"], "sentences": [s.text for s in edition.sentences()]})
    return [write_jsonl(out / f"{name}.jsonl", rows)]


def run_seg_hi(bench, out, options):
    return run_clean(bench, out, "hi")


def run_seg_th(bench, out, options):
    return run_clean(bench, out, "th")


def run_seg_hi_messy(bench, out, options):
    return run_messy(bench, out, "seg_hi_messy", "hi")


def run_seg_hi_messy_blank(bench, out, options):
    return run_messy(bench, out, "seg_hi_messy_blank", "hi")


def run_seg_th_messy(bench, out, options):
    return run_messy(bench, out, "seg_th_messy", "th")


def run_seg_th_messy_blank(bench, out, options):
    return run_messy(bench, out, "seg_th_messy_blank", "th")
