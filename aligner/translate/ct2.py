"""`ct2`: real machine translation offline, from any CTranslate2 model folder the user has.

No package ships a Hindi or Thai→English model, but many users have one converted already: an
OPUS-MT (Marian) model (``ct2-transformers-converter --model Helsinki-NLP/opus-mt-hi-en
--output_dir opus-mt-hi-en --copy_files source.spm target.spm``) or a multilingual NLLB-200 /
M2M-100 one (``--copy_files sentencepiece.bpe.model``). Name the folders on the command line:

* ``--translator ct2:hi=/models/opus-mt-hi-en,th=/models/opus-mt-th-en`` — one model per language;
* ``--translator ct2:/models/nllb-200-distilled-600M`` — one multilingual model for every language
  its vocabulary has a code for (a single Marian folder given this way serves every language, as
  ``opus-mt-mul-en`` does);
* plain ``ct2`` reads the same specification from ``ALIGNER_CT2_MODELS``.

Tokenisation is the model's own SentencePiece files, decoding is beam search (deterministic), and
the provenance names the folder and a fingerprint of its weights, so replacing a model re-translates.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

from ..document import Provenance
from ..errors import InputError, MissingPackageError
from .base import Translator

log = logging.getLogger(__name__)

INSTALL = "pip install 'aligner[ct2]'"
ENVIRONMENT = "ALIGNER_CT2_MODELS"
# FLORES-200 codes that NLLB's vocabulary uses; M2M-100 writes the ISO code as __hi__.
NLLB_CODES = {
    "ar": "arb_Arab",
    "bn": "ben_Beng",
    "de": "deu_Latn",
    "en": "eng_Latn",
    "es": "spa_Latn",
    "fr": "fra_Latn",
    "gu": "guj_Gujr",
    "hi": "hin_Deva",
    "it": "ita_Latn",
    "ja": "jpn_Jpan",
    "ko": "kor_Hang",
    "mr": "mar_Deva",
    "ne": "npi_Deva",
    "pa": "pan_Guru",
    "pt": "por_Latn",
    "ru": "rus_Cyrl",
    "ta": "tam_Taml",
    "te": "tel_Telu",
    "th": "tha_Thai",
    "tr": "tur_Latn",
    "uk": "ukr_Cyrl",
    "ur": "urd_Arab",
    "vi": "vie_Latn",
    "zh": "zho_Hans",
}
_VOCABULARIES = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json", "source_vocabulary.txt")
_FIX = (
    "convert a model with ct2-transformers-converter and copy its SentencePiece files "
    "(--copy_files source.spm target.spm for OPUS-MT, sentencepiece.bpe.model for NLLB)"
)


def parse_models(spec: str) -> dict[str | None, Path]:
    """``"hi=DIR,th=DIR"`` → {"hi": DIR, "th": DIR}; a bare ``"DIR"`` → {None: DIR} (every language)."""
    models: dict[str | None, Path] = {}
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        lang, equals, folder = part.partition("=")
        if equals and lang.isalpha() and len(lang) <= 3:
            models[lang] = Path(folder).expanduser()
        else:
            models[None] = Path(part).expanduser()
    return models


def _read_vocabulary(folder: Path) -> list[str]:
    import json

    for name in _VOCABULARIES:
        path = folder / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            return json.loads(text) if name.endswith(".json") else text.splitlines()
    return []


@dataclass
class ModelFolder:
    """One converted model: its family (marian, nllb, m2m), SentencePiece files and vocabulary."""

    path: Path

    def check(self) -> None:
        if not (self.path / "model.bin").is_file():
            raise InputError("no CTranslate2 model here (model.bin is missing)", path=self.path, fix=_FIX)
        if self.source_spm is None:
            raise InputError("no SentencePiece model beside the CTranslate2 model", path=self.path, fix=_FIX)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(_read_vocabulary(self.path))

    @cached_property
    def family(self) -> str:
        if "eng_Latn" in self.vocabulary:
            return "nllb"
        if "__en__" in self.vocabulary:
            return "m2m"
        return "marian"

    @cached_property
    def source_spm(self) -> Path | None:
        for name in ("source.spm", "sentencepiece.bpe.model", "spm.model", "sentencepiece.model"):
            if (self.path / name).is_file():
                return self.path / name
        found = sorted(self.path.glob("*.spm")) + sorted(self.path.glob("spm*.model"))
        return found[0] if found else None

    @cached_property
    def target_spm(self) -> Path | None:
        return self.path / "target.spm" if (self.path / "target.spm").is_file() else self.source_spm

    def language_token(self, lang: str) -> str | None:
        if self.family == "nllb":
            return NLLB_CODES.get(lang)
        if self.family == "m2m":
            return f"__{lang}__"
        return None

    def serves(self, lang: str) -> bool:
        token = self.language_token(lang)
        return token is None and self.family == "marian" or token is not None and token in self.vocabulary

    def fingerprint(self) -> str:
        """Weights and tokenisers, cheaply: sizes plus the first and last MiB of the weights."""
        digest = hashlib.sha256()
        weights = self.path / "model.bin"
        size = weights.stat().st_size
        with weights.open("rb") as handle:
            digest.update(handle.read(1 << 20))
            handle.seek(max(0, size - (1 << 20)))
            digest.update(handle.read(1 << 20))
        digest.update(str(size).encode())
        for path in (self.source_spm, self.target_spm, self.path / "config.json"):
            if path is not None and path.is_file():
                digest.update(path.read_bytes())
        return digest.hexdigest()[:12]


def source_tokens(family: str, pieces: list[str], language_token: str | None) -> list[str]:
    """What the encoder reads: Marian pieces + </s>; NLLB and M2M put the language code first."""
    if family in ("nllb", "m2m") and language_token:
        return [language_token, *pieces, "</s>"]
    return [*pieces, "</s>"]


def target_prefix(family: str) -> list[str] | None:
    return {"nllb": ["eng_Latn"], "m2m": ["__en__"]}.get(family)


class Ct2Translator(Translator):
    name = "ct2"

    def __init__(
        self,
        cache_dir: Path | str | None = None,
        spec: str | None = None,
        beam_size: int = 4,
        batch_size: int = 16,
        max_length: int = 256,
    ):
        super().__init__(cache_dir)
        spec = spec if spec is not None else os.environ.get(ENVIRONMENT, "")
        if not spec.strip():
            raise InputError(
                "the ct2 translator needs a CTranslate2 model folder",
                path=ENVIRONMENT,
                fix="name it: --translator ct2:/models/nllb-200-distilled-600M or "
                "ct2:hi=/models/opus-mt-hi-en (or set ALIGNER_CT2_MODELS)",
            )
        self.folders = {lang: ModelFolder(path) for lang, path in parse_models(spec).items()}
        for folder in self.folders.values():
            folder.check()
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.max_length = max_length
        self._loaded: dict[Path, tuple[object, object, object]] = {}
        self._fingerprints: dict[Path, str] = {}
        self._limits: dict[Path, int] = {}

    @classmethod
    def missing(cls) -> str | None:
        from importlib.util import find_spec

        if not (find_spec("ctranslate2") and find_spec("sentencepiece")):
            return INSTALL
        if not os.environ.get(ENVIRONMENT, "").strip():
            return "name a model folder: --translator ct2:/path/to/model (or set ALIGNER_CT2_MODELS)"
        return None

    def _folder(self, lang: str) -> ModelFolder | None:
        folder = self.folders.get(lang) or self.folders.get(None)
        return folder if folder is not None and (lang in self.folders or folder.serves(lang)) else None

    def _folder_for(self, lang: str) -> ModelFolder:
        folder = self._folder(lang)
        if folder is None:
            folders = ", ".join(str(f.path) for f in self.folders.values())
            raise InputError(
                f"no ct2 model translates {lang}", path=folders, fix=f"add one: --translator ct2:{lang}=/path/to/model"
            )
        return folder

    def supports(self, lang: str) -> bool:
        return lang != "en" and self._folder(lang) is not None

    def provenance(self, lang: str) -> Provenance:
        folder = self._folder_for(lang)
        if folder.path not in self._fingerprints:
            self._fingerprints[folder.path] = folder.fingerprint()
        return Provenance(
            kind="machine",
            engine="ctranslate2",
            version=_version(),
            model=f"{folder.path.name} ({folder.family}, {self._fingerprints[folder.path]})",
        )

    def _load(self, folder: ModelFolder):
        if folder.path not in self._loaded:
            try:
                import ctranslate2
                import sentencepiece
            except ImportError:
                raise MissingPackageError("CTranslate2 with SentencePiece", INSTALL) from None
            log.info("loading the CTranslate2 model %s (%s)", folder.path, folder.family)
            try:
                translator = ctranslate2.Translator(str(folder.path), device="cpu", compute_type="default")
            except (RuntimeError, ValueError) as exc:
                raise InputError(f"CTranslate2 cannot load this model ({exc})", path=folder.path, fix=_FIX) from None
            source = sentencepiece.SentencePieceProcessor(model_file=str(folder.source_spm))
            target = sentencepiece.SentencePieceProcessor(model_file=str(folder.target_spm))
            self._loaded[folder.path] = (translator, source, target)
        return self._loaded[folder.path]

    def _translate_batch(
        self,
        folder: ModelFolder,
        translator,
        pieces: list[list[str]],
        language_token: str | None,
        prefix: list[str] | None,
    ):
        """One batch, within the model's position limit (learnt from its first refusal: a converted
        model does not record it; OPUS-MT has 512 positions, NLLB 1024)."""
        limit = min(self.max_length, self._limits.get(folder.path, self.max_length))
        reserved = 1 + (language_token is not None) + (len(prefix) if prefix else 0)
        tokens = [source_tokens(folder.family, p[: max(1, limit - reserved)], language_token) for p in pieces]
        # An English line is rarely more than twice its source in pieces; the cap also stops the
        # repetition loops small models fall into on OCR noise.
        longest = min(limit - 1, 2 * max(len(t) for t in tokens) + 10)
        try:
            return translator.translate_batch(
                tokens,
                beam_size=self.beam_size,
                max_decoding_length=longest,
                max_input_length=limit,
                target_prefix=[prefix] * len(tokens) if prefix else None,
            )
        except RuntimeError as exc:
            model_limit = _position_limit(exc)
            if model_limit is None or model_limit >= limit:
                raise InputError(f"CTranslate2 failed on this model ({exc})", path=folder.path, fix=_FIX) from None
            log.info("%s handles %d positions; longer sentences are cut to fit", folder.path, model_limit)
            self._limits[folder.path] = model_limit
            return self._translate_batch(folder, translator, pieces, language_token, prefix)

    def translate(self, texts: list[str], lang: str) -> list[str]:
        folder = self._folder_for(lang)
        translator, source, target = self._load(folder)
        language_token = folder.language_token(lang)
        prefix = target_prefix(folder.family)
        results = [""] * len(texts)
        # Batches of similar length waste less padding; the order is restored below.
        order = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            pieces = [source.encode(texts[i], out_type=str) for i in batch]
            outputs = self._translate_batch(folder, translator, pieces, language_token, prefix)
            for i, output in zip(batch, outputs):
                hypothesis = output.hypotheses[0]
                if prefix and hypothesis[: len(prefix)] == prefix:
                    hypothesis = hypothesis[len(prefix) :]
                results[i] = target.decode(hypothesis).strip()
        return results


def _position_limit(error: RuntimeError) -> int | None:
    found = re.search(r"positions >= (\d+)", str(error))
    return int(found.group(1)) if found else None


def _version() -> str:
    try:
        return metadata.version("ctranslate2")
    except metadata.PackageNotFoundError:
        raise MissingPackageError("CTranslate2", INSTALL) from None
