"""Tiny corpora on disk for end-to-end builds that take seconds: a few lines a language, a stand-in
translator (`EchoTranslator`) and, through the `quick_build` fixture (conftest.py), the hash encoder
instead of the packaged model."""

from __future__ import annotations

from pathlib import Path

from aligner.document import Provenance
from aligner.translate.base import Translator

HINDI = "सोवियत संघ का इतिहास\n\n1917 के बाद ज़मींदारों की ज़मीन किसानों को मिली। गाँवों में नई समितियाँ बनीं।\n"
HINDI_2 = "अकाल\n\n1921 में वोल्गा के किनारे भयानक अकाल पड़ा। लाखों लोग मारे गए।\n"
THAI = "ประวัติศาสตร์โซเวียต\n\nหลังปี 1917 ที่ดินของเจ้าของที่ดินตกเป็นของชาวนา หมู่บ้านตั้งคณะกรรมการใหม่\n"
GERMAN = "Geschichte\n\nNach 1917 bekamen die Bauern das Land. In den Dörfern entstanden neue Ausschüsse.\n"
ENGLISH = "History\n\nAfter 1917 the peasants got the land. New committees formed in the villages.\n"


class EchoTranslator(Translator):
    """A machine translator for the tests: the English line is the source sentence in brackets."""

    name, languages = "echo", ("hi", "th", "de", "fr")

    def provenance(self, lang: str) -> Provenance:
        return Provenance(kind="machine", engine="echo", version="1")

    def translate(self, texts: list[str], lang: str) -> list[str]:
        return [f"[{text}]" for text in texts]


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    """`files` maps paths under the corpus folder (``hi/a.txt``) to their text."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under an output folder, by its path relative to it."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
