"""`aligner evaluate`: run each task a bench folder has gold for, write what score.py reads, score it.

A bench folder holds any of the gold files described in the bench README (``seg_hi.jsonl``,
``align_hi_th.json`` …). Each task module turns a gold file's *inputs* into a prediction file; the
gold answers are read only by the scorer.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    name: str
    #: the gold files this task needs (all must exist in the bench folder)
    needs: tuple[str, ...]
    #: "module:function" taking (bench_dir, out_dir, options) and returning the files it wrote
    runner: str
    group: str

    def run(self, bench: Path, out: Path, options: dict) -> list[Path]:
        from importlib import import_module

        module_name, _, function = self.runner.partition(":")
        return getattr(import_module(module_name), function)(bench, out, options)


TASKS: list[Task] = [
    Task("seg_hi", ("seg_hi.jsonl",), "aligner.evaluation.seg:run_seg_hi", "seg"),
    Task("seg_th", ("seg_th.jsonl",), "aligner.evaluation.seg:run_seg_th", "seg"),
    Task("seg_hi_messy", ("seg_hi_messy.jsonl",), "aligner.evaluation.seg:run_seg_hi_messy", "seg"),
    Task("seg_hi_messy_blank", ("seg_hi_messy_blank.jsonl",), "aligner.evaluation.seg:run_seg_hi_messy_blank", "seg"),
    Task("seg_th_messy", ("seg_th_messy.jsonl",), "aligner.evaluation.seg:run_seg_th_messy", "seg"),
    Task("seg_th_messy_blank", ("seg_th_messy_blank.jsonl",), "aligner.evaluation.seg:run_seg_th_messy_blank", "seg"),
    Task("align", ("align_hi_th.json",), "aligner.evaluation.align:run_align", "align"),
    Task("thematic", ("thematic_hi_th.json",), "aligner.evaluation.align:run_thematic", "thematic"),
    Task("mt", ("mt_refs.json",), "aligner.evaluation.mt:run_mt", "mt"),
]

GROUPS = ("seg", "align", "thematic", "mt")


@dataclass
class Report:
    found: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    scores: dict = field(default_factory=dict)
    scorer: Path | None = None
    #: figures the scorer does not compute (translation speed)
    notes: dict[str, str] = field(default_factory=dict)


def find_scorer(bench: Path) -> Path | None:
    """score.py beside the gold folder or up to two levels above it (bench/gold/dev → bench/score.py)."""
    for folder in (bench, *list(bench.resolve().parents)[:3]):
        candidate = folder / "score.py"
        if candidate.is_file():
            return candidate
    return None


def evaluate(
    bench: Path | str,
    out: Path | str,
    groups: tuple[str, ...] = GROUPS,
    *,
    scorer: Path | None = None,
    options: dict | None = None,
    on_task: Callable[[str, float], None] | None = None,
) -> Report:
    bench, out = Path(bench), Path(out)
    if not bench.is_dir():
        raise InputError(
            "no such bench folder", path=bench, fix="give a folder of gold files, e.g. ../shared/bench/gold/dev"
        )
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        from ..errors import UnknownNameError

        raise UnknownNameError("task group", unknown[0], list(GROUPS))
    out.mkdir(parents=True, exist_ok=True)
    report = Report()
    options = dict(options or {})
    for task in TASKS:
        if task.group not in groups or not all((bench / f).is_file() for f in task.needs):
            continue
        report.found.extend(f for f in task.needs if f not in report.found)
        log.info("task %s: running on %s", task.name, ", ".join(task.needs))
        started = time.perf_counter()
        report.written.extend(task.run(bench, out, options))
        report.seconds[task.name] = time.perf_counter() - started
        if on_task:
            on_task(task.name, report.seconds[task.name])
    report.notes.update(options.get("speed", {}))
    report.scorer = scorer or find_scorer(bench)
    if report.scorer and report.written:
        # Score only this run's predictions: --out may still hold files of tasks not run this time.
        with tempfile.TemporaryDirectory(prefix="aligner-scoring-") as scoring:
            for path in report.written:
                shutil.copy2(path, Path(scoring) / Path(path).name)
            report.scores = run_scorer(report.scorer, bench, Path(scoring))
    return report


def run_scorer(scorer: Path, bench: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(scorer), str(bench), str(out), "--json"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise InputError(
            f"the scorer failed: {result.stderr.strip().splitlines()[-1:] or result.stdout}",
            path=scorer,
            fix="check the prediction files it names",
        )
    return json.loads(result.stdout)


def write_jsonl(path: Path, rows) -> Path:
    from ..io import atomic_write_text

    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def write_json(path: Path, data) -> Path:
    from ..io import atomic_write_text

    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
