"""The one cache: a hit gives back what was put, any change of input or code misses, damage is a miss."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from aligner.cache import EditionCache, TranslationCache, VectorCache, cached_table, content_key, edition_key
from aligner.ingest import ingest_text
from aligner.segment import segment_edition

TEXT = "सोवियत संघ में शिक्षा सबके लिए थी। किसानों ने विरोध किया।\n\nअकाल फैला।\n"


def test_a_cached_edition_equals_the_one_computed(tmp_path):
    edition = segment_edition(ingest_text(TEXT, "hi", source="a.txt"))
    cache = EditionCache(tmp_path)
    key = edition_key(TEXT, "hi", "hi", "a.txt")
    assert cache.get(key) is None
    cache.put(key, edition)
    assert EditionCache(tmp_path).get(key) == edition


def test_every_part_of_the_input_is_in_the_key():
    base = edition_key(TEXT, "hi", "hi", "a.txt")
    changed = [
        edition_key(TEXT + "x", "hi", "hi", "a.txt"),
        edition_key(TEXT, "mr", "hi", "a.txt"),
        edition_key(TEXT, "hi", "hi2", "a.txt"),
        edition_key(TEXT, "hi", "hi", "b.txt"),
        edition_key(TEXT, "hi", "hi", "a.txt", presplit=True),
    ]
    assert len({base, *changed}) == 6


def test_a_damaged_entry_is_a_miss_not_a_failure(tmp_path):
    cache = EditionCache(tmp_path)
    key = edition_key(TEXT, "hi", "hi", "a.txt")
    cache.put(key, segment_edition(ingest_text(TEXT, "hi", source="a.txt")))
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        db.execute("UPDATE editions SET value = ?", (b"not a pickle",))
    assert EditionCache(tmp_path).get(key) is None


def test_keys_are_one_scheme_over_all_their_parts():
    assert content_key("a", "b") != content_key("ab") != content_key("a\x00b", "")
    assert content_key("a", "b") == content_key("a", "b")


def test_translations_are_found_by_provenance_and_text(tmp_path):
    cache = TranslationCache(tmp_path)
    cache.put_many("gloss@1", {"नमस्ते": "hello", "अकाल": "famine"})
    assert TranslationCache(tmp_path).get_many("gloss@1", ["अकाल", "नया"]) == {"अकाल": "famine"}
    assert TranslationCache(tmp_path).get_many("gloss@2", ["अकाल"]) == {}


def test_dense_and_sparse_vectors_come_back_equal(tmp_path):
    cache = VectorCache(tmp_path)
    dense = np.arange(4, dtype=np.float32)
    sparse = np.array([0, 0.5, 0, 0, 0.25], dtype=np.float32)
    cache.put_many("e5", {"a": dense})
    cache.put_many("e5/sparse", {"a": sparse}, kind="sparse")
    again = VectorCache(tmp_path)
    assert np.array_equal(again.get_many("e5", ["a"])["a"], dense)
    assert np.array_equal(again.get_many("e5/sparse", ["a"], kind="sparse")["a"], sparse)
    assert again.get_many("other-model", ["a"]) == {}


def test_a_table_is_compiled_once_per_stamp(tmp_path):
    calls = []

    def compile_table():
        calls.append(1)
        return {"word": "gloss"}

    assert cached_table(tmp_path, "t", ["v1"], compile_table) == {"word": "gloss"}
    assert cached_table(tmp_path, "t", ["v1"], compile_table) == {"word": "gloss"}
    assert len(calls) == 1
    cached_table(tmp_path, "t", ["v2"], compile_table)
    assert len(calls) == 2


def test_no_folder_keeps_nothing():
    cache = TranslationCache(None)
    cache.put_many("p", {"a": "b"})
    assert cache.get_many("p", ["a"]) == {}


def test_a_corrupt_cache_says_so_and_how_to_clear_it(tmp_path):
    from aligner.errors import OutputError

    (tmp_path / "cache.sqlite").write_bytes(b"this is not a database, it was damaged" * 100)
    with pytest.raises(OutputError) as error:
        EditionCache(tmp_path).get("key")
    line = error.value.one_line()
    assert "corrupt" in line and "delete" in line and str(tmp_path) in line and "writable" not in line


def test_a_full_cache_disk_costs_time_not_the_build(tmp_path, monkeypatch, caplog):
    import logging

    from aligner.cache import Store

    def full(self, entries):
        raise sqlite3.OperationalError("database or disk is full")

    cache = TranslationCache(tmp_path)
    monkeypatch.setattr(Store, "_put", full)
    with caplog.at_level(logging.WARNING, logger="aligner"):
        cache.put_many("engine", {"a": "b"})
        cache.put_many("engine", {"c": "d"})
    assert [r.getMessage() for r in caplog.records if "full" in r.getMessage()][:1] and len(caplog.records) == 1
    assert cache.get_many("engine", ["a"]) == {}


_LOADED_MODULES = """
import sys
from pathlib import Path
{work}
print("\\n".join(sorted(m.__file__ for name, m in sys.modules.items()
                        if name.startswith("aligner") and getattr(m, "__file__", None))))
"""


def _modules_loaded_by(work: str) -> set[Path]:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", _LOADED_MODULES.format(work=work)], capture_output=True, text=True, check=True
    )
    return {Path(line).resolve() for line in run.stdout.split()}


def test_the_edition_fingerprint_covers_every_module_segmenting_runs(tmp_path):
    from aligner.cache import _EDITION_CODE, code_files

    (tmp_path / "th").mkdir()
    (tmp_path / "hi").mkdir()
    (tmp_path / "th" / "a.txt").write_text("ประวัติศาสตร์ หลังปี ค.ศ. 1917 ที่ดินตกเป็นของชาวนา\n", encoding="utf-8")
    (tmp_path / "hi" / "a.txt").write_text("इतिहास\n\n1917 के बाद ज़मीन किसानों को मिली। गाँव बदले।\n", encoding="utf-8")
    loaded = _modules_loaded_by(
        "from aligner.ingest import load_edition\n"
        f"load_edition(Path({str(tmp_path / 'th' / 'a.txt')!r}), 'th')\n"
        f"load_edition(Path({str(tmp_path / 'hi' / 'a.txt')!r}), 'hi')"
    )
    covered = {path.resolve() for path in code_files(_EDITION_CODE)}
    assert loaded - covered == set()
    assert any(path.name == "th.words" for path in covered)  # the data beside the code too


@pytest.mark.model
def test_the_gloss_fingerprint_covers_every_module_glossing_runs():
    from aligner.cache import code_files

    loaded = _modules_loaded_by(
        "from aligner.translate.gloss import GlossTranslator\n"
        "g = GlossTranslator(None)\n"
        "g.translate(['ที่ดินตกเป็นของชาวนา'], 'th'); g.translate(['ज़मीन किसानों को मिली'], 'hi')\n"
        "g.provenance('th')"
    )
    covered = {path.resolve() for path in code_files(("aligner.translate.gloss",))}
    assert loaded - covered == set()
    assert not any("llm" in path.parts for path in covered)  # another translator's code is not the gloss's
