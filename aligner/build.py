"""`aligner build`: every text of a corpus folder ingested, segmented and aligned pair by pair.

Stages: ingest → segment → English → embed (cached by content hash) → align every pair → export →
report → write, atomically and byte-identically for the same input. What is written where is
`aligner.outputs.OutputLayout` (and its table `OUTPUTS`).

Human work survives a rebuild: before writing, the build reads the human English lines back from
the edition's sidecar, from its previous English-layer TM (a segment a translator changed in a CAT
tool) and from its previous TEI edition and pair TEIs (both hold the English layer), and the link
decisions (accepted/rejected) from the pair's previous TEI. Ids are stable as the
corpus grows: a text keeps the id the last build gave it, and the outputs of an edition or pair that
no longer exists are removed, unless they hold human work, which stops the build instead.
"""

from __future__ import annotations

import itertools
import logging
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import DEFAULT_CACHE_DIR, EditionCache, TranslationCache, edition_key
from .document import Alignment, Edition, EnglishLine, text_hash
from .errors import InputError, OutputError
from .ingest import Extraction, extract, ingest_text
from .ingest.corpus import (
    PAIRS_MANIFEST,
    CorpusFile,
    KnownText,
    check_script,
    discover,
    edition_ids,
    read_pairs_manifest,
)
from .ingest.readers import writes_extraction
from .io import recover_output_set, write_output_set
from .outlock import holds_output_folder
from .outputs import MANIFEST, Manifest, OutputLayout, check_nothing_left_behind, manifest_json, previous_build
from .progress import NO_PROGRESS, Progress
from .segment import segment_edition

log = logging.getLogger(__name__)

#: an output file and its bytes (or text), computed before anything is written
Pending = list[tuple[Path, "str | bytes"]]
#: an alignment with its two editions
Pair = tuple[Alignment, Edition, Edition]


@dataclass
class BuildSummary:
    documents: int = 0
    sentences: dict[str, int] = field(default_factory=dict)
    alignments: list[Alignment] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    #: outputs of the last build that this one no longer makes (an edition or pair gone), removed
    removed: list[Path] = field(default_factory=list)
    english: dict[str, int] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)

    @contextmanager
    def timed(self, stage: str):
        started = time.perf_counter()
        yield
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


@holds_output_folder("build")  # a review server writing `out` meanwhile would lose its work to the switch
def build(
    texts: Path | str,
    out: Path | str = ".",
    *,
    mode: str = "auto",
    cache: Path | str | None = DEFAULT_CACHE_DIR,
    translators: tuple[str, ...] = ("gloss",),
    min_score: float = 0.0,
    confirmed_only: bool = False,
    progress: Progress = NO_PROGRESS,
    workers: int = 1,
    scheduler: str | None = None,
) -> BuildSummary:
    """Every stage over a corpus folder; all work is done before the first file is written, and the
    whole set is staged, then switched in with renames: a failure leaves the previous set whole.

    The per-document stages (segment, English, embed) and the alignment of each pair run as tasks on
    `workers` local processes or on the Dask cluster at `scheduler` (`aligner.tasks`); the outputs
    are the same wherever they run."""
    from .embed import default_encoder
    from .tasks import executor_for

    texts, out = Path(texts), Path(out)
    summary = BuildSummary()
    documents = discover_corpus(texts, out)
    manifest = read_pairs_manifest(texts, documents)  # a bad pairs.tsv stops the build before any work
    check_writable(out)
    recover_output_set(out)  # a build killed while switching its outputs in is finished first
    with executor_for(workers, scheduler) as executor:
        with summary.timed("ingest+segment"):
            sources, ids, previous = read_texts(documents, out)
            editions = segment_documents(documents, sources, ids, cache, progress, executor)
        summary.documents = len(editions)
        summary.sentences = {e.id: sum(1 for _ in e.sentences()) for e in editions}
        with summary.timed("english"):
            editions = add_english(editions, out, translators, cache, progress, summary, executor)
        encoder = default_encoder(cache, progress=progress)
        with summary.timed("embed+align"):
            sentences_only = {edition.id: (SENTENCE_VECTORS,) for edition in editions}
            embed_editions(editions, cache, progress, executor, sentences_only)
            paired = pair_editions(editions, documents, manifest, texts, encoder, out)
            choices = choose_modes(paired, encoder, mode)
            embed_editions(editions, cache, progress, executor, vectors_for_choices(paired, choices))
            pairs = align_pairs(paired, choices, cache, out, progress, executor)
    summary.alignments = [alignment for alignment, _, _ in pairs]
    with summary.timed("export"):
        pending = export_files(editions, pairs, out, min_score, progress, confirmed_only=confirmed_only)
    with summary.timed("report"):
        pending += report_files(pairs, encoder, out, progress)
    pending.append(manifest_file(documents, editions, pending, out))
    with summary.timed("write"):
        summary.written, summary.removed = write_files(out, pending, previous, progress)
    summary.editions = editions
    return summary


