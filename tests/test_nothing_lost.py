"""Issue 23, "nothing lost, whatever the corpus": ids, human work and outputs that survive real folders.
Each case builds a tiny corpus end to end in seconds (the `quick_build` fixture: hash encoder, echo
translator), or runs the command line where what matters is the one-line error."""

import json

from tiny_corpus import HINDI, HINDI_2, THAI, snapshot, write_corpus


def sentences_in(out, edition_id):
    rows = [json.loads(r) for r in (out / "segments" / f"{edition_id}.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows if r["kind"] == "sentence"]


def test_two_files_with_one_name_in_two_subfolders_are_two_editions(quick_build, tmp_path):
    texts = write_corpus(tmp_path / "texts", {"hi/a/ch.txt": HINDI, "hi/b/ch.txt": HINDI_2, "th/ch.txt": THAI})
    out = tmp_path / "out"
    summary = quick_build(texts, out)
    ids = [edition.id for edition in summary.editions]
    assert len(set(ids)) == 3 and summary.documents == 3
    assert len(summary.written) == len(set(summary.written))
    first, second = [edition.id for edition in summary.editions if edition.lang == "hi"]
    assert sentences_in(out, first)[0].startswith("1917 के बाद")
    assert sentences_in(out, second)[0].startswith("1921 में")
    assert {f"tmx/{first}-th.tmx", f"tmx/{second}-th.tmx", f"tei/{first}.xml", f"tei/{second}.xml"} <= set(snapshot(out))
