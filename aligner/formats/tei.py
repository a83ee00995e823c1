"""TEI P5 editions for publishing, with the English layer and the alignment, and reading them back.

* ``tei/<edition>.xml`` — one ``<TEI xml:lang>`` per edition: ``<div>``/``<head>`` for divisions,
  ``<p xml:id>`` and ``<s xml:id>`` with the stable ids, ``<pb/>`` where a page broke inside a
  paragraph, ``<fw>`` for the running headers, page numbers and title blocks ingestion took out,
  footnote markers as ``<note place="foot" n=".."/>`` anchors at their place, and the English layer as
  a parallel ``<div type="translation" xml:lang="en">`` whose every ``<s>`` points to its source
  sentence (``@corresp``) and to the ``<respStmt>`` that made it (``@resp``: the gloss and its
  dictionaries, a machine translator, a human translator); its ``@n`` records what aligner wrote
  (``en:`` the hash of the English, and for a stale line ``src:`` the hash of the source sentence it
  was written for), so that an edit of the English is recognised on reading it back, and a stale line
  stays stale.
* ``tei/<a>-<b>.xml`` — a ``<teiCorpus>`` holding both editions and, in ``<standOff>``, the alignment:
  ``<linkGrp type="alignment">`` of ``<link target="#hi.p1.s1 #th.p4.s2" cert="0.87"/>``; a side of
  several sentences is a ``<join>`` (in a ``<joinGrp>``) that the link points to. Every pointer
  resolves inside the file. A sentence (or passage) a person said has no counterpart in the other
  text is a ``<link type="no-counterpart" subtype="accepted">`` pointing to it and to the other
  edition's ``<text>``; what people changed in review, and when, is the header's ``<revisionDesc>``
  (``<change when who>``).

`read_edition` brings back an edited edition's human English lines; `read_links` an alignment's link
decisions (``@subtype`` ``accepted``/``rejected``, set by an editor or by `aligner review`, with
``@resp`` pointing to the ``<respStmt>`` that names the person; a no-counterpart decision with one
side empty); `read_history` its review changes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import regex
from lxml import etree

from .. import __version__
from ..document import Alignment, Edition, EnglishLine, Paragraph, Provenance, best_line, text_hash
from ..errors import FormatError
from ..lang.names import language_name
from ..xmltext import xml_safe

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
RNG_PATH = Path(__file__).parent / "schemas" / "tei_all.rng"
#: the ``@type`` of a ``<link>`` recording that a person found no counterpart for a sentence or
#: passage (1–0 or 0–1): it points to the sentence (or its ``<join>``) and to the other edition's
#: ``<text>``, since a TEI link joins two or more things
NO_COUNTERPART = "no-counterpart"


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _x(name: str) -> str:
    return f"{{{XML_NS}}}{name}"


def _el(parent, name: str, text: str | None = None, **attributes):
    if parent is None:
        element = etree.Element(_t(name), nsmap={None: TEI_NS})
    else:
        element = etree.SubElement(parent, _t(name))
    for key, value in attributes.items():
        if value is None:
            continue
        key = _x(key[4:]) if key.startswith("xml_") else key.replace("_", "-") if key != "n" else key
        element.set(key, xml_safe(str(value)))
    if text is not None:
        element.text = xml_safe(text)
    return element


def _resp_id(edition: Edition, provenance: Provenance) -> str:
    """respStmt ids carry the edition id, so that two editions stay valid inside one teiCorpus."""
    if provenance.kind == "human":
        slug = regex.sub(r"[^\p{L}\p{N}]+", "-", provenance.translator or "unknown").strip("-").lower() or "unknown"
        return f"{edition.id}.resp.human.{slug}"
    return f"{edition.id}.resp.{provenance.kind}.{text_hash(provenance.key)[:8]}"


def _resp_stmts(parent, edition: Edition) -> None:
    _resp = _el(parent, "respStmt", xml_id=f"{edition.id}.resp.aligner")
    _el(_resp, "resp", "segmentation into sentences and alignment")
    _el(_resp, "name", f"aligner {__version__}")
    seen: set[str] = set()
    for line in edition.english:
        provenance = line.provenance
        ident = _resp_id(edition, provenance)
        if ident in seen:
            continue
        seen.add(ident)
        stmt = _el(parent, "respStmt", xml_id=ident)
        if provenance.kind == "human":
            _el(stmt, "resp", "English translation")
            _el(stmt, "persName", provenance.translator or "unknown")
        else:
            what = "English gloss (word by word)" if provenance.kind == "gloss" else "machine translation into English"
            _el(stmt, "resp", what)
            detail = " ".join(filter(None, [provenance.engine, provenance.version, provenance.model]))
            if provenance.resources:
                detail += " using " + "; ".join(provenance.resources)
            _el(stmt, "name", detail)


def _header(root, edition: Edition, title: str) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", title)
    _resp_stmts(title_stmt, edition)
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "p", f"Generated by aligner {__version__} from {edition.source}; not published.")
    source_desc = _el(file_desc, "sourceDesc")
    bibl = _el(source_desc, "bibl")
    _el(bibl, "title", edition.title or edition.source)
    _el(bibl, "idno", edition.source, type="file")
    _el(bibl, "idno", edition.source_hash, type="sha256-16")
    encoding = _el(header, "encodingDesc")
    app_info = _el(encoding, "appInfo")
    application = _el(app_info, "application", ident="aligner", version=__version__)
    _el(application, "label", "aligner")
    profile = _el(header, "profileDesc")
    usage = _el(profile, "langUsage")
    for lang in dict.fromkeys((edition.lang, "en")):
        _el(usage, "language", language_name(lang), ident=lang)


def _inline(parent, text: str, inserts: list[tuple[int, object]]) -> None:
    """Write `text` into `parent`, with the elements of `inserts` at their character positions."""
    text = xml_safe(text)  # one character for one: the positions stay right
    cursor = 0
    last = None
    for position, element in sorted(inserts, key=lambda item: item[0]):
        position = max(cursor, min(position, len(text)))
        chunk = text[cursor:position]
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        parent.append(element)
        last = element
        cursor = position
    rest = text[cursor:]
    if last is None:
        parent.text = (parent.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _sentence_ranges(paragraph: Paragraph) -> list[tuple[int, int]]:
    """Each sentence's [start, end) in the paragraph's cleaned text."""
    ranges, cursor = [], 0
    for sentence in paragraph.sentences:
        start = paragraph.text.find(sentence.text, cursor)
        if start < 0:  # a sentence that is not a substring (should not happen): place by source span
            start = max(cursor, bisect.bisect_left(paragraph.offsets, sentence.start))
        end = start + len(sentence.text)
        ranges.append((start, end))
        cursor = end
    return ranges


def _markers(paragraph: Paragraph) -> list[tuple[int, str, object]]:
    items: list[tuple[int, str, object]] = []
    for note in paragraph.notes:
        items.append((note.offset, "note", note))
    for position in paragraph.page_breaks:
        items.append((position, "pb", None))
    return items


def _marker_element(kind: str, item) -> object:
    if kind == "note":
        return etree.Element(_t("note"), place="foot", n=item.label, type="marker")
    return etree.Element(_t("pb"))


def _paragraph(parent, paragraph: Paragraph) -> None:
    p = _el(parent, "p", xml_id=paragraph.id)
    markers = _markers(paragraph)
    cursor = 0
    last = None

    def text_between(upto: int):
        nonlocal cursor, last
        chunk = paragraph.text[cursor:upto]
        inside = [(pos - cursor, _marker_element(kind, item)) for pos, kind, item in markers if cursor <= pos < upto]
        holder = etree.Element("holder")
        _inline(holder, chunk, inside)
        if last is None:
            p.text = (p.text or "") + (holder.text or "")
        else:
            last.tail = (last.tail or "") + (holder.text or "")
        for child in list(holder):
            p.append(child)
            last = child
        cursor = upto

    for sentence, (start, end) in zip(paragraph.sentences, _sentence_ranges(paragraph)):
        text_between(start)
        s = _el(p, "s", xml_id=sentence.id)
        inside = [(pos - start, _marker_element(kind, item)) for pos, kind, item in markers if start < pos < end]
        _inline(s, paragraph.text[start:end], inside)
        last = s
        cursor = end
    text_between(len(paragraph.text))
    # a marker exactly at the end of the paragraph
    for pos, kind, item in markers:
        if pos >= len(paragraph.text):
            p.append(_marker_element(kind, item))


def _furniture_before(edition: Edition, start: int, end: int):
    return [f for f in edition.furniture if start <= f.start < end]


def _fw(parent, furniture) -> None:
    tei_types = {"page-number": "pageNum", "running-header": "header", "title-block": "title"}
    kind = tei_types.get(furniture.kind, furniture.kind)
    _el(parent, "fw", furniture.text, type=kind)


def _body(text_el, edition: Edition) -> None:
    body = _el(text_el, "body")
    placed_upto = 0
    divisions = list(edition.divisions)
    for number, division in enumerate(divisions):
        div = _el(body, "div", xml_id=division.id, type="section")
        if division.heading is not None:
            for furniture in _furniture_before(edition, placed_upto, division.heading.start):
                _fw(div, furniture)
            placed_upto = division.heading.end
            _el(div, "head", division.heading.text, type="run-in" if division.heading.kind == "run-in" else None)
        for paragraph in division.paragraphs:
            for furniture in _furniture_before(edition, placed_upto, paragraph.start):
                _fw(div, furniture)
            placed_upto = max(placed_upto, paragraph.start)
            # furniture inside a paragraph's span was cut out of it at a page break
            _paragraph(div, paragraph)
            for furniture in _furniture_before(edition, paragraph.start, paragraph.end):
                _fw(div, furniture)
            placed_upto = max(placed_upto, paragraph.end)
        if number == len(divisions) - 1:
            for furniture in _furniture_before(edition, placed_upto, len(edition.source_text) + 1):
                _fw(div, furniture)
    if not divisions:
        div = _el(body, "div", type="section")
        for furniture in edition.furniture:
            _fw(div, furniture)
        _el(div, "p")
    _translation(body, edition)


def _translation(body, edition: Edition) -> None:
    if not edition.english:
        return
    div = _el(body, "div", type="translation", xml_lang="en", corresp=f"#{edition.id}.text")
    _el(div, "head", "English layer")
    for paragraph in edition.paragraphs():
        lines = [(s, edition.english_for(s.id)) for s in paragraph.sentences]
        if not any(found for _, found in lines):
            continue
        p = _el(div, "p", corresp=f"#{paragraph.id}")
        for sentence, found in lines:
            best = best_line(found)
            if best is None:
                continue
            for line in [best, *[other for other in found if other is not best]]:
                s = _el(
                    p,
                    "s",
                    line.text,
                    corresp=f"#{sentence.id}",
                    resp=f"#{_resp_id(edition, line.provenance)}",
                    type=None if line is best else "alternative",
                    ana="#stale" if line.stale else None,
                    n=_line_record(line),
                )
                s.tail = " "


def _line_record(line: EnglishLine) -> str:
    """What aligner wrote, for reading back: the hash of the English (an edit changes it) and, for a
    stale line, the hash of the source sentence it was written for (so that it stays stale)."""
    record = f"en:{text_hash(xml_safe(line.text))}"
    if line.stale:
        record += f" src:{line.source_hash or '?'}"
    return record


def _read_record(value: str | None) -> dict[str, str]:
    return dict(part.split(":", 1) for part in (value or "").split() if ":" in part)


def _edition_tei(edition: Edition, parent=None):
    root = _el(parent, "TEI", xml_lang=edition.lang)
    _header(root, edition, edition.title or f"{language_name(edition.lang)} text: {edition.source}")
    text = _el(root, "text", xml_id=f"{edition.id}.text")
    _body(text, edition)
    return root


def _serialise(root) -> bytes:
    etree.indent(root, space=" ")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def edition_tei(edition: Edition) -> bytes:
    return _serialise(_edition_tei(edition))


def alignment_tei(alignment: Alignment, source: Edition, target: Edition) -> bytes:
    corpus = _el(None, "teiCorpus")
    header = _el(corpus, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", f"Alignment of {source.source} ({source.lang}) and {target.source} ({target.lang})")
    stmt = _el(title_stmt, "respStmt")
    _el(stmt, "resp", f"{alignment.mode} alignment ({', '.join(f'{k}={v}' for k, v in alignment.signature)})")
    _el(stmt, "name", f"aligner {__version__}")
    for person in sorted(
        {link.resp for link in (*alignment.links, *alignment.no_counterpart) if link.resp and link.status != "auto"}
        | {change.who for change in alignment.history}
    ):
        reviewer_resp_stmt(title_stmt, person)
    _el(_el(file_desc, "publicationStmt"), "p", f"Generated by aligner {__version__}; not published.")
    _el(_el(file_desc, "sourceDesc"), "p", f"{source.source} and {target.source}")
    if alignment.history:
        revisions = _el(header, "revisionDesc")
        for change in alignment.history:
            _el(revisions, "change", change.what, when=change.when, who=f"#{reviewer_id(change.who)}")

    stand_off = _el(corpus, "standOff")
    joins = _el(stand_off, "joinGrp", type="sentences", result="s")
    links = _el(stand_off, "linkGrp", type="alignment", subtype=alignment.mode)

    order = {s.id: k for edition in (source, target) for k, s in enumerate(edition.sentences())}

    def pointer(ids: tuple[str, ...]) -> str:
        if len(ids) == 1:
            return f"#{ids[0]}"
        ident = f"join.{ids[0]}-{ids[-1]}"
        start = order.get(ids[0], -1)
        if [order.get(i) for i in ids] != list(range(start, start + len(ids))):
            # A thematic link may leave out a sentence of its passage: the first and last no longer
            # name the join.
            ident += f".{text_hash(' '.join(ids))[:8]}"
        if not joins.xpath(f"./*[@xml:id='{ident}']"):
            _el(joins, "join", target=" ".join(f"#{i}" for i in ids), xml_id=ident)
        return f"#{ident}"

    for link in alignment.links:
        if not link.source or not link.target:
            continue
        decided = link.status != "auto"
        _el(
            links,
            "link",
            target=f"{pointer(link.source)} {pointer(link.target)}",
            cert=f"{link.score:.3f}",
            type=alignment.mode,
            subtype=link.status if decided else None,
            resp=f"#{reviewer_id(link.resp)}" if decided and link.resp else None,
        )
    for link in alignment.no_counterpart:
        # one side only: the other pointer is the other edition's <text>, "no counterpart in it"
        ends = (
            (pointer(link.source), f"#{target.id}.text")
            if link.source
            else (f"#{source.id}.text", pointer(link.target))
        )
        _el(
            links,
            "link",
            target=" ".join(ends),
            type=NO_COUNTERPART,
            subtype="accepted",
            resp=f"#{reviewer_id(link.resp)}" if link.resp else None,
        )
    if not len(joins):
        stand_off.remove(joins)
    if not len(links):
        _el(links, "link", target=f"#{source.id}.text #{target.id}.text", cert="0", type="none")
    _edition_tei(source, corpus)
    _edition_tei(target, corpus)
    return _serialise(corpus)


def reviewer_id(person: str) -> str:
    """The xml:id of the respStmt that names the person who confirmed or rejected links."""
    slug = regex.sub(r"[^\p{L}\p{N}]+", "-", person).strip("-").lower() or "unknown"
    return f"review.{slug}"


def reviewer_resp_stmt(title_stmt, person: str):
    """``<respStmt xml:id="review.…"><resp>alignment review</resp><persName>…</persName>``: what a
    link's ``@resp`` points to (`aligner review` adds one when a new person decides)."""
    stmt = _el(title_stmt, "respStmt", xml_id=reviewer_id(person))
    _el(stmt, "resp", "alignment review (links confirmed, rejected or made)")
    _el(stmt, "persName", person)
    return stmt