def discover_corpus(texts: Path, out: Path | None = None) -> list[CorpusFile]:
    """The texts of the corpus folder; with --out inside it, the build's own outputs are not texts."""
    from .segment import languages

    exclude = OutputLayout(out).excluded_from_corpus() if out is not None else ()
    corpus, where = texts.resolve(), out.resolve() if out is not None else None
    if where is not None and where != corpus and where.is_relative_to(corpus):
        # texts/out/ (or texts/runs/1/) holds outputs, not texts in a language 'out'; texts/hi/out/ is
        # left out of hi, and --out texts/hi keeps hi's texts
        top = corpus / where.relative_to(corpus).parts[0]
        exclude += (top,) if top.name not in languages() else (where,) if where != top else ()
    documents = discover(texts, exclude)
    if len({d.lang for d in documents}) < 2:
        only = documents[0]
        raise InputError(
            f"{only.lang} has no partner: aligner build needs texts in at least two languages",
            path=texts,
            fix=f"add a text in another language beside {only.path.parent.name}/ "
            "(e.g. texts/th/chapter.txt), or use `aligner segment` for one text",
        )
    return documents


def check_writable(out: Path) -> None:
    """Fail before an hour of work, not after it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OutputError(
            f"the output folder is not writable ({exc.strerror})",
            path=out,
            fix="choose a writable --out folder or fix its permissions",
        ) from None


def read_texts(documents: list[CorpusFile], out: Path) -> tuple[dict[Path, Extraction], dict[Path, str], Manifest]:
    """Stage 1a: every text read (a bad one stops the build here, before any work; a PDF, a .docx…
    as its plain-text extraction, `aligner.ingest.readers`) and given its edition id: the one the
    last build gave it where it had one (`edition_ids`). Human work that the outputs about to be
    removed would take with them stops the build now, not after the work."""
    sources = {document.path: extract(document.path, document.lang) for document in documents}
    for document in documents:
        say_what_xml_cannot_hold(document.path, sources[document.path].text)
        check_script(document, sources[document.path].text)
    previous = previous_build(out, documents)
    ids = edition_ids(documents, previous.texts, {path: text_hash(source.text) for path, source in sources.items()})
    planned = OutputLayout().names(
        [(ids[d.path], d.lang) for d in documents],
        extracted=[ids[d.path] for d in documents if writes_extraction(d.path.name)],
    )
    check_nothing_left_behind(out, set(ids.values()), [name for name in previous.outputs if name not in planned])
    check_decisions(out, [(ids[d.path], d.lang) for d in documents])
    return sources, ids, previous


def check_decisions(out: Path, editions: list[tuple[str, str]]) -> None:
    """Every pair TEI the build will read link decisions from is read once now, so that a malformed
    one (a decision spelt "Rejected") stops the build before the work, not after it."""
    from .formats.tei import read_links

    for (a, lang_a), (b, lang_b) in itertools.combinations(editions, 2):
        path = OutputLayout(out).pair_tei(a, b)
        if lang_a != lang_b and path.is_file():
            read_links(path)


def say_what_xml_cannot_hold(path: Path, text: str) -> None:
    """One warning per text that holds characters XML 1.0 forbids (`aligner.xmltext`)."""
    from .xmltext import xml_forbidden

    positions = xml_forbidden(text)
    if positions:
        first = positions[0]
        line = text.count("\n", 0, first) + 1
        log.warning(
            "%s: %d character(s) XML cannot hold (the first U+%04X, line %d), kept in segments/ and "
            "written in TMX and TEI as their control pictures (␋ for U+000B; U+FFFD for U+FFFE/U+FFFF)",
            path,
            len(positions),
            ord(text[first]),
            line,
        )


def segment_documents(
    documents: list[CorpusFile],
    sources: dict[Path, Extraction],
    ids: dict[Path, str],
    cache: Path | str | None,
    progress: Progress,
    executor=None,
) -> list[Edition]:
    """Stage 1b: each text (read into `sources`) repaired and segmented under its edition id, or taken
    from the cache when nothing changed; one task a text."""
    from .tasks import run_tasks

    tasks = [
        (document.path, document.lang, sources[document.path], ids[document.path], cache) for document in documents
    ]
    with progress.stage("ingest+segment", total=len(documents)) as step:
        results = run_tasks(
            segment_task,
            tasks,
            executor,
            lambda index, result: step.advance(1, f"{documents[index].path}{' (cached)' if result[1] else ''}"),
        )
    return [edition for edition, _ in results]


def segment_task(
    path: Path, lang: str, source: Extraction, edition_id: str, cache: Path | str | None
) -> tuple[Edition, bool]:
    """One text segmented (or found in the cache: the flag says which)."""
    edition_cache = EditionCache(cache)
    key = edition_key(source.key, lang, edition_id, path.name)
    edition = edition_cache.get(key)
    if edition is not None:
        return edition, True
    edition = segment_edition(
        ingest_text(source.text, lang, edition_id=edition_id, source=path.name, hints=source.hints)
    )
    edition_cache.put(key, edition)
    return edition, False


def add_english(
    editions: list[Edition],
    out: Path,
    translators: tuple[str, ...],
    cache: Path | str | None,
    progress: Progress,
    summary: BuildSummary,
    executor=None,
) -> list[Edition]:
    """Stage 2: the English layer of each edition, with the human lines read back from the last build;
    one task an edition."""
    from .tasks import run_tasks
    from .translate import translator_for

    for name in translators:  # an unknown or uninstalled translator stops the build here, not in a worker
        translator_for(name, cache_dir=cache)
    ids = [edition.id for edition in editions]
    tasks = [(edition, translators, cache, human_lines(edition, out, ids)) for edition in editions]
    with progress.stage("english", total=len(editions)) as step:
        results = run_tasks(english_task, tasks, executor, lambda index, result: step.advance(1, editions[index].id))
    result = []
    for edition, layer in results:
        result.append(edition)
        for kind, count in layer.by_kind.items():
            summary.english[kind] = summary.english.get(kind, 0) + count
        summary.stale += layer.stale
    return result


_ENGINES: dict[tuple, list] = {}


def english_task(edition: Edition, translators: tuple[str, ...], cache: Path | str | None, human: list[EnglishLine]):
    """One edition's English layer. The translators are made once a process (a model loads once)."""
    from .translate import TRANSLATORS, english_layer, translator_for

    # Keyed on the factories too: a name registered anew (a plugin, a test's stand-in) is a new engine.
    key = (translators, str(cache), tuple(TRANSLATORS.get(name.partition(":")[0]) for name in translators))
    if key not in _ENGINES:
        _ENGINES[key] = [translator_for(name, cache_dir=cache) for name in translators]
    engines = _ENGINES[key] if edition.lang != "en" else []  # a text in English is its own English layer
    return english_layer(edition, engines, cache=TranslationCache(cache), human=human)


