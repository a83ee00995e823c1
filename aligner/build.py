"""`aligner build`: every text of a corpus folder ingested, segmented and aligned pair by pair.

Stages: ingest → segment → embed (cached by content hash) → align every pair of languages. Writes,
atomically and byte-identically for the same input:

* ``segments/<edition>.jsonl`` — every sentence, heading, footnote marker and page-furniture line
  with its id and its span in the source file;
* ``alignments/<src>-<tgt>.json`` — the links between two editions (mode, score per link, the
  sentence pairs that carry each thematic link, unmatched sentences).

* ``tmx/<src>-<tgt>.tmx`` — the aligned pair as a translation memory (TMX 1.4b);
* ``tmx/<edition>-en.tmx`` — each sentence with its best English line and that line's provenance;
* ``tei/<edition>.xml`` — the TEI P5 edition with its English layer;
* ``tei/<src>-<tgt>.xml`` — both editions and the alignment links in one TEI corpus.

* ``editions.json`` — each text's edition id, and the files written (`aligner.outputs`).

Human work survives a rebuild: before writing, the build reads the human English lines back from
``translations/<edition>.en.tsv``, from the previous ``tmx/<edition>-en.tmx`` (a segment a
translator changed in a CAT tool) and from the previous ``tei/<edition>.xml``, and the link
decisions (accepted/rejected) from the previous ``tei/<src>-<tgt>.xml``. Ids are stable as the
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
from .ingest import ingest_text, read_text
from .ingest.corpus import PAIRS_MANIFEST, Document, KnownText, check_script, discover, edition_ids, read_pairs_manifest
from .io import recover_output_set, write_output_set
from .outputs import MANIFEST, Manifest, check_nothing_left_behind, manifest_json, previous_build
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


def build(texts: Path | str, out: Path | str = ".", *, mode: str = "auto",
          cache: Path | str | None = DEFAULT_CACHE_DIR, translators: tuple[str, ...] = ("gloss",),
          min_score: float = 0.0, confirmed_only: bool = False, progress: Progress = NO_PROGRESS,
          workers: int = 1, scheduler: str | None = None) -> BuildSummary:
    """Every stage over a corpus folder; all work is done before the first file is written, and the
    whole set is staged, then switched in with renames: a failure leaves the previous set whole.

    The per-document stages (segment, English, embed) and the alignment of each pair run as tasks on
    `workers` local processes or on the Dask cluster at `scheduler` (`aligner.engine`); the outputs
    are the same wherever they run."""
    from .embed import default_encoder
    from .engine import executor_for

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
            embed_editions(editions, cache, progress, executor, vectors_for_modes(paired, encoder, mode))
            pairs = align_pairs(paired, cache, out, mode, progress, executor)
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


def discover_corpus(texts: Path, out: Path | None = None) -> list[Document]:
    """The texts of the corpus folder; with --out inside it, the build's own outputs are not texts."""
    from .io import STAGING
    from .outputs import OUTPUT_FOLDERS, SIDECAR_FOLDER
    from .segment import languages

    exclude = tuple(out / name for name in (*OUTPUT_FOLDERS, SIDECAR_FOLDER, STAGING)) if out is not None else ()
    corpus, where = texts.resolve(), out.resolve() if out is not None else None
    if where is not None and where != corpus and where.is_relative_to(corpus):
        # texts/out/ (or texts/runs/1/) holds outputs, not texts in a language 'out'; texts/hi/out/ is
        # left out of hi, and --out texts/hi keeps hi's texts
        top = corpus / where.relative_to(corpus).parts[0]
        exclude += (top,) if top.name not in languages() else (where,) if where != top else ()
    documents = discover(texts, exclude)
    if len({d.lang for d in documents}) < 2:
        only = documents[0]
        raise InputError(f"{only.lang} has no partner: aligner build needs texts in at least two languages",
                         path=texts, fix=f"add a text in another language beside {only.path.parent.name}/ "
                         "(e.g. texts/th/chapter.txt), or use `aligner segment` for one text")
    return documents