# --- validation --------------------------------------------------------------------------------

_RELAXNG = None


def relaxng():
    """The TEI P5 tei_all schema, loaded once (about 10 s)."""
    global _RELAXNG
    if _RELAXNG is None:
        _RELAXNG = etree.RelaxNG(etree.parse(str(RNG_PATH)))
    return _RELAXNG


def check_tei(data: bytes, *, schema: bool = True) -> list[str]:
    """Problems with a TEI file: schema errors, and what the schema misses — unresolved pointers,
    duplicate ids, a cert outside [0, 1]."""
    root = etree.fromstring(data)
    problems: list[str] = []
    if schema:
        rng = relaxng()
        if not rng.validate(root):
            problems += [f"line {e.line}: {e.message}" for e in rng.error_log]
    ids = [e.get(_x("id")) for e in root.iter() if e.get(_x("id")) is not None]
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            problems.append(f"duplicate xml:id {ident}")
        seen.add(ident)
    for element in root.iter():
        for attribute in ("target", "corresp", "resp", "ana"):
            for value in (element.get(attribute) or "").split():
                if value.startswith("#") and value[1:] not in seen and value != "#stale":
                    problems.append(f"{etree.QName(element).localname}/@{attribute} points to missing {value}")
        cert = element.get("cert")
        if cert is not None:
            try:
                if not 0.0 <= float(cert) <= 1.0:
                    problems.append(f"cert {cert} outside [0, 1]")
            except ValueError:
                if cert not in ("high", "medium", "low", "unknown"):
                    problems.append(f"cert {cert!r} is not a probability")
    return problems


