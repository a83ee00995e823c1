"""The review page: one self-contained static HTML file per language pair (CSS, JS and the
similarity map inlined; no network, no server).

Comparable texts: the two texts side by side, each link a coloured band between the passages it
joins, a slider that hides links under a score, unmatched passages greyed, a click on a passage
that scrolls to its partners and shows the sentence pairs behind the link. Translations: the
ordered links as rows (1-1, 1-2, 2-1 …), the low-scoring ones listed first for review. Both: the
English layer under every sentence (toggle) with its provenance badge, and a summary on top.

The markup is in Jinja2 templates (``templates/*.html.j2``, autoescaped); this module gathers what
they show.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from html import escape
from pathlib import Path

from markupsafe import Markup

from .. import __version__
from ..document import Alignment, Edition, best_line, score_band_counts
from ..lang.names import language_name

_ASSETS = Path(__file__).parent
REVIEW_BELOW = 0.5


def _name(edition: Edition) -> str:
    return language_name(edition.lang)


def _english(edition: Edition, sentence_id: str) -> dict | None:
    """The best English line of a sentence, as the page shows it (kind, who made it, stale, text)."""
    line = best_line(edition.english_for(sentence_id))
    if line is None:
        return None
    kind = line.provenance.kind
    who = line.provenance.translator if kind == "human" else " ".join(
        filter(None, [line.provenance.engine, line.provenance.version, line.provenance.model]))
    return {"kind": kind, "who": who or "", "stale": line.stale, "text": line.text}


def _short(text: str, limit: int = 180) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _link_label(link, kind: str) -> str:
    more_source = "…" if len(link.source) > 1 else ""
    more_target = "…" if len(link.target) > 1 else ""
    return f"{link.source[0]}{more_source} ↔ {link.target[0]}{more_target}"


def _summary(alignment: Alignment, source: Edition, target: Edition) -> dict:
    bands = list(score_band_counts(alignment.links).items())
    english: dict[str, int] = {}
    for edition in (source, target):
        for line in edition.english:
            english[line.provenance.kind] = english.get(line.provenance.kind, 0) + 1
    return {"bands": bands, "english": sorted(english.items())}


def _link_rows(alignment: Alignment, source: Edition, target: Edition) -> list[dict]:
    src, tgt = source.sentence_index(), target.sentence_index()
    src_order = {s.id: n for n, s in enumerate(source.sentences())}
    tgt_order = {s.id: n for n, s in enumerate(target.sentences())}
    rows = []
    for number, link in enumerate(alignment.links):
        if not link.source or not link.target:
            continue
        rows.append({"number": number, "score": link.score, "low": link.score < REVIEW_BELOW,
                     "shape": f"{len(link.source)}-{len(link.target)}",
                     "source_order": src_order[link.source[0]], "target_order": tgt_order[link.target[0]],
                     "source_text": _short(" ".join(src[i].text for i in link.source)),
                     "target_text": _short(" ".join(tgt[i].text for i in link.target)),
                     "label": _link_label(link, alignment.mode), "status": link.status})
    return rows


def _review_first(alignment: Alignment, source: Edition, target: Edition) -> dict | None:
    """Translations only: the links under REVIEW_BELOW, weakest first (the first 50 shown)."""
    if alignment.mode != "translation":
        return None
    weak = sorted((link for link in alignment.links if link.source and link.target and link.score < REVIEW_BELOW),
                  key=lambda link: link.score)
    src, tgt = source.sentence_index(), target.sentence_index()
    rows = [{"score": link.score, "shape": f"{len(link.source)}-{len(link.target)}",
             "source_text": _short(" ".join(src[i].text for i in link.source)),
             "target_text": _short(" ".join(tgt[i].text for i in link.target))} for link in weak[:50]]
    return {"count": len(weak), "below": REVIEW_BELOW, "rows": rows,
            "gaps": len(alignment.unmatched_source) + len(alignment.unmatched_target)}


def render_report(alignment: Alignment, source: Edition, target: Edition, *,
                  similarity_png: bytes | None = None) -> str:
    """The review page for one pair, as a complete HTML document (no external URL in it)."""
    src, tgt = source.sentence_index(), target.sentence_index()
    links = []
    for number, link in enumerate(alignment.links):
        if not link.source or not link.target:
            continue
        links.append({
            "id": f"L{number}", "score": round(link.score, 4), "source": list(link.source), "target": list(link.target),
            "label": _link_label(link, alignment.mode), "rejected": link.status == "rejected",
            # The script puts the evidence into the page as HTML: escaped here, once.
            "evidence": [[escape(src[a].text), escape(tgt[b].text), round(s, 3)] for a, b, s in link.evidence]
            or [[escape(_short(" ".join(src[i].text for i in link.source), 400)),
                 escape(_short(" ".join(tgt[i].text for i in link.target), 400)), round(link.score, 3)]],
        })
    payload = json.dumps({"mode": alignment.mode, "sourceLang": source.lang, "targetLang": target.lang,
                          "links": links}, ensure_ascii=False).replace("</", "<\\/")
    css = (_ASSETS / "report.css").read_text(encoding="utf-8")
    js = (_ASSETS / "report.js").read_text(encoding="utf-8")
    return _templates().get_template("report.html.j2").render(
        version=__version__, title=f"{_name(source)} – {_name(target)}: {alignment.mode} alignment",
        alignment=alignment, source=source, target=target, shown=len(links),
        summary=_summary(alignment, source, target), review=_review_first(alignment, source, target),
        rows=_link_rows(alignment, source, target),
        picture=base64.b64encode(similarity_png).decode("ascii") if similarity_png else None,
        # Our own stylesheet, script and JSON (its "</" written "<\/"): inlined as they are.
        css=Markup(css), js=Markup(js), payload=Markup(payload))


def render_index(pages: list[tuple[str, str]]) -> str:
    """A contents page when a corpus has several language pairs: (file name, title) per page."""
    return _templates().get_template("index.html.j2").render(pages=pages)


def _escape_as_before(value):
    """Each value the templates write, escaped by `html.escape` (``&quot;``, ``&#x27;``) rather than
    by MarkupSafe (``&#34;``, ``&#39;``): the pages stay byte for byte what they were before the
    templates. Markup (the macros' output, our CSS, script and JSON) passes as it is."""
    if hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value)))


@cache
def _templates():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(_ASSETS / "templates"), autoescape=True,
                              keep_trailing_newline=True, undefined=StrictUndefined, finalize=_escape_as_before)
    environment.globals.update(name=_name, english=_english)
    return environment
