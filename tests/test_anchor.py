"""`aligner.anchor.SentenceMap`: the last build's sentence ids mapped to this build's by content, on
hand-made sequences (issue 35, 4)."""

from aligner.anchor import CHANGED, GONE, KEPT, MOVED, Placed, SentenceMap
from aligner.document import text_hash


def sentences(*texts, paragraph=1):
    return [(f"hi.p{paragraph}.s{n}", text_hash(text), text) for n, text in enumerate(texts, 1)]


def numbered(*paragraphs):
    return [row for number, texts in enumerate(paragraphs, 1) for row in sentences(*texts, paragraph=number)]


def test_a_paragraph_inserted_at_the_top_renumbers_and_every_sentence_follows():
    before = numbered(["A one.", "A two."], ["B one."])
    now = numbered(["New one.", "New two."], ["A one.", "A two."], ["B one."])
    anchors = SentenceMap(before, now)
    assert anchors.place("hi.p1.s1") == Placed("hi.p2.s1", MOVED)
    assert anchors.place("hi.p1.s2") == Placed("hi.p2.s2", MOVED)
    assert anchors.place("hi.p2.s1") == Placed("hi.p3.s1", MOVED)
    # the hash a line records wins over the id: it was written for "A two."
    assert anchors.place("hi.p1.s2", text_hash("A two.")) == Placed("hi.p2.s2", MOVED)


def test_nothing_changed_keeps_every_id_and_no_record_means_ids_as_they_are():
    rows = numbered(["A one.", "A two."])
    assert SentenceMap(rows, rows).place("hi.p1.s2") == Placed("hi.p1.s2", KEPT)
    fresh = SentenceMap([], rows)
    assert fresh.place("hi.p1.s2") == Placed("hi.p1.s2", KEPT)
    assert fresh.place("hi.p1.s2", text_hash("Another text.")) == Placed("hi.p1.s2", CHANGED)
    assert fresh.place("hi.p9.s1") == Placed(None, GONE)


def test_a_repeated_sentence_is_told_apart_by_its_neighbours():
    before = numbered(["Yes.", "First point.", "Yes."])
    now = numbered(["Yes.", "Intro."], ["Yes.", "First point.", "Yes."])
    anchors = SentenceMap(before, now)
    assert anchors.place("hi.p1.s1").sentence_id == "hi.p2.s1"
    assert anchors.place("hi.p1.s3").sentence_id == "hi.p2.s3"


def test_a_changed_sentence_stays_in_its_place_and_a_deleted_one_is_gone():
    before = numbered(["The land went to the peasants.", "Committees formed in villages.", "Famine came in 1921."])
    now = numbered(["The land went to the peasants.", "New committees formed in the villages."])
    anchors = SentenceMap(before, now)
    assert anchors.place("hi.p1.s2") == Placed("hi.p1.s2", CHANGED)
    assert anchors.place("hi.p1.s3") == Placed(None, GONE)


def test_a_changed_sentence_beside_an_inserted_one_pairs_with_the_one_most_like_it():
    before = numbered(["The land went to the peasants in 1917.", "Committees formed."])
    now = numbered(["A wholly new sentence here.", "The land went to the peasants in 1918.", "Committees formed."])
    anchors = SentenceMap(before, now)
    assert anchors.place("hi.p1.s1") == Placed("hi.p1.s2", CHANGED)
    assert anchors.place("hi.p1.s2") == Placed("hi.p1.s3", MOVED)


def test_a_moved_paragraph_takes_its_work_along():
    before = numbered(["A one.", "A two."], ["B one.", "B two."], ["C one."])
    now = numbered(["B one.", "B two."], ["C one."], ["A one.", "A two."])
    anchors = SentenceMap(before, now)
    assert [anchors.place(ident).sentence_id for ident, _, _ in before] == [
        "hi.p3.s1",
        "hi.p3.s2",
        "hi.p1.s1",
        "hi.p1.s2",
        "hi.p2.s1",
    ]


def test_a_line_written_for_an_older_numbering_follows_its_hash():
    # a sidecar line written two builds ago names hi.p1.s1, for "A one."; the last build already
    # renumbered that sentence to hi.p2.s1
    before = numbered(["New."], ["A one."])
    anchors = SentenceMap(before, before)
    assert anchors.place("hi.p1.s1", text_hash("A one.")) == Placed("hi.p2.s1", MOVED)
