"""The review page on tiny hand-made editions and alignments (tests/tiny_editions.py): the similarity
map drawn and inlined, self-contained, and working in a real headless Chromium (Debian's, driven by
Playwright; Playwright never downloads a browser here). The real corpus's page: tests/test_build.py."""

import base64
import os
import re

import pytest
from chromium import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, browser_available

from aligner.document import Alignment, Division, Edition, EnglishLine, Link, Paragraph, Provenance, Sentence
from aligner.report import render_index, render_report
from aligner.report.plot import similarity_png
from aligner.report.similarity import similarity_map


@pytest.fixture(scope="module")
def pages(tiny, hash_encoder):
    """mode → (matrix, link cells, unit, PNG, page), made as `build` makes them, with a stand-in encoder."""
    made = {}
    for alignment in tiny.alignments:
        matrix, points, unit, row_ids, column_ids = similarity_map(tiny.hi, tiny.th, hash_encoder, alignment)
        png = similarity_png(
            matrix,
            points,
            source_label=f"hi {unit}s",
            target_label=f"th {unit}s",
            row_ids=row_ids,
            column_ids=column_ids,
            title=f"hi–th: {unit} similarity ({alignment.mode}), links as circles",
        )
        made[alignment.mode] = matrix, points, unit, png, render_report(alignment, tiny.hi, tiny.th, similarity_png=png)
    return made


def test_the_map_names_its_rows_and_columns_by_the_ids_the_page_shows(tiny, hash_encoder):
    found = similarity_map(tiny.hi, tiny.th, hash_encoder, tiny.comparable)
    # one row per paragraph with sentences, named by its id (not a count from 0, not a window)
    assert found.row_ids == [p.id for p in tiny.hi.paragraphs() if p.sentences]
    assert found.column_ids == [p.id for p in tiny.th.paragraphs() if p.sentences]
    assert found.matrix.shape == (len(found.row_ids), len(found.column_ids))
    found = similarity_map(tiny.hi, tiny.th, hash_encoder, tiny.translation, max_cells=4)
    sentences = [s.id for s in tiny.hi.sentences()]
    assert found.row_ids == sentences[::3] and found.matrix.shape[0] == len(found.row_ids)


def test_a_long_paragraph_is_one_row_of_the_map(hash_encoder):
    """A paragraph of 20 sentences is matched in windows; the map still shows it as one row."""
    from aligner.document import Link

    hindi = one_paragraph_edition("hi", [f"वाक्य {n}।" for n in range(20)])
    thai = one_paragraph_edition("th", ["หนึ่ง", "สอง"])
    alignment = Alignment("hi", "th", "comparable", (Link(("hi.p1.s1",), ("th.p1.s1",), 0.6),))
    found = similarity_map(hindi, thai, hash_encoder, alignment)
    assert found.matrix.shape == (1, 1) and found.row_ids == ["hi.p1"] and found.points == [(0, 0, 0.6)]
    png = similarity_png(
        found.matrix,
        found.points,
        source_label="hi paragraphs",
        target_label="th paragraphs",
        title="t",
        row_ids=found.row_ids,
        column_ids=found.column_ids,
    )
    assert png.startswith(b"\x89PNG")


def test_the_page_carries_the_similarity_map(pages):
    matrix, points, unit, png, page = pages["comparable"]
    # passages × passages (five paragraphs each), a circle per link at its two passages
    assert unit == "passage" and matrix.shape == (5, 5)
    assert points == [(0, 0, 0.91), (2, 2, 0.77), (1, 1, 0.58), (3, 2, 0.44), (4, 3, 0.3)]
    matrix, points, unit, png, page = pages["translation"]
    assert unit == "sentence" and matrix.shape == (10, 9)
    assert points[3] == (3, 3, 0.66)  # the 2-1 link's circle sits at its first sentences
    for _, _, _, png, page in pages.values():
        assert png.startswith(b"\x89PNG")
        assert f"data:image/png;base64,{base64.b64encode(png).decode('ascii')}" in page


def test_the_page_has_no_external_url(pages):
    for page in [p for *_, p in pages.values()] + [render_index([("hi-th.html", "hi–th"), ("hi-en.html", "x")])]:
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
        # the only absolute URI is the SVG namespace name, which is never fetched
        assert set(re.findall(r"https?://[^\s\"'<>)]+", page)) <= {"http://www.w3.org/2000/svg"}


