"""The command line: parse options, set up logging, call library functions, print. Nothing else.

Every `AlignerError` becomes one line on stderr and a non-zero exit; no traceback reaches the user.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import AlignerError

log = logging.getLogger("aligner")


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("aligner")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debugging).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """Segment, align and export parallel and comparable texts (TMX for CAT tools, TEI editions)."""
    _setup_logging(verbose, quiet)


def _load(path: Path, lang: str | None, presplit: bool, segment: bool = True):
    from .corpus import language_of
    from .ingest import presplit_edition, read_text
    from .ingest import ingest_text
    from .segment import segment_edition

    text = read_text(path)
    language = language_of(path, text, lang)
    if presplit:
        return presplit_edition(text, language, edition_id=language, source=path.name)
    edition = ingest_text(text, language, source=path.name)
    return segment_edition(edition) if segment else edition


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", help="Language code (default: the file's folder name, else its script).")
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: one sentence per line; jsonl: id, text, start, end, kind per line.")
@click.option("--presplit", is_flag=True, help="The file is already one sentence per line.")
def segment(file: Path, lang: str | None, output_format: str, presplit: bool) -> None:
    """Split FILE into sentences (headings and page furniture left out of `text`)."""
    from .export_rows import segment_rows

    edition = _load(file, lang, presplit)
    if output_format == "text":
        for sentence in edition.sentences():
            click.echo(sentence.text)
    else:
        for row in segment_rows(edition):
            click.echo(json.dumps(row, ensure_ascii=False))


@cli.command()
@click.option("--bench", type=click.Path(path_type=Path), default=None,
              help="Folder of gold files (default: ../shared/bench/gold/dev where it exists).")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Where the prediction files go.")
@click.option("--tasks", default="seg,align,thematic,mt", show_default=True,
              help="Comma-separated task groups: seg, align, thematic, mt.")
@click.option("--scorer", type=click.Path(path_type=Path), default=None,
              help="score.py to use (default: found beside the bench folder).")
def evaluate(bench: Path | None, out: Path, tasks: str, scorer: Path | None) -> None:
    """Run every task the bench folder has gold for, write predictions, print score.py's figures."""
    from .evaluation import evaluate as run_evaluation
    from .evaluation.table import format_report

    if bench is None:
        bench = Path("../shared/bench/gold/dev")
    groups = tuple(t.strip() for t in tasks.split(",") if t.strip())
    report = run_evaluation(bench, out, groups, scorer=scorer,
                            on_task=lambda name, seconds: log.info("%-20s %6.1f s", name, seconds))
    click.echo(format_report(report))


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except AlignerError as error:
        click.echo(f"aligner: error: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("aligner: interrupted; outputs already written are complete, the rest untouched", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("aligner: interrupted; outputs already written are complete, the rest untouched", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
