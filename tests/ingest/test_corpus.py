"""Finding texts and their languages."""

import pytest

from aligner.errors import InputError, UnknownNameError
from aligner.ingest.corpus import discover, edition_ids, guess_language, language_of


def test_the_project_corpus_has_one_hindi_and_one_thai_text():
    documents = discover("texts")
    assert [d.lang for d in documents] == ["hi", "th"]
    assert edition_ids(documents) == {documents[0].path: "hi", documents[1].path: "th"}


def test_two_texts_in_one_language_get_distinct_edition_ids(tmp_path):
    (tmp_path / "th").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "th" / name).write_text("ข้อความ", encoding="utf-8")
    ids = edition_ids(discover(tmp_path))
    assert sorted(ids.values()) == ["th-a", "th-b"]


def test_unknown_language_folder_lists_the_choices(tmp_path):
    (tmp_path / "klingon").mkdir()
    (tmp_path / "klingon" / "a.txt").write_text("nuqneH", encoding="utf-8")
    with pytest.raises(UnknownNameError, match="choose one of"):
        discover(tmp_path)


def test_empty_corpus_says_how_to_lay_it_out(tmp_path):
    with pytest.raises(InputError, match="texts/hi/a.txt"):
        discover(tmp_path)


@pytest.mark.parametrize(
    "text, lang",
    [("सोवियत क्रांति का पूरे विश्व पर गहरा असर पड़ा।", "hi"), ("สตาลินขัดแย้งกับบูคาริน", "th"), ("Soviet history", None)],
)
def test_language_guessed_from_script(text, lang):
    assert guess_language(text) == lang


def test_latin_script_file_needs_lang(tmp_path):
    path = tmp_path / "a.txt"
    with pytest.raises(InputError, match="--lang"):
        language_of(path, "Soviet history after 1917")
    assert language_of(path, "Soviet history", "en") == "en"


def test_two_files_with_one_name_in_two_subfolders_get_distinct_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / "hi" / folder).mkdir(parents=True)
        (tmp_path / "hi" / folder / "ch.txt").write_text("पाठ", encoding="utf-8")
    ids = edition_ids(discover(tmp_path))
    assert sorted(ids.values()) == ["hi-a-ch", "hi-b-ch"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("my chapter (draft).txt", "hi-my-chapter-draft"),
        ('o\'neil "2".txt', "hi-o-neil-2"),
        ("अध्याय १.txt", "hi-अध्याय-१"),
        ("()².txt", "hi-text"),
        ("a.b.txt", "hi-a-b"),
    ],
)
def test_ids_are_xml_names_whatever_the_file_name(tmp_path, name, expected):
    (tmp_path / "hi").mkdir()
    for file_name in (name, "other.txt"):
        (tmp_path / "hi" / file_name).write_text("पाठ", encoding="utf-8")
    ids = edition_ids(discover(tmp_path))
    assert ids[tmp_path / "hi" / name] == expected


def test_upper_case_suffixes_are_read_and_other_files_are_named(tmp_path, caplog):
    import logging

    (tmp_path / "hi").mkdir()
    (tmp_path / "hi" / "CHAPTER.TXT").write_text("पाठ", encoding="utf-8")
    (tmp_path / "hi" / "notes.rtf").write_bytes(b"{\\rtf1}")
    (tmp_path / "hi" / ".DS_Store").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="aligner"):
        documents = discover(tmp_path)
    assert [d.path.name for d in documents] == ["CHAPTER.TXT"]
    [warning] = [r.getMessage() for r in caplog.records]
    assert "notes.rtf" in warning and ".DS_Store" not in warning


def test_a_link_to_a_missing_text_is_an_error_naming_it(tmp_path):
    (tmp_path / "hi").mkdir()
    (tmp_path / "hi" / "a.txt").write_text("पाठ", encoding="utf-8")
    (tmp_path / "hi" / "b.txt").symlink_to(tmp_path / "elsewhere" / "b.txt")
    with pytest.raises(InputError) as error:
        discover(tmp_path)
    assert str(tmp_path / "hi" / "b.txt") in error.value.one_line() and "link" in error.value.one_line()
