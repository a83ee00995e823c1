"""The review page: one self-contained static HTML file per language pair (CSS, JS and the
similarity map inlined; no network, no server).

Comparable texts: the two texts side by side, each link a coloured band between the passages it
joins, a slider that hides links under a score, unmatched passages greyed, a click on a passage
that scrolls to its partners and shows the sentence pairs behind the link. Translations: the
ordered links as rows (1-1, 1-2, 2-1 …), the low-scoring ones listed first for review. Both: the
English layer under every sentence (toggle) with its provenance badge, and a summary on top.
"""

from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path

from .. import __version__
from ..lang.names import language_name
from ..model import Alignment, Edition, best_line

_ASSETS = Path(__file__).parent
REVIEW_BELOW = 0.5
BANDS = (("≥ 0.9", 0.9, 1.01), ("0.7–0.9", 0.7, 0.9), ("0.5–0.7", 0.5, 0.7), ("< 0.5", 0.0, 0.5))


def _name(edition: Edition) -> str:
    return language_name(edition.lang)


def _english(edition: Edition, sentence_id: str) -> str:
    line = best_line(edition.english_for(sentence_id))
    if line is None:
        return ""
    kind = line.provenance.kind
    who = line.provenance.translator if kind == "human" else " ".join(
        filter(None, [line.provenance.engine, line.provenance.version, line.provenance.model]))
    stale = '<b class="badge stale" title="the source sentence changed since">stale</b>' if line.stale else ""
    return (f'<span class="en" lang="en"><b class="badge {kind}" title="{escape(who or "")}">{kind}</b>{stale}'
            f"{escape(line.text)}</span>")


def _sentence(edition: Edition, sentence) -> str:
    return (f'<p class="s" id="s-{sentence.id}" data-id="{sentence.id}"><span class="src">{escape(sentence.text)}</span>'
            f"{_english(edition, sentence.id)}</p>")


def _side(edition: Edition, role: str) -> str:
    parts = [f'<section class="side" id="side-{role}" lang="{edition.lang}">',
             f"<h2>{escape(_name(edition))}: {escape(edition.source)}</h2>"]
    for division in edition.divisions:
        if division.heading is not None:
            parts.append(f'<h3 class="heading">{escape(division.heading.text)}</h3>')
        for paragraph in division.paragraphs:
            if not paragraph.sentences:
                continue
            ids = " ".join(s.id for s in paragraph.sentences)
            parts.append(f'<div class="passage" id="{paragraph.id}" data-sentences="{ids}">'
                         f'<small class="pid">{paragraph.id}</small>'
                         + "".join(_sentence(edition, s) for s in paragraph.sentences) + "</div>")
    parts.append("</section>")
    return "".join(parts)


def _short(text: str, limit: int = 180) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _link_label(link, kind: str) -> str:
    return f"{link.source[0]}{'…' if len(link.source) > 1 else ''} ↔ {link.target[0]}{'…' if len(link.target) > 1 else ''}"


def _summary(alignment: Alignment, source: Edition, target: Edition) -> str:
    counts = {label: sum(1 for l in alignment.links if low <= l.score < high) for label, low, high in BANDS}
    english: dict[str, int] = {}
    for edition in (source, target):
        for line in edition.english:
            english[line.provenance.kind] = english.get(line.provenance.kind, 0) + 1
    items = [f"<span>mode <b>{alignment.mode}</b></span>", f"<span>links <b>{len(alignment.links)}</b></span>"]
    items += [f"<span>{label}: <b>{n}</b></span>" for label, n in counts.items()]
    items.append(f"<span>unmatched sentences: {escape(_name(source))} <b>{len(alignment.unmatched_source)}</b>"
                 f" / {escape(_name(target))} <b>{len(alignment.unmatched_target)}</b></span>")
    items.append("<span>English lines: " + (", ".join(f"{k} <b>{v}</b>" for k, v in sorted(english.items())) or "none")
                 + "</span>")
    return '<div id="summary">' + "".join(items) + "</div>"


def _link_rows(alignment: Alignment, source: Edition, target: Edition) -> str:
    src, tgt = source.sentence_index(), target.sentence_index()
    src_order = {s.id: n for n, s in enumerate(source.sentences())}
    tgt_order = {s.id: n for n, s in enumerate(target.sentences())}
    rows = []
    for number, link in enumerate(alignment.links):
        if not link.source or not link.target:
            continue
        shape = f"{len(link.source)}-{len(link.target)}"
        low = " low" if link.score < REVIEW_BELOW else ""
        rows.append(
            f'<tr class="link{low}" id="row-L{number}" data-score="{link.score:.4f}" '
            f'data-source-order="{src_order[link.source[0]]}" data-target-order="{tgt_order[link.target[0]]}">'
            f'<td class="score">{link.score:.2f}</td><td>{shape}</td>'
            f'<td lang="{source.lang}">{escape(_short(" ".join(src[i].text for i in link.source)))}</td>'
            f'<td lang="{target.lang}">{escape(_short(" ".join(tgt[i].text for i in link.target)))}</td>'
            f"<td>{escape(_link_label(link, alignment.mode))}{' (' + link.status + ')' if link.status != 'auto' else ''}</td></tr>")
    return "".join(rows)


