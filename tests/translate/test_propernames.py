"""Names in the gloss (issue 25): a name written in Thai or Devanagari comes out as the English name a
reader knows, found by sound or in CLDR's names of countries and languages, never as the dictionary
words that hold its syllables; a word that is no name stays a word, and a name no list has stays
romanised and marked ⟨…⟩.

The sentences are written for these tests; apart from a few words the sample corpus also has
(รัสเซีย, บอลเชวิค), the names are not in texts/.
"""

import pytest
import regex

from aligner.translate import translator_for
from aligner.translate.dictionaries import Lexicon
from aligner.translate.gloss import _thai_word
from aligner.translate.propernames import (
    NameMatcher,
    allowed_distance,
    distance,
    phonetic_english,
    phonetic_hindi,
    phonetic_thai,
    romanise_thai_loan,
)


@pytest.fixture(scope="module")
def gloss(tmp_path_factory):
    return translator_for("gloss", cache_dir=tmp_path_factory.mktemp("lexicon"))


def one(gloss, text, lang):
    return gloss.translate([text], lang)[0]


def spelt(name: str, english: str) -> bool:
    """`name` stands in `english` as a word of its own, not inside a ⟨romanisation⟩."""
    return regex.search(rf"(?<![⟨\p{{L}}]){name}(?![\p{{L}}⟩])", english) is not None


@pytest.mark.parametrize(
    "thai, english",
    [
        ("บอลเชวิค", "Bolshevik"),
        ("ไอน์สไตน์", "Einstein"),
        ("ดาร์วิน", "Darwin"),
        ("บีโทเฟน", "Beethoven"),
        ("ฮัมบูร์ก", "Hamburg"),
        ("พุชกิน", "Pushkin"),
        ("เมนเชวิค", "Menshevik"),
        ("ครอนสตัดท์", "Kronstadt"),
        ("ลูนาชาร์สกี", "Lunacharsky"),
        ("โคมินเทิร์น", "Comintern"),
        ("ออสเตรีย", "Austria"),
        ("มอสโก", "Moscow"),
    ],
)
def test_a_thai_name_read_letter_by_letter_sounds_like_its_english_spelling(thai, english):
    code = phonetic_thai(thai)
    assert distance(code, phonetic_english(english)) <= allowed_distance(code)


@pytest.mark.parametrize(
    "hindi, english",
    [
        ("बोल्शेविक", "Bolshevik"),
        ("टॉल्स्टॉय", "Tolstoy"),
        ("मार्क्स", "Marx"),
        ("शिकागो", "Chicago"),
        ("गांधी", "Gandhi"),
        ("डार्विन", "Darwin"),
        ("ट्रॉट्स्की", "Trotsky"),
        ("लिवरपूल", "Liverpool"),
    ],
)
def test_a_hindi_name_sounds_like_its_english_spelling(hindi, english):
    code = phonetic_hindi(hindi)
    assert distance(code, phonetic_english(english)) <= allowed_distance(code)


@pytest.mark.parametrize(
    "word, other",
    [
        ("รุสเซีย", "Rasmussen"),
        ("มอสโก", "Kazakhstan"),
        ("สตาลิน", "Catalonia"),
        ("वालने", "Walloon"),
    ],
)
def test_a_name_that_only_shares_a_few_sounds_is_too_far(word, other):
    code = phonetic_hindi(word) if regex.search(r"\p{Devanagari}", word) else phonetic_thai(word)
    assert distance(code, phonetic_english(other)) > allowed_distance(code)


