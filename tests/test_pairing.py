"""`aligner build` on several texts a language: documents paired by content (or by the user's
texts/pairs.tsv), each pair aligned, a text without a partner named in the log."""

import logging

import pytest
from tiny_corpus import write_corpus

from aligner.errors import InputError

FAMINE_DE = (
    "Hunger\n\nIm Jahr 1921 kam der Hunger an die Wolga. Millionen starben bis 1922 in Samara. "
    "Die Hilfe aus Amerika kam 1922 nach Kasan. Lenin rief 1921 die Welt um Hilfe.\n"
)
FAMINE_FR = (
    "Famine\n\nEn 1921 la faim arriva sur la Volga. Des millions moururent jusqu'en 1922 à Samara. "
    "L'aide de l'Amérique arriva en 1922 à Kazan. Lénine appela le monde à l'aide en 1921.\n"
)
INDUSTRY_DE = (
    "Industrie\n\nAb 1928 baute Moskau Fabriken in Magnitogorsk. Der Plan von 1929 verlangte Stahl. "
    "Bis 1932 wuchs Dneprostroi am Dnjepr. Der zweite Plan begann 1933.\n"
)
INDUSTRY_FR = (
    "Industrie\n\nDès 1928 Moscou construisit des usines à Magnitogorsk. Le plan de 1929 exigeait de l'acier. "
    "Jusqu'en 1932 Dneprostroï grandit sur le Dniepr. Le second plan commença en 1933.\n"
)
POETRY_FR = (
    "Poésie\n\nMaïakovski écrivit « 150 000 000 » en 1920. Blok mourut en 1921 à Petrograd. "
    "Essénine publia en 1925 ses derniers vers. Le futurisme se tut vers 1930.\n"
)


def pairs_of(summary):
    return sorted((a.source, a.target) for a in summary.alignments)


def test_several_texts_a_language_are_paired_by_content(quick_build, tmp_path, caplog):
    texts = write_corpus(
        tmp_path / "texts",
        {
            "de/hunger.txt": FAMINE_DE,
            "de/industrie.txt": INDUSTRY_DE,
            "fr/a.txt": INDUSTRY_FR,
            "fr/b.txt": FAMINE_FR,
            "fr/c.txt": POETRY_FR,
        },
    )
    with caplog.at_level(logging.WARNING):
        summary = quick_build(texts, tmp_path / "out")
    ids = {e.source.rsplit("/", 1)[-1]: e.id for e in summary.editions}
    assert pairs_of(summary) == sorted([(ids["hunger.txt"], ids["b.txt"]), (ids["industrie.txt"], ids["a.txt"])])
    assert f"{ids['c.txt']} " in caplog.text and "no partner" in caplog.text
    assert not (tmp_path / "out" / "tmx" / f"{ids['hunger.txt']}-{ids['a.txt']}.tmx").exists()


def test_the_users_pairs_file_decides_for_the_languages_it_names(quick_build, tmp_path):
    texts = write_corpus(
        tmp_path / "texts",
        {
            "de/hunger.txt": FAMINE_DE,
            "de/industrie.txt": INDUSTRY_DE,
            "fr/a.txt": INDUSTRY_FR,
            "fr/b.txt": FAMINE_FR,
            "pairs.tsv": "# by hand\nde/hunger.txt\tfr/a.txt\n",
        },
    )
    summary = quick_build(texts, tmp_path / "out")
    ids = {e.source.rsplit("/", 1)[-1]: e.id for e in summary.editions}
    assert pairs_of(summary) == [(ids["hunger.txt"], ids["a.txt"])]


@pytest.mark.parametrize(
    "line, words",
    [
        ("de/hunger.txt fr/a.txt", "two corpus paths"),
        ("de/hunger.txt\tfr/zzz.txt", "fr/zzz.txt is no text"),
        ("de/hunger.txt\tde/industrie.txt", "two texts in de"),
    ],
)
def test_a_bad_pairs_file_stops_the_build_naming_its_line(quick_build, tmp_path, line, words):
    texts = write_corpus(
        tmp_path / "texts",
        {
            "de/hunger.txt": FAMINE_DE,
            "de/industrie.txt": INDUSTRY_DE,
            "fr/a.txt": INDUSTRY_FR,
            "pairs.tsv": line + "\n",
        },
    )
    with pytest.raises(InputError, match=words) as error:
        quick_build(texts, tmp_path / "out")
    assert "pairs.tsv" in str(error.value) and "line 1" in str(error.value)


def test_one_text_against_several_is_aligned_with_each(quick_build, tmp_path):
    texts = write_corpus(
        tmp_path / "texts", {"de/hunger.txt": FAMINE_DE, "fr/a.txt": INDUSTRY_FR, "fr/b.txt": FAMINE_FR}
    )
    summary = quick_build(texts, tmp_path / "out")
    assert len(pairs_of(summary)) == 2


def test_a_pair_holding_review_decisions_is_aligned_again_when_the_pairing_changes(quick_build, tmp_path, caplog):
    """The user paired two texts by hand and accepted a link; then the pairs file goes. Content
    pairing would not pair them, but the decision is the user's work: the pair is aligned again, its
    decision kept, and the log says why."""
    from aligner.review.store import ReviewStore

    texts = write_corpus(
        tmp_path / "texts",
        {
            "de/hunger.txt": FAMINE_DE,
            "de/industrie.txt": INDUSTRY_DE,
            "fr/a.txt": INDUSTRY_FR,
            "fr/b.txt": FAMINE_FR,
            "pairs.tsv": "de/hunger.txt\tfr/a.txt\n",
        },
    )
    out = tmp_path / "out"
    summary = quick_build(texts, out)
    ids = {e.source.rsplit("/", 1)[-1]: e.id for e in summary.editions}
    name = f"{ids['hunger.txt']}-{ids['a.txt']}"
    first = {e.source.rsplit("/", 1)[-1]: next(iter(e.sentences())).id for e in summary.editions}
    link = {"source": [first["hunger.txt"]], "target": [first["a.txt"]]}
    store = ReviewStore(out, "Ana")
    store.apply(name, store.state(name)["version"], {"op": "relink", "add": [[link["source"], link["target"]]]})
    (texts / "pairs.tsv").unlink()
    with caplog.at_level(logging.WARNING):
        summary = quick_build(texts, out)
    assert (ids["hunger.txt"], ids["a.txt"]) in pairs_of(summary)
    assert (ids["hunger.txt"], ids["b.txt"]) in pairs_of(summary)
    assert "holds review decisions" in caplog.text
    kept = [d for d in ReviewStore(out, "Ana").state(name)["links"] if d["status"] == "accepted"]
    assert [(d["source"], d["resp"] is not None) for d in kept] == [(link["source"], True)]