# What `embed_task` computes of one edition alone: its sentences (pairing and the mode decision), the
# first pass's runs (ordered alignment), and what thematic matching asks of a target or of a source
# text (`align.comparable.text_vectors`).
SENTENCE_VECTORS, RUN_VECTORS = "sentences", "runs"
COMPARABLE_VECTORS, COMPARABLE_SOURCE_VECTORS = "comparable", "comparable-source"


def vectors_for_choices(pairs: list[tuple[Edition, Edition]], choices: list) -> dict[str, tuple[str, ...]]:
    """For each edition, the vectors its pairs' chosen modes need."""
    needs: dict[str, set[str]] = {}
    for (src, tgt), choice in zip(pairs, choices):
        if choice.mode == "translation":
            needs.setdefault(src.id, set()).add(RUN_VECTORS)
            needs.setdefault(tgt.id, set()).add(RUN_VECTORS)
        else:
            needs.setdefault(src.id, set()).add(COMPARABLE_SOURCE_VECTORS)
            needs.setdefault(tgt.id, set()).add(COMPARABLE_VECTORS)
    return {ident: tuple(sorted(kinds)) for ident, kinds in needs.items()}


def embed_editions(
    editions: list[Edition], cache: Path | str | None, progress: Progress, executor, parts: dict[str, tuple[str, ...]]
) -> None:
    """Stage 3a: the vectors the aligner will ask for of each edition alone (`parts`, by edition id),
    computed into the cache (with no cache there is nowhere to keep them, and the aligner computes
    them). One task is a batch of texts for one encoder method (`embed_batches`), so that progress moves every
    few seconds even through a text of a megabyte, and a long text spreads over the workers; the
    encoder gives a text the same vector in any batch."""
    from .tasks import run_tasks

    todo = [edition for edition in editions if parts.get(edition.id)]
    if cache is None or not todo:
        return
    kinds = sorted({kind for edition in todo for kind in parts[edition.id]})
    batches = [
        (edition.id, method, batch)
        for edition in todo
        for method, texts in embed_requests(edition, parts[edition.id])
        for batch in embed_batches(texts)
    ]
    with progress.stage(f"embed {'+'.join(kinds)}", total=sum(len(texts) for _, _, texts in batches)) as step:
        run_tasks(
            embed_task,
            [(cache, method, texts) for _, method, texts in batches],
            executor,
            lambda index, result: step.advance(len(batches[index][2]), f"{batches[index][0]} ({batches[index][1]})"),
        )