# --- reading back ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change a person made in review, as ``<change when who>`` in the pair TEI's ``<revisionDesc>``:
    when (ISO 8601, UTC), who (the name), what (one line)."""

    when: str
    who: str
    what: str


def read_history(path: Path | str) -> tuple[Change, ...]:
    """The review changes recorded in an alignment file, oldest first."""
    path = Path(path)
    root = _parse(path)
    people = {
        stmt.get(_x("id")): stmt.findtext(_t("persName"))
        for stmt in root.iter(_t("respStmt"))
        if stmt.get(_x("id")) and stmt.find(_t("persName")) is not None
    }
    header = root.find(_t("teiHeader"))
    found = header.findall(f"{_t('revisionDesc')}/{_t('change')}") if header is not None else []
    return tuple(
        Change(
            change.get("when") or "",
            people.get((change.get("who") or "").lstrip("#")) or (change.get("who") or "").lstrip("#") or "unknown",
            "".join(change.itertext()).strip(),
        )
        for change in found
    )


@dataclass
class TeiLinkDecision:
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: str
    cert: float
    #: the person who decided (the ``persName`` its ``@resp`` points to), where known
    resp: str | None = None


def _parse(path: Path):
    try:
        return etree.parse(str(path)).getroot()
    except OSError:
        raise FormatError("cannot read the TEI file", path=path) from None
    except etree.XMLSyntaxError as exc:
        raise FormatError(
            f"not well-formed XML ({exc.msg}, line {exc.lineno})", path=path, fix="repair the file or re-export it"
        ) from None


def read_edition(path: Path | str) -> list[EnglishLine]:
    """The human English lines of an edited TEI edition (or an alignment corpus holding editions).

    A line is human when its ``@resp`` points to a respStmt with a ``persName``, when its text no
    longer matches what aligner wrote (the ``en:`` hash in ``@n``: an editor who rewrites a gloss line
    in place is credited through a new respStmt, or as 'unknown'), or when it points to no respStmt
    aligner wrote (a line an editor added). A line was written for the source sentence as the file
    shows it, unless it is marked stale (``@ana="#stale"``) and unedited: then for the sentence its
    ``src:`` names, so it stays stale. (An editor who removes the mark confirms the line.)
    """
    return [read.line for read in read_edition_lines(path)]


def read_edition_lines(path: Path | str, edition: str | None = None):
    """`read_edition` with, for each line, whether it was edited in this file (`ReadLine`); with
    `edition`, only that edition's lines (a pair's ``teiCorpus`` holds both editions' English)."""
    from ..translate.human import ReadLine

    path = Path(path)
    root = _parse(path)
    if etree.QName(root).namespace != TEI_NS or etree.QName(root).localname not in ("TEI", "teiCorpus"):
        raise FormatError(
            "not a TEI P5 document (root is not tei:TEI or tei:teiCorpus)",
            path=path,
            fix="give a TEI file written by aligner build",
        )
    humans, known = {}, set()
    for stmt in root.iter(_t("respStmt")):
        ident = stmt.get(_x("id"))
        if ident:
            known.add(ident)
            person = stmt.find(_t("persName"))
            if person is not None:
                humans[ident] = person.text or "unknown"
    sentences = {s.get(_x("id")): "".join(s.itertext()).strip() for s in root.iter(_t("s")) if s.get(_x("id"))}
    lines = []
    for div in root.iter(_t("div")):
        if div.get("type") != "translation" or (edition is not None and div.get("corresp") != f"#{edition}.text"):
            continue
        for s in div.iter(_t("s")):
            target = (s.get("corresp") or "").lstrip("#")
            resp = (s.get("resp") or "").lstrip("#")
            written = "".join(s.itertext())
            text = written.strip()
            record = _read_record(s.get("n"))
            edited = "en" in record and record["en"] not in (text_hash(written), text_hash(text))
            added = resp not in known
            if not target or not text or not (resp in humans or edited or added):
                continue
            stale = "#stale" in (s.get("ana") or "").split() and not (edited or added)
            current = text_hash(sentences[target]) if target in sentences else ""
            source_hash = record.get("src", "?") if stale else current
            line = EnglishLine(
                target,
                text,
                Provenance(kind="human", engine="human", translator=humans.get(resp, "unknown")),
                source_hash,
            )
            lines.append(ReadLine(line, path, edited=edited or added))
    return lines


