"""`aligner build` over the real corpus texts/, end to end: every output written and valid,
byte-identical rebuilds from the cache, human work surviving them. The one module that builds the
real corpus (the `built` fixture, about 2 minutes cold on 2 cores): the format and report tests use
tiny hand-made editions instead (tests/tiny_editions.py)."""

import base64
import json
import shutil
import time
from pathlib import Path

import pytest
from lxml import etree

from aligner.build import build
from aligner.formats.tei import TEI_NS, check_tei, read_links
from aligner.formats.tmx import read_tmx, validate_tmx

pytestmark = [pytest.mark.slow, pytest.mark.model]
ROOT = Path(__file__).resolve().parents[1]
NS = {"tei": TEI_NS}


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_build_writes_every_output_and_rebuilds_byte_identically_from_cache(built, cache_dir):
    out, summary = built
    before = snapshot(out)
    expected = {
        "segments/hi.jsonl",
        "segments/th.jsonl",
        "alignments/hi-th.json",
        "tmx/hi-th.tmx",
        "tmx/hi-en.tmx",
        "tmx/th-en.tmx",
        "tei/hi.xml",
        "tei/th.xml",
        "tei/hi-th.xml",
        "report/hi-th.html",
        "report/hi-th-similarity.png",
        "report/index.html",
    }
    assert expected <= set(before)
    assert summary.english == {"gloss": summary.sentences["hi"] + summary.sentences["th"]}
    started = time.perf_counter()
    build(out.parent / "texts", out, cache=cache_dir)
    warm = time.perf_counter() - started
    assert snapshot(out) == before
    assert warm < 30  # generous for CI; the README reports the measured figure


