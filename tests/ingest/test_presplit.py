"""Pre-split input: one line is one sentence, ids in line order, spans exact."""

from hypothesis import given
from hypothesis import strategies as st

from aligner.ingest import presplit_edition


def test_lines_become_sentences_in_order():
    text = "Erste Zeile.\n\n  Zweite Zeile  \nDritte."
    edition = presplit_edition(text, "de", edition_id="de", source="a.txt")
    sentences = list(edition.sentences())
    assert [s.id for s in sentences] == ["de.p1.s1", "de.p1.s2", "de.p1.s3"]
    assert [s.text for s in sentences] == ["Erste Zeile.", "Zweite Zeile", "Dritte."]
    for s in sentences:
        assert text[s.start : s.end] == s.text


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=12))
def test_spans_always_point_at_the_sentence_text(lines):
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    edition = presplit_edition(text, "en", edition_id="en", source="x")
    paragraph = next(edition.paragraphs())
    for s in edition.sentences():
        assert text[s.start : s.end] == s.text
    assert len(paragraph.offsets) == len(paragraph.text)