def _review_first(alignment: Alignment, source: Edition, target: Edition) -> str:
    weak = sorted((l for l in alignment.links if l.source and l.target and l.score < REVIEW_BELOW), key=lambda l: l.score)
    if alignment.mode != "translation":
        return ""
    src, tgt = source.sentence_index(), target.sentence_index()
    rows = "".join(f'<tr><td class="score">{l.score:.2f}</td><td>{len(l.source)}-{len(l.target)}</td>'
                   f'<td lang="{source.lang}">{escape(_short(" ".join(src[i].text for i in l.source)))}</td>'
                   f'<td lang="{target.lang}">{escape(_short(" ".join(tgt[i].text for i in l.target)))}</td></tr>'
                   for l in weak[:50])
    gaps = len(alignment.unmatched_source) + len(alignment.unmatched_target)
    return (f'<section class="block" id="review"><h2>Review first: {len(weak)} links scored under {REVIEW_BELOW}, '
            f"{gaps} sentences left unlinked (1-0 / 0-1)</h2><table><tbody>{rows}</tbody></table></section>")


def render_report(alignment: Alignment, source: Edition, target: Edition, *, similarity_png: bytes | None = None) -> str:
    """The review page for one pair, as a complete HTML document (no external URL in it)."""
    src, tgt = source.sentence_index(), target.sentence_index()
    links = []
    for number, link in enumerate(alignment.links):
        if not link.source or not link.target:
            continue
        links.append({
            "id": f"L{number}", "score": round(link.score, 4), "source": list(link.source), "target": list(link.target),
            "label": _link_label(link, alignment.mode), "rejected": link.status == "rejected",
            "evidence": [[escape(src[a].text), escape(tgt[b].text), round(s, 3)] for a, b, s in link.evidence]
            or [[escape(_short(" ".join(src[i].text for i in link.source), 400)),
                 escape(_short(" ".join(tgt[i].text for i in link.target), 400)), round(link.score, 3)]],
        })
    payload = json.dumps({"mode": alignment.mode, "sourceLang": source.lang, "targetLang": target.lang,
                          "links": links}, ensure_ascii=False).replace("</", "<\\/")
    css = (_ASSETS / "report.css").read_text(encoding="utf-8")
    js = (_ASSETS / "report.js").read_text(encoding="utf-8")
    title = f"{_name(source)} – {_name(target)}: {alignment.mode} alignment"
    picture = ""
    if similarity_png:
        encoded = base64.b64encode(similarity_png).decode("ascii")
        picture = (f'<section class="block" id="map"><h2>Similarity map</h2><p>Darker cells are more similar; '
                   f"circles are the links, coloured by score.</p>"
                   f'<img class="map" alt="similarity matrix with the chosen links" src="data:image/png;base64,{encoded}">'
                   "</section>")
    order = ('<label>Order links by <select id="order"><option value="source">'
             f"{escape(_name(source))}</option><option value=\"target\">{escape(_name(target))}</option></select></label>")
    texts = ""
    if alignment.mode == "comparable":
        texts = (f'<main id="texts">{_side(source, "source")}<div class="gutter"></div>{_side(target, "target")}'
                 f'<svg id="bands" aria-label="links between passages"></svg></main>')
    else:
        texts = (f'<main id="texts" hidden>{_side(source, "source")}<div class="gutter"></div>'
                 f'{_side(target, "target")}</main>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aligner {__version__}">
<title>{escape(title)}</title><style>{css}</style></head>
<body data-mode="{alignment.mode}">
<header><h1>{escape(title)}</h1>{_summary(alignment, source, target)}
<div id="controls"><label>Hide links under <input type="range" id="min-score" min="0" max="1" step="0.01" value="0">
<output id="min-score-value">0.00</output> (<span id="visible-count">{len(links)}</span> shown)</label>
<label><input type="checkbox" id="show-english" checked> English layer</label>{order}</div></header>
{_review_first(alignment, source, target)}
{texts}
<section class="block" id="links"><h2>Links</h2><table id="link-table"><thead><tr><th>score</th><th>shape</th>
<th>{escape(_name(source))}</th><th>{escape(_name(target))}</th><th>ids</th></tr></thead>
<tbody>{_link_rows(alignment, source, target)}</tbody></table></section>
{picture}
<aside id="detail" hidden></aside>
<script type="application/json" id="link-data">{payload}</script>
<script>{js}</script>
</body></html>
"""


def render_index(pages: list[tuple[str, str]]) -> str:
    """A contents page when a corpus has several language pairs: (file name, title) per page."""
    items = "".join(f'<li><a href="{escape(name)}">{escape(title)}</a></li>' for name, title in pages)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>aligner report</title></head>'
            f"<body><h1>Alignments</h1><ul>{items}</ul></body></html>\n")