def english_by_source(path: Path | str) -> dict[str, set[str]]:
    """Every English line of a TEI edition (or corpus), by the text of the sentence it translates:
    what the build wrote, to tell a copy of it from an edit where nothing else can."""
    root = _parse(Path(path))
    sentences = {s.get(_x("id")): "".join(s.itertext()) for s in root.iter(_t("s")) if s.get(_x("id"))}
    found: dict[str, set[str]] = {}
    for div in root.iter(_t("div")):
        if div.get("type") == "translation":
            for s in div.iter(_t("s")):
                target = (s.get("corresp") or "").lstrip("#")
                if target in sentences:
                    found.setdefault(sentences[target], set()).add("".join(s.itertext()))
    return found


def read_links(path: Path | str) -> list[TeiLinkDecision]:
    """Links of an alignment file with their status (an editor sets ``@subtype`` accepted/rejected).
    A no-counterpart decision (``@type`` `NO_COUNTERPART`) comes back with an empty side."""
    path = Path(path)
    root = _parse(path)
    joins = {
        j.get(_x("id")): tuple(t.lstrip("#") for t in (j.get("target") or "").split()) for j in root.iter(_t("join"))
    }
    texts = {text.get(_x("id")) for text in root.iter(_t("text")) if text.get(_x("id"))}
    people = {
        stmt.get(_x("id")): stmt.findtext(_t("persName"))
        for stmt in root.iter(_t("respStmt"))
        if stmt.get(_x("id")) and stmt.find(_t("persName")) is not None
    }
    decisions = []
    for link in root.iter(_t("link")):
        pointers = [t.lstrip("#") for t in (link.get("target") or "").split()]
        if len(pointers) != 2 or link.get("type") == "none":
            continue
        sides = [joins.get(p, (p,)) for p in pointers]
        if link.get("type") == NO_COUNTERPART:
            # the side pointing to an edition's <text> has no sentence: a 1–0 or 0–1 decision
            sides = [() if p in texts else side for p, side in zip(pointers, sides)]
            if sum(1 for side in sides if side) != 1:
                raise FormatError(
                    f"a no-counterpart link points to {link.get('target')!r}: it needs one "
                    "sentence (or join) and the other edition's <text>",
                    path=path,
                    fix="point it to a sentence and the other text, or delete it",
                )
        try:
            cert = float(link.get("cert", "0"))
        except ValueError:
            raise FormatError(f"link cert {link.get('cert')!r} is not a number", path=path) from None
        status = link.get("subtype") or "auto"
        if status not in ("auto", "accepted", "rejected"):  # "Rejected" too: the review server reads it as auto
            raise FormatError(
                f"line {link.sourceline}: link subtype {status!r} is not a review decision",
                path=path,
                fix='write subtype="accepted" or subtype="rejected" (lower case), or remove it',
            )
        resp = (link.get("resp") or "").lstrip("#")
        decisions.append(TeiLinkDecision(sides[0], sides[1], status, cert, people.get(resp) or (resp or None)))
    return decisions