def in_view(box, height):
    return box is not None and box["y"] < height and box["y"] + box["height"] > 0


@pytest.mark.external
@pytest.mark.skipif(
    not browser_available() and os.environ.get("CI") != "true",
    reason="needs Debian's chromium (apt-get install chromium) and PyPI playwright; CI has both",
)
def test_the_page_works_in_headless_chromium(tiny, pages, tmp_path):
    from playwright.sync_api import sync_playwright

    alignment = tiny.comparable
    for mode, (*_, html) in pages.items():
        (tmp_path / f"{mode}.html").write_text(html, encoding="utf-8")
    drawn = [link for link in alignment.links if link.status != "rejected"]  # an editor's rejection is not drawn
    link = max(alignment.links, key=lambda link: link.score)
    weakest = min(alignment.links, key=lambda link: link.score)
    hindi_sentence = next(s for s in tiny.hi.sentences())
    thai_sentence = next(s for s in tiny.th.sentences())
    height = 700
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": height})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((tmp_path / "comparable.html").resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]")

        # both texts render, in their own scripts
        assert page.locator(f'[id="s-{hindi_sentence.id}"] .src').inner_text() == hindi_sentence.text
        assert page.locator(f'[id="s-{thai_sentence.id}"] .src').inner_text() == thai_sentence.text
        assert page.locator("#side-source").get_attribute("lang") == "hi"

        # a known link is there with its score, as a card and as a band; cards lowest score first
        card = page.locator(".card", has_text=f"{link.source[0]}…")
        assert f"{link.score:.2f}" in card.first.inner_text()
        assert page.locator(".card").count() == len(alignment.links)
        scores = [float(page.locator(".card .score").nth(n).inner_text()) for n in range(len(alignment.links))]
        assert scores == sorted(scores)
        # bands join the linked passages both of whose ends are in view (each side scrolls on its own)
        assert 0 < page.locator("#bands path.band").count() <= len(drawn)
        assert "reviewed 1 of 5 links (0 confirmed, 1 rejected)" in page.locator("#counter").inner_text()
        assert page.locator("#legend").count() == 1 and not page.locator("button.confirm").count()  # read-only

        # the slider hides the links under its value (a confirmed link stays)
        cut = round((weakest.score + link.score) / 2, 2)
        page.eval_on_selector("#min-score", f"(el) => {{ el.value = '{cut}'; el.dispatchEvent(new Event('input')); }}")
        expected = sum(1 for link in drawn if link.score >= cut or link.status == "accepted")
        assert 0 < page.locator("#bands path.band").count() <= expected < len(drawn)
        assert page.locator(".card").count() == sum(
            1 for x in alignment.links if x.score >= cut or x.status == "accepted"
        )
        page.eval_on_selector("#min-score", "(el) => { el.value = '0'; el.dispatchEvent(new Event('input')); }")

        # a click on a link card shows its passages side by side in the full text, each side scrolled
        source_paragraph = link.source[0].rsplit(".s", 1)[0]
        target_paragraph = link.target[0].rsplit(".s", 1)[0]
        weak_card = page.locator(".card").first  # the weakest: the full text scrolls to it
        weak_card.click()
        card.first.click()
        partner = page.locator(f'[id="{target_paragraph}"]')
        assert "current" in card.first.get_attribute("class")
        assert "focus" in page.locator(f'[id="s-{link.target[0]}"]').get_attribute("class")
        assert in_view(partner.bounding_box(), height)
        assert in_view(page.locator(f'[id="{source_paragraph}"]').bounding_box(), height)
        # its evidence: the sentence pairs behind the link
        card.first.locator("details.evidence summary").click()
        detail = card.first.inner_text()
        assert all(f"sentence similarity {score:.2f}" in detail for _, _, score in link.evidence)
        # and a click in the full text brings its link's card forward
        page.locator(f'[id="s-{weakest.source[0]}"] .src').click()
        assert "current" in page.locator(".card").first.get_attribute("class")

        # the English layer toggles
        page.uncheck("#show-english")
        assert not page.locator(".en").first.is_visible()
        page.check("#show-english")

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-hi-th.png"), full_page=True)

        # a translation: its links as cards, the weakest first, no bands
        page.goto((tmp_path / "translation.html").resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator(".card").count() == len(tiny.translation.links)
        assert page.locator("#bands").count() == 0
        first = min(tiny.translation.links, key=lambda x: x.score)
        assert f"{first.score:.2f}" in page.locator(".card").first.inner_text()
        assert page.locator(".card.rejected").count() == 1 and page.locator(".card.accepted").count() == 1
        browser.close()
    assert errors == []


# Exact bytes and escaping, on editions of one paragraph built here (checked against the
# output of the code before translate-toolkit and Jinja2 took over).


def one_paragraph_edition(lang: str, texts: list[str], english: tuple[EnglishLine, ...] = ()) -> Edition:
    sentences = tuple(Sentence(f"{lang}.p1.s{n}", text, 0, len(text)) for n, text in enumerate(texts, 1))
    paragraph = Paragraph(f"{lang}.p1", " ".join(texts), (0,), sentences)
    return Edition(
        lang, lang, f"{lang}.txt", " ".join(texts), (Division(f"{lang}.d1", None, (paragraph,)),), english=english
    )


def test_a_tiny_translation_page_escapes_every_text_and_lists_weak_links_first():
    gloss = Provenance(kind="gloss", engine="aligner-gloss", version="1")
    human = Provenance(kind="human", engine="human", translator="O'Neil")
    hindi = one_paragraph_edition(
        "hi",
        ['एक "उद्धरण" & <b>टैग</b>।', "दो।"],
        (
            EnglishLine("hi.p1.s1", "One <b>quote</b> & 'more'.", gloss, "h"),
            EnglishLine("hi.p1.s2", "Two.", human, "h", stale=True),
        ),
    )
    thai = one_paragraph_edition("th", ["หนึ่ง", "สอง"])
    alignment = Alignment(
        "hi",
        "th",
        "translation",
        (Link(("hi.p1.s1",), ("th.p1.s1",), 0.93), Link(("hi.p1.s2",), ("th.p1.s2",), 0.21, status="accepted")),
    )
    page = render_report(alignment, hindi, thai)
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</body></html>\n")
    assert "<title>Hindi – Thai: translation alignment</title>" in page
    assert "एक &quot;उद्धरण&quot; &amp; &lt;b&gt;टैग&lt;/b&gt;।" in page
    assert "One &lt;b&gt;quote&lt;/b&gt; &amp; &#x27;more&#x27;." in page
    assert '<b class="badge human" title="O&#x27;Neil">human</b><b class="badge stale"' in page
    assert '<span class="en-text">One &lt;b&gt;quote&lt;/b&gt; &amp; &#x27;more&#x27;.</span>' in page
    assert (
        '"links": [{"id": "L0", "score": 0.93, "source": ["hi.p1.s1"], "target": ["th.p1.s1"], "status": "auto"' in page
    )
    assert '"status": "accepted", "resp": null, "evidence": []}]' in page
    assert '<main id="texts" aria-label="full text">' in page and 'id="map"' not in page and 'id="bands"' not in page
    assert "<span>English lines: gloss <b>1</b>, human <b>1</b></span>" in page
    assert '<span>&lt; 0.5: <b class="band-count" data-low="0.0" data-high="0.5">1</b></span>' in page  # escaped
    assert "How to read this page" in page


def test_a_tiny_comparable_page_draws_bands_and_inlines_the_map():
    alignment = Alignment("hi", "th", "comparable", (Link(("hi.p1.s1",), ("th.p1.s1",), 0.6),))
    page = render_report(
        alignment, one_paragraph_edition("hi", ["एक।"]), one_paragraph_edition("th", ["หนึ่ง"]), similarity_png=b"\x89PNG"
    )
    assert '<svg id="bands" aria-label="links between passages"></svg></main>' in page
    assert "English lines: none" in page
    assert 'src="data:image/png;base64,iVBORw=="' in page
    assert '"links": [{"id": "L0", "score": 0.6' in page


def test_the_contents_page_escapes_names_and_titles():
    assert render_index([("a&b.html", "Hindi – Thai"), ("c.html", "<x>")]) == (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>aligner report</title></head>'
        '<body><h1>Alignments</h1><ul><li><a href="a&amp;b.html">Hindi – Thai</a></li>'
        '<li><a href="c.html">&lt;x&gt;</a></li></ul></body></html>\n'
    )
