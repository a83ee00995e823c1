"""The review page: one self-contained static HTML file per language pair (CSS, JS and the
similarity map inlined; no network, no server).

Two views kept in step: on the left the links, one compact row each (score, status, ids, reason, the
first sentence of each side and its English), lowest score first, a page at a time, the current one
opened in place into the whole link (the sentence pairs behind a thematic link); on the right
the full text of both sides, each scrolling on its own (comparable texts: a coloured band joins two
linked passages). A click on a link shows its sentences in the full text; a click in the full text
shows its links. A slider hides links under a score, passages no link touches are faded, a legend
says what the page shows, and a summary is on top. Served by `aligner review`, the same page edits
(its script turns editing on when the server adds ``<script id="review-config">``).

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
from ..document import SCORE_BANDS, Alignment, Edition, best_line, score_band_counts
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
    who = (
        line.provenance.translator
        if kind == "human"
        else " ".join(filter(None, [line.provenance.engine, line.provenance.version, line.provenance.model]))
    )
    return {"kind": kind, "who": who or "", "stale": line.stale, "text": line.text}


def _summary(alignment: Alignment, source: Edition, target: Edition) -> dict:
    # as the build summary counts them: a link a person rejected is no longer one
    counts = score_band_counts([link for link in alignment.links if link.status != "rejected"])
    bands = [(label, counts[label], low, high) for label, low, high in SCORE_BANDS]
    english: dict[str, int] = {}
    for edition in (source, target):
        for line in edition.english:
            english[line.provenance.kind] = english.get(line.provenance.kind, 0) + 1
    return {"bands": bands, "english": sorted(english.items())}


def render_report(
    alignment: Alignment, source: Edition, target: Edition, *, similarity_png: bytes | None = None
) -> str:
    """The review page for one pair, as a complete HTML document (no external URL in it)."""
    from ..formats.jsonl import link_reasons

    src, tgt = source.sentence_index(), target.sentence_index()
    reasons = link_reasons(alignment, source, target) if alignment.mode == "comparable" else {}
    links = []
    for number, link in enumerate(alignment.links):
        if not link.source or not link.target:
            continue
        links.append(
            {
                "id": f"L{number}",
                "score": round(link.score, 4),
                "source": list(link.source),
                "target": list(link.target),
                "status": link.status,
                "resp": link.resp,
                **({"reason": reasons[number]} if number in reasons else {}),
                # the sentence pairs behind a thematic link, by id: the script takes their text from the page
                "evidence": [[a, b, round(s, 3)] for a, b, s in link.evidence if a in src and b in tgt],
            }
        )
    payload = json.dumps(
        {
            "mode": alignment.mode,
            "sourceLang": source.lang,
            "targetLang": target.lang,
            "source": source.id,
            "target": target.id,
            "below": REVIEW_BELOW,
            "links": links,
            # only where a person decided some: the pages of other pairs stay as they were
            **(
                {
                    "noCounterpart": [
                        {"sentences": [*link.source, *link.target], "resp": link.resp}
                        for link in alignment.no_counterpart
                    ]
                }
                if alignment.no_counterpart
                else {}
            ),
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    css = (_ASSETS / "report.css").read_text(encoding="utf-8")
    js = (_ASSETS / "report.js").read_text(encoding="utf-8")
    return (
        _templates()
        .get_template("report.html.j2")
        .render(
            version=__version__,
            title=f"{_name(source)} – {_name(target)}: {alignment.mode} alignment",
            alignment=alignment,
            source=source,
            target=target,
            shown=len(links),
            summary=_summary(alignment, source, target),
            below=REVIEW_BELOW,
            picture=base64.b64encode(similarity_png).decode("ascii") if similarity_png else None,
            # Our own stylesheet, script and JSON (its "</" written "<\/"): inlined as they are.
            css=Markup(css),
            js=Markup(js),
            payload=Markup(payload),
        )
    )


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

    environment = Environment(
        loader=FileSystemLoader(_ASSETS / "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        finalize=_escape_as_before,
    )
    environment.globals.update(name=_name, english=_english)
    return environment
