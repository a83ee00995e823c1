"""The command line: parse options, set up logging, call library functions, print. Nothing else.

Every `AlignerError` becomes one line on stderr and a non-zero exit; no traceback reaches the user.
"""

from __future__ import annotations

import json
import logging
import math
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .cache import DEFAULT_CACHE_DIR
from .errors import AlignerError

log = logging.getLogger("aligner")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record comes, so that log lines print above a live
    progress bar (which replaces sys.stderr while it runs) instead of through it."""

    def __init__(self):
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("aligner")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


class _ConsoleProgress:
    """What the user sees of long work, on stderr: on a terminal one live bar per stage (rich); in a
    log or a pipe one plain line per item; under -q nothing."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.terminal = sys.stderr.isatty()
        self._bars = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._bars is not None:
            self._bars.stop()
            self._bars = None

    @contextmanager
    def stage(self, name: str, total: int | None = None):
        if self.quiet:
            yield _Quiet()
        elif self.terminal:
            if self._bars is None:
                from rich.console import Console
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

                self._bars = Progress(
                    TextColumn("{task.description:<16}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    TextColumn("{task.fields[item]}"),
                    console=Console(stderr=True),
                )
                self._bars.start()
            task = self._bars.add_task(name, total=total, item="")
            yield _BarStep(self._bars, task)
            self._bars.update(task, item="")
        else:
            yield _LineStep(name, total)


class _Quiet:
    def advance(self, count: int = 1, item: str = "") -> None:
        pass


class _BarStep:
    def __init__(self, bars, task):
        self.bars, self.task = bars, task

    def advance(self, count: int = 1, item: str = "") -> None:
        self.bars.update(self.task, advance=count, item=item)


class _LineStep:
    def __init__(self, name: str, total: int | None):
        self.name, self.total, self.done = name, total, 0

    def advance(self, count: int = 1, item: str = "") -> None:
        self.done += count
        of = f"{self.done}/{self.total}" if self.total else str(self.done)
        click.echo(f"[{self.name}] {of}" + (f" {item}" if item else ""), err=True)


class _Score(click.FloatRange):
    """A score from 0 to 1; FloatRange lets ``nan`` through (no comparison with it is false)."""

    def __init__(self):
        super().__init__(0, 1)

    def convert(self, value, param, context):
        number = super().convert(value, param, context)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number; give a score from 0 to 1 (e.g. 0.73)", param, context)
        return number


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debugging).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
@click.pass_context
def cli(context: click.Context, verbose: int, quiet: bool) -> None:
    """Segment, align and export parallel and comparable texts (TMX for CAT tools, TEI editions)."""
    _setup_logging(verbose, quiet)
    context.obj = {"quiet": quiet}


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", help="Language code (default: the file's folder name, else its script).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: one sentence per line; jsonl: id, text, start, end, kind per line.",
)
@click.option("--presplit", is_flag=True, help="The file is already one sentence per line.")
def segment(file: Path, lang: str | None, output_format: str, presplit: bool) -> None:
    """Split FILE into sentences (headings and page furniture left out of `text`)."""
    from .formats.jsonl import segment_rows
    from .ingest import load_edition

    edition = load_edition(file, lang, presplit=presplit)
    if output_format == "text":
        for sentence in edition.sentences():
            click.echo(sentence.text)
    else:
        for row in segment_rows(edition):
            click.echo(json.dumps(row, ensure_ascii=False))


