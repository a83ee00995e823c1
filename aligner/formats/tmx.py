"""TMX 1.4b: translation memories a CAT tool (OmegaT, memoQ, Trados) loads, and reads them back.

Two kinds of TM, both built and serialised by translate-toolkit's `tmxfile`: `addsourceunit` makes
each ``<tu>`` with its source ``<tuv>``, `settarget` adds the other language's, and the store writes
the file. Only what the toolkit has no API for is set on the lxml tree under it: the header's
attributes, ``tuid``, and the ``<prop>`` elements (`_add_props`, in the order the DTD wants: props
before tuvs, before segs):

* the aligned pair, ``tmx/hi-th.tmx``: one ``<tu>`` per link, both sides' text; props on the ``<tu>``
  say its score, the mode (``translation``, or ``comparable`` — a thematic link, not a translation:
  filter it out when you want a TM of translations), the sentence ids, and whether a person confirmed
  the link (``x-aligner-status`` ``accepted``, with ``x-aligner-reviewer``) or not (``auto``);
* an English layer, ``tmx/hi-en.tmx``: one ``<tu>`` per sentence, the source and its human English
  line (a stale one marked ``x-aligner-stale``) or else its best line; the ``<tuv xml:lang="en">``
  carries the line's provenance (machine / gloss / human, engine, version, translator, date) and the
  hash of the English as written, so that an English segment a translator has since edited in a CAT
  tool is recognised on import as a human line.

`read_tmx` parses any TMX (ours or one edited elsewhere) into `TmxUnit`s; malformed files raise a
one-line `FormatError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import __version__
from ..document import Alignment, Edition, EnglishLine, Provenance, best_line, text_hash
from ..errors import FormatError
from ..lang.names import locale_for
from ..xmltext import xml_safe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DTD_PATH = Path(__file__).parent / "schemas" / "tmx14.dtd"


@dataclass
class TmxUnit:
    tuid: str | None
    props: dict[str, str]
    #: language code as written (hi-IN, en …) → (segment text, the tuv's props, the tuv's attributes)
    variants: dict[str, tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=dict)


def _new_store(srclang: str, segtype: str):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage=srclang)
    header = store.document.getroot().find("header")
    for name, value in (
        ("creationtool", "aligner"),
        ("creationtoolversion", __version__),
        ("segtype", segtype),
        ("o-tmf", "aligner"),
        ("adminlang", "en"),
        ("srclang", srclang),
        ("datatype", "plaintext"),
    ):
        header.set(name, value)
    return store


def _add_props(parent, props: list[tuple[str, str]]) -> None:
    """`<prop type=…>` elements at their place in `parent` (a <tu> or a <tuv>): after its notes and
    props, before its first <tuv> or <seg>, the order the DTD wants. translate-toolkit has no API for
    props (only its own ``x-context`` one), so these are the only elements written on the tree."""
    anchor = next((child for child in parent if child.tag in ("tuv", "seg")), None)
    for kind, value in props:
        prop = etree.Element("prop", type=kind)
        prop.text = xml_safe(value)
        if anchor is None:
            parent.append(prop)
        else:
            anchor.addprevious(prop)


def _add_unit(store, tuid: str, variants: list[tuple[str, str, list[tuple[str, str]]]], props: list[tuple[str, str]]):
    """One <tu>; variants are (locale, text, tuv props), the first in the store's source language."""
    variants = [(lang, xml_safe(text), props) for lang, text, props in variants]
    (first_lang, first_text, _), *rest = variants
    if first_lang != store.sourcelanguage:
        raise ValueError(f"the first variant is in {first_lang}, the TM's source language is {store.sourcelanguage}")
    unit = store.addsourceunit(first_text)  # a <tuv xml:lang=srclang><seg> made by the toolkit
    # The toolkit's setid() does nothing for TMX; tuid is an attribute of the <tu>.
    unit.xmlelement.set("tuid", tuid)
    for lang, text, _ in rest:
        if _language_key(lang) not in {_language_key(tuv.get(XML_LANG)) for tuv in unit.getlanguageNodes()}:
            unit.settarget(text, lang, append=True)
        else:
            # settarget() addresses a tuv by its language, so it would overwrite a variant already in
            # that language (a pair of two editions in one language): add a second tuv instead.
            unit.xmlelement.append(unit.createlanguageNode(lang, text, "target"))
    _add_props(unit.xmlelement, props)
    for tuv, (_, _, tuv_props) in zip(unit.getlanguageNodes(), variants):
        _add_props(tuv, tuv_props)
    return unit


