"""The `llm` translator's examples and framings, and which framings each pass of a sentence runs."""

from __future__ import annotations

# Written for this prompt, on the corpus's own subjects; not taken from any evaluation set.
EXAMPLES = {
    "hi": [
        ("किसानों को अपनी ज़मीन सामूहिक खेतों को देनी पड़ी।", "The peasants had to give their land to the collective farms."),
        (
            "1921 में नई आर्थिक नीति लागू की गई और छोटे व्यापार की अनुमति दी गई।",
            "In 1921 the New Economic Policy was introduced and small trade was allowed.",
        ),
    ],
    "th": [
        ("ชาวนาต้องมอบที่ดินของตนให้แก่นารวม", "The peasants had to hand over their land to the collective farms."),
        (
            "ใน ค.ศ. 1921 รัฐบาลได้ประกาศใช้นโยบายเศรษฐกิจใหม่ และอนุญาตให้มีการค้าขนาดเล็ก",
            "In 1921 the government introduced the New Economic Policy and allowed small trade.",
        ),
    ],
}

# A second pair, general news-style sentences, also written for this prompt: a different context
# gives a different line, and more candidates give the selection more to choose from.
GENERAL_EXAMPLES = {
    "hi": [
        ("सरकार ने सोमवार को नई स्वास्थ्य योजना की घोषणा की।", "The government announced a new health scheme on Monday."),
        ("शहर में भारी बारिश के कारण कई सड़कें बंद रहीं।", "Many roads remained closed because of heavy rain in the city."),
    ],
    "th": [
        ("รัฐบาลประกาศแผนสาธารณสุขใหม่เมื่อวันจันทร์", "The government announced a new health plan on Monday."),
        ("ถนนหลายสายในเมืองถูกปิดเพราะฝนตกหนัก", "Many roads in the city were closed because of heavy rain."),
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