def check_writable(out: Path) -> None:
    """Fail before an hour of work, not after it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OutputError(f"the output folder is not writable ({exc.strerror})", path=out,
                          fix="choose a writable --out folder or fix its permissions") from None


def read_texts(documents: list[Document], out: Path) -> tuple[dict[Path, str], dict[Path, str], Manifest]:
    """Stage 1a: every text read (a bad one stops the build here, before any work) and given its
    edition id: the one the last build gave it where it had one (`edition_ids`). Human work that
    the outputs about to be removed would take with them stops the build now, not after the work."""
    sources = {document.path: read_text(document.path) for document in documents}
    for document in documents:
        say_what_xml_cannot_hold(document.path, sources[document.path])
        check_script(document, sources[document.path])
    previous = previous_build(out, documents)
    ids = edition_ids(documents, previous.texts, {path: text_hash(text) for path, text in sources.items()})
    planned = output_names([(ids[d.path], d.lang) for d in documents])
    check_nothing_left_behind(out, set(ids.values()), [name for name in previous.outputs if name not in planned])
    check_decisions(out, [(ids[d.path], d.lang) for d in documents])
    return sources, ids, previous


def check_decisions(out: Path, editions: list[tuple[str, str]]) -> None:
    """Every pair TEI the build will read link decisions from is read once now, so that a malformed
    one (a decision spelt "Rejected") stops the build before the work, not after it."""
    from .formats.tei import read_links

    for (a, lang_a), (b, lang_b) in itertools.combinations(editions, 2):
        path = out / "tei" / f"{a}-{b}.xml"
        if lang_a != lang_b and path.is_file():
            read_links(path)


def say_what_xml_cannot_hold(path: Path, text: str) -> None:
    """One warning per text that holds characters XML 1.0 forbids (`aligner.formats.xmltext`)."""
    from .formats.xmltext import xml_forbidden

    positions = xml_forbidden(text)
    if positions:
        first = positions[0]
        line = text.count("\n", 0, first) + 1
        log.warning("%s: %d character(s) XML cannot hold (the first U+%04X, line %d), kept in segments/ and "
                    "written in TMX and TEI as their control pictures (␋ for U+000B; U+FFFD for U+FFFE/U+FFFF)",
                    path, len(positions), ord(text[first]), line)


def segment_documents(documents: list[Document], sources: dict[Path, str], ids: dict[Path, str],
                      cache: Path | str | None, progress: Progress, executor=None) -> list[Edition]:
    """Stage 1b: each text (read into `sources`) repaired and segmented under its edition id, or taken
    from the cache when nothing changed; one task a text."""
    from .engine import run_tasks

    tasks = [(document.path, document.lang, sources[document.path], ids[document.path], cache)
             for document in documents]
    with progress.stage("ingest+segment", total=len(documents)) as step:
        results = run_tasks(segment_task, tasks, executor, lambda index, result: step.advance(
            1, f"{documents[index].path}{' (cached)' if result[1] else ''}"))
    return [edition for edition, _ in results]


def segment_task(path: Path, lang: str, text: str, edition_id: str, cache: Path | str | None) -> tuple[Edition, bool]:
    """One text segmented (or found in the cache: the flag says which)."""
    edition_cache = EditionCache(cache)
    key = edition_key(text, lang, edition_id, path.name)
    edition = edition_cache.get(key)
    if edition is not None:
        return edition, True
    edition = segment_edition(ingest_text(text, lang, edition_id=edition_id, source=path.name))
    edition_cache.put(key, edition)
    return edition, False


def add_english(editions: list[Edition], out: Path, translators: tuple[str, ...], cache: Path | str | None,
                progress: Progress, summary: BuildSummary, executor=None) -> list[Edition]:
    """Stage 2: the English layer of each edition, with the human lines read back from the last build;
    one task an edition."""
    from .engine import run_tasks
    from .translate import translator_for

    for name in translators:  # an unknown or uninstalled translator stops the build here, not in a worker
        translator_for(name, cache_dir=cache)
    tasks = [(edition, translators, cache, human_lines(edition, out)) for edition in editions]
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


def english_task(edition: Edition, translators: tuple[str, ...], cache: Path | str | None,
                 human: list[EnglishLine]):
    """One edition's English layer. The translators are made once a process (a model loads once)."""
    from .translate import TRANSLATORS, english_layer, translator_for

    # Keyed on the factories too: a name registered anew (a plugin, a test's stand-in) is a new engine.
    key = (translators, str(cache), tuple(TRANSLATORS.get(name.partition(":")[0]) for name in translators))
    if key not in _ENGINES:
        _ENGINES[key] = [translator_for(name, cache_dir=cache) for name in translators]
    engines = _ENGINES[key] if edition.lang != "en" else []  # a text in English is its own English layer
    return english_layer(edition, engines, cache=TranslationCache(cache), human=human)


