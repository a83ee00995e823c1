"""Comparable texts matched through their English layers too: shared rare content words, names and
years count where the cross-script sentence vectors see little."""

from tiny_editions import HashEncoder

from aligner.align.comparable import comparable_links, english_sentences
from aligner.align.thematic import content_words, lexical_similarity
from aligner.document import Division, Edition, EnglishLine, Paragraph, Provenance, Sentence
from aligner.ingest.presplit import presplit_edition


def test_content_words_keep_names_years_and_topic_words_not_function_words():
    words = content_words("In 1921 the famine came to the Volga, and ⟨Kronstadt⟩ rose; it was 5 o'clock.")
    assert words == ["1921", "famine", "came", "volga", "kronstadt", "rose", "o'clock"]


def test_lexical_similarity_weighs_rare_shared_words_over_common_ones():
    src = ["the party and the famine of 1921 on the Volga", "the party and its congress"]
    tgt = ["party famine Volga 1921", "party congress", "party poetry"]
    sims = lexical_similarity(src, tgt)
    assert sims.shape == (2, 3)
    assert sims[0].argmax() == 0 and sims[1].argmax() == 1
    # "party" is in every passage: sharing only it is worth nothing
    assert sims[0, 2] == 0.0


def _line(sentence_id: str, text: str, kind: str) -> EnglishLine:
    return EnglishLine(sentence_id, text, Provenance(kind=kind, engine="test", version="1"), source_hash="x")


def test_english_sentences_prefer_the_human_line_and_fill_gaps_with_nothing():
    edition = presplit_edition("एक\nदो\nतीन", "hi", edition_id="hi", source="hi.txt")
    ids = [s.id for s in edition.sentences()]
    assert english_sentences(edition) is None
    from dataclasses import replace

    edition = replace(
        edition,
        english=(
            _line(ids[0], "one (gloss)", "gloss"),
            _line(ids[0], "One.", "human"),
            _line(ids[2], "three", "machine"),
        ),
    )
    assert english_sentences(edition) == ["One.", "", "three"]
    english = presplit_edition("One.\nTwo.", "en", edition_id="en", source="en.txt")
    assert english_sentences(english) == ["One.", "Two."]


def one_sentence_paragraphs(lang: str, count: int) -> Edition:
    paragraphs = []
    for index in range(count):
        text = f"{lang} text {index}"
        start = index * 20
        paragraphs.append(
            Paragraph(
                f"{lang}.p{index + 1}",
                text,
                tuple(range(start, start + len(text))),
                (Sentence(f"{lang}.p{index + 1}.s1", text, start, start + len(text)),),
            )
        )
    source = "".join(p.text.ljust(20) for p in paragraphs)
    return Edition(lang, lang, f"{lang}.txt", source, (Division(f"{lang}.d1", None, tuple(paragraphs)),))


def test_comparable_links_follow_the_english_where_the_vectors_see_nothing():
    from dataclasses import replace

    topics = [
        "famine Volga 1921 hunger grain",
        "Comintern international communist congress",
        "film Eisenstein cinema camera",
        "school education curriculum teachers",
        "constitution soviet republic 1922",
        "poetry Mayakovsky verse poem",
    ]
    src, tgt = one_sentence_paragraphs("hi", 4), one_sentence_paragraphs("th", 6)
    src_order, tgt_order = [1, 3, 0, 5], [4, 0, 2, 1, 5, 3]
    src = replace(src, english=tuple(_line(s.id, topics[k], "gloss") for s, k in zip(src.sentences(), src_order)))
    tgt = replace(
        tgt, english=tuple(_line(s.id, topics[k] + " again", "gloss") for s, k in zip(tgt.sentences(), tgt_order))
    )
    encoder = HashEncoder()  # the Hindi and Thai texts are placeholders: their vectors share nothing
    links, with_english, _ = comparable_links(src, tgt, encoder)
    assert with_english
    found = {(link.source[0], link.target[0]) for link in links}
    expected = {(f"hi.p{a + 1}.s1", f"th.p{tgt_order.index(k) + 1}.s1") for a, k in enumerate(src_order)}
    assert found == expected


def test_each_thematic_link_says_in_english_why_rarest_shared_words_first():
    from dataclasses import replace

    from aligner.document import Alignment, Link
    from aligner.formats.jsonl import alignment_json

    src, tgt = one_sentence_paragraphs("hi", 2), one_sentence_paragraphs("th", 2)
    src = replace(
        src,
        english=(
            _line("hi.p1.s1", "The famine of 1921 killed many people.", "gloss"),
            _line("hi.p2.s1", "Many people went to school.", "gloss"),
        ),
    )
    tgt = replace(
        tgt,
        english=(
            _line("th.p1.s1", "People starved: famine on the Volga, 1921.", "gloss"),
            _line("th.p2.s1", "Schools opened for many people.", "human"),
        ),
    )
    alignment = Alignment(
        "hi",
        "th",
        "comparable",
        (Link(("hi.p1.s1",), ("th.p1.s1",), 0.8, evidence=(("hi.p1.s1", "th.p1.s1", 0.7),)),),
        unit="paragraph",
    )
    reason = alignment_json(alignment, src, tgt)["links"][0]["reason"]
    assert reason.startswith("both speak of: famine, 1921, people")
    assert "“The famine of 1921 killed many people.” ~ “People starved: famine on the Volga, 1921.”" in reason


def test_a_text_without_sentences_gets_no_link_and_no_error():
    from dataclasses import replace

    src = replace(one_sentence_paragraphs("hi", 1), divisions=())
    tgt = one_sentence_paragraphs("th", 2)
    tgt = replace(tgt, english=tuple(_line(s.id, "famine", "gloss") for s in tgt.sentences()))
    src = replace(src, english=(_line("hi.p1.s1", "famine", "gloss"),))
    assert comparable_links(src, tgt, HashEncoder())[0] == []


def test_crossed_views_pair_each_text_with_the_other_ones_english():
    from aligner.align.comparable import text_vectors, thematic_views

    # Each text's own words are a name the other's English spells the same way; its English is noise.
    src = ["Kronstadt ग्रन्थ", "Eisenstein फ़िल्म"]
    src_english = ["zq xv", "wk jp"]
    tgt = ["ภาพยนตร์ Eisenstein", "กบฏ Kronstadt"]
    tgt_english = ["cinema of Eisenstein", "the Kronstadt revolt"]
    encoder, passages = HashEncoder(), [[0], [1]]
    views, _ = thematic_views(
        text_vectors(encoder, src, passages, src_english, source=True),
        text_vectors(encoder, tgt, passages, tgt_english, source=False),
        passages,
        passages,
        (src_english, tgt_english),
    )
    # this encoder offers no query or sparse vectors: the English sentence level, the shared words,
    # then the crossed views, sentence level both ways round
    assert len(views) == 4
    source_to_english, english_to_source = views[2:]
    assert list(source_to_english.argmax(axis=1)) == [1, 0]
    assert source_to_english[0, 1] > english_to_source[0, 1]