def test_the_matcher_prefers_the_better_known_of_two_names_that_sound_alike():
    rows = {
        name: [prominence, phonetic_english(name), True]
        for name, prominence in (("Marx", 9), ("Marks", 1), ("Stalin", 5), ("Russia", 8), ("Rosa", 3))
    }
    matcher = NameMatcher(rows)
    assert matcher.match(phonetic_hindi("मार्क्स"))[0] == "Marx"
    assert matcher.match(phonetic_thai("รุสเซีย"))[0] == "Russia"
    assert matcher.match(phonetic_thai("สตาลิน"))[0] == "Stalin"
    assert matcher.match(phonetic_thai("มอสโก")) is None  # not among these names: no guess


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("ดาร์วินเขียนหนังสือ", ["Darwin"]),
        ("บีโทเฟนและโมซาร์ทเป็นนักดนตรี", ["Beethoven", "Mozart"]),
        ("พุชกินเป็นกวีรัสเซีย", ["Pushkin", "Russia"]),
        ("แมนเชสเตอร์และฮัมบูร์ก", ["Manchester", "Hamburg"]),
        ("เมนเชวิคไม่เห็นด้วย", ["Menshevik"]),
        ("ไอน์สไตน์เกิดที่เยอรมนี", ["Einstein", "Germany"]),
        ("เชอร์ชิลเป็นนายกรัฐมนตรี", ["Churchill"]),
        ("ชาวบอลเชวิคยึดเมืองมอสโก", ["Bolshevik", "Moscow"]),
        ("ทหารรัสเซียเดินทางไปเบอร์ลิน", ["Russia", "Berlin"]),
        ("เขาไปดับลินและลิเวอร์พูล", ["Dublin", "Liverpool"]),
    ],
)
def test_thai_names_come_out_as_the_english_names(gloss, sentence, names):
    english = one(gloss, sentence, "th")
    assert all(spelt(name, english) for name in names), english


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("टॉल्स्टॉय ने उपन्यास लिखा।", ["Tolstoy"]),
        ("रूस और जर्मनी", ["Russia", "Germany"]),  # CLDR's country names: रूस is no romanised 'Rus'
        ("रूसी भाषा", ["Russian"]),  # the language, not FreeDict's 'dandruff'
        ("बोल्शेविकों ने सत्ता ली।", ["Bolshevik"]),  # through the plural ending
        ("गांधी और मुसोलिनी", ["Gandhi", "Mussolini"]),
        ("डार्विन और मार्क्स", ["Darwin", "Marx"]),
        ("ट्रॉट्स्की लेनिनग्राद गया।", ["Trotsky", "Leningrad"]),
        ("पिकासो डबलिन में", ["Picasso", "Dublin"]),
    ],
)
def test_hindi_names_come_out_as_the_english_names(gloss, sentence, names):
    english = one(gloss, sentence, "hi")
    assert all(spelt(name, english) for name in names), english


@pytest.mark.parametrize(
    "word, name",
    [
        ("บอลเชวิค", "Bolshevik"),  # newmm: บอล 'ball' | เช | วิ | ค
        ("พุชกิน", "Pushkin"),  # พุ | ช | กิน 'eat'
        ("ไอน์สไตน์", "Einstein"),  # a dictionary word of its own, with no English: not cut (ไอ 'cough' …)
        ("ทรอตสกี", "Trotsky"),  # ทรอ | ต | สกี 'ski'
    ],
)
def test_a_name_is_never_cut_into_the_dictionary_words_inside_it(gloss, word, name):
    assert one(gloss, word, "th") == name


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("เมนเชวิคระยะหนึ่ง", "Menshevik"),  # newmm: เมน | เช | วิ | คระ | ยะ — the name's ค went to ระยะ
        ("ฮัมบูร์กระยะหนึ่ง", "Hamburg"),  # ฮัม | บูร์ | กระ | ยะ
    ],
)
def test_a_names_last_consonant_given_to_the_next_word_is_taken_back(gloss, sentence, name):
    english = one(gloss, sentence, "th")
    assert english.startswith(name) and "distance" in english, english  # ระยะ is whole again


def test_an_encoder_guess_that_is_a_name_the_word_does_not_sound_like_is_dropped(gloss):
    names = gloss._lexicon("th").names
    lexicon = Lexicon({}, ("test",), {"รุสเซีย": "Rasmussen", "มอสโก": "Kazakhstan", "ซาร์": "Sarah"}, names=names)
    assert _thai_word("รุสเซีย", lexicon) == "Russia"
    assert _thai_word("มอสโก", lexicon) == "Moscow"
    assert "Sarah" not in _thai_word("ซาร์", lexicon)  # too short to be told by sound: romanised


