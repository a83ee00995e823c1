"""What `aligner review` reads and writes: the decisions of a person, in the files the build reads back.

Nothing here has a file of its own. A link decision goes into the pair's alignment TEI
(``tei/<a>-<b>.xml``): the ``<link>`` gets ``@subtype`` ``accepted``/``rejected`` and ``@resp``
pointing to a ``<respStmt>`` naming the person, and a link a person makes is a new ``<link>`` (cert
1, ``accepted``) — what `aligner.build.keep_decisions` keeps through every rebuild. An English line
goes into the translator's sidecar (``translations/<edition>.en.tsv``), which the build reads as
human lines (`aligner.translate.human`). Each change is written at once, atomically (temporary file,
then rename).

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
from dataclasses import dataclass, field
from pathlib import Path

import regex
from lxml import etree

from ..errors import AlignerError, FormatError, InputError
from ..formats.tei import TEI_NS, XML_NS, read_links, reviewer_id, reviewer_resp_stmt
from ..io import atomic_write_bytes
from ..outputs import SIDECAR_FOLDER
from ..translate.human import HEADER, read_sidecar, sidecar_path
from ..xmltext import xml_forbidden

log = logging.getLogger(__name__)

STATUSES = ("auto", "accepted", "rejected")
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
    def tei(self) -> Path:
        return self.out / "tei" / f"{self.name}.xml"

    @property
    def page(self) -> Path:
        return self.out / "report" / f"{self.name}.html"

    @property
    def links_json(self) -> Path:
        return self.out / "alignments" / f"{self.name}.json"

    def sidecar(self, edition: str) -> Path:
        return sidecar_path(self.out / SIDECAR_FOLDER, edition)

    @property
    def files(self) -> tuple[Path, ...]:
        """What a change to this pair may write."""
        return self.tei, self.sidecar(self.source), self.sidecar(self.target)


def find_pairs(out: Path | str) -> dict[str, Pair]:
    """The pairs `aligner build` wrote into `out` that can be reviewed (links JSON, TEI and page present)."""
    out = Path(out)
    if not out.is_dir():
        raise InputError("no such output folder", path=out, fix="give the --out folder of `aligner build`")
    pairs = {}
    for path in sorted((out / "alignments").glob("*.json")) if (out / "alignments").is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            pair = Pair(path.stem, str(data["source"]), str(data["target"]), str(data["mode"]), out)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise FormatError(f"cannot read the alignment ({type(exc).__name__})", path=path,
                              fix="run `aligner build` again") from None
        if pair.tei.is_file() and pair.page.is_file():
            pairs[pair.name] = pair
    if not pairs:
        raise InputError("no aligned pair to review here (alignments/, tei/ and report/ of a build)", path=out,
                         fix="run `aligner build TEXTS --out` on this folder first, or give its --out folder")
    return pairs


@dataclass
class _Sentences:
    text: dict[str, str] = field(default_factory=dict)
    hash: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)


def _sentences(out: Path, edition: str) -> _Sentences:
    path = out / "segments" / f"{edition}.jsonl"
    found = _Sentences()
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise FormatError(f"cannot read the sentences ({type(exc).__name__})", path=path,
                          fix="run `aligner build` again") from None
    for row in rows:
        if row.get("kind") in ("sentence", None) and "hash" in row:
            found.order[row["id"]] = len(found.order)
            found.text[row["id"]], found.hash[row["id"]] = row["text"], row["hash"]
    return found


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


class ReviewStore:
    """The decisions about the pairs of one output folder, made by `editor`. Thread-safe: a lock
    makes each check-then-write one step."""

    def __init__(self, out: Path | str, editor: str):
        self.out = Path(out)
        self.editor = editor
        self.pairs = find_pairs(self.out)
        self._lock = threading.Lock()
        self._undo: dict[str, list[tuple[str, str, dict[Path, bytes | None]]]] = {}
        self._sentences: dict[str, _Sentences] = {}

    # --- reading ---------------------------------------------------------------------------

    def pair(self, name: str) -> Pair:
        try:
            return self.pairs[name]
        except KeyError:
            raise ReviewError(f"no pair {name!r} in {self.out}") from None

    def sentences(self, edition: str) -> _Sentences:
        if edition not in self._sentences:
            self._sentences[edition] = _sentences(self.out, edition)
        return self._sentences[edition]

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
        evidence = {}
        try:
            for link in json.loads(pair.links_json.read_text(encoding="utf-8"))["links"]:
                evidence[(tuple(link["source"]), tuple(link["target"]))] = link.get("evidence", [])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        links = [{"source": list(d.source), "target": list(d.target), "score": round(d.cert, 4), "status": d.status,
                  "resp": d.resp, "evidence": evidence.get((d.source, d.target), [])}
                 for d in read_links(pair.tei)]
        english = {}
        for edition in (pair.source, pair.target):
            path = pair.sidecar(edition)
            if path.is_file():
                for line in read_sidecar(path):
                    english[line.sentence_id] = {"text": line.text, "who": line.provenance.translator or ""}
        reviewed = sum(1 for link in links if link["status"] != "auto")
        undo = self._undo.get(pair.name, [])
        version = self.version(pair)
        return {"pair": pair.name, "mode": pair.mode, "version": version, "editor": self.editor,
                "links": links, "english": english, "reviewed": reviewed, "total": len(links),
                "undo": undo[-1][1] if undo and undo[-1][0] == version else None}

    # --- changing --------------------------------------------------------------------------

    def apply(self, name: str, version: str, change: dict) -> dict:
        """Make one change (`change["op"]`: ``status``, ``relink`` or ``english``) if the pair is still
        at `version`; returns the new state. Refused changes raise `ReviewError` / `StaleVersion`."""
        pair = self.pair(name)
        if not isinstance(change, dict):
            raise ReviewError("a change is a JSON object with an \"op\"")
        op = change.get("op")
        with self._lock:
            self._check_version(pair, version)
            before = {path: path.read_bytes() if path.is_file() else None for path in pair.files}
            if op == "status":
                link = self._link(pair, change.get("link"))
                status = change.get("status")
                if status not in STATUSES:
                    raise ReviewError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
                self._relink(pair, [(link, status)], [])
                what = f"{status} {_label(link)}" if status != "auto" else f"undecided {_label(link)}"
            elif op == "relink":
                remove = [self._link(pair, item) for item in _list(change.get("remove"), "remove")]
                add = [self._link(pair, item, new=True) for item in _list(change.get("add"), "add")]
                if not remove and not add:
                    raise ReviewError("a relink removes or adds at least one link")
                what = self._relink(pair, [(link, "rejected") for link in remove], add)
            elif op == "english":
                what = self._english(pair, change.get("sentence"), change.get("text"))
            else:
                raise ReviewError(f"unknown change {op!r}; one of status, relink, english")
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
            for path, data in before.items():
                if data is None:
                    path.unlink(missing_ok=True)
                else:
                    atomic_write_bytes(path, data)
            log.info("%s: undone: %s", pair.name, what)
            state = self._state(pair)
            state["undone"] = what
            return state

    def _check_version(self, pair: Pair, version: str) -> None:
        if version != self.version(pair):
            raise StaleVersion("not saved: this pair changed since your page loaded it (another tab or window, "
                               "or a build); reload the page to see those changes, then make yours again")

    def _link(self, pair: Pair, item, *, new: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A link named as [source ids, target ids], checked against the texts (and, unless `new`,
        against the pair's links), its ids in text order."""
        if (not isinstance(item, list | tuple) or len(item) != 2
                or not all(isinstance(side, list | tuple) and all(isinstance(i, str) for i in side) for side in item)):
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
        if not new and link not in {(d.source, d.target) for d in read_links(pair.tei)}:
            raise ReviewError(f"no link {_label(link)} in this pair (reload the page)")
        return link

    def _relink(self, pair: Pair, statuses: list[tuple[tuple, str]], add: list[tuple]) -> str:
        """Set the statuses, then add the links (accepted); in an ordered alignment the links that
        share a sentence with an added one are rejected: a sentence has one link there."""
        tree = etree.parse(str(pair.tei))
        root = tree.getroot()
        group = root.find(f"{_t('standOff')}/{_t('linkGrp')}")
        if group is None:
            raise FormatError("no <linkGrp> in the alignment", path=pair.tei, fix="run `aligner build` again")
        elements = _link_elements(root)
        for link, status in statuses:
            _set_status(elements[link], status, self._resp(root, status))
        also = []
        for link in add:
            if pair.mode == "translation":
                taken = set(link[0]) | set(link[1])
                for other, element in elements.items():
                    if (other != link and element.get("subtype") != "rejected"
                            and taken & (set(other[0]) | set(other[1]))):
                        _set_status(element, "rejected", self._resp(root, "rejected"))
                        also.append(other)
            if link in elements:
                _set_status(elements[link], "accepted", self._resp(root, "accepted"))
            else:
                elements[link] = _new_link(root, group, link, pair.mode, self._resp(root, "accepted"))
        atomic_write_bytes(pair.tei, etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n")
        parts = [f"{status} {_label(link)}" for link, status in statuses] + [f"linked {_label(link)}" for link in add]
        if also:
            parts.append(f"rejected {len(also)} link(s) that shared its sentences")
        return "; ".join(parts)

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

    def _english(self, pair: Pair, sentence, text) -> str:
        if not isinstance(sentence, str) or not isinstance(text, str):
            raise ReviewError("an English line needs \"sentence\" (an id) and \"text\"")
        edition = next((e for e in (pair.source, pair.target) if sentence in self.sentences(e).order), None)
        if edition is None:
            raise ReviewError(f"{sentence}: no such sentence in {pair.source} or {pair.target}")
        text = regex.sub(r"\s+", " ", text).strip()
        if not text:
            raise ReviewError("an English line cannot be empty")
        if xml_forbidden(text):
            raise ReviewError("the line holds a character XML cannot (a control character)")
        path = pair.sidecar(edition)
        row = "\t".join([sentence, self.sentences(edition).hash[sentence], text, self.editor,
                         datetime.date.today().isoformat()])
        lines = path.read_text(encoding="utf-8-sig").split("\n") if path.is_file() else [HEADER.rstrip("\n")]
        kept = [line for line in lines if line.split("\t", 1)[0].strip() != sentence or line.startswith("#")]
        while kept and not kept[-1].strip():
            kept.pop()
        atomic_write_bytes(path, ("\n".join([*kept, row]) + "\n").encode("utf-8"))
        return f"English of {sentence}"


def _list(value, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReviewError(f"\"{what}\" is a list of links")
    return value


def _label(link) -> str:
    source, target = link
    return f"{source[0]}{'…' if len(source) > 1 else ''} ↔ {target[0]}{'…' if len(target) > 1 else ''}"


def _link_elements(root) -> dict[tuple, object]:
    joins = {j.get(f"{{{XML_NS}}}id"): tuple(t.lstrip("#") for t in (j.get("target") or "").split())
             for j in root.iter(_t("join"))}
    elements = {}
    for element in root.iter(_t("link")):
        pointers = [t.lstrip("#") for t in (element.get("target") or "").split()]
        if len(pointers) == 2 and element.get("type") != "none":
            elements[tuple(joins.get(p, (p,)) for p in pointers)] = element
    return elements


def _set_status(element, status: str, resp: str | None) -> None:
    for name, value in (("subtype", status if status != "auto" else None), ("resp", resp)):
        if value is None:
            element.attrib.pop(name, None)
        else:
            element.set(name, value)


def _new_link(root, group, link: tuple, mode: str, resp: str | None):
    """A ``<link>`` (and its ``<join>``s) for a link a person made, after the group's last link."""
    stand_off = group.getparent()

    def pointer(ids: tuple[str, ...]) -> str:
        if len(ids) == 1:
            return f"#{ids[0]}"
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

    for placeholder in group.findall(_t("link")):
        if placeholder.get("type") == "none":
            group.remove(placeholder)
    attributes = {"target": f"{pointer(link[0])} {pointer(link[1])}", "cert": MADE_BY_HAND_CERT, "type": mode,
                  "subtype": "accepted"}
    if resp:
        attributes["resp"] = resp
    element = etree.Element(_t("link"), attributes)
    _append(group, element)
    return element


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
