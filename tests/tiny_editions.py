"""Two tiny hand-made editions (Hindi, Thai) and two alignments between them, built straight from the
document model, for the format and report tests: no corpus, no ingestion heuristics, no encoder.

The texts are short sentences written for these tests (no bench data). The source text of each
edition is written piece by piece while the model is built, so every span and offset is right by
construction. Between them the two editions hold everything the exporters have to handle:

* divisions with a heading of their own and with a run-in heading;
* page furniture (a title block, page numbers, running headers), a page break between two sentences
  (Hindi) and one inside a sentence (Thai), a footnote marker glued to a sentence's last word, a
  Thai line break joined without a space;
* an English layer with gloss, machine and human lines, a sentence with several lines, and a stale
  human line (its source sentence changed after it was written).

`translation` is ordered sentence alignment with 1-1 links, a 2-1 link, an accepted and a rejected
link, and a sentence left unmatched on each side; `comparable` links passages out of order, a Thai
passage twice, each link with the sentence pairs behind it, one link rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from aligner.document import (
    Alignment,
    Division,
    Edition,
    EnglishLine,
    Furniture,
    Heading,
    Link,
    NoteRef,
    Paragraph,
    Provenance,
    Sentence,
    division_id,
    paragraph_id,
    sentence_id,
    text_hash,
)


@dataclass(frozen=True)
class Note:
    """A footnote marker as printed (`mark`, glued to the word before it) with its label."""

    label: str
    mark: str


class Wrap:
    """A line break inside a paragraph: a space in the cleaned text, or nothing in Thai."""


class Page:
    """A page break inside a paragraph: the line break, then the next page's furniture."""

    def __init__(self, *furniture: tuple[str, str]):
        self.furniture = furniture


class _Writer:
    """Writes the source text of one edition while building its divisions, so spans always agree."""

    def __init__(self, edition_id: str, lang: str):
        self.id, self.lang = edition_id, lang
        self.source = ""
        self.furniture: list[Furniture] = []
        self.divisions: list[Division] = []
        self._heading: Heading | None = None
        self._paragraphs: list[Paragraph] = []
        self._started = False
        self._paragraph_count = 0

    def _put(self, text: str) -> tuple[int, int]:
        start = len(self.source)
        self.source += text
        return start, len(self.source)

    def furniture_line(self, kind: str, text: str) -> None:
        start, end = self._put(text)
        self._put("\n")
        self.furniture.append(Furniture(kind, text, start, end))

    def division(self, heading: str | None = None, *, run_in: bool = False) -> None:
        self._close_division()
        self._started = True
        if heading is not None:
            start, end = self._put(heading)
            self._put(" " if run_in else "\n\n")
            self._heading = Heading(heading, start, end, "run-in" if run_in else "heading")

    def _close_division(self) -> None:
        if self._started:
            self.divisions.append(
                Division(division_id(self.id, len(self.divisions) + 1), self._heading, tuple(self._paragraphs))
            )
        self._heading, self._paragraphs = None, []

    def paragraph(self, *sentences) -> None:
        """Each sentence is a string, or a tuple of strings, `Note`s, `Wrap`s and `Page`s."""
        self._paragraph_count += 1
        pid = paragraph_id(self.id, self._paragraph_count)
        text: list[str] = []
        offsets: list[int] = []
        notes: list[NoteRef] = []
        soft_breaks: list[int] = []
        page_breaks: list[int] = []
        ranges = []
        for number, parts in enumerate(sentences):
            parts = parts if isinstance(parts, tuple) else (parts,)
            if number and not (parts[0] is Wrap or isinstance(parts[0], Page)):
                start, _ = self._put(" ")
                text.append(" ")
                offsets.append(start)
            first = None
            for part in parts:
                if first is None and not (part is Wrap or isinstance(part, Page)):
                    first = len(text)  # a break before a sentence's first word separates it from the last one
                if isinstance(part, str):
                    start, end = self._put(part)
                    text.extend(part)
                    offsets.extend(range(start, end))
                elif isinstance(part, Note):
                    start, end = self._put(part.mark)
                    notes.append(NoteRef(part.label, len(text), start, end))
                elif part is Wrap or isinstance(part, Page):
                    start, _ = self._put("\n")
                    if isinstance(part, Page):
                        page_breaks.append(len(text))
                        for kind, line in part.furniture:
                            self.furniture_line(kind, line)
                    if self.lang == "th":
                        soft_breaks.append(len(text))
                    else:
                        text.append(" ")
                        offsets.append(start)
                else:
                    raise TypeError(part)
            ranges.append((first, len(text)))
        self._put("\n\n")
        cleaned = "".join(text)
        built = []
        for number, (a, b) in enumerate(ranges, start=1):
            # a marker at a boundary belongs to the sentence it follows (it was glued to its last word)
            mine = tuple(n for n in notes if a <= n.offset <= b and not (n.offset == a and number > 1))
            built.append(Sentence(sentence_id(pid, number), cleaned[a:b], offsets[a], offsets[b - 1] + 1, mine))
        self._paragraphs.append(
            Paragraph(pid, cleaned, tuple(offsets), tuple(built), tuple(notes), tuple(soft_breaks), tuple(page_breaks))
        )

    def edition(self, source: str, segmenter: str) -> Edition:
        self._close_division()
        return Edition(
            id=self.id,
            lang=self.lang,
            source=source,
            source_text=self.source,
            divisions=tuple(self.divisions),
            furniture=tuple(self.furniture),
            segmenter=segmenter,
        )