# What `embed_task` computes: the sentences, runs of two sentences (ordered alignment), passages
# and the English layer (thematic matching), and each sentence as a passage of its own (the source
# text of comparable texts, whose links are checked sentence by sentence).
SENTENCE_VECTORS, RUN_VECTORS, PASSAGE_VECTORS = "sentences", "runs", "passages"
SOURCE_SENTENCE_VECTORS = "source-sentences"


def vectors_for_modes(pairs: list[tuple[Edition, Edition]], encoder, mode: str) -> dict[str, tuple[str, ...]]:
    """For each edition, the vectors its pairs' modes need (`auto` decides on the sentence vectors,
    as `align_editions` will): runs for a translation, passages for comparable texts."""
    from .align.modes import decide_mode

    needs: dict[str, set[str]] = {}
    for src, tgt in pairs:
        chosen = mode
        if mode == "auto":
            chosen = decide_mode(encoder.encode([s.text for s in src.sentences()]),
                                 encoder.encode([s.text for s in tgt.sentences()])).mode
        for edition in (src, tgt):
            needs.setdefault(edition.id, set()).add(RUN_VECTORS if chosen == "translation" else PASSAGE_VECTORS)
        if chosen != "translation":
            needs[src.id].add(SOURCE_SENTENCE_VECTORS)
    return {ident: tuple(sorted(kinds)) for ident, kinds in needs.items()}


def embed_editions(editions: list[Edition], cache: Path | str | None, progress: Progress, executor,
                   parts: dict[str, tuple[str, ...]]) -> None:
    """Stage 3a: the vectors the aligner will ask for of each edition alone (`parts`, by edition id),
    computed into the cache (with no cache there is nowhere to keep them, and the aligner computes
    them). One task is a batch of texts of one view (`embed_batches`), so that progress moves every
    few seconds even through a text of a megabyte, and a long text spreads over the workers; the
    encoder gives a text the same vector in any batch."""
    from .engine import run_tasks

    todo = [edition for edition in editions if parts.get(edition.id)]
    if cache is None or not todo:
        return
    kinds = sorted({kind for edition in todo for kind in parts[edition.id]})
    batches = [(edition.id, view, batch) for edition in todo
               for view, texts in embed_requests(edition, parts[edition.id]) for batch in embed_batches(texts)]
    with progress.stage(f"embed {'+'.join(kinds)}", total=sum(len(texts) for _, _, texts in batches)) as step:
        run_tasks(embed_task, [(cache, view, texts) for _, view, texts in batches], executor,
                  lambda index, result: step.advance(len(batches[index][2]),
                                                     f"{batches[index][0]} ({batches[index][1]})"))


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


# The views of a text, and the encoder method that computes each.
_ENCODE = {"dense": "encode", "query": "encode_queries", "sparse": "encode_sparse"}