def _language_key(lang: str | None) -> str:
    """A tuv language as translate-toolkit compares them (case and _/- ignored)."""
    return (lang or "").replace("_", "-").lower()


def _serialise(store) -> bytes:
    """The toolkit's serialisation: XML declaration, the DOCTYPE of its skeleton, pretty-printed."""
    return bytes(store)


def _side_text(ids, sentences) -> str:
    return " ".join(sentences[i].text for i in ids)


def pair_tmx(
    alignment: Alignment, source: Edition, target: Edition, *, min_score: float = 0.0, confirmed_only: bool = False
) -> bytes:
    """The aligned pair as a TM: one <tu> per link scoring at least `min_score` (with `confirmed_only`,
    per link a person confirmed, whatever its score), both sides' text. Rejected links are left out;
    ``x-aligner-status`` says of each unit whether a person confirmed it (``accepted``) or not
    (``auto``), and ``x-aligner-reviewer`` who did."""
    src_lang, tgt_lang = locale_for(source.lang), locale_for(target.lang)
    store = _new_store(src_lang, alignment.unit if alignment.mode == "translation" else "paragraph")
    src_sentences, tgt_sentences = source.sentence_index(), target.sentence_index()
    for link in alignment.links:
        if link.status == "rejected" or not link.source or not link.target:
            continue
        if (link.status != "accepted") if confirmed_only else (link.score < min_score and link.status != "accepted"):
            continue
        props = [
            ("x-aligner-score", f"{link.score:.3f}"),
            ("x-aligner-mode", alignment.mode),
            ("x-aligner-source-ids", " ".join(link.source)),
            ("x-aligner-target-ids", " ".join(link.target)),
            ("x-aligner-status", link.status),
        ]
        if link.status == "accepted" and link.resp:
            props.append(("x-aligner-reviewer", link.resp))
        _add_unit(
            store,
            f"{link.source[0]}--{link.target[0]}",
            [
                (src_lang, _side_text(link.source, src_sentences), []),
                (tgt_lang, _side_text(link.target, tgt_sentences), []),
            ],
            props,
        )
    return _serialise(store)


def provenance_props(line: EnglishLine) -> list[tuple[str, str]]:
    p = line.provenance
    props = [("x-aligner-provenance", p.kind), ("x-aligner-engine", p.engine)]
    if p.version:
        props.append(("x-aligner-engine-version", p.version))
    if p.model:
        props.append(("x-aligner-model", p.model))
    props += [("x-aligner-resource", r) for r in p.resources]
    if p.translator:
        props.append(("x-aligner-translator", p.translator))
    if p.date:
        props.append(("x-aligner-date", p.date))
    if line.stale:
        props.append(("x-aligner-stale", "source sentence changed since this line was written"))
        props.append(("x-aligner-written-for", line.source_hash or "?"))
    props.append(("x-aligner-english-hash", text_hash(xml_safe(line.text))))
    return props


def layer_line(lines) -> EnglishLine | None:
    """The line a sentence's unit in the English-layer TM shows: its human line where it has one,
    even a stale one (marked so by a prop), since this TM is where a translator corrects it and one
    <tu> holds one English line; otherwise the best line (`best_line`)."""
    return best_line([line for line in lines if line.provenance.kind == "human"]) or best_line(lines)


def english_tmx(edition: Edition) -> bytes:
    """An edition's English layer as a TM: each sentence with its human line, else its best line."""
    src_lang = locale_for(edition.lang)
    store = _new_store(src_lang, "sentence")
    for sentence in edition.sentences():
        line = layer_line(edition.english_for(sentence.id))
        if line is None:
            continue
        _add_unit(
            store,
            sentence.id,
            [
                (src_lang, sentence.text, [("x-aligner-source-hash", sentence.hash)]),
                ("en", line.text, provenance_props(line)),
            ],
            [("x-aligner-sentence-id", sentence.id)],
        )
    return _serialise(store)


