"""A small real Hindi/Thai sample through the whole aligner, with the packaged encoder loaded once."""

import pytest

from aligner.align.api import align_editions
from aligner.align.ordered import align_sentences
from aligner.embed import default_encoder
from aligner.ingest import presplit_edition

pytestmark = pytest.mark.model

HINDI = [
    "सोवियत क्रांति का पूरे विश्व पर गहरा असर पड़ा।",
    "निरक्षरता में भारी कमी आई और सबके लिए समान शिक्षा की व्यवस्था की गई।",
    "1932-34 के बीच भीषण अकाल पड़ा।",
]
# Our own Thai renderings of the same three sentences, the second split in two.
THAI = [
    "การปฏิวัติโซเวียตส่งผลอย่างลึกซึ้งต่อทั้งโลก",
    "การไม่รู้หนังสือลดลงอย่างมาก",
    "และมีการจัดการศึกษาที่เท่าเทียมกันสำหรับทุกคน",
    "ระหว่าง ค.ศ. 1932-34 เกิดความอดอยากอย่างรุนแรง",
]


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    return default_encoder(tmp_path_factory.mktemp("cache"))


def test_translated_sentences_align_in_order_with_a_one_to_two_link(encoder):
    links = align_sentences(HINDI, THAI, encoder)
    assert [(s, t) for s, t, _ in links] == [([0], [0]), ([1], [1, 2]), ([2], [3])]
    assert all(0.0 <= score <= 1.0 for _, _, score in links)


def test_cache_serves_the_second_run(encoder):
    encoder.encode(HINDI)
    hits = encoder.hits
    encoder.encode(HINDI)
    assert encoder.hits == hits + len(HINDI)


def test_any_language_pair_the_encoder_covers(encoder):
    german = presplit_edition(
        "Die Partei regierte allein.\nDie Hungersnot tötete Millionen.\nDie Schulen wurden geöffnet.",
        "de",
        edition_id="de",
        source="de.txt",
    )
    french = presplit_edition(
        "Le parti gouvernait seul.\nLa famine tua des millions de personnes.\nLes écoles furent ouvertes.",
        "fr",
        edition_id="fr",
        source="fr.txt",
    )
    alignment = align_editions(german, french, encoder, mode="translation")
    assert [(link.source, link.target) for link in alignment.links] == [
        (("de.p1.s1",), ("fr.p1.s1",)),
        (("de.p1.s2",), ("fr.p1.s2",)),
        (("de.p1.s3",), ("fr.p1.s3",)),
    ]