HI_HEADER = "सोवियत संघ का इतिहास"
TH_HEADER = "ประวัติศาสตร์โซเวียต"


def hindi_source() -> Edition:
    w = _Writer("hi", "hi")
    w.furniture_line("title-block", HI_HEADER)
    w.division("क्रांति")
    w.paragraph(("1917 के बाद ज़मींदारों की ज़मीन", Wrap, "किसानों को मिली।", Note("1", "¹")), "गाँवों में नई समितियाँ बनीं।")
    w.paragraph(
        "शहरों में मज़दूरों ने कारख़ानों पर नियंत्रण किया।",
        "उत्पादन घट गया।",
        (Page(("page-number", "2"), ("running-header", HI_HEADER)), "खाने की कमी हो गई।"),
    )
    w.division("अकाल")
    w.paragraph("1921 में वोल्गा के किनारे भयानक अकाल पड़ा।", "लाखों लोग मारे गए।")
    w.division("नई आर्थिक नीति।", run_in=True)
    w.paragraph("सरकार ने किसानों को बाज़ार में अनाज बेचने दिया।", "छोटी दुकानें फिर से खुल गईं।")
    w.paragraph("इस अध्याय में आगे शिक्षा की बात है।")
    w.furniture_line("page-number", "3")
    return w.edition("hi.txt", "HindiSegmenter/test")


def thai_source() -> Edition:
    w = _Writer("th", "th")
    w.furniture_line("title-block", TH_HEADER)
    w.division("การปฏิวัติ")
    w.paragraph(("หลังปี 1917 ที่ดินของเจ้าของที่ดินตกเป็นของชาวนา", Note("1", "¹")), "หมู่บ้านตั้งคณะกรรมการใหม่")
    w.paragraph(
        "คนงานในเมืองเข้าควบคุมโรงงาน",
        ("การผลิตลดลง", Page(("page-number", "๒"), ("running-header", TH_HEADER)), "และอาหารขาดแคลน"),
    )
    w.division("ความอดอยาก")
    w.paragraph(("ปี 1921 เกิดความอดอยาก", Wrap, "ครั้งใหญ่ริมแม่น้ำวอลกา"), "ผู้คนนับล้านเสียชีวิต")
    w.division("นโยบายเศรษฐกิจใหม่")
    w.paragraph("รัฐบาลอนุญาตให้ชาวนาขายผลผลิตในตลาด", "ร้านค้าเล็ก ๆ กลับมาเปิดอีกครั้ง")
    w.paragraph("ปีนั้นฝนตกหนักมาก")
    return w.edition("th.txt", "ThaiSegmenter/test")


GLOSS = {
    "hi": Provenance("gloss", "aligner-gloss", "0.1.0+test", resources=("FreeDict hin-eng 2024.09.10",)),
    "th": Provenance("gloss", "aligner-gloss", "0.1.0+test", resources=("FreeDict tha-eng 2024.09.10", "PyThaiNLP")),
}
MACHINE = Provenance("machine", "ctranslate2", "4.5.0", model="opus-mt-hi-en (marian, int8)")
EDITOR = Provenance("human", "human", translator="R. Editor", date="2024-05-01")
REVIEWER = Provenance("human", "human", translator="เอ. ผู้ตรวจ")

ENGLISH = {
    "hi.p1.s1": "after 1917 landlords of land peasants to got",
    "hi.p1.s2": "villages in new committees formed",
    "hi.p2.s1": "cities in workers factories on control did",
    "hi.p2.s2": "production fell went",
    "hi.p2.s3": "food of shortage happened",
    "hi.p3.s1": "1921 in Volga of bank terrible famine fell",
    "hi.p3.s2": "lakhs people killed went",
    "hi.p4.s1": "government peasants to market in grain sell let",
    "hi.p4.s2": "small shops again opened",
    "hi.p5.s1": "this chapter in further education of talk is",
    "th.p1.s1": "after year 1917 land of landlord became of farmer",
    "th.p1.s2": "village set up committee new",
    "th.p2.s1": "worker in city take control factory",
    "th.p2.s2": "production decrease and food lack",
    "th.p3.s1": "year 1921 happen famine big along river Volga",
    "th.p3.s2": "people count million die",
    "th.p4.s1": "government allow farmer sell produce in market",
    "th.p4.s2": "shop small small come back open again",
    "th.p5.s1": "year that rain fall heavy very",
}
#: human lines: a fresh one in Hindi, a stale one in Thai (written for an earlier wording)
HUMAN = {
    "hi.p2.s1": ("In the cities the workers took over the factories.", EDITOR, None),
    "th.p3.s2": ("Millions died.", REVIEWER, "ผู้คนนับแสนเสียชีวิต"),
}
MACHINE_LINES = {
    "hi.p1.s1": "After 1917 the land of the landlords went to the peasants.",
    "hi.p2.s1": "Workers in the cities controlled the factories.",
}


