"""What the user sees of long work: plain lines when stderr is not a terminal, nothing under -q."""

from aligner.cli import _ConsoleProgress
from aligner.progress import NO_PROGRESS


def _run(progress):
    with progress:
        with progress.stage("embed", total=3) as step:
            step.advance(2, "hi")
            step.advance(1, "th")


def test_lines_name_the_stage_and_count_when_not_a_terminal(capsys):
    _run(_ConsoleProgress(quiet=False))
    assert capsys.readouterr().err.splitlines() == ["[embed] 2/3 hi", "[embed] 3/3 th"]


def test_quiet_prints_nothing(capsys):
    _run(_ConsoleProgress(quiet=True))
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_the_library_default_reports_nothing(capsys):
    with NO_PROGRESS.stage("align", total=1) as step:
        step.advance(1, "hi–th")
    assert capsys.readouterr().err == ""
