"""What `aligner review` reads and writes: the decisions of a person, in the files the build reads back.

Nothing here has a file of its own. A link decision goes into the pair's alignment TEI
(``tei/<a>-<b>.xml``): the ``<link>`` gets ``@subtype`` ``accepted``/``rejected`` and ``@resp``
pointing to a ``<respStmt>`` naming the person, and a link a person makes is a new ``<link>`` (cert
1, ``accepted``) — what `aligner.build.keep_decisions` keeps through every rebuild; "no counterpart"
for sentences of one text is a ``<link type="no-counterpart">`` (`formats.tei.NO_COUNTERPART`); and
each change is a ``<change when who>`` of the header's ``<revisionDesc>``. An English line goes into
the translator's sidecar (``translations/<edition>.en.tsv``), which the build reads as human lines
(`aligner.translate.human`); a line withdrawn (back to the machine line) is a row marked ``withdrawn``
there, so that the copies the last build carried do not bring it back. Each change is written at
once, atomically (temporary file, then rename).

A pair's *version* is the hash of the files a change can touch. A change names the version it was
made on; when the files have changed since (another tab, another window, a build), it is refused
with `StaleVersion` and nothing is written. Undo restores the files as they were before the last
change made through this store, under the same check.

The store never loads the encoder: it edits what the build wrote.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import regex
from lxml import etree

from ..document import without
from ..errors import AlignerError, FormatError, InputError
from ..formats.jsonl import read_sentences
from ..formats.tei import NO_COUNTERPART, TEI_NS, XML_NS, read_history, read_links, reviewer_id, reviewer_resp_stmt
from ..io import atomic_write_bytes
from ..outputs import OutputLayout
from ..translate.human import HEADER, WITHDRAWN, read_sidecar, read_sidecar_lines
from ..xmltext import xml_forbidden, xml_safe

log = logging.getLogger(__name__)

STATUSES = ("auto", "accepted", "rejected")
#: an edition id or pair name review will put into a path: a plain XML name (an NCName: no slash, no
#: dot or hyphen first), so that ``segments/<id>.jsonl`` can only name a file of that folder
PLAIN_NAME = regex.compile(r"[\p{L}_][\p{L}\p{M}\p{N}._\-\u00B7]*")
#: what a link a person made is scored: a person's word, not the aligner's estimate
MADE_BY_HAND_CERT = "1.000"


class ReviewError(AlignerError):
    """A change the store refuses: it names what was wrong (HTTP 400)."""


class StaleVersion(ReviewError):
    """The pair changed since the page making the change loaded it (HTTP 409)."""


@dataclass(frozen=True)
class Pair:
    """One aligned pair of a build's output folder and the files review reads or writes."""

    name: str
    source: str
    target: str
    mode: str
    out: Path

    @property
    def layout(self) -> OutputLayout:
        return OutputLayout(self.out)

    @property
    def tei(self) -> Path:
        return self.layout.pair_tei(self.source, self.target)

    @property
    def page(self) -> Path:
        return self.layout.report_page(self.source, self.target)

    @property
    def links_json(self) -> Path:
        return self.layout.alignment(self.source, self.target)

    def sidecar(self, edition: str) -> Path:
        return self.layout.sidecar(edition)

    def segments(self, edition: str) -> Path:
        return self.layout.segments(edition)

    @property
    def files(self) -> tuple[Path, ...]:
        """What a change to this pair may write."""
        return self.tei, self.sidecar(self.source), self.sidecar(self.target)


def no_output_folder(out: Path) -> InputError:
    return InputError("no such output folder", path=out, fix="give the --out folder of `aligner build`")


