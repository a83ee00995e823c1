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


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--mode", type=click.Choice(["auto", "translation", "comparable"]), default="auto", show_default=True,
              help="translation: ordered 1-1/1-n/n-m links; comparable: thematic passage links in any order.")
@click.option("--format", "output_format", type=click.Choice(["json", "tsv"]), default="json", show_default=True)
@click.option("--presplit", is_flag=True, help="Both files are already one sentence per line.")
@click.option("--source-lang", help="Language of SOURCE (default: its folder name, else its script).")
@click.option("--target-lang", help="Language of TARGET (default: its folder name, else its script).")
@click.option("--cache", type=click.Path(path_type=Path), default=Path(".aligner-cache"), show_default=True,
              help="Where embeddings are cached by content hash.")
def align(source: Path, target: Path, mode: str, output_format: str, presplit: bool,
          source_lang: str | None, target_lang: str | None, cache: Path) -> None:
    """Align SOURCE with TARGET and print the links with their scores."""
    from .alignment import align_editions
    from .build import alignment_json
    from .embed import default_encoder

    src = _load(source, source_lang, presplit)
    tgt = _load(target, target_lang, presplit)
    if src.id == tgt.id:

        tgt = _retag(tgt, f"{tgt.id}2")
    alignment = align_editions(src, tgt, default_encoder(cache), mode=mode)
    log.info("mode: %s", alignment.mode)
    data = alignment_json(alignment, src, tgt)
    if output_format == "json":
        click.echo(json.dumps({"mode": data["mode"], "links": data["links"], "unmatched": data["unmatched"]},
                              ensure_ascii=False, indent=1))
    else:
        click.echo("score\tsource\ttarget\tsource_text\ttarget_text")
        for link in data["links"]:
            click.echo("\t".join([f"{link['score']:.4f}", " ".join(link["source"]), " ".join(link["target"]),
                                  link["source_text"], link["target_text"]]))


def _retag(edition, new_id):
    """The same edition under another id prefix (two inputs in one language)."""
    import dataclasses

    def paragraph(p):
        sentences = tuple(dataclasses.replace(s, id=new_id + s.id[len(edition.id):]) for s in p.sentences)
        return dataclasses.replace(p, id=new_id + p.id[len(edition.id):], sentences=sentences)

    return dataclasses.replace(edition.with_paragraphs(paragraph), id=new_id)


@cli.command()
@click.argument("texts", type=click.Path(path_type=Path), default=Path("texts"))
@click.option("--out", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="Folder the outputs go to.")
@click.option("--mode", type=click.Choice(["auto", "translation", "comparable"]), default="auto", show_default=True)
@click.option("--cache", type=click.Path(path_type=Path), default=Path(".aligner-cache"), show_default=True,
              help="Where embeddings are cached by content hash (a rebuild embeds only what changed).")
def build(texts: Path, out: Path, mode: str, cache: Path) -> None:
    """Build everything from TEXTS (one folder per language code, e.g. texts/hi/, texts/th/).

    \b
    Outputs (under --out):
      segments/<lang>.jsonl     every sentence, heading, footnote marker and page-furniture line,
                                with its stable id (th.p12.s3) and its span in the source file
      alignments/<a>-<b>.json   the links between two texts: mode (translation or comparable),
                                a 0-1 score per link, the sentence pairs behind each thematic
                                link, and the sentences left unmatched
    """
    from .build import build as run_build

    summary = run_build(texts, out, mode=mode, cache=cache,
                        progress=lambda stage, item: click.echo(f"[{stage}] {item}", err=True))
    click.echo(f"documents: {summary.documents}; sentences: "
               + ", ".join(f"{k} {v}" for k, v in summary.sentences.items()))
    for alignment in summary.alignments:
        bands = {"≥0.9": 0, "0.7–0.9": 0, "0.5–0.7": 0, "<0.5": 0}
        for link in alignment.links:
            key = "≥0.9" if link.score >= 0.9 else "0.7–0.9" if link.score >= 0.7 else "0.5–0.7" if link.score >= 0.5 else "<0.5"
            bands[key] += 1
        click.echo(f"{alignment.source}–{alignment.target}: mode {alignment.mode}, {len(alignment.links)} links "
                   f"({', '.join(f'{k}: {v}' for k, v in bands.items())}); unmatched "
                   f"{len(alignment.unmatched_source)} / {len(alignment.unmatched_target)} sentences")
    click.echo("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items()))
    click.echo("written: " + ", ".join(str(p) for p in summary.written))
    click.echo("not built yet: TMX, TEI and the English layer (see README, Status)")


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
