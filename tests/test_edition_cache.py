"""The segmented-edition cache: a hit gives the same edition, any change of input or code misses."""

import sqlite3

from aligner.edition_cache import EditionCache, edition_key
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
    changed = [edition_key(TEXT + "x", "hi", "hi", "a.txt"), edition_key(TEXT, "mr", "hi", "a.txt"),
               edition_key(TEXT, "hi", "hi2", "a.txt"), edition_key(TEXT, "hi", "hi", "b.txt"),
               edition_key(TEXT, "hi", "hi", "a.txt", presplit=True)]
    assert len({base, *changed}) == 6


def test_a_damaged_entry_is_a_miss_not_a_failure(tmp_path):
    cache = EditionCache(tmp_path)
    key = edition_key(TEXT, "hi", "hi", "a.txt")
    cache.put(key, segment_edition(ingest_text(TEXT, "hi", source="a.txt")))
    with sqlite3.connect(tmp_path / "editions.sqlite") as db:
        db.execute("UPDATE editions SET edition = ?", (b"not a pickle",))
    assert EditionCache(tmp_path).get(key) is None