def test_every_output_is_valid_and_agrees_with_the_summary(built, tei_schema):
    out, summary = built
    [alignment] = summary.alignments
    links = [link for link in alignment.links if link.source and link.target]
    for path in sorted((out / "tmx").glob("*.tmx")):
        assert validate_tmx(path.read_bytes()) == [], path.name
    for path in sorted((out / "tei").glob("*.xml")):
        assert check_tei(path.read_bytes()) == [], path.name
    assert len(read_tmx(out / "tmx" / "hi-th.tmx")) == len([link for link in links if link.status != "rejected"])
    assert [(d.source, d.target) for d in read_links(out / "tei" / "hi-th.xml")] == [
        (link.source, link.target) for link in links
    ]
    for edition in summary.editions:
        assert len(read_tmx(out / "tmx" / f"{edition.id}-en.tmx")) == summary.sentences[edition.id]
        rows = [
            json.loads(r) for r in (out / "segments" / f"{edition.id}.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        assert [r["id"] for r in rows if r["kind"] == "sentence"] == [s.id for s in edition.sentences()]
    saved = json.loads((out / "alignments" / "hi-th.json").read_text(encoding="utf-8"))
    assert (saved["mode"], len(saved["links"])) == (alignment.mode, len(alignment.links))
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    png = (out / "report" / "hi-th-similarity.png").read_bytes()
    assert png.startswith(b"\x89PNG") and base64.b64encode(png).decode("ascii") in page


def test_the_real_editions_keep_their_sections_notes_pages_and_furniture(built):
    """What ingestion finds in the real Thai chapter reaches its TEI edition."""
    out, summary = built
    root = etree.parse(str(out / "tei" / "th.xml")).getroot()
    sentences = root.xpath("//tei:body/tei:div[@type='section']//tei:s", namespaces=NS)
    assert len(sentences) == summary.sentences["th"]
    assert sentences[0].get("{http://www.w3.org/XML/1998/namespace}id") == "th.p1.s1"
    assert root.xpath("//tei:note[@place='foot']", namespaces=NS)
    assert root.xpath("//tei:pb", namespaces=NS)
    assert root.xpath("//tei:fw", namespaces=NS)
    assert len(root.xpath("//tei:head", namespaces=NS)) >= 3
    english = root.xpath("//tei:div[@type='translation']//tei:s[not(@type)]", namespaces=NS)
    assert len(english) == len(sentences)


def test_human_lines_survive_a_rebuild_and_go_stale_when_the_source_changes(built, cache_dir, tmp_path):
    out, _ = built
    work = tmp_path / "project"
    shutil.copytree(out.parent / "texts", work / "texts")
    result = work / "out"
    shutil.copytree(out, result)
    rows = (result / "segments" / "hi.jsonl").read_text(encoding="utf-8").splitlines()
    first = next(json.loads(r) for r in rows if json.loads(r)["kind"] == "sentence")
    (result / "translations").mkdir()
    (result / "translations" / "hi.en.tsv").write_text(
        f"{first['id']}\t{first['hash']}\tAfter 1917 the landlords' land went to the peasants.\tR. Editor\n",
        encoding="utf-8",
    )
    summary = build(work / "texts", result, cache=cache_dir)
    assert summary.english.get("human") == 1 and summary.stale == []
    tmx = (result / "tmx" / "hi-en.tmx").read_text(encoding="utf-8")
    assert "After 1917 the landlords' land went to the peasants." in tmx and "R. Editor" in tmx

    hindi = next((work / "texts" / "hi").glob("*.txt"))
    hindi.write_text(hindi.read_text(encoding="utf-8").replace("1917 के बाद", "1918 के बाद", 1), encoding="utf-8")
    summary = build(work / "texts", result, cache=cache_dir)
    assert summary.stale == [first["id"]]
    assert "After 1917 the landlords" in (result / "tei" / "hi.xml").read_text(encoding="utf-8")


def test_a_line_written_in_the_tei_edition_stays_stale_through_later_rebuilds(built, cache_dir, tmp_path):
    out, _ = built
    work = tmp_path / "project"
    shutil.copytree(out.parent / "texts", work / "texts")
    result = work / "out"
    shutil.copytree(out, result)
    tree = etree.parse(str(result / "tei" / "hi.xml"))
    stmt = etree.SubElement(tree.find(".//tei:titleStmt", NS), f"{{{TEI_NS}}}respStmt")
    stmt.set("{http://www.w3.org/XML/1998/namespace}id", "hi.resp.human.editor")
    etree.SubElement(stmt, f"{{{TEI_NS}}}resp").text = "English translation"
    etree.SubElement(stmt, f"{{{TEI_NS}}}persName").text = "Editor"
    line = tree.find(".//tei:div[@type='translation']//tei:s", NS)
    line.text, line.attrib["resp"] = "Edited English.", "#hi.resp.human.editor"
    tree.write(str(result / "tei" / "hi.xml"), encoding="UTF-8", xml_declaration=True)
    assert build(work / "texts", result, cache=cache_dir).english.get("human") == 1

    hindi = next((work / "texts" / "hi").glob("*.txt"))
    hindi.write_text(hindi.read_text(encoding="utf-8").replace("1917 के बाद", "1918 के बाद", 1), encoding="utf-8")
    assert build(work / "texts", result, cache=cache_dir).stale == ["hi.p1.s1"]
    # nothing changed since: the line is still one written for the old sentence
    assert build(work / "texts", result, cache=cache_dir).stale == ["hi.p1.s1"]


def test_every_output_file_is_explained_in_build_help_and_the_readme(built):
    from click.testing import CliRunner

    from aligner.cli import cli

    out, _ = built
    help_text = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()):
        # help names files by pattern (tmx/<a>-<b>.tmx), the README by the corpus's own names
        pattern = str(path).replace("hi-th", "<a>-<b>")
        for lang in ("hi", "th"):
            pattern = pattern.replace(f"/{lang}-en.", "/<lang>-en.").replace(f"/{lang}.", "/<lang>.")
        assert pattern in help_text, f"{path} is not explained by `aligner build --help`"
        assert str(path) in readme or pattern in readme, f"{path} is not explained in the README"
