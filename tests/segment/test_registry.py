"""One registry for every language's segmenter; unknown names list the choices."""

import pytest

from aligner.errors import UnknownNameError
from aligner.segment import languages, segmenter_for


def test_hindi_thai_and_generic_languages_are_registered():
    assert {"hi", "th", "en", "de", "fr", "zh"} <= set(languages())


def test_the_same_instance_is_reused():
    assert segmenter_for("en") is segmenter_for("en")


def test_unknown_language_lists_the_choices():
    with pytest.raises(UnknownNameError) as caught:
        segmenter_for("xx")
    message = caught.value.one_line()
    assert "unknown language 'xx'" in message
    assert "hi" in message and "th" in message
