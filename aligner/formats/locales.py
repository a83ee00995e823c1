"""Full locale codes for TMX and TEI: CAT tools match TMs by locale (hi-IN), not bare language."""

from __future__ import annotations

#: the usual region of each language in translation memories; others fall back to the bare code
LOCALES = {
    "hi": "hi-IN", "th": "th-TH", "en": "en", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "it": "it-IT",
    "pt": "pt-PT", "ru": "ru-RU", "zh": "zh-CN", "ja": "ja-JP", "ko": "ko-KR", "ar": "ar-SA", "bn": "bn-IN",
    "ur": "ur-PK", "mr": "mr-IN", "ta": "ta-IN", "te": "te-IN", "vi": "vi-VN", "id": "id-ID", "tr": "tr-TR",
    "pl": "pl-PL", "nl": "nl-NL", "uk": "uk-UA", "cs": "cs-CZ", "sv": "sv-SE", "fi": "fi-FI", "el": "el-GR",
}


def locale_for(lang: str) -> str:
    return LOCALES.get(lang, lang)
