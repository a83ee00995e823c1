"""The gloss on small real sentences (from texts/ and everyday Hindi/Thai): names romanised and
marked, digits converted, nothing dropped, provenance declared."""

import pytest
import regex

from aligner.errors import UnknownNameError
from aligner.translate import translator_for, translator_names
from aligner.translate.romanise import romanise_hindi, romanise_thai


@pytest.fixture(scope="module")
def gloss(tmp_path_factory):
    return translator_for("gloss", cache_dir=tmp_path_factory.mktemp("lexicon"))


def one(gloss, text, lang):
    return gloss.translate([text], lang)[0]


def test_registry_lists_gloss_and_rejects_unknown_names():
    assert "gloss" in translator_names()
    with pytest.raises(UnknownNameError) as error:
        translator_for("babelfish")
    assert "gloss" in error.value.one_line()


@pytest.mark.parametrize(
    "word, expected",
    [
        ("स्टालिन", "stalin"),
        ("लेनिन", "lenin"),
        ("कमला", "kamla"),
        ("समझना", "samajhna"),
        ("लड़का", "larka"),
    ],
)
def test_hindi_romanisation_drops_silent_schwa(word, expected):
    assert romanise_hindi(word) == expected


def test_hindi_content_and_function_words(gloss):
    english = one(gloss, "किसानों के लिए शिक्षा ज़रूरी है।", "hi")
    assert english.startswith(("Peasant", "Farmer"))  # written as a sentence: its first letter capitalised
    assert "for" in english and "education" in english and english.endswith(".")


def test_a_hindi_name_comes_out_as_the_english_name_and_an_unknown_word_romanised_and_marked(gloss):
    english = one(gloss, "इस बात को देखते हुए स्तालिन ने पहल की।", "hi")
    assert "Stalin" in english and "⟨Stalin⟩" not in english
    assert "⟨Sabko⟩" in one(gloss, "सबको", "hi")  # an inflected word no list has is no name


def test_devanagari_and_thai_digits_become_arabic(gloss):
    assert "1917" in one(gloss, "१९१७ में क्रांति हुई।", "hi")
    assert "1921" in one(gloss, "ค.ศ.๑๙๒๑", "th")


def test_thai_gloss_keeps_every_word(gloss):
    english = one(gloss, "นโยบายเศรษฐกิจใหม่ของเลนิน", "th")
    assert "olicy" in english and "new" in english and "of" in english
    # เลนิน, which newmm cuts as เล|นิน, is read whole: PyThaiNLP's loanword table knows it
    assert "Lenin" in english


def test_thai_loanword_from_transliteration_table(gloss):
    assert "communis" in one(gloss, "พรรคคอมมิวนิสต์", "th").lower()


def test_provenance_names_engine_and_dictionaries(gloss):
    provenance = gloss.provenance("th")
    assert provenance.kind == "gloss" and provenance.engine == "aligner-gloss" and provenance.version
    assert any("WordNet" in r for r in provenance.resources)
    assert any("FreeDict" in r for r in gloss.provenance("hi").resources)


def test_unsupported_language_is_one_line_error(gloss):
    with pytest.raises(UnknownNameError):
        gloss.translate(["Bonjour."], "fr")


def test_words_the_dictionaries_lack_come_from_the_induced_list_and_dictionary_words_win():
    from aligner.translate.dictionaries import Lexicon
    from aligner.translate.gloss import _hindi_word, _thai_word

    lexicon = Lexicon({"किसान": "farmer"}, ("test",), {"किसान": "peasantry", "ज्यादातर": "mostly", "स्टालिन": "stallion"})
    assert _hindi_word("किसानों", lexicon) == "farmer"  # the dictionary, through the plural ending
    assert _hindi_word("ज्यादातर", lexicon) == "mostly"
    # romanised, स्टालिन is an English word already (a name): marked romanisation, not a false friend
    assert _hindi_word("स्टालिन", lexicon) == "⟨Stalin⟩"
    thai = Lexicon({}, ("test",), {"ดิจิทัล": "digital"})
    assert _thai_word("ดิจิทัล", thai) == "digital"


def test_the_shipped_induced_lists_cover_loanwords(gloss):
    assert "digital" in one(gloss, "डिजिटल", "hi").lower()
    assert any("induced" in r for r in gloss.provenance("hi").resources + gloss.provenance("th").resources)


def test_thai_acronyms_are_read_as_letters(gloss):
    english = one(gloss, "บริษัทบอกกับบีบีซีว่าเคเอฟซีไม่ได้ขายกิจการ", "th")
    assert "BBC" in english and "KFC" in english


def test_a_thai_name_is_romanised_whole_not_as_the_short_words_inside_it(gloss):
    # newmm finds โร ('rho') inside เฮโรด (Herod) and โล ('kilo-') inside สโลวาเกีย (Slovakia).
    english = one(gloss, "เฮโรดเดินทางไปสโลวาเกีย", "th")
    assert "rho" not in english and "kilo" not in english.lower()
    assert "⟨Herod⟩" in english


def test_a_listed_word_without_english_inside_a_name_stays_in_the_name(gloss):
    # newmm cuts ลูนาซาร์สกี (Lunacharsky, as the corpus spells him) into ลู|นา|ซาร์|สกี: ซาร์ is in the
    # word list with no English, สกี is 'ski'. One name, not "⟨Luna⟩ ⟨Sa⟩ ski".
    english = one(gloss, "ลูนาซาร์สกีรู้ว่า", "th")
    assert "ski " not in english and "⟨Sa⟩" not in english
    assert english.startswith("⟨Lunasarski⟩")


def test_proper_names_are_capitalised_but_common_words_are_not(gloss):
    english = one(gloss, "พระเยซูเกิดที่เบธเลเฮม", "th")
    assert "Jesus" in english
    assert one(gloss, "หรือ", "th") in ("Or", "or")  # not the acronym OR


@pytest.mark.parametrize("word", ["ห", "ค็อด", "แล็ค", "เลนิน", "อ"])
def test_a_thai_romanisation_holds_no_thai_and_is_never_empty(word):
    romanised = romanise_thai(word)
    assert romanised and not regex.search(r"\p{Thai}", romanised)