@cli.command()
@click.option(
    "--bench",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of gold files in the bench format (seg_*.jsonl, align_*.json, thematic_*.json, ...).",
)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Where the prediction files go.")
@click.option(
    "--tasks",
    default="seg,align,thematic,mt",
    show_default=True,
    help="Comma-separated task groups: seg, align, thematic, mt.",
)
@click.option(
    "--scorer",
    type=click.Path(path_type=Path),
    default=None,
    help="score.py to use (default: found beside the bench folder).",
)
@click.option("--translator", default="gloss", show_default=True, help="Translator for the mt task.")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Thematic task: keep only links at least this likely to be on topic (a probability).",
)
@click.option("--cache", type=click.Path(path_type=Path), default=DEFAULT_CACHE_DIR, show_default=True)
def evaluate(
    bench: Path, out: Path, tasks: str, scorer: Path | None, translator: str, min_score: float, cache: Path
) -> None:
    """Run every task the bench folder has gold for, write predictions, print score.py's figures."""
    from .evaluation import evaluate as run_evaluation
    from .evaluation.table import format_report

    groups = tuple(t.strip() for t in tasks.split(",") if t.strip())
    report = run_evaluation(
        bench,
        out,
        groups,
        scorer=scorer,
        options={"translator": translator, "cache": cache, "min_score": min_score},
        on_task=lambda name, seconds: log.info("%-20s %6.1f s", name, seconds),
    )
    click.echo(format_report(report))


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--mode",
    type=click.Choice(["auto", "translation", "comparable"]),
    default="auto",
    show_default=True,
    help="translation: ordered 1-1/1-n/n-m links; comparable: thematic passage links in any order.",
)
@click.option("--format", "output_format", type=click.Choice(["json", "tsv"]), default="json", show_default=True)
@click.option("--presplit", is_flag=True, help="Both files are already one sentence per line.")
@click.option("--source-lang", help="Language of SOURCE (default: its folder name, else its script).")
@click.option("--target-lang", help="Language of TARGET (default: its folder name, else its script).")
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=DEFAULT_CACHE_DIR,
    show_default=True,
    help="Where embeddings are cached by content hash.",
)
def align(
    source: Path,
    target: Path,
    mode: str,
    output_format: str,
    presplit: bool,
    source_lang: str | None,
    target_lang: str | None,
    cache: Path,
) -> None:
    """Align SOURCE with TARGET and print the links with their scores."""
    from .align.api import align_editions
    from .cache import TranslationCache
    from .embed import default_encoder
    from .formats.jsonl import alignment_json
    from .ingest import load_edition
    from .translate import gloss_layers

    src = load_edition(source, source_lang, presplit=presplit)
    tgt = load_edition(target, target_lang, presplit=presplit)
    if src.id == tgt.id:
        tgt = tgt.with_id(f"{tgt.id}2")
    if mode != "translation":
        src, tgt = gloss_layers([src, tgt], TranslationCache(cache), cache)
    alignment = align_editions(src, tgt, default_encoder(cache), mode=mode)
    log.info("mode: %s", alignment.mode)
    data = alignment_json(alignment, src, tgt)
    if output_format == "json":
        click.echo(
            json.dumps(
                {"mode": data["mode"], "links": data["links"], "unmatched": data["unmatched"]},
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        click.echo("score\tsource\ttarget\tsource_text\ttarget_text")
        for link in data["links"]:
            click.echo(
                "\t".join(
                    [
                        f"{link['score']:.4f}",
                        " ".join(link["source"]),
                        " ".join(link["target"]),
                        link["source_text"],
                        link["target_text"],
                    ]
                )
            )


def _build_help() -> str:
    import textwrap

    from .outputs import OUTPUTS

    rows = []
    for pattern, what in OUTPUTS:
        lines = textwrap.wrap(what, 64)
        rows.append(f"  {pattern:<31}{lines[0]}" if len(pattern) < 31 else f"  {pattern}\n  {'':<31}{lines[0]}")
        rows += [f"  {'':<31}{line}" for line in lines[1:]]
    return (
        "Build everything from TEXTS (one folder per language code, e.g. texts/hi/, texts/th/), each text "
        "a .txt (UTF-8), .pdf, .docx, .odt, .html, .epub or .md file.\n\n"
        "\b\nOutputs (under --out):\n" + "\n".join(rows)
    )


@cli.command(help=_build_help())
@click.argument("texts", type=click.Path(path_type=Path), default=Path("texts"))
@click.option(
    "--out", type=click.Path(path_type=Path), default=Path("."), show_default=True, help="Folder the outputs go to."
)
@click.option("--mode", type=click.Choice(["auto", "translation", "comparable"]), default="auto", show_default=True)
@click.option(
    "--translator",
    "translators",
    multiple=True,
    default=("gloss",),
    show_default=True,
    help="English layer engine(s), repeatable (see `aligner translators`).",
)
@click.option(
    "--min-score",
    type=_Score(),
    default=0.0,
    show_default=True,
    help="Keep links scored below this out of the pair TMX (they stay in TEI and JSON).",
)
@click.option(
    "--confirmed-only", is_flag=True, help="Keep only the links a person confirmed (`aligner review`) in the pair TMX."
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=DEFAULT_CACHE_DIR,
    show_default=True,
    help="Where segmented texts, embeddings and translations are cached by content hash.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Local processes for the per-text stages (segment, English, embed) and each pair's alignment.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run those stages on a Dask cluster (tcp://host:port); needs aligner[cluster].",
)
def build(
    texts: Path,
    out: Path,
    mode: str,
    translators: tuple[str, ...],
    min_score: float,
    confirmed_only: bool,
    cache: Path,
    workers: int,
    scheduler: str | None,
) -> None:
    from .build import build as run_build

    quiet = click.get_current_context().obj["quiet"]
    with _ConsoleProgress(quiet) as progress:
        summary = run_build(
            texts,
            out,
            mode=mode,
            cache=cache,
            translators=translators,
            min_score=min_score,
            confirmed_only=confirmed_only,
            progress=progress,
            workers=workers,
            scheduler=scheduler,
        )
    if quiet:
        return
    click.echo(
        f"documents: {summary.documents}; sentences: " + ", ".join(f"{k} {v}" for k, v in summary.sentences.items())
    )
    click.echo("English lines: " + (", ".join(f"{k} {v}" for k, v in sorted(summary.english.items())) or "none"))
    if summary.stale:
        click.echo(f"stale human lines (their source sentence changed; kept, marked stale): {', '.join(summary.stale)}")
    for alignment in summary.alignments:
        click.echo(alignment_line(alignment))
    click.echo("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items()))
    click.echo("written: " + ", ".join(str(p) for p in summary.written))


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="The output folder of `aligner build`.",
)
@click.option(
    "--translator-name",
    help="Your name, recorded with each decision and English line (default: git's user.name, else your login name).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="0: any free port.")
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open a browser.")
def review(out: Path, translator_name: str | None, port: int, no_browser: bool) -> None:
    """Review and correct the alignments in your browser; each decision is saved into the build's
    files at once (tei/<a>-<b>.xml, translations/<lang>.en.tsv) and the next build keeps it.

    \b
    The server listens on 127.0.0.1 only; the address it prints holds a random token, without which
    it answers nothing. Stop it with Ctrl-C. Run `aligner build` again to update the TMX files."""
    from .review.app import ReviewServer, default_editor

    server = ReviewServer(out, translator_name or default_editor(), port=port)
    click.echo(f"reviewing {', '.join(server.store.pairs)} in {out} as {server.store.editor}")
    click.echo(f"open {server.url}  (Ctrl-C stops the server)")
    if not no_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("review server stopped; every decision is saved")
    finally:
        server.shutdown()


@cli.command()
def translators() -> None:
    """List the English-layer translators, and what each still needs before it can run."""
    from .translate import translator_catalogue

    for name, description, missing in translator_catalogue():
        click.echo(f"{name:<6} {'ready' if missing is None else 'needs: ' + missing}")
        click.echo(f"       {description}")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except AlignerError as error:
        click.echo(f"aligner: error: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("aligner: interrupted; the previous outputs are untouched", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("aligner: interrupted; the previous outputs are untouched", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()


def alignment_line(alignment) -> str:
    """A pair's line of the build summary: links by score band, and the sentences left unmatched
    (with how many of them a person said have no counterpart)."""
    from .document import score_band_counts

    bands = score_band_counts([link for link in alignment.links if link.status != "rejected"])
    alone = [
        sum(len(link.source) for link in alignment.no_counterpart),
        sum(len(link.target) for link in alignment.no_counterpart),
    ]
    rejected = sum(1 for link in alignment.links if link.status == "rejected")
    return (
        f"{alignment.source}–{alignment.target}: mode {alignment.mode}, {len(alignment.links) - rejected} links "
        f"({', '.join(f'{k}: {v}' for k, v in bands.items())}"
        f"{f'; and {rejected} rejected in review' if rejected else ''}); unmatched "
        f"{len(alignment.unmatched_source)} / {len(alignment.unmatched_target)} sentences"
        + (f" ({alone[0]} / {alone[1]} with no counterpart, by review)" if any(alone) else "")
    )