@pytest.mark.parametrize(
    "text, lang, words",
    [
        ("หาทาง", "th", ["way"]),  # a compound of two words (find + way) is read as them
        ("ถือเป็น", "th", ["is"]),
        ("ทำได้", "th", ["could"]),
        ("ใช้กับ", "th", ["with"]),
        ("पार्टी", "hi", ["party"]),  # a loanword the induced list knows is no name (Bardi)
        ("माली", "hi", ["gardener"]),  # a common word the dictionary has beats a country's name (Mali)
    ],
)
def test_words_that_are_no_names_stay_words(gloss, text, lang, words):
    english = one(gloss, text, lang).lower()
    assert all(word in english for word in words), english


@pytest.mark.parametrize(
    "thai, letters",
    [
        ("ครอนสตัดท์", "kronstadt"),
        ("คาเมเนฟ", "kamenef"),
        ("โนโวซีบีสค์", "nowosibisk"),
        ("ทรอตสกี", "trotski"),
    ],
)
def test_a_foreign_name_no_list_has_is_read_back_to_the_letters_it_had(thai, letters):
    assert romanise_thai_loan(thai) == letters  # the Royal Institute's system: khronsatat, khamenep, nowosibit


@pytest.mark.parametrize("text, lang", [("सबको", "hi"), ("ज़ुम्बरोव", "hi"), ("เอดินบะระ", "th"), ("โนโวซีบีสค์", "th")])
def test_a_word_no_list_knows_stays_romanised_and_marked(gloss, text, lang):
    assert regex.fullmatch(r"⟨\p{Lu}\p{Ll}+⟩", one(gloss, text, lang))


def test_the_provenance_names_the_name_lists(gloss):
    assert any("CLDR" in r and "WordNet" in r for r in gloss.provenance("th").resources)


def test_the_english_names_hold_people_places_and_movements_but_no_genera_or_common_words(gloss):
    names = gloss._lexicon("th").names.matcher.names
    assert {"Bolshevik", "Eisenstein", "Petrograd", "Russia", "Kronstadt", "Comintern"} <= names.keys()
    assert not {"Culex", "Pinus", "Creating", "University"} & names.keys()
    assert "Kronstadt" not in gloss._lexicon("hi").names.matcher.names  # Thai corpus only: not for Hindi


def test_names_and_marks_read_the_same_in_the_tmx_the_tei_edition_and_the_review_page(gloss):
    from html import unescape

    from aligner.document import Alignment, Division, Edition, EnglishLine, Link, Paragraph, Sentence
    from aligner.formats.tei import edition_tei
    from aligner.formats.tmx import english_tmx
    from aligner.report import render_report

    texts = ["ทหารรัสเซียเดินทางไปเอดินบะระ", "ชาวบอลเชวิคยึดเมืองมอสโก"]
    lines = gloss.translate(texts, "th")
    assert "⟨Edinbara⟩" in lines[0] and "Russia" in lines[0] and "Bolshevik" in lines[1]
    sentences = tuple(Sentence(f"th.p1.s{n}", text, 0, len(text)) for n, text in enumerate(texts, 1))
    paragraph = Paragraph("th.p1", " ".join(texts), (0,), sentences)
    provenance = gloss.provenance("th")
    thai = Edition(
        "th",
        "th",
        "th.txt",
        " ".join(texts),
        (Division("th.d1", None, (paragraph,)),),
        english=tuple(EnglishLine(s.id, line, provenance, s.hash) for s, line in zip(sentences, lines)),
    )
    hindi = Edition(
        "hi",
        "hi",
        "hi.txt",
        "एक।",
        (Division("hi.d1", None, (Paragraph("hi.p1", "एक।", (0,), (Sentence("hi.p1.s1", "एक।", 0, 4),)),)),),
    )
    page = unescape(
        render_report(Alignment("hi", "th", "translation", (Link(("hi.p1.s1",), ("th.p1.s1",), 0.9),)), hindi, thai)
    )
    for output in (english_tmx(thai).decode("utf-8"), edition_tei(thai).decode("utf-8"), page):
        assert all(line in output for line in lines)
        assert "(Edinbara)" not in output
