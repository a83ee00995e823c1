"""Language names and TM locales come from CLDR (langcodes), with the earlier table's choices kept."""

import pytest

from aligner.lang.names import LOCALE_OVERRIDES, language_name, locale_for

# The table formats/locales.py kept before langcodes: every code must give the same locale as then.
EARLIER_LOCALES = {
    "hi": "hi-IN",
    "th": "th-TH",
    "en": "en",
    "de": "de-DE",
    "fr": "fr-FR",
    "es": "es-ES",
    "it": "it-IT",
    "pt": "pt-PT",
    "ru": "ru-RU",
    "zh": "zh-CN",
    "ja": "ja-JP",
    "ko": "ko-KR",
    "ar": "ar-SA",
    "bn": "bn-IN",
    "ur": "ur-PK",
    "mr": "mr-IN",
    "ta": "ta-IN",
    "te": "te-IN",
    "vi": "vi-VN",
    "id": "id-ID",
    "tr": "tr-TR",
    "pl": "pl-PL",
    "nl": "nl-NL",
    "uk": "uk-UA",
    "cs": "cs-CZ",
    "sv": "sv-SE",
    "fi": "fi-FI",
    "el": "el-GR",
}


@pytest.mark.parametrize(
    "code, name", [("hi", "Hindi"), ("th", "Thai"), ("en", "English"), ("de", "German"), ("hi-IN", "Hindi")]
)
def test_language_names_are_the_english_names(code, name):
    assert language_name(code) == name


@pytest.mark.parametrize("code", ["xx", "qaa", "", "not a tag", "und"])
def test_a_code_without_a_language_name_is_its_own_name(code):
    assert language_name(code) == code


@pytest.mark.parametrize("code, locale", sorted(EARLIER_LOCALES.items()))
def test_every_locale_of_the_earlier_table_is_unchanged(code, locale):
    assert locale_for(code) == locale


def test_the_overrides_are_only_where_cldr_gives_another_region():
    from langcodes import Language

    for code, locale in LOCALE_OVERRIDES.items():
        maximised = Language.get(code).maximize()
        assert f"{maximised.language}-{maximised.territory}" != locale, code


def test_a_language_outside_the_earlier_table_gets_its_likely_region():
    assert locale_for("ne") == "ne-NP"
    assert locale_for("sw") == "sw-TZ"


@pytest.mark.parametrize("code", ["hi-IN", "en-GB", "xx", "qaa", "", "not a tag"])
def test_a_code_with_a_region_or_without_a_likely_one_is_kept(code):
    assert locale_for(code) == code