def with_english(edition: Edition) -> Edition:
    lines = []
    for sentence in edition.sentences():
        lines.append(EnglishLine(sentence.id, ENGLISH[sentence.id], GLOSS[edition.lang], sentence.hash))
        if sentence.id in MACHINE_LINES:
            lines.append(EnglishLine(sentence.id, MACHINE_LINES[sentence.id], MACHINE, sentence.hash))
        if sentence.id in HUMAN:
            text, provenance, written_for = HUMAN[sentence.id]
            source_hash = text_hash(written_for) if written_for else sentence.hash
            lines.append(EnglishLine(sentence.id, text, provenance, source_hash, stale=written_for is not None))
    return replace(edition, english=tuple(lines))


def _ids(edition: Edition, paragraph: str) -> tuple[str, ...]:
    return tuple(s.id for p in edition.paragraphs() if p.id == paragraph for s in p.sentences)


def translation_alignment() -> Alignment:
    links = (
        Link(("hi.p1.s1",), ("th.p1.s1",), 0.93),
        Link(("hi.p1.s2",), ("th.p1.s2",), 0.88, status="accepted", resp="R. Editor"),
        Link(("hi.p2.s1",), ("th.p2.s1",), 0.81),
        Link(("hi.p2.s2", "hi.p2.s3"), ("th.p2.s2",), 0.66),
        Link(("hi.p3.s1",), ("th.p3.s1",), 0.9),
        Link(("hi.p3.s2",), ("th.p3.s2",), 0.74),
        Link(("hi.p4.s1",), ("th.p4.s1",), 0.46),
        Link(("hi.p4.s2",), ("th.p4.s2",), 0.38, status="rejected"),
    )
    return Alignment(
        "hi",
        "th",
        "translation",
        links,
        unmatched_source=("hi.p5.s1",),
        unmatched_target=("th.p5.s1",),
        unit="sentence",
        signature=(("encoder", "test"), ("method", "hand-made")),
    )


def comparable_alignment(hi: Edition, th: Edition) -> Alignment:
    links = (
        Link(
            _ids(hi, "hi.p1"),
            _ids(th, "th.p1"),
            0.91,
            evidence=(("hi.p1.s1", "th.p1.s1", 0.88), ("hi.p1.s2", "th.p1.s2", 0.79)),
        ),
        Link(
            _ids(hi, "hi.p3"),
            _ids(th, "th.p3"),
            0.77,
            evidence=(("hi.p3.s1", "th.p3.s1", 0.84), ("hi.p3.s2", "th.p3.s2", 0.7)),
        ),
        Link(
            _ids(hi, "hi.p2"),
            _ids(th, "th.p2"),
            0.58,
            evidence=(("hi.p2.s1", "th.p2.s1", 0.81), ("hi.p2.s3", "th.p2.s2", 0.52)),
        ),
        Link(_ids(hi, "hi.p4"), _ids(th, "th.p3"), 0.44, evidence=(("hi.p4.s1", "th.p3.s1", 0.41),)),
        Link(_ids(hi, "hi.p5"), _ids(th, "th.p4"), 0.3, evidence=(("hi.p5.s1", "th.p4.s2", 0.33),), status="rejected"),
    )
    return Alignment(
        "hi",
        "th",
        "comparable",
        links,
        unmatched_target=_ids(th, "th.p5"),
        unit="paragraph",
        signature=(("encoder", "test"), ("method", "hand-made")),
    )


@dataclass(frozen=True)
class Tiny:
    hi: Edition
    th: Edition
    translation: Alignment
    comparable: Alignment

    @property
    def alignments(self) -> tuple[Alignment, Alignment]:
        return self.translation, self.comparable


def tiny() -> Tiny:
    hi, th = with_english(hindi_source()), with_english(thai_source())
    return Tiny(hi, th, translation_alignment(), comparable_alignment(hi, th))


class HashEncoder:
    """A stand-in for the sentence encoder: character-trigram counts hashed into 64 dimensions, so
    similar strings get similar unit vectors (deterministic, no model)."""

    model_id = "test/hashed-trigrams"
    dim = 64

    def encode(self, texts) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text} "
            for i in range(len(padded) - 2):
                rows[row, int(text_hash(padded[i : i + 3])[:8], 16) % self.dim] += 1.0
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)

    def encode_queries(self, texts):
        return None

    def encode_sparse(self, texts):
        return None