def embed_requests(edition: Edition, kinds: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """The texts of one edition to embed, by view (dense, query, sparse): the ones `aligner.align.api`
    asks for."""
    from .align.api import english_sentences, overlap_texts, passages

    sentences = [s.text for s in edition.sentences()]
    english = english_sentences(edition)
    requests = []
    if SENTENCE_VECTORS in kinds:
        requests.append(("dense", sentences))
    if RUN_VECTORS in kinds:
        requests.append(("dense", overlap_texts(sentences, 2)))
    if PASSAGE_VECTORS in kinds:
        if english is not None:
            requests.append(("dense", english))
        groups = passages(edition)
        requests += [("query", [" ".join(sentences[i] for i in group) for group in groups]),
                     ("sparse", [" ".join(sentences[i] for i in group) for group in groups])]
        if english is not None:
            requests.append(("query", [" ".join(english[i] for i in group) for group in groups]))
    if SOURCE_SENTENCE_VECTORS in kinds:
        requests += [("query", sentences), ("sparse", sentences)]
        if english is not None:
            requests.append(("query", english))
    return requests


def embed_task(cache: Path | str | None, view: str, texts: list[str]) -> None:
    """One batch of texts of one view embedded into the cache."""
    from . import embed

    getattr(embed.default_encoder(cache), _ENCODE[view])(texts)


def human_lines(edition: Edition, out: Path) -> list[EnglishLine]:
    """Every human English line known for an edition, from the sidecar and the previous exports: an
    edit made in any of them wins over the copies the last build carried (`merge_human_lines`)."""
    from .formats.tei import read_edition_lines
    from .formats.tmx import read_tmx_human_lines
    from .translate.human import merge_human_lines, read_sidecar_lines, sidecar_path

    found = []
    sources = [(out / "tei" / f"{edition.id}.xml", read_edition_lines),
               (out / "tmx" / f"{edition.id}-en.tmx", read_tmx_human_lines),
               (sidecar_path(out / "translations", edition.id), read_sidecar_lines)]
    for path, reader in sources:  # among equals the later wins: the sidecar is the translator's own file
        if path.exists():
            found += reader(path)
    known = edition.sentence_index()
    unknown = sorted({read.line.sentence_id for read in found if read.line.sentence_id not in known})
    if unknown:  # the layer has no place for them: stop rather than drop them
        files = list(dict.fromkeys(read.path for read in found if read.line.sentence_id in unknown))
        also = f"; they are also in {', '.join(str(p) for p in files[1:])}" if len(files) > 1 else ""
        raise InputError(f"human English line(s) for {', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}, "
                         f"a sentence {edition.source} does not have{also}", path=files[0],
                         fix=f"correct the id (segments/{edition.id}.jsonl lists them), move the line to the sentence "
                         "it translates now, or delete it")
    return merge_human_lines(found)


def pair_editions(editions: list[Edition], documents: list[Document],
                  manifest: list[tuple[Document, Document]] | None, texts: Path, encoder,
                  out: Path) -> list[tuple[Edition, Edition]]:
    """Stage 3a: which editions are aligned with which, for each two languages of the corpus.

    The user's ``pairs.tsv`` (`manifest`) decides for the languages it names. Otherwise, where each language has
    several texts, documents are paired by their sentence vectors (`align.documents`), and a text
    with no partner is named in the log; where either language has one text, it is aligned with
    every text of the other (chapters against a book). A pair whose alignment holds a person's
    link decisions is aligned again whatever the pairing says."""
    from .align.documents import pair_documents
    from .formats.tei import read_links

    edition_of = {document.path: edition for document, edition in zip(documents, editions)}
    for document, edition in zip(documents, editions):
        if next(edition.sentences(), None) is None:
            log.warning("%s: no sentences (every line is a page number, a header, a title or a heading); kept in "
                        "segments/ and tei/, aligned with nothing", document.path)
    editions = [edition for edition in editions if next(edition.sentences(), None) is not None]
    position = {edition.id: index for index, edition in enumerate(editions)}
    languages = list(dict.fromkeys(edition.lang for edition in editions))
    chosen: set[tuple[str, str]] = set()
    for first, second in itertools.combinations(languages, 2):
        side_a = [e for e in editions if e.lang == first]
        side_b = [e for e in editions if e.lang == second]
        listed = [(edition_of[x.path], edition_of[y.path]) for x, y in manifest or ()
                  if {x.lang, y.lang} == {first, second}]
        if listed:
            chosen |= {tuple(sorted((a.id, b.id), key=position.get)) for a, b in listed
                       if a.id in position and b.id in position}
        elif len(side_a) == 1 or len(side_b) == 1:
            chosen |= {(a.id, b.id) for a in side_a for b in side_b}
        else:
            found = pair_documents([encoder.encode([s.text for s in e.sentences()]) for e in side_a],
                                   [encoder.encode([s.text for s in e.sentences()]) for e in side_b])
            chosen |= {(side_a[p.src].id, side_b[p.tgt].id) for p in found}
            for edition, partnered in [*((e, {p.src for p in found}) for e in side_a),
                                       *((e, {p.tgt for p in found}) for e in side_b)]:
                side = side_a if edition.lang == first else side_b
                if side.index(edition) not in partnered:
                    log.warning("%s (%s): no partner among the %s texts; aligned with none (list it in %s/%s "
                                "to pair it by hand)", edition.id, edition.source, second if edition.lang == first
                                else first, texts.name, PAIRS_MANIFEST)
            log.info("%s–%s: %d of %d × %d texts paired by content", first, second, len(found), len(side_a),
                     len(side_b))
    for a, b in itertools.combinations(editions, 2):
        path = out / "tei" / f"{a.id}-{b.id}.xml"
        if a.lang != b.lang and (a.id, b.id) not in chosen and path.is_file() and any(
                link.status != "auto" for link in read_links(path)):
            log.warning("%s–%s: not paired by content, but aligned again: %s holds review decisions",
                        a.id, b.id, path)
            chosen.add((a.id, b.id))
    by_id = {edition.id: edition for edition in editions}
    return [(by_id[a], by_id[b]) for a, b in sorted(chosen, key=lambda pair: (position[pair[0]], position[pair[1]]))]


def align_pairs(pairs: list[tuple[Edition, Edition]], cache: Path | str | None, out: Path, mode: str,
                progress: Progress, executor=None) -> list[Pair]:
    """Stage 3b: each pair of editions aligned (one task a pair: they are independent once each
    edition's vectors are in the cache), then the editor's earlier decisions put back."""
    from .engine import run_tasks

    with progress.stage("align", total=len(pairs)) as step:
        alignments = run_tasks(align_task, [(src, tgt, cache, mode) for src, tgt in pairs], executor,
                               lambda index, result: step.advance(
                                   1, f"{pairs[index][0].id}–{pairs[index][1].id} ({result.mode})"))
    return [(keep_decisions(alignment, out / "tei" / f"{src.id}-{tgt.id}.xml", src, tgt), src, tgt)
            for alignment, (src, tgt) in zip(alignments, pairs)]


def align_task(src: Edition, tgt: Edition, cache: Path | str | None, mode: str) -> Alignment:
    """One pair aligned. The vectors a pair adds (longer runs where a translation is unsure) go into
    the shared cache; the encoder gives a text the same vector in any batch, so it does not matter
    which pair or worker computed it first."""
    from . import embed
    from .align.api import align_editions

    return align_editions(src, tgt, embed.default_encoder(cache), mode=mode)


def keep_decisions(alignment: Alignment, path: Path, src: Edition, tgt: Edition) -> Alignment:
    """Keep an editor's accepted/rejected marks (and who made them) from the previous alignment file,
    whatever the scores are now. A decided link the aligner no longer proposes is kept as it was
    decided (its old score); one about a sentence the texts no longer have cannot be, and stops the
    build, naming the file. In an ordered alignment, a proposed link that shares a sentence with a
    confirmed one is dropped."""
    from .document import Link
    from .formats.tei import read_links

    if not path.exists():
        return alignment
    decisions = [d for d in read_links(path) if d.status != "auto"]
    if not decisions:
        return alignment
    decided = {(d.source, d.target): d for d in decisions}
    links = tuple(replace(link, status=decided[(link.source, link.target)].status,
                          resp=decided[(link.source, link.target)].resp)
                  if (link.source, link.target) in decided else link for link in alignment.links)
    proposed = {(link.source, link.target) for link in alignment.links}
    kept = [d for d in decisions if (d.source, d.target) not in proposed]
    src_ids, tgt_ids = src.sentence_index(), tgt.sentence_index()
    lost = sorted({i for d in kept for i in d.source if i not in src_ids} | {i for d in kept for i in d.target
                                                                            if i not in tgt_ids})
    if lost:
        raise InputError(f"link decisions (accepted or rejected) about {', '.join(lost[:5])}"
                         f"{' …' if len(lost) > 5 else ''}, which the texts no longer have", path=path,
                         fix="restore those sentences, or delete the decided <link>s about them from this file")
    links += tuple(Link(d.source, d.target, max(0.0, min(1.0, d.cert)), status=d.status, resp=d.resp) for d in kept)
    linked = {i for d in kept if d.status == "accepted" for i in (*d.source, *d.target)}
    unmatched_source = [i for i in alignment.unmatched_source if i not in linked]
    unmatched_target = [i for i in alignment.unmatched_target if i not in linked]
    if alignment.mode == "translation":
        # An ordered alignment gives a sentence one link: where a person confirmed one, a proposal
        # about the same sentences (new since scores changed) gives way, and what it held alone is unmatched.
        confirmed = {i for link in links if link.status == "accepted" for i in (*link.source, *link.target)}
        clash = [link for link in links if link.status == "auto"
                 and any(i in confirmed for i in (*link.source, *link.target))]
        if clash:
            links = tuple(link for link in links if link not in clash)
            still = {i for link in links if link.status != "rejected" for i in (*link.source, *link.target)}
            src_order = {s.id: n for n, s in enumerate(src.sentences())}
            tgt_order = {s.id: n for n, s in enumerate(tgt.sentences())}
            freed_source = {i for link in clash for i in link.source if i not in still}
            freed_target = {i for link in clash for i in link.target if i not in still}
            unmatched_source = sorted({*unmatched_source, *freed_source}, key=src_order.__getitem__)
            unmatched_target = sorted({*unmatched_target, *freed_target}, key=tgt_order.__getitem__)
    return replace(alignment, links=links, unmatched_source=tuple(unmatched_source),
                   unmatched_target=tuple(unmatched_target))


def export_files(editions: list[Edition], pairs: list[Pair], out: Path, min_score: float,
                 progress: Progress, *, confirmed_only: bool = False) -> Pending:
    """Stage 4: segments, alignments, translation memories and TEI editions, in memory. With
    `confirmed_only` a pair's TM holds only the links a person confirmed."""
    from .formats.jsonl import alignment_json_text, segments_jsonl
    from .formats.tei import alignment_tei, edition_tei
    from .formats.tmx import english_tmx, pair_tmx

    pending: Pending = []
    with progress.stage("export", total=2 * len(editions) + len(pairs)) as step:
        for edition in editions:
            pending.append((out / "segments" / f"{edition.id}.jsonl", segments_jsonl(edition)))
        for alignment, src, tgt in pairs:
            pending.append((out / "alignments" / f"{src.id}-{tgt.id}.json", alignment_json_text(alignment, src, tgt)))
        layers = layer_tm_names([(e.id, e.lang) for e in editions])
        for edition in editions:
            if edition.id in layers:
                pending.append((out / layers[edition.id], english_tmx(edition)))
            step.advance(1, f"{edition.id}: TMX (English layer)")
            pending.append((out / "tei" / f"{edition.id}.xml", edition_tei(edition)))
            step.advance(1, f"{edition.id}: TEI edition")
        for alignment, src, tgt in pairs:
            pending.append((out / pair_tm_name(src.id, tgt.id, layers),
                            pair_tmx(alignment, src, tgt, min_score=min_score, confirmed_only=confirmed_only)))
            pending.append((out / "tei" / f"{src.id}-{tgt.id}.xml", alignment_tei(alignment, src, tgt)))
            step.advance(1, f"{src.id}–{tgt.id}: TMX, TEI alignment")
    return pending


def output_names(editions: list[tuple[str, str]]) -> set[str]:
    """The files (relative to --out) a build of editions (id, language), in corpus order, writes:
    what `export_files`, `report_files` and the manifest name, known before any work."""
    layers = layer_tm_names(editions)
    names = {MANIFEST, *layers.values()}
    for ident, _ in editions:
        names |= {f"segments/{ident}.jsonl", f"tei/{ident}.xml"}
    pairs = [(a, b) for (a, lang_a), (b, lang_b) in itertools.combinations(editions, 2) if lang_a != lang_b]
    for a, b in pairs:
        names |= {f"alignments/{a}-{b}.json", pair_tm_name(a, b, layers), f"tei/{a}-{b}.xml",
                  f"report/{a}-{b}.html", f"report/{a}-{b}-similarity.png"}
    if pairs:
        names.add("report/index.html")
    return names


def layer_tm_names(editions: list[tuple[str, str]]) -> dict[str, str]:
    """The English-layer TM of each edition (id, language): ``tmx/<id>-en.tmx``; none for a text in
    English, which is its own English layer."""
    return {ident: f"tmx/{ident}-en.tmx" for ident, lang in editions if lang != "en"}


def pair_tm_name(a: str, b: str, layers: dict[str, str]) -> str:
    """``tmx/<a>-<b>.tmx``, or ``tmx/<a>-<b>.pair.tmx`` where that is an English layer's name (a German
    text paired with an English one: ``tmx/de-en.tmx`` is the German text's English layer)."""
    name = f"tmx/{a}-{b}.tmx"
    return f"tmx/{a}-{b}.pair.tmx" if name in layers.values() else name


def report_files(pairs: list[Pair], encoder, out: Path, progress: Progress) -> Pending:
    """Stage 5: the review page and similarity map of each pair, and the index of pages."""
    from .report import render_index, render_report
    from .report.plot import similarity_png
    from .report.similarity import similarity_map

    pending: Pending = []
    pages = []
    with progress.stage("report", total=len(pairs)) as step:
        for alignment, src, tgt in pairs:
            found = similarity_map(src, tgt, encoder, alignment)
            unit = "paragraph" if found.unit == "passage" else found.unit
            picture = similarity_png(found.matrix, found.points, source_label=f"{src.id} {unit}s",
                                     target_label=f"{tgt.id} {unit}s", row_ids=found.row_ids,
                                     column_ids=found.column_ids,
                                     title=f"{src.id}–{tgt.id}: {unit} similarity ({alignment.mode}); "
                                     "links as red rings")
            name = f"{src.id}-{tgt.id}"
            html = render_report(alignment, src, tgt, similarity_png=picture)
            pending.append((out / "report" / f"{name}-similarity.png", picture))
            pending.append((out / "report" / f"{name}.html", html))
            pages.append((f"{name}.html", f"{src.id}–{tgt.id} ({alignment.mode})", html))
            step.advance(1, f"{src.id}–{tgt.id}")
    if len(pages) == 1:
        pending.append((out / "report" / "index.html", pages[0][2]))
    elif pages:
        pending.append((out / "report" / "index.html", render_index([(n, t) for n, t, _ in pages])))
    return pending


def manifest_file(documents: list[Document], editions: list[Edition], pending: Pending, out: Path):
    """``editions.json``: each text's edition id, and the outputs, for the next build (`aligner.outputs`)."""
    texts = [KnownText(e.id, e.lang, d.corpus_path, e.source_hash) for d, e in zip(documents, editions)]
    return out / MANIFEST, manifest_json(texts, [path.relative_to(out).as_posix() for path, _ in pending])


def write_files(out: Path, pending: Pending, previous: Manifest, progress: Progress) -> tuple[list[Path], list[Path]]:
    """Stage 6: the whole set written to a staging folder, then switched in with renames; the outputs
    of the last build this one does not make again are removed (`aligner.io.write_output_set`)."""
    names = [path.relative_to(out).as_posix() for path, _ in pending]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise OutputError(f"two outputs of this build would be written to the same file ({', '.join(twice)})",
                          path=out / twice[0], fix=f"rename one of the texts whose ids make that name (see {MANIFEST})")
    gone = [name for name in previous.outputs if name not in names]
    check_nothing_left_behind(out, set(), gone, sidecars=False)
    files = [(name, data.encode("utf-8") if isinstance(data, str) else data) for name, (_, data) in zip(names, pending)]
    written, removed = write_output_set(out, files, gone, progress)
    if removed:
        log.info("removed %d outputs of texts or pairs no longer in the corpus: %s", len(removed),
                 ", ".join(str(path) for path in removed))
    return written, removed
