"""Language names and locale codes, from CLDR through `langcodes` rather than tables of our own.

* `language_name("hi")` → "Hindi": the English name of a language, for pages, TEI headers and prompts;
* `locale_for("hi")` → "hi-IN": the locale a translation memory is tagged with. CAT tools (OmegaT,
  memoQ, Trados) match TMs by locale, not by bare language, so a bare code gets its usual region
  from CLDR's likely subtags (hi → hi-Deva-IN → hi-IN).

A code langcodes cannot read, or a language CLDR knows nothing of, comes back as it was given.
"""

from __future__ import annotations

from functools import cache

#: Locales that CLDR's likely subtags would give otherwise. Each is the region the earlier table of
#: aligner (formats/locales.py) gave, kept so that a TM exported before is tagged as one exported
#: now and a CAT tool goes on matching it.
LOCALE_OVERRIDES = {
    # English lines are written in no particular variety: TMs have always tagged them plain "en"
    # (CLDR's likely region is US).
    "en": "en",
    # European Portuguese as before (CLDR: pt-BR, the larger population).
    "pt": "pt-PT",
    # Saudi Arabia as before (CLDR: ar-EG).
    "ar": "ar-SA",
    # Bengali of India as before (CLDR: bn-BD).
    "bn": "bn-IN",
}


@cache
def language_name(code: str) -> str:
    """The English name of the language of `code` ("hi" → "Hindi"); `code` itself when unknown."""
    tag = _tag(code)
    if tag is None or not tag.language:
        return code
    name = tag.language_name("en")
    # langcodes names what it does not know "Unknown language [xx]".
    return code if name.startswith("Unknown language") else name


@cache
def locale_for(code: str) -> str:
    """The locale a TM tags `code` with: a bare language gets its usual region ("th" → "th-TH").

    A code that already names a region, or whose language CLDR has no likely region for, is kept.
    """
    if code in LOCALE_OVERRIDES:
        return LOCALE_OVERRIDES[code]
    tag = _tag(code)
    if tag is None or tag.territory or not _has_likely_subtags(tag.language):
        return code
    region = tag.maximize().territory
    return str(tag.update_dict({"territory": region})) if region else code


def _tag(code: str):
    from langcodes import Language, LanguageTagError

    try:
        # Not normalised: a deprecated code (iw, in) stays as written, only the region is added.
        return Language.get(code, normalize=False)
    except (LanguageTagError, ValueError):
        return None


def _has_likely_subtags(language: str | None) -> bool:
    # Without an entry of its own, maximize() falls back to "und" and answers en-Latn-US for any
    # language: that is no locale of that language.
    from langcodes.data_dicts import LIKELY_SUBTAGS

    return bool(language) and language in LIKELY_SUBTAGS
