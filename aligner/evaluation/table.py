"""One plain-text table of an evaluation report."""

from __future__ import annotations


def _flatten(prefix: str, value, rows: list[tuple[str, str]]) -> None:
    if isinstance(value, dict) and not any(k in value for k in ("f1", "chrF")):
        for key, inner in value.items():
            _flatten(f"{prefix} {key}".strip(), inner, rows)
    elif isinstance(value, dict):
        rows.append((prefix, "  ".join(f"{k}={v}" for k, v in value.items())))
    else:
        rows.append((prefix, str(value)))


def format_report(report) -> str:
    lines = [f"gold files found: {', '.join(report.found) or 'none'}"]
    if not report.written:
        lines.append("nothing to score: the bench folder has no gold file for the tasks asked")
        return "\n".join(lines)
    lines.append(f"predictions written: {', '.join(p.name for p in report.written)}")
    if report.scorer is None:
        lines.append("no score.py found beside the bench folder: pass --scorer to print figures")
        return "\n".join(lines)
    lines.append(f"scored by {report.scorer}")
    rows: list[tuple[str, str]] = []
    for task, value in report.scores.items():
        _flatten(task, value, rows)
    width = max((len(name) for name, _ in rows), default=10)
    lines.extend(f"{name:<{width}}  {figures}" for name, figures in rows)
    for name, note in getattr(report, "notes", {}).items():
        lines.append(f"{name:<{width}}  {note}")
    lines.append("time per task:")
    lines.extend(f"  {name:<{width}}  {seconds:.1f} s" for name, seconds in report.seconds.items())
    return "\n".join(lines)