def embed_batches(texts: list[str], max_texts: int = 64, max_chars: int = 6000) -> list[list[str]]:
    """`texts` cut into runs of at most `max_texts` texts and about `max_chars` characters: about 3 s
    of the encoder on two idle cores (2 000 Thai characters are about 650 tokens; a text longer than
    `max_chars` is a batch of its own)."""
    batches, size = [], 0
    for text in texts:
        if not batches or len(batches[-1]) >= max_texts or size + len(text) > max_chars:
            batches.append([])
            size = 0
        batches[-1].append(text)
        size += len(text)
    return batches


def embed_requests(edition: Edition, kinds: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """The texts of one edition to embed, by encoder method: asked of the functions the aligner
    itself asks through (`ordered.run_texts`, `comparable.edition_vectors` given an encoder that
    only records), so the two cannot disagree."""
    from .align import comparable, ordered
    from .embed import RecordingEncoder

    sentences = [s.text for s in edition.sentences()]
    requests = []
    if SENTENCE_VECTORS in kinds:
        requests.append(("encode", sentences))
    if RUN_VECTORS in kinds:
        requests += [("encode", texts) for texts in ordered.run_texts(sentences)]
    for kind, source in ((COMPARABLE_VECTORS, False), (COMPARABLE_SOURCE_VECTORS, True)):
        if kind in kinds:
            recorder = RecordingEncoder()
            comparable.edition_vectors(edition, recorder, source=source)
            requests += recorder.asked
    return requests


def embed_task(cache: Path | str | None, method: str, texts: list[str]) -> None:
    """One batch of texts embedded into the cache by one encoder method."""
    from . import embed

    getattr(embed.default_encoder(cache), method)(texts)


def human_lines(edition: Edition, out: Path, edition_ids: list[str] = ()) -> list[EnglishLine]:
    """Every human English line known for an edition, from the sidecar and the previous exports (its
    TEI edition, the TEI of each pair it is in with another of `edition_ids`, its layer TM), on the
    sentence it was written for however the text changed around it (`place_lines`): an edit made in
    any of them wins over the copies the last build carried (`merge_human_lines`)."""
    from functools import partial

    from .formats.jsonl import read_sentences
    from .formats.tei import english_by_source, read_edition_lines
    from .formats.tmx import read_tmx_human_lines
    from .translate.human import merge_human_lines, place_lines, read_sidecar_lines

    found = []
    layout = OutputLayout(out)
    pair_teis = [
        layout.pair_tei(a, b)
        for other in edition_ids
        if other != edition.id
        for a, b in ((edition.id, other), (other, edition.id))
    ]
    sources = [
        (layout.edition_tei(edition.id), read_edition_lines),
        *((path, partial(read_edition_lines, edition=edition.id)) for path in pair_teis),
        (layout.layer_tm(edition.id), read_tmx_human_lines),
        (layout.sidecar(edition.id), read_sidecar_lines),
    ]
    for path, reader in sources:  # among equals the later wins: the sidecar is the translator's own file
        if path.exists():
            found += reader(path)
    if not found:
        return []
    edition_tei = layout.edition_tei(edition.id)
    written = english_by_source(edition_tei) if edition_tei.exists() else None
    return merge_human_lines(place_lines(found, edition, read_sentences(layout.segments(edition.id)), written))


def pair_editions(
    editions: list[Edition],
    documents: list[CorpusFile],
    manifest: list[tuple[CorpusFile, CorpusFile]] | None,
    texts: Path,
    encoder,
    out: Path,
) -> list[tuple[Edition, Edition]]:
    """Stage 3a: which editions are aligned with which, for each two languages of the corpus.

    The user's ``pairs.tsv`` (`manifest`) decides for the languages it names. Otherwise, where each
    language has several texts, documents are paired by their sentence vectors (`align.pairing`), and a text
    with no partner is named in the log; where either language has one text, it is aligned with
    every text of the other (chapters against a book). A pair whose alignment holds a person's
    link decisions is aligned again whatever the pairing says."""
    from .align.pairing import pair_documents
    from .formats.tei import read_links

    edition_of = {document.path: edition for document, edition in zip(documents, editions)}
    for document, edition in zip(documents, editions):
        if next(edition.sentences(), None) is None:
            log.warning(
                "%s: no sentences (every line is a page number, a header, a title or a heading); kept in "
                "segments/ and tei/, aligned with nothing",
                document.path,
            )
    editions = [edition for edition in editions if next(edition.sentences(), None) is not None]
    position = {edition.id: index for index, edition in enumerate(editions)}
    languages = list(dict.fromkeys(edition.lang for edition in editions))
    chosen: set[tuple[str, str]] = set()
    for first, second in itertools.combinations(languages, 2):
        side_a = [e for e in editions if e.lang == first]
        side_b = [e for e in editions if e.lang == second]
        listed = [
            (edition_of[x.path], edition_of[y.path]) for x, y in manifest or () if {x.lang, y.lang} == {first, second}
        ]
        if listed:
            chosen |= {
                tuple(sorted((a.id, b.id), key=position.get))
                for a, b in listed
                if a.id in position and b.id in position
            }
        elif len(side_a) == 1 or len(side_b) == 1:
            chosen |= {(a.id, b.id) for a in side_a for b in side_b}
        else:
            found = pair_documents(
                [encoder.encode([s.text for s in e.sentences()]) for e in side_a],
                [encoder.encode([s.text for s in e.sentences()]) for e in side_b],
            )
            chosen |= {(side_a[p.src].id, side_b[p.tgt].id) for p in found}
            for edition, partnered in [
                *((e, {p.src for p in found}) for e in side_a),
                *((e, {p.tgt for p in found}) for e in side_b),
            ]:
                side = side_a if edition.lang == first else side_b
                if side.index(edition) not in partnered:
                    log.warning(
                        "%s (%s): no partner among the %s texts; aligned with none (list it in %s/%s "
                        "to pair it by hand)",
                        edition.id,
                        edition.source,
                        second if edition.lang == first else first,
                        texts.name,
                        PAIRS_MANIFEST,
                    )
            log.info(
                "%s–%s: %d of %d × %d texts paired by content", first, second, len(found), len(side_a), len(side_b)
            )
    for a, b in itertools.combinations(editions, 2):
        path = OutputLayout(out).pair_tei(a.id, b.id)
        if (
            a.lang != b.lang
            and (a.id, b.id) not in chosen
            and path.is_file()
            and any(link.status != "auto" for link in read_links(path))
        ):
            log.warning("%s–%s: not paired by content, but aligned again: %s holds review decisions", a.id, b.id, path)
            chosen.add((a.id, b.id))
    by_id = {edition.id: edition for edition in editions}
    return [(by_id[a], by_id[b]) for a, b in sorted(chosen, key=lambda pair: (position[pair[0]], position[pair[1]]))]


def choose_modes(pairs: list[tuple[Edition, Edition]], encoder, mode: str) -> list:
    """The mode of each pair, decided once (`align.api.choose_mode`): the embed stage computes what
    that mode needs, and the alignment uses the same choice."""
    from .align.api import choose_mode

    return [choose_mode(src, tgt, encoder, mode) for src, tgt in pairs]


def align_pairs(
    pairs: list[tuple[Edition, Edition]],
    choices: list,
    cache: Path | str | None,
    out: Path,
    progress: Progress,
    executor=None,
) -> list[Pair]:
    """Stage 3b: each pair of editions aligned in its chosen mode (one task a pair: they are
    independent once each edition's vectors are in the cache), then the editor's earlier decisions
    put back."""
    from .tasks import run_tasks

    with progress.stage("align", total=len(pairs)) as step:
        alignments = run_tasks(
            align_task,
            [(src, tgt, cache, choice) for (src, tgt), choice in zip(pairs, choices)],
            executor,
            lambda index, result: step.advance(1, f"{pairs[index][0].id}–{pairs[index][1].id} ({result.mode})"),
        )
    layout = OutputLayout(out)
    return [
        (keep_decisions(alignment, layout.pair_tei(src.id, tgt.id), src, tgt, layout), src, tgt)
        for alignment, (src, tgt) in zip(alignments, pairs)
    ]


def align_task(src: Edition, tgt: Edition, cache: Path | str | None, choice) -> Alignment:
    """One pair aligned. The vectors a pair adds (longer runs where a translation is unsure) go into
    the shared cache; the encoder gives a text the same vector in any batch, so it does not matter
    which pair or worker computed it first."""
    from . import embed
    from .align.api import align_editions

    return align_editions(src, tgt, embed.default_encoder(cache), choice=choice)


def keep_decisions(
    alignment: Alignment, path: Path, src: Edition, tgt: Edition, last_build: OutputLayout | None = None
) -> Alignment:
    """Keep an editor's accepted/rejected marks (and who made them) from the previous alignment file,
    whatever the scores are now, on the sentences they were made about: with `last_build` (whose
    segments record what each id named) they follow their sentences to
    new ids (`follow_decisions`). A decided link the aligner no longer proposes is kept as it was
    decided (its old score); one about a sentence the texts no longer have cannot be, and stops the
    build, naming the file. In an ordered alignment, a proposed link that shares a sentence with a
    confirmed one is dropped. A no-counterpart decision (a side empty) takes its sentences out of every
    proposal. The unmatched are the sentences in no link a person has not rejected."""
    from .document import Link, without
    from .formats.tei import read_history, read_links

    if not path.exists():
        return alignment
    alignment = replace(alignment, history=read_history(path))  # who changed what in review, and when
    decisions = [d for d in read_links(path) if d.status != "auto"]
    if not decisions:
        return alignment
    if last_build is not None:
        decisions = follow_decisions(decisions, path, src, tgt, last_build)
    alone = [d for d in decisions if not d.source or not d.target]  # no counterpart (1–0, 0–1)
    decisions = [d for d in decisions if d.source and d.target]
    decided = {(d.source, d.target): d for d in decisions}
    links = tuple(
        replace(link, status=decided[(link.source, link.target)].status, resp=decided[(link.source, link.target)].resp)
        if (link.source, link.target) in decided
        else link
        for link in alignment.links
    )
    proposed = {(link.source, link.target) for link in alignment.links}
    kept = [d for d in decisions if (d.source, d.target) not in proposed]
    src_ids, tgt_ids = src.sentence_index(), tgt.sentence_index()
    lost = sorted(
        {i for d in (*kept, *alone) for i in d.source if i not in src_ids}
        | {i for d in (*kept, *alone) for i in d.target if i not in tgt_ids}
    )
    if lost:
        raise InputError(
            f"link decisions (accepted or rejected) about {', '.join(lost[:5])}"
            f"{' …' if len(lost) > 5 else ''}, which the texts no longer have",
            path=path,
            fix="restore those sentences, or delete the decided <link>s about them from this file",
        )
    links += tuple(Link(d.source, d.target, max(0.0, min(1.0, d.cert)), status=d.status, resp=d.resp) for d in kept)
    if alignment.mode == "translation":
        # An ordered alignment gives a sentence one link: where a person confirmed one, a proposal
        # about the same sentences (new since scores changed) gives way.
        confirmed = {i for link in links if link.status == "accepted" for i in (*link.source, *link.target)}
        links = tuple(
            link
            for link in links
            if link.status != "auto" or not any(i in confirmed for i in (*link.source, *link.target))
        )
    # A sentence a person said has no counterpart is never proposed in a link: it leaves the
    # proposals that hold it, and a proposal left with an empty side goes.
    nowhere = {i for d in alone for i in (*d.source, *d.target)}
    position = {s.id: n for edition in (src, tgt) for n, s in enumerate(edition.sentences())}
    if nowhere:
        links = tuple(
            replace(
                link,
                source=without(link.source, nowhere),
                target=without(link.target, nowhere),
                evidence=tuple(e for e in link.evidence if e[0] not in nowhere and e[1] not in nowhere),
            )
            if link.status == "auto"
            else link
            for link in links
        )
        decided_keys = {(link.source, link.target) for link in links if link.status != "auto"}
        seen: set[tuple] = set()
        links = tuple(
            link
            for link in links
            if link.source
            and link.target
            and (
                link.status != "auto"
                or (link.source, link.target) not in decided_keys | seen
                and not seen.add((link.source, link.target))
            )
        )
    # Unmatched: every sentence in no link a person has not rejected.
    linked = {i for link in links if link.status != "rejected" for i in (*link.source, *link.target)}
    return replace(
        alignment,
        links=links,
        unmatched_source=tuple(s.id for s in src.sentences() if s.id not in linked),
        unmatched_target=tuple(s.id for s in tgt.sentences() if s.id not in linked),
        no_counterpart=tuple(
            Link(d.source, d.target, 1.0, status="accepted", resp=d.resp)
            for d in sorted(alone, key=lambda d: (bool(d.target), [position[i] for i in (*d.source, *d.target)]))
        ),
    )


def follow_decisions(decisions: list, path: Path, src: Edition, tgt: Edition, last_build: OutputLayout) -> list:
    """Link decisions (`TeiLinkDecision`s, in the last build's ids) on the sentences they were made
    about, in this build's ids (`aligner.anchor`). One about a sentence that is gone stops the build;
    one about a sentence whose text changed is kept and named in one warning; moves are logged."""
    from .anchor import CHANGED, GONE, SentenceMap
    from .formats.jsonl import read_sentences

    maps = [SentenceMap.of(read_sentences(last_build.segments(edition.id)), edition) for edition in (src, tgt)]
    followed, gone, changed, moved = {}, [], [], []
    for decision in decisions:
        sides = []
        for ids, anchors in zip((decision.source, decision.target), maps):
            placed = [anchors.place(ident) for ident in ids]
            gone += [ident for ident, where in zip(ids, placed) if where.how == GONE]
            changed += [where.sentence_id for where in placed if where.how == CHANGED]
            moved += [
                (ident, where.sentence_id)
                for ident, where in zip(ids, placed)
                if where.sentence_id not in (None, ident)
            ]
            sides.append(anchors.order(where.sentence_id for where in placed if where.sentence_id))
        followed.setdefault(tuple(sides), replace(decision, source=sides[0], target=sides[1]))
    if gone:
        gone = sorted(set(gone))
        raise InputError(
            f"link decisions (accepted or rejected) about {', '.join(gone[:5])}"
            f"{' …' if len(gone) > 5 else ''}, which the texts no longer have",
            path=path,
            fix="restore those sentences, or delete the decided <link>s about them from this file",
        )
    if changed:
        changed = list(dict.fromkeys(changed))
        log.warning(
            "%s: link decision(s) about %s%s, whose text changed since they were made: kept; check them "
            "(aligner review)",
            path,
            ", ".join(changed[:5]),
            " …" if len(changed) > 5 else "",
        )
    if moved:
        moved = list(dict.fromkeys(moved))
        log.info(
            "%s–%s: link decisions follow their sentences to new ids (%s%s)",
            src.id,
            tgt.id,
            ", ".join(f"{old} → {new}" for old, new in moved[:5]),
            " …" if len(moved) > 5 else "",
        )
    return list(followed.values())


def export_files(
    editions: list[Edition],
    pairs: list[Pair],
    out: Path,
    min_score: float,
    progress: Progress,
    *,
    confirmed_only: bool = False,
) -> Pending:
    """Stage 4: segments, alignments, translation memories and TEI editions, in memory. With
    `confirmed_only` a pair's TM holds only the links a person confirmed."""
    from .formats.jsonl import alignment_json_text, segments_jsonl
    from .formats.tei import alignment_tei, edition_tei
    from .formats.tmx import english_tmx, pair_tmx

    layout = OutputLayout(out)
    pending: Pending = []
    with progress.stage("export", total=2 * len(editions) + len(pairs)) as step:
        for edition in editions:
            pending.append((layout.segments(edition.id), segments_jsonl(edition)))
            if writes_extraction(edition.source):  # the text the spans of a PDF, a .docx… point into
                pending.append((layout.extraction(edition.id), edition.source_text))
        for alignment, src, tgt in pairs:
            pending.append((layout.alignment(src.id, tgt.id), alignment_json_text(alignment, src, tgt)))
        layers = [e.id for e in editions if layout.has_english_layer(e.lang)]
        for edition in editions:
            if edition.id in layers:
                pending.append((layout.layer_tm(edition.id), english_tmx(edition)))
            step.advance(1, f"{edition.id}: TMX (English layer)")
            pending.append((layout.edition_tei(edition.id), edition_tei(edition)))
            step.advance(1, f"{edition.id}: TEI edition")
        for alignment, src, tgt in pairs:
            pending.append(
                (
                    layout.pair_tm(src.id, tgt.id, layers),
                    pair_tmx(alignment, src, tgt, min_score=min_score, confirmed_only=confirmed_only),
                )
            )
            pending.append((layout.pair_tei(src.id, tgt.id), alignment_tei(alignment, src, tgt)))
            step.advance(1, f"{src.id}–{tgt.id}: TMX, TEI alignment")
    return pending


def report_files(pairs: list[Pair], encoder, out: Path, progress: Progress) -> Pending:
    """Stage 5: the review page and similarity map of each pair, and the index of pages."""
    from .report import render_index, render_report
    from .report.plot import similarity_png
    from .report.similarity import similarity_map

    layout = OutputLayout(out)
    pending: Pending = []
    pages = []
    with progress.stage("report", total=len(pairs)) as step:
        for alignment, src, tgt in pairs:
            found = similarity_map(src, tgt, encoder, alignment)
            unit = "paragraph" if found.unit == "passage" else found.unit
            picture = similarity_png(
                found.matrix,
                found.points,
                source_label=f"{src.id} {unit}s",
                target_label=f"{tgt.id} {unit}s",
                row_ids=found.row_ids,
                column_ids=found.column_ids,
                title=f"{src.id}–{tgt.id}: {unit} similarity ({alignment.mode}); links as red rings",
            )
            html = render_report(alignment, src, tgt, similarity_png=picture)
            pending.append((layout.similarity_png(src.id, tgt.id), picture))
            pending.append((layout.report_page(src.id, tgt.id), html))
            pages.append((layout.report_page(src.id, tgt.id).name, f"{src.id}–{tgt.id} ({alignment.mode})", html))
            step.advance(1, f"{src.id}–{tgt.id}")
    if len(pages) == 1:
        pending.append((layout.report_index(), pages[0][2]))
    elif pages:
        pending.append((layout.report_index(), render_index([(n, t) for n, t, _ in pages])))
    return pending


def manifest_file(documents: list[CorpusFile], editions: list[Edition], pending: Pending, out: Path):
    """``editions.json``: each text's edition id, and the outputs, for the next build (`aligner.outputs`)."""
    texts = [KnownText(e.id, e.lang, d.corpus_path, e.source_hash) for d, e in zip(documents, editions)]
    return OutputLayout(out).manifest(), manifest_json(texts, [path.relative_to(out).as_posix() for path, _ in pending])


def write_files(out: Path, pending: Pending, previous: Manifest, progress: Progress) -> tuple[list[Path], list[Path]]:
    """Stage 6: the whole set written to a staging folder, then switched in with renames; the outputs
    of the last build this one does not make again are removed (`aligner.io.write_output_set`)."""
    names = [path.relative_to(out).as_posix() for path, _ in pending]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise OutputError(
            f"two outputs of this build would be written to the same file ({', '.join(twice)})",
            path=out / twice[0],
            fix=f"rename one of the texts whose ids make that name (see {MANIFEST})",
        )
    gone = [name for name in previous.outputs if name not in names]
    check_nothing_left_behind(out, set(), gone, sidecars=False)
    files = [(name, data.encode("utf-8") if isinstance(data, str) else data) for name, (_, data) in zip(names, pending)]
    written, removed = write_output_set(out, files, gone, progress)
    if removed:
        log.info(
            "removed %d outputs of texts or pairs no longer in the corpus: %s",
            len(removed),
            ", ".join(str(path) for path in removed),
        )
    return written, removed