def read_tmx(path: Path | str) -> list[TmxUnit]:
    """Every <tu> of a TMX file with its props and language variants."""
    path = Path(path)
    try:
        root = etree.parse(str(path)).getroot()
    except OSError:
        raise FormatError("no such TMX file" if not path.exists() else "cannot read the TMX file", path=path) from None
    except etree.XMLSyntaxError as exc:
        raise FormatError(
            f"not a well-formed TMX file ({exc.msg})", path=path, fix="repair or re-export it from your CAT tool"
        ) from None
    if etree.QName(root).localname != "tmx":
        raise FormatError(
            f"not a TMX file (its root element is <{etree.QName(root).localname}>, not <tmx>)",
            path=path,
            fix="give a TMX 1.4 file",
        )
    try:
        from translate.storage.tmx import tmxfile

        with path.open("rb") as handle:
            store = tmxfile(handle)
    except FileNotFoundError:
        raise FormatError("no such TMX file", path=path) from None
    except (etree.XMLSyntaxError, ValueError, AssertionError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FormatError(
            f"not a well-formed TMX file ({message})", path=path, fix="repair or re-export it from your CAT tool"
        ) from None
    root = store.document.getroot()
    if etree.QName(root).localname != "tmx" or root.find("body") is None:
        raise FormatError("not a TMX file (no <tmx><body>)", path=path, fix="give a TMX 1.4 file")
    units = []
    for tu in root.iter("tu"):
        unit = TmxUnit(tu.get("tuid"), {p.get("type"): p.text or "" for p in tu.findall("prop")})
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if lang is None or seg is None:
                raise FormatError(
                    f"a <tuv> in unit {unit.tuid!r} has no xml:lang or <seg>", path=path, fix="repair the file"
                )
            text = "".join(seg.itertext())
            unit.variants[lang] = (text, {p.get("type"): p.text or "" for p in tuv.findall("prop")}, dict(tuv.attrib))
        units.append(unit)
    return units


def human_lines_from_tmx(path: Path | str) -> list[EnglishLine]:
    """English lines in an edited layer TM that a human wrote: marked human, or edited since export.

    A CAT tool that changes an English segment leaves our props as they were, so an English text
    whose hash no longer matches ``x-aligner-english-hash`` is a translator's correction.
    """
    return [read.line for read in read_tmx_human_lines(path)]


def read_tmx_human_lines(path: Path | str):
    """`human_lines_from_tmx` with, for each line, whether it was edited in the TM (`ReadLine`).

    A CAT tool may write the TM back without our ``tuid`` and props: a unit then names no sentence
    (its source text places it, `aligner.translate.human.place_lines`), and one without the English
    props is `unmarked` (nothing tells an edit from a copy of what the build wrote); its source hash
    is that of its source segment."""
    from ..translate.human import ReadLine

    path = Path(path)
    lines = []
    for number, unit in enumerate(read_tmx(path), 1):
        if "x-aligner-mode" in unit.props:
            continue  # a unit of an aligned pair's TM (two texts), not of an English layer
        sentence_id = unit.props.get("x-aligner-sentence-id") or unit.tuid or ""
        english = unit.variants.get("en") or next(
            (v for lang, v in unit.variants.items() if lang.lower().startswith("en")), None
        )
        if english is None:
            continue
        text, props, attributes = english
        if not text.strip():
            continue  # an empty segment (a CAT tool's untranslated unit, or an emptied one) is no line
        source = next((v for lang, v in unit.variants.items() if not lang.lower().startswith("en")), None)
        edited = props.get("x-aligner-english-hash") not in (None, text_hash(text))
        unmarked = "x-aligner-provenance" not in props
        if "x-aligner-stale" in props and not edited:  # written for an earlier wording of the sentence
            source_hash = props.get("x-aligner-written-for", "?")
        elif source is not None:
            source_hash = source[1].get("x-aligner-source-hash") or text_hash(source[0])
        else:
            source_hash = ""
        if props.get("x-aligner-provenance") == "human" or edited or unmarked:
            translator = (
                attributes.get("changeid")
                or attributes.get("creationid")
                or props.get("x-aligner-translator")
                or "unknown"
            )
            date = attributes.get("changedate") or attributes.get("creationdate") or props.get("x-aligner-date")
            line = EnglishLine(
                sentence_id,
                text.strip(),
                Provenance(kind="human", engine="human", translator=translator, date=date),
                source_hash,
            )
            lines.append(
                ReadLine(
                    line,
                    path,
                    edited=edited or unmarked,
                    where=f"unit {number}",
                    source=source[0] if source is not None else None,
                    unmarked=unmarked,
                )
            )
    return lines


def validate_tmx(data: bytes) -> list[str]:
    """Errors against the TMX 1.4b DTD (empty when valid)."""
    dtd = etree.DTD(str(DTD_PATH))
    root = etree.fromstring(data)
    return [] if dtd.validate(root) else [str(e) for e in dtd.error_log.filter_from_errors()]
