"""`OutputLayout` is the one place an output path is spelled: the README's table, `build --help`
and what a build really writes all agree with it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from tiny_corpus import ENGLISH, GERMAN, HINDI, THAI, write_corpus

from aligner.cli import cli
from aligner.outputs import OUTPUTS, OutputLayout

ROOT = Path(__file__).resolve().parents[1]


def _readme_rows() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- outputs:", 1)[1].split("<!-- /outputs -->", 1)[0]
    return [match.group(1) for match in re.finditer(r"^\| `([^`]+)` \|", table, re.MULTILINE)]


def _matches(pattern: str, name: str) -> bool:
    rule = re.escape(pattern).replace(re.escape("<a>"), r"[\w-]+").replace(re.escape("<b>"), r"[\w-]+")
    rule = rule.replace(re.escape("<lang>"), r"[\w-]+")
    return re.fullmatch(rule, name) is not None


def test_the_readme_table_lists_the_outputs_in_the_layouts_order():
    assert _readme_rows() == [pattern for pattern, _ in OUTPUTS]


def test_build_help_describes_every_output():
    help_text = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    for pattern, _ in OUTPUTS:
        assert pattern in help_text


def test_every_name_the_layout_makes_has_its_row():
    layout = OutputLayout()
    names = [
        layout.segments("hi"),
        layout.extraction("hi"),
        layout.alignment("hi", "th"),
        layout.edition_tei("hi"),
        layout.pair_tei("hi", "th"),
        layout.layer_tm("hi"),
        layout.pair_tm("hi", "th"),
        layout.report_page("hi", "th"),
        layout.similarity_png("hi", "th"),
        layout.report_index(),
        layout.manifest(),
        layout.sidecar("hi"),
    ]
    for name in names:
        assert any(_matches(pattern, name.as_posix()) for pattern, _ in OUTPUTS), name


def test_a_german_text_paired_with_an_english_one_keeps_the_layer_name_for_the_layer():
    layout = OutputLayout()
    assert layout.pair_tm("de", "en", ["de"]).as_posix() == "tmx/de-en.pair.tmx"
    assert layout.layer_tm("de").as_posix() == "tmx/de-en.tmx"
    assert layout.pair_tm("hi", "th", ["hi", "th"]).as_posix() == "tmx/hi-th.tmx"


def test_the_names_known_before_any_work_are_the_files_a_build_writes(quick_build, tmp_path):
    texts = write_corpus(
        tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI, "de/a.txt": GERMAN, "en/a.txt": ENGLISH}
    )
    summary = quick_build(texts, tmp_path / "out")
    written = {path.relative_to(tmp_path / "out").as_posix() for path in summary.written}
    planned = OutputLayout().names([(edition.id, edition.lang) for edition in summary.editions])
    assert written == planned
    assert "tmx/de-en.pair.tmx" in planned and "tmx/en-en.tmx" not in planned
