"""Tiny built output folders to review: built once a module (the hash encoder, the echo translator),
then copied for each test, which may change them."""

from __future__ import annotations

import shutil

import pytest

# The review server is the `review` extra; without Flask there is nothing here to test.
pytest.importorskip("flask", reason="aligner review needs the review extra: pip install 'aligner[review]'")

from tiny_corpus import HINDI, HINDI_2, THAI, EchoTranslator, write_corpus

GERMAN = (
    "Geschichte\n\nNach 1917 bekamen die Bauern das Land. In den Dörfern entstanden 1918 neue Ausschüsse. "
    "Im Jahr 1921 kam der Hunger an die Wolga. Millionen starben bis 1922.\n"
)
FRENCH = (
    "Histoire\n\nAprès 1917, les paysans reçurent la terre. Dans les villages naquirent en 1918 de nouveaux "
    "comités. En 1921 la faim arriva sur la Volga. Des millions moururent jusqu'en 1922.\n"
)
#: four short sections each, in another order on each side: three thematic links out of order
GERMAN_SECTIONS = (
    "Geschichte\n\nNach 1917 bekamen die Bauern das Land. In den Dörfern entstanden 1918 neue Ausschüsse.\n\n"
    "Hunger\n\nIm Jahr 1921 kam der Hunger an die Wolga. Millionen starben bis 1922.\n\n"
    "Industrie\n\nAb 1928 baute Moskau Fabriken und Kanäle. Die Planwirtschaft wuchs 1932 schnell.\n\n"
    "Krieg\n\nIm Juni 1941 begann der Krieg. Leningrad wurde belagert.\n"
)
FRENCH_SECTIONS = (
    "Histoire\n\nAprès 1917, les paysans reçurent la terre. Dans les villages naquirent en 1918 de "
    "nouveaux comités.\n\nGuerre\n\nEn juin 1941 la guerre commença. Leningrad fut assiégée.\n\n"
    "Famine\n\nEn 1921 la faim arriva sur la Volga. Des millions moururent jusqu'en 1922.\n\n"
    "Industrie\n\nDès 1928 Moscou construisit usines et canaux. L'économie planifiée grandit vite "
    "en 1932.\n"
)
THAI_2 = "\n\nอดอยาก\n\nปี 1921 เกิดความอดอยากริมแม่น้ำโวลกา คนตายหลายแสน\n"


def _build(root, files, mode):
    from tiny_editions import HashEncoder

    import aligner.embed
    from aligner.build import build
    from aligner.translate import TRANSLATORS

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aligner.embed, "default_encoder", lambda *args, **kwargs: HashEncoder())
        patch.setitem(TRANSLATORS._entries, "echo", EchoTranslator)
        texts = write_corpus(root / "texts", files)

        def rebuild(out, **options):
            with pytest.MonkeyPatch.context() as again:
                again.setattr(aligner.embed, "default_encoder", lambda *args, **kwargs: HashEncoder())
                again.setitem(TRANSLATORS._entries, "echo", EchoTranslator)
                return build(texts, out, translators=("echo",), cache=None, mode=mode, **options)

        rebuild(root / "out")
    return root / "out", rebuild


@pytest.fixture(scope="module")
def built_comparable(tmp_path_factory):
    """hi–th, comparable: (output folder, rebuild(out, **options))."""
    return _build(
        tmp_path_factory.mktemp("comparable"), {"hi/a.txt": HINDI + HINDI_2, "th/a.txt": THAI + THAI_2}, "comparable"
    )


@pytest.fixture(scope="module")
def built_translation(tmp_path_factory):
    """de–fr, ordered: four sentences a side, one translating the other."""
    return _build(tmp_path_factory.mktemp("translation"), {"de/a.txt": GERMAN, "fr/a.txt": FRENCH}, "translation")


@pytest.fixture
def comparable_out(built_comparable, tmp_path):
    out, rebuild = built_comparable
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "out", rebuild


@pytest.fixture
def translation_out(built_translation, tmp_path):
    out, rebuild = built_translation
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "out", rebuild


@pytest.fixture(scope="module")
def built_thematic(tmp_path_factory):
    """de–fr, comparable: three links between sections in another order on each side."""
    return _build(
        tmp_path_factory.mktemp("thematic"), {"de/a.txt": GERMAN_SECTIONS, "fr/a.txt": FRENCH_SECTIONS}, "comparable"
    )


@pytest.fixture
def thematic_out(built_thematic, tmp_path):
    out, rebuild = built_thematic
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "out", rebuild


def _serving(out):
    from aligner.review.app import ReviewServer

    running = ReviewServer(out, "Ana Editor").start()
    yield running
    running.shutdown()


@pytest.fixture
def thematic_server(thematic_out):
    """A review server on a copy of the thematic build."""
    yield from _serving(thematic_out[0])


@pytest.fixture
def translation_server(translation_out):
    """A review server on a copy of the translation build."""
    yield from _serving(translation_out[0])
