"""The generic rule segmenter for languages with . ! ? (and CJK full stops)."""

import pytest

from aligner.segment import segmenter_for

CASES = [
    (
        "en",
        "The party ruled alone. Elections were a formality.",
        ["The party ruled alone.", "Elections were a formality."],
    ),
    (
        "en",
        "Mr. Lunacharsky ran the commissariat. He favoured the avant-garde.",
        ["Mr. Lunacharsky ran the commissariat.", "He favoured the avant-garde."],
    ),
    (
        "en",
        "The famine of 1932–34 killed millions. Was it planned? Historians disagree!",
        ["The famine of 1932–34 killed millions.", "Was it planned?", "Historians disagree!"],
    ),
    (
        "en",
        "Output rose 3.5 per cent in 1937. It kept rising.",
        ["Output rose 3.5 per cent in 1937.", "It kept rising."],
    ),
    ("en", "He wrote “We”. It was banned.", ["He wrote “We”.", "It was banned."]),
    ("en", "See e.g. the decree of 1921. Then the NEP began.", ["See e.g. the decree of 1921.", "Then the NEP began."]),
    ("en", "J. Stalin rose. V. I. Lenin died in 1924.", ["J. Stalin rose.", "V. I. Lenin died in 1924."]),
    (
        "de",
        "Die Partei regierte allein. Wahlen waren Formsache.",
        ["Die Partei regierte allein.", "Wahlen waren Formsache."],
    ),
    ("zh", "新经济政策开始了。农民可以出售余粮！", ["新经济政策开始了。", "农民可以出售余粮！"]),
    ("en", "no final stop here", ["no final stop here"]),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_generic_sentences(lang, text, expected):
    assert segmenter_for(lang).sentences(text) == expected