def find_pairs(out: Path | str) -> dict[str, Pair]:
    """The pairs `aligner build` wrote into `out` that can be reviewed (links JSON, TEI and page present)."""
    out = Path(out)
    if not out.is_dir():
        raise no_output_folder(out)
    pairs = {}
    folder = OutputLayout(out).alignment("a", "b").parent
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            pair = Pair(path.stem, str(data["source"]), str(data["target"]), str(data["mode"]), out)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise FormatError(
                f"cannot read the alignment ({type(exc).__name__})", path=path, fix="run `aligner build` again"
            ) from None
        for what, value in (
            ("pair name", pair.name),
            ("source edition id", pair.source),
            ("target edition id", pair.target),
        ):
            if not PLAIN_NAME.fullmatch(value):
                raise FormatError(
                    f"the {what} {value!r} is not a plain XML name, so review will not use it in a path",
                    path=path,
                    fix="run `aligner build` again to rewrite this file",
                )
        if pair.links_json.name != path.name:
            raise FormatError(
                f"names the pair {pair.source}–{pair.target}, whose alignment is {pair.links_json.name}",
                path=path,
                fix="run `aligner build` again to rewrite this file",
            )
        paths = [pair.tei, pair.page, pair.links_json]
        for edition in (pair.source, pair.target):
            paths += [pair.sidecar(edition), pair.segments(edition)]
        inside = out.resolve()
        for place in paths:
            if not place.resolve().is_relative_to(inside):
                raise InputError(
                    f"leads outside the output folder (to {place.resolve()}), so review will not read or write it",
                    path=place,
                    fix="replace the symbolic link by a real folder or file inside --out",
                )
        if pair.tei.is_file() and pair.page.is_file():
            pairs[pair.name] = pair
    if not pairs:
        raise InputError(
            "no aligned pair to review here (alignments/, tei/ and report/ of a build)",
            path=out,
            fix="run `aligner build TEXTS --out` on this folder first, or give its --out folder",
        )
    return pairs


@dataclass
class _Sentences:
    text: dict[str, str] = field(default_factory=dict)
    hash: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)


def _sentences(path: Path) -> _Sentences:
    if not path.is_file():
        raise FormatError("cannot read the sentences (no such file)", path=path, fix="run `aligner build` again")
    found = _Sentences()
    for ident, digest, text in read_sentences(path, fix="run `aligner build` again"):
        found.order[ident] = len(found.order)
        found.text[ident], found.hash[ident] = text, digest
    return found


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


