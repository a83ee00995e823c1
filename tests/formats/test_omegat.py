"""A real CAT tool reads our TMX: OmegaT, in console mode, fills a Hindi document from the pair TMs
of the tiny hand-made alignments (tests/tiny_editions.py: a 2-1 link, passage links, a Thai passage
linked twice).

OmegaT exits 0 even when it rejects a TMX (it only logs TF_TM_LOAD_ERROR), so the test checks the
translated file, not the exit code.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aligner.formats.tmx import pair_tmx, read_tmx

pytestmark = pytest.mark.external
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>hi-IN</source_lang>
    <target_lang>th-TH</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_available():
    return OMEGAT_JAR.exists() and shutil.which("java")


@pytest.mark.skipif(
    not omegat_available() and os.environ.get("CI") != "true",
    reason="OmegaT is not installed (apt-get install omegat); CI installs it",
)
def test_omegat_fills_hindi_segments_with_the_thai_side_of_our_tmx(tiny, tmp_path):
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    units = []
    for alignment in tiny.alignments:
        tm = project / "tm" / "auto" / f"hi-th-{alignment.mode}.tmx"
        tm.write_bytes(pair_tmx(alignment, tiny.hi, tiny.th))
        units += read_tmx(tm)
    assert len(units) == sum(1 for a in tiny.alignments for link in a.links if link.status != "rejected")
    # one segment per paragraph: OmegaT's default rules do not split at the danda
    hindi = list(dict.fromkeys(u.variants["hi-IN"][0] for u in units))
    (project / "source" / "doc.txt").write_text("".join(h + "\n\n" for h in hindi), encoding="utf-8")
    result = subprocess.run(
        [
            "java",
            "-Djava.awt.headless=true",
            "-jar",
            str(OMEGAT_JAR),
            str(project),
            "--mode=console-translate",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "TF_TM_LOAD_ERROR" not in result.stdout + result.stderr
    translated = (project / "target" / "doc.txt").read_text(encoding="utf-8")
    thai_for: dict[str, set[str]] = {}  # a Hindi passage may be linked to several Thai ones
    for unit in units:
        thai_for.setdefault(unit.variants["hi-IN"][0], set()).add(unit.variants["th-TH"][0])
    for hindi, thai in thai_for.items():
        assert any(t in translated for t in thai), hindi[:40]
        assert hindi not in translated


LAYER_PROJECT = PROJECT.replace("<target_lang>th-TH</target_lang>", "<target_lang>en</target_lang>")


@pytest.mark.skipif(
    not omegat_available() and os.environ.get("CI") != "true",
    reason="OmegaT is not installed (apt-get install omegat); CI installs it",
)
def test_a_layer_tm_that_omegat_writes_back_keeps_the_translators_edit(quick_build, tmp_path):
    """Issue 35, 5: OmegaT's own TMX (1.1, no tuid, none of our props) put in place of the layer TM."""
    from lxml import etree
    from tiny_corpus import HINDI, THAI, write_corpus

    texts = write_corpus(tmp_path / "texts", {"hi/a.txt": HINDI, "th/a.txt": THAI})
    out = tmp_path / "out"
    quick_build(texts, out)
    layer = out / "tmx" / "hi-en.tmx"
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(LAYER_PROJECT, encoding="utf-8")
    # the translator's correction of one segment (OmegaT in console mode edits nothing itself)
    tree = etree.parse(str(layer))
    tree.find(".//tu[@tuid='hi.p1.s2']/tuv[2]/seg").text = "New committees were formed in the villages."
    tree.write(str(project / "tm" / "auto" / "hi-en.tmx"), encoding="UTF-8", xml_declaration=True)
    hindi = [u.variants["hi-IN"][0] for u in read_tmx(layer)]
    (project / "source" / "doc.txt").write_text("".join(h + "\n\n" for h in hindi), encoding="utf-8")
    subprocess.run(
        [
            "java",
            "-Djava.awt.headless=true",
            "-jar",
            str(OMEGAT_JAR),
            str(project),
            "--mode=console-translate",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    exported = project / "project-omegat.tmx"
    assert not etree.parse(str(exported)).xpath("//tu/@tuid | //prop")  # OmegaT's shape, not ours
    layer.write_bytes(exported.read_bytes())
    summary = quick_build(texts, out)
    assert summary.english.get("human") == 1  # the edit; the other segment is the build's own line
    units = {u.tuid: u.variants["en"] for u in read_tmx(layer)}
    assert units["hi.p1.s2"][0] == "New committees were formed in the villages."
    assert units["hi.p1.s2"][1]["x-aligner-provenance"] == "human"
    assert units["hi.p1.s1"][1]["x-aligner-provenance"] == "machine"
