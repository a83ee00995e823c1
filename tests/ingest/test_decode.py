"""Decoding: the encodings users' files arrive in, and one-line errors for the rest."""

import codecs

import pytest

from aligner.errors import InputError
from aligner.ingest import decode_bytes, read_text

THAI = "ค.ศ. 1920-21 ได้เกิดภัยแล้ง"


@pytest.mark.parametrize(
    "data",
    [
        THAI.encode("utf-8"),
        codecs.BOM_UTF8 + THAI.encode("utf-8"),
        THAI.encode("utf-16"),  # carries its BOM
        codecs.BOM_UTF16_BE + THAI.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_supported_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data, "x.txt") == THAI


def test_windows_line_ends_are_kept_so_that_spans_point_into_the_file():
    # a lone CR (old Mac files) becomes a newline: one character for one, so positions do not move
    assert decode_bytes("एक।\r\nदो।\rतीन।\r\n".encode(), "x.txt") == "एक।\r\nदो।\nतीन।\r\n"


def test_spans_of_a_crlf_file_point_into_the_file(tmp_path):
    from aligner.ingest import load_edition

    text = (
        "सोवियत संघ का इतिहास\r\n\r\n1917 के बाद ज़मींदारों की ज़मीन किसानों को मिली। गाँवों में नई समितियाँ बनीं।\r\n"
        "\r\nअकाल\r\n\r\n1921 में वोल्गा के किनारे भयानक अकाल पड़ा। लाखों लोग मारे गए।\r\n"
    )
    path = tmp_path / "hi" / "a.txt"
    path.parent.mkdir()
    path.write_bytes(text.encode("utf-8"))
    edition = load_edition(path)
    in_file = path.read_bytes().decode("utf-8")
    rows = [(s.start, s.end, s.text) for s in edition.sentences()] + [
        (h.start, h.end, h.text) for h in edition.headings()
    ]
    assert len(rows) == 6
    for start, end, row_text in rows:
        assert in_file[start:end] == row_text


@pytest.mark.parametrize(
    "data, says",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        ("Ça a été très différent".encode("latin-1"), "not valid UTF-8"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
    ids=["empty", "blank", "latin-1", "binary", "png"],
)
def test_bad_input_is_one_line_naming_the_file_and_the_fix(data, says):
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "texts/hi/bad.txt")
    line = caught.value.one_line()
    assert says in line
    assert line.startswith("texts/hi/bad.txt: ")
    assert "\n" not in line
    assert caught.value.fix


def test_missing_file_names_it(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "absent.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_as_such(encoding):
    with pytest.raises(InputError) as caught:
        decode_bytes(("ค.ศ. 1920-21 ได้เกิดภัยแล้ง\nहिंदी पाठ\n" * 3).encode(encoding), "texts/th/a.txt")
    line = caught.value.one_line()
    assert "UTF-16" in line and "byte-order mark" in line and "binary" not in line
    assert f"iconv -f {encoding.upper().replace('-LE', 'LE').replace('-BE', 'BE')} -t UTF-8" in line