class ReviewStore:
    """The decisions about the pairs of one output folder, made by `editor`. Thread-safe: a lock
    makes each check-then-write one step."""

    def __init__(self, out: Path | str, editor: str):
        self.out = Path(out)
        self.editor = checked_editor(editor)
        self.pairs = find_pairs(self.out)
        self._lock = threading.Lock()
        # per pair, (version after, what, the files before) of each change made here, last on top;
        # and of each change undone, (version after the undo, what, the files it had made)
        self._undo: dict[str, list[tuple[str, str, dict[Path, bytes | None]]]] = {}
        self._redo: dict[str, list[tuple[str, str, dict[Path, bytes | None]]]] = {}
        self._sentences: dict[str, tuple[tuple | None, _Sentences]] = {}
        self._built: dict[str, tuple[tuple, dict]] = {}

    # --- reading ---------------------------------------------------------------------------

    def pair(self, name: str) -> Pair:
        try:
            return self.pairs[name]
        except KeyError:
            raise ReviewError(f"no pair {name!r} in {self.out}") from None

    def sentences(self, edition: str) -> _Sentences:
        """The edition's sentences as the last build wrote them: read again once a build has rewritten
        the file (a server runs across rebuilds, and a line must carry its sentence's current hash)."""
        path = OutputLayout(self.out).segments(edition)
        try:
            stat = path.stat()
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        cached = self._sentences.get(edition)
        if cached is None or cached[0] != stamp or stamp is None:
            cached = self._sentences[edition] = (stamp, _sentences(path))
        return cached[1]

    def version(self, pair: Pair) -> str:
        digest = hashlib.sha256()
        for path in pair.files:
            digest.update(path.read_bytes() if path.is_file() else b"-")
            digest.update(b"\0")
        return digest.hexdigest()[:16]

    def state(self, name: str) -> dict:
        """What the page shows of a pair now: links with score, status and who decided, the English
        lines written in review (the sidecars), the version, and how much is reviewed."""
        pair = self.pair(name)
        with self._lock:
            return self._state(pair)

    def _state(self, pair: Pair) -> dict:
        evidence, reasons, candidates = {}, {}, []
        try:
            built = json.loads(pair.links_json.read_text(encoding="utf-8"))
            for link in built["links"]:
                key = (tuple(link["source"]), tuple(link["target"]))
                evidence[key], reasons[key] = link.get("evidence", []), link.get("reason", "")
            candidates = built.get("candidates", [])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        decisions = read_links(pair.tei)
        history = [
            {"when": change.when, "who": change.who, "what": change.what} for change in reversed(read_history(pair.tei))
        ]
        # the links as shown (`_link_elements`), each with what its <link> says (read_links, in file order)
        root = etree.parse(str(pair.tei)).getroot()
        elements = [
            e
            for e in root.iter(_t("link"))
            if len((e.get("target") or "").split()) == 2 and e.get("type") not in ("none", NO_COUNTERPART)
        ]
        said = dict(zip(elements, (d for d in decisions if d.source and d.target)))
        links = [
            {
                "source": list(key[0]),
                "target": list(key[1]),
                "score": round(d.cert, 4),
                "status": d.status,
                "resp": d.resp,
                "evidence": evidence.get((d.source, d.target), evidence.get(key, [])),
                "reason": reasons.get((d.source, d.target), reasons.get(key, "")),
            }
            for key, d in ((key, said[element]) for key, element in _link_elements(root).items())
        ]
        alone = [
            {"side": "source" if d.source else "target", "sentences": list(d.source or d.target), "resp": d.resp}
            for d in decisions
            if not d.source or not d.target
        ]
        counted = {i for link in links if link["status"] != "rejected" for i in (*link["source"], *link["target"])}
        unmatched = {
            side: sum(1 for i in self.sentences(edition).order if i not in counted)
            for side, edition in (("source", pair.source), ("target", pair.target))
        }
        english, withdrawn = {}, {}
        for edition in (pair.source, pair.target):
            path = pair.sidecar(edition)
            if path.is_file():
                for read in read_sidecar_lines(path):
                    line = read.line
                    if read.withdrawn:
                        # what the next build shows: the best line no person wrote, if any
                        kind, text = next(
                            ((k, t) for k, t in self.built_lines(edition).get(line.sentence_id, ()) if k != "human"),
                            ("", ""),
                        )
                        withdrawn[line.sentence_id] = {"text": text, "kind": kind}
                        english.pop(line.sentence_id, None)
                    else:
                        english[line.sentence_id] = {"text": line.text, "who": line.provenance.translator or ""}
                        withdrawn.pop(line.sentence_id, None)
        reviewed = sum(1 for link in links if link["status"] != "auto")
        undo, redo = self._undo.get(pair.name, []), self._redo.get(pair.name, [])
        version = self.version(pair)
        return {
            "pair": pair.name,
            "mode": pair.mode,
            "version": version,
            "editor": self.editor,
            "links": links,
            "history": history,
            "candidates": candidates,
            "no_counterpart": alone,
            "unmatched": unmatched,
            "english": english,
            "withdrawn": withdrawn,
            "reviewed": reviewed,
            "total": len(links),
            "undo": undo[-1][1] if undo and undo[-1][0] == version else None,
            "redo": redo[-1][1] if redo and redo[-1][0] == version else None,
        }

    # --- changing --------------------------------------------------------------------------

    def apply(self, name: str, version: str, change: dict) -> dict:
        """Make one change (`change["op"]`: ``status``, ``relink`` or ``english``) if the pair is still
        at `version`; returns the new state. Refused changes raise `ReviewError` / `StaleVersion`."""
        pair = self.pair(name)
        if not isinstance(change, dict):
            raise ReviewError('a change is a JSON object with an "op"')
        op = change.get("op")
        with self._lock:
            self._check_version(pair, version)
            self._check_readable(pair)
            before = {path: path.read_bytes() if path.is_file() else None for path in pair.files}
            if op == "status":
                link = self._link(pair, change.get("link"))
                status = _status(change.get("status"))
                self._relink(pair, [(link, status)], [])
                what = f"{status} {_label(link)}" if status != "auto" else f"undecided {_label(link)}"
            elif op == "bulk":
                status = _status(change.get("status"))
                chosen = list(dict.fromkeys(self._link(pair, item) for item in _list(change.get("links"), "links")))
                if not chosen:
                    raise ReviewError("a bulk change names at least one link")
                self._relink(pair, [(link, status) for link in chosen], [])
                what = f"{status} {len(chosen)} link(s)"
            elif op == "relink":
                remove = [self._link(pair, item) for item in _list(change.get("remove"), "remove")]
                add = [self._link(pair, item, new=True) for item in _list(change.get("add"), "add")]
                if not remove and not add:
                    raise ReviewError("a relink removes or adds at least one link")
                what = self._relink(pair, [(link, "rejected") for link in remove], add)
            elif op == "english":
                what = self._english(pair, change.get("sentence"), change.get("text"))
            elif op == "withdraw":
                what = self._withdraw(pair, change.get("sentence"))
            elif op == "nocounterpart":
                what = self._no_counterpart(pair, change.get("sentences"), bool(change.get("clear")))
            else:
                raise ReviewError(
                    f"unknown change {op!r}; one of status, bulk, relink, english, withdraw, nocounterpart"
                )
            self._record(pair, what)
            self._redo.pop(pair.name, None)  # a new change ends what could be redone
            state = self._state(pair)
            self._undo.setdefault(pair.name, []).append((state["version"], what, before))
            state["undo"] = what
            log.info("%s: %s (%s)", pair.name, what, self.editor)
            return state

    def undo(self, name: str, version: str) -> dict:
        """Put back the files as they were before the last change made here, if nothing changed since."""
        pair = self.pair(name)
        with self._lock:
            self._check_version(pair, version)
            stack = self._undo.get(pair.name, [])
            if not stack or stack[-1][0] != version:
                raise ReviewError("nothing to undo (no change made here since the page loaded the files)")
            _, what, before = stack.pop()
            after = _restore(before)
            state = self._state(pair)
            self._redo.setdefault(pair.name, []).append((state["version"], what, after))
            log.info("%s: undone: %s", pair.name, what)
            state["undone"], state["redo"] = what, what
            return state

    def redo(self, name: str, version: str) -> dict:
        """Make again the last change undone here, if nothing changed since the undo."""
        pair = self.pair(name)
        with self._lock:
            self._check_version(pair, version)
            stack = self._redo.get(pair.name, [])
            if not stack or stack[-1][0] != version:
                raise ReviewError("nothing to redo (no change undone here since the page loaded the files)")
            _, what, after = stack.pop()
            before = _restore(after)
            state = self._state(pair)
            self._undo.setdefault(pair.name, []).append((state["version"], what, before))
            log.info("%s: redone: %s", pair.name, what)
            state["redone"], state["undo"] = what, what
            return state

    def _check_version(self, pair: Pair, version: str) -> None:
        if version != self.version(pair):
            raise StaleVersion(
                "not saved: this pair changed since your page loaded it (another tab or window, "
                "or a build); reload the page to see those changes, then make yours again"
            )

    def _check_readable(self, pair: Pair) -> None:
        """Raise the `FormatError` naming the file, before writing, when a file a change rewrites is
        damaged: a change must not land in a file the next read cannot take."""
        read_links(pair.tei)
        for edition in (pair.source, pair.target):
            if pair.sidecar(edition).is_file():
                read_sidecar(pair.sidecar(edition))

    def _link(self, pair: Pair, item, *, new: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A link named as [source ids, target ids], checked against the texts (and, unless `new`,
        against the pair's links), its ids in text order."""
        if (
            not isinstance(item, list | tuple)
            or len(item) != 2
            or not all(isinstance(side, list | tuple) and all(isinstance(i, str) for i in side) for side in item)
        ):
            raise ReviewError("a link is [[source sentence ids], [target sentence ids]]")
        sides = []
        for ids, edition in zip(item, (pair.source, pair.target)):
            known = self.sentences(edition)
            unknown = [i for i in ids if i not in known.order]
            if unknown:
                raise ReviewError(f"{', '.join(unknown[:3])}: no such sentence in {edition}")
            if not ids:
                raise ReviewError(f"a link needs at least one sentence of {edition}")
            if len(set(ids)) != len(ids):
                raise ReviewError("a sentence is named twice in one link")
            sides.append(tuple(sorted(ids, key=known.order.__getitem__)))
        link = (sides[0], sides[1])
        if not new and link not in _link_elements(etree.parse(str(pair.tei)).getroot()):
            raise ReviewError(f"no link {_label(link)} in this pair (reload the page)")
        return link

    def _relink(self, pair: Pair, statuses: list[tuple[tuple, str]], add: list[tuple], *, tree=None) -> str:
        """Set the statuses, then add the links (accepted); in an ordered alignment the links that
        share a sentence with an added one are rejected: a sentence has one link there. With `tree`
        (the pair TEI, parsed) it is changed and the caller writes it."""
        write = tree is None
        tree = etree.parse(str(pair.tei)) if tree is None else tree
        root = tree.getroot()
        group = root.find(f"{_t('standOff')}/{_t('linkGrp')}")
        if group is None:
            raise FormatError("no <linkGrp> in the alignment", path=pair.tei, fix="run `aligner build` again")
        elements = _link_elements(root)
        for link, status in statuses:
            if _shown(elements[link], link) != link:
                # a proposal shown without a sentence said to have no counterpart: decided as shown
                elements[link].set("target", f"{_pointer(root, group, link[0])} {_pointer(root, group, link[1])}")
            _set_status(elements[link], status, self._resp(root, status))
        also = []
        for link in add:
            if pair.mode == "translation":
                taken = set(link[0]) | set(link[1])
                for other, element in elements.items():
                    if (
                        other != link
                        and element.get("subtype") != "rejected"
                        and taken & (set(other[0]) | set(other[1]))
                    ):
                        _set_status(element, "rejected", self._resp(root, "rejected"))
                        also.append(other)
            for element, about in _no_counterpart_elements(root).items():
                if about & (set(link[0]) | set(link[1])):  # linked now: no longer "no counterpart"
                    group.remove(element)
                    also.append(None)
            if link in elements:
                _set_status(elements[link], "accepted", self._resp(root, "accepted"))
            else:
                elements[link] = _new_link(root, group, link, pair.mode, self._resp(root, "accepted"))
        if write:
            atomic_write_bytes(pair.tei, etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n")
        parts = [f"{status} {_label(link)}" for link, status in statuses] + [f"linked {_label(link)}" for link in add]
        if any(also):
            parts.append(f"rejected {sum(1 for x in also if x)} link(s) that shared its sentences")
        if None in also:
            parts.append('took back a "no counterpart" about its sentences')
        return "; ".join(parts)

    def _no_counterpart(self, pair: Pair, sentences, clear: bool) -> str:
        """Record that `sentences` (of one text) have no counterpart in the other, or with `clear`
        take that decision back. Setting it takes them out of every link not rejected: a link left
        with sentences on their side is replaced by one without them; one left with none is rejected."""
        if not isinstance(sentences, list) or not sentences or not all(isinstance(i, str) for i in sentences):
            raise ReviewError('"sentences" is a list of the ids of one text\'s sentences')
        side = next(
            (
                n
                for n, e in enumerate((pair.source, pair.target))
                if all(i in self.sentences(e).order for i in sentences)
            ),
            None,
        )
        if side is None:
            raise ReviewError(
                f"{', '.join(sentences[:3])}: not all sentences of {pair.source}, nor all of {pair.target}"
            )
        if len(set(sentences)) != len(sentences):
            raise ReviewError("a sentence is named twice")
        order = self.sentences((pair.source, pair.target)[side]).order
        ids = tuple(sorted(sentences, key=order.__getitem__))
        label = f"{ids[0]}{'…' if len(ids) > 1 else ''}"
        tree = etree.parse(str(pair.tei))
        root = tree.getroot()
        group = root.find(f"{_t('standOff')}/{_t('linkGrp')}")
        if group is None:
            raise FormatError("no <linkGrp> in the alignment", path=pair.tei, fix="run `aligner build` again")
        mine = set(ids)
        elements = _no_counterpart_elements(root)
        if clear:
            gone = [element for element, about in elements.items() if mine & about]
            if not gone:
                raise ReviewError(f'{label}: no "no counterpart" decision about it to take back')
            for element in gone:
                group.remove(element)
            if not len(group):
                _append(
                    group,
                    etree.Element(_t("link"), target=f"#{pair.source}.text #{pair.target}.text", cert="0", type="none"),
                )
            atomic_write_bytes(pair.tei, etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n")
            return f"{label}: no counterpart taken back"
        if any(mine & about for about in elements.values()):
            raise ReviewError(f"{label}: already marked as having no counterpart")
        links = _link_elements(root)
        # a proposal is shown (and next built) without them; a confirmed link is replaced by one without them
        touched = [
            link for link, element in links.items() if element.get("subtype") == "accepted" and mine & set(link[side])
        ]
        replacements = []
        for link in touched:
            rest = tuple(i for i in link[side] if i not in mine)
            if rest:
                replacements.append((rest, link[1]) if side == 0 else (link[0], rest))
        what = self._relink(pair, [(link, "rejected") for link in touched], replacements, tree=tree)
        ends = [_pointer(root, group, ids), f"#{(pair.target, pair.source)[side]}.text"]
        for placeholder in group.findall(_t("link")):
            if placeholder.get("type") == "none":
                group.remove(placeholder)
        _append(
            group,
            etree.Element(
                _t("link"),
                {
                    "target": " ".join(ends if side == 0 else ends[::-1]),
                    "type": NO_COUNTERPART,
                    "subtype": "accepted",
                    "resp": self._resp(root, "accepted"),
                },
            ),
        )
        atomic_write_bytes(pair.tei, etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n")
        return f"{label}: no counterpart" + (f" ({what})" if touched else "")

    def _record(self, pair: Pair, what: str) -> None:
        """The change, who made it and when, as a ``<change>`` in the pair TEI's ``<revisionDesc>``
        (which the build carries through every rebuild: `formats.tei.read_history`)."""
        tree = etree.parse(str(pair.tei))
        root = tree.getroot()
        header = root.find(_t("teiHeader"))
        if header is None:
            raise FormatError("no <teiHeader> in the alignment", path=pair.tei, fix="run `aligner build` again")
        revisions = header.find(_t("revisionDesc"))
        if revisions is None:
            revisions = etree.Element(_t("revisionDesc"))
            _append(header, revisions)
        when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        change = etree.Element(_t("change"), when=when, who=self._resp(root, "accepted"))
        change.text = xml_safe(what)
        _append(revisions, change)
        atomic_write_bytes(pair.tei, etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n")

    def _resp(self, root, status: str) -> str | None:
        """The ``@resp`` of a decision by this store's editor (its respStmt added where missing)."""
        if status == "auto":
            return None
        ident = reviewer_id(self.editor)
        if not root.xpath("//*[@xml:id=$i]", i=ident, namespaces={"xml": XML_NS}):
            title = root.find(f"{_t('teiHeader')}/{_t('fileDesc')}/{_t('titleStmt')}")
            stmt = reviewer_resp_stmt(title, self.editor)
            title.remove(stmt)
            _append(title, stmt)
        return f"#{ident}"

    def built_lines(self, edition: str) -> dict[str, list[tuple[str, str]]]:
        """The English lines the last build wrote in the edition's TEI, by sentence id: (kind, text),
        the line shown first (read again once a build rewrote the file)."""
        path = OutputLayout(self.out).edition_tei(edition)
        try:
            stat = path.stat()
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            return {}
        cached = self._built.get(edition)
        if cached is None or cached[0] != stamp:
            lines: dict[str, list[tuple[str, str]]] = {}
            for _, element in etree.iterparse(str(path), tag=_t("s")):
                target, resp = (element.get("corresp") or "").lstrip("#"), (element.get("resp") or "").lstrip("#")
                if target and resp.startswith(f"{edition}.resp."):
                    kind = resp[len(f"{edition}.resp.") :].split(".", 1)[0]
                    # the shown line first, then its alternatives: the order `formats.tei` writes them in
                    lines.setdefault(target, []).append((kind, "".join(element.itertext()).strip()))
            cached = self._built[edition] = (stamp, lines)
        return cached[1]

    def _withdraw(self, pair: Pair, sentence) -> str:
        """Take back the human English line of `sentence`: a sidecar row marked `WITHDRAWN`, which the
        next build reads, so that the copies its TMX and TEI carried do not bring the line back."""
        if not isinstance(sentence, str):
            raise ReviewError('a withdrawal needs "sentence" (an id)')
        edition = next((e for e in (pair.source, pair.target) if sentence in self.sentences(e).order), None)
        if edition is None:
            raise ReviewError(f"{sentence}: no such sentence in {pair.source} or {pair.target}")
        path = pair.sidecar(edition)
        rows = {read.line.sentence_id: read for read in read_sidecar_lines(path)} if path.is_file() else {}
        mine = rows.get(sentence)
        if mine is not None and mine.withdrawn:
            raise ReviewError(f"{sentence}: its human line is already withdrawn")
        built = [text for kind, text in self.built_lines(edition).get(sentence, ()) if kind == "human"]
        text = mine.line.text if mine is not None else built[0] if built else None
        if text is None:
            raise ReviewError(f"{sentence}: no human English line to withdraw")
        self._write_row(
            path,
            sentence,
            [
                sentence,
                self.sentences(edition).hash[sentence],
                text,
                self.editor,
                datetime.date.today().isoformat(),
                WITHDRAWN,
            ],
        )
        return f"English of {sentence} back to the machine line"

    def _english(self, pair: Pair, sentence, text) -> str:
        if not isinstance(sentence, str) or not isinstance(text, str):
            raise ReviewError('an English line needs "sentence" (an id) and "text"')
        edition = next((e for e in (pair.source, pair.target) if sentence in self.sentences(e).order), None)
        if edition is None:
            raise ReviewError(f"{sentence}: no such sentence in {pair.source} or {pair.target}")
        text = regex.sub(r"\s+", " ", text).strip()
        if not text:
            raise ReviewError("an English line cannot be empty")
        if xml_forbidden(text):
            raise ReviewError("the line holds a character XML cannot (a control character)")
        path = pair.sidecar(edition)
        self._write_row(
            path,
            sentence,
            [sentence, self.sentences(edition).hash[sentence], text, self.editor, datetime.date.today().isoformat()],
        )
        return f"English of {sentence}"

    def _write_row(self, path: Path, sentence: str, fields: list[str]) -> None:
        """The sidecar with `fields` as the one row of `sentence`."""
        row = "\t".join(fields)
        lines = path.read_text(encoding="utf-8-sig").split("\n") if path.is_file() else [HEADER.rstrip("\n")]
        kept = [line for line in lines if line.split("\t", 1)[0].strip() != sentence or line.startswith("#")]
        while kept and not kept[-1].strip():
            kept.pop()
        atomic_write_bytes(path, ("\n".join([*kept, row]) + "\n").encode("utf-8"))


def checked_editor(name: str) -> str:
    """The reviewer's name as it goes into a sidecar row and a TEI respStmt: one line of printable text."""
    name = name.strip()
    if not name:
        raise InputError(
            "the reviewer's name (--translator-name) is empty",
            fix="give your name with --translator-name, or set git's user.name",
        )
    # control characters and line or paragraph separators would break the sidecar's row or the TEI;
    # format characters stay (a zero-width joiner belongs in many Indic names)
    odd = next((char for char in name if unicodedata.category(char) in ("Cc", "Cs", "Co", "Zl", "Zp")), None)
    if odd is not None:
        raise InputError(
            f"the reviewer's name (--translator-name) holds a control character (U+{ord(odd):04X}): "
            "a name is one line without tabs",
            fix="give your name on one line with --translator-name (or fix git's user.name)",
        )
    return name


def _status(status) -> str:
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
    return status


def _restore(files: dict[Path, bytes | None]) -> dict[Path, bytes | None]:
    """Put `files` back as they were (None: absent); returns what they held before."""
    now = {path: path.read_bytes() if path.is_file() else None for path in files}
    for path, data in files.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write_bytes(path, data)
    return now


def _list(value, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReviewError(f'"{what}" is a list of links')
    return value


def _label(link) -> str:
    source, target = link
    return f"{source[0]}{'…' if len(source) > 1 else ''} ↔ {target[0]}{'…' if len(target) > 1 else ''}"


def _link_elements(root) -> dict[tuple, object]:
    """Each ``<link>`` by the link a person sees: a proposal without the sentences said to have no
    counterpart (`document.without`), as the next build will propose it; one left with an empty
    side, or the same as a decided link, is not there."""
    joins = {
        j.get(f"{{{XML_NS}}}id"): tuple(t.lstrip("#") for t in (j.get("target") or "").split())
        for j in root.iter(_t("join"))
    }
    nowhere = set().union(*_no_counterpart_elements(root).values())
    found = []
    for element in root.iter(_t("link")):
        pointers = [t.lstrip("#") for t in (element.get("target") or "").split()]
        if len(pointers) == 2 and element.get("type") not in ("none", NO_COUNTERPART):
            key = tuple(joins.get(p, (p,)) for p in pointers)
            decided = element.get("subtype") in ("accepted", "rejected")
            found.append((key if decided else (without(key[0], nowhere), without(key[1], nowhere)), decided, element))
    decided_keys = {key for key, decided, _ in found if decided}
    elements = {}
    for key, decided, element in found:  # in file order
        if decided or key[0] and key[1] and key not in decided_keys and key not in elements:
            elements[key] = element
    return elements


def _shown(element, link: tuple) -> tuple:
    """The sides `element` points to, as pointers read them (its joins resolved)."""
    root = element.getroottree().getroot()
    joins = {
        j.get(f"{{{XML_NS}}}id"): tuple(t.lstrip("#") for t in (j.get("target") or "").split())
        for j in root.iter(_t("join"))
    }
    return tuple(joins.get(p.lstrip("#"), (p.lstrip("#"),)) for p in (element.get("target") or "").split())


def _set_status(element, status: str, resp: str | None) -> None:
    for name, value in (("subtype", status if status != "auto" else None), ("resp", resp)):
        if value is None:
            element.attrib.pop(name, None)
        else:
            element.set(name, value)


def _pointer(root, group, ids: tuple[str, ...]) -> str:
    """``#id`` of one sentence, or of the ``<join>`` of several (made where missing)."""
    if len(ids) == 1:
        return f"#{ids[0]}"
    stand_off = group.getparent()
    joins = stand_off.find(_t("joinGrp"))
    if joins is None:
        joins = etree.Element(_t("joinGrp"), type="sentences", result="s")
        group.addprevious(joins)
        joins.tail = "\n" + " " * len(list(stand_off.iterancestors()) + [stand_off])
    target = " ".join(f"#{i}" for i in ids)
    for join in joins.findall(_t("join")):
        if join.get("target") == target:
            return f"#{join.get(f'{{{XML_NS}}}id')}"
    base, ident, number = f"join.{ids[0]}-{ids[-1]}", f"join.{ids[0]}-{ids[-1]}", 1
    while root.xpath("//*[@xml:id=$i]", i=ident, namespaces={"xml": XML_NS}):
        number += 1
        ident = f"{base}.{number}"
    _append(joins, etree.Element(_t("join"), {"target": target, f"{{{XML_NS}}}id": ident}))
    return f"#{ident}"


def _new_link(root, group, link: tuple, mode: str, resp: str | None):
    """A ``<link>`` (and its ``<join>``s) for a link a person made, after the group's last link."""
    for placeholder in group.findall(_t("link")):
        if placeholder.get("type") == "none":
            group.remove(placeholder)
    attributes = {
        "target": f"{_pointer(root, group, link[0])} {_pointer(root, group, link[1])}",
        "cert": MADE_BY_HAND_CERT,
        "type": mode,
        "subtype": "accepted",
    }
    if resp:
        attributes["resp"] = resp
    element = etree.Element(_t("link"), attributes)
    _append(group, element)
    return element


def _no_counterpart_elements(root) -> dict:
    """Each no-counterpart ``<link>`` and the sentence ids it is about (its joins resolved)."""
    joins = {
        j.get(f"{{{XML_NS}}}id"): tuple(t.lstrip("#") for t in (j.get("target") or "").split())
        for j in root.iter(_t("join"))
    }
    return {
        element: {
            i
            for pointer in (element.get("target") or "").split()
            for i in joins.get(pointer.lstrip("#"), (pointer.lstrip("#"),))
        }
        for element in root.iter(_t("link"))
        if element.get("type") == NO_COUNTERPART
    }


def _append(parent, element) -> None:
    """Append `element` as the build would have written it: indented one space a level."""
    depth = len(list(parent.iterancestors())) + 1  # the element's level
    children = list(parent)
    if children:
        children[-1].tail = "\n" + " " * depth
    else:
        parent.text = "\n" + " " * depth
    parent.append(element)
    etree.indent(element, space=" ", level=depth)
    element.tail = "\n" + " " * (depth - 1)
