"""The review page on tiny hand-made editions and alignments (tests/tiny_editions.py): the similarity
map drawn and inlined, self-contained, and working in a real headless Chromium (Debian's, driven by
Playwright; Playwright never downloads a browser here). The real corpus's page: tests/test_build.py."""

import base64
import os
import re
import shutil
from pathlib import Path

import pytest

from aligner.document import Alignment, Division, Edition, EnglishLine, Link, Paragraph, Provenance, Sentence
from aligner.report import render_index, render_report
from aligner.report.plot import similarity_png
from aligner.report.similarity import similarity_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("ALIGNER_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def pages(tiny, hash_encoder):
    """mode → (matrix, link cells, unit, PNG, page), made as `build` makes them, with a stand-in encoder."""
    made = {}
    for alignment in tiny.alignments:
        matrix, points, unit = similarity_map(tiny.hi, tiny.th, hash_encoder, alignment)
        png = similarity_png(matrix, points, source_label=f"hi {unit}s", target_label=f"th {unit}s",
                             title=f"hi–th: {unit} similarity ({alignment.mode}), links as circles")
        made[alignment.mode] = matrix, points, unit, png, render_report(alignment, tiny.hi, tiny.th, similarity_png=png)
    return made


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


def browser_available():
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def in_view(box, height):
    return box is not None and box["y"] < height and box["y"] + box["height"] > 0


@pytest.mark.external
@pytest.mark.skipif(not browser_available() and os.environ.get("CI") != "true",
                    reason="needs Debian's chromium (apt-get install chromium) and PyPI playwright; CI has both")
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

        # a known link is there with its score, as a row and as a band
        row = page.locator("tr.link", has_text=f"{link.source[0]}")
        assert f"{link.score:.2f}" in row.first.inner_text()
        assert page.locator("tr.link").count() == len(alignment.links)
        assert page.locator("#bands path.band").count() == len(drawn)

        # the slider hides the links under its value
        cut = round((weakest.score + link.score) / 2, 2)
        page.eval_on_selector("#min-score", f"(el) => {{ el.value = '{cut}'; el.dispatchEvent(new Event('input')); }}")
        expected = sum(1 for link in drawn if link.score >= cut)
        assert 0 < page.locator("#bands path.band").count() == expected < len(drawn)
        assert page.locator("tr.link.hidden-link").count() == len(alignment.links) - expected
        page.eval_on_selector("#min-score", "(el) => { el.value = '0'; el.dispatchEvent(new Event('input')); }")

        # clicking a passage reveals its partner, scrolled into view, and the sentence pairs behind the link
        source_paragraph = link.source[0].rsplit(".s", 1)[0]
        target_paragraph = link.target[0].rsplit(".s", 1)[0]
        partner = page.locator(f'[id="{target_paragraph}"]')
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert not in_view(partner.bounding_box(), height)  # the page is long enough to need the scroll
        page.eval_on_selector(f'[id="{source_paragraph}"]', "(el) => el.click()")
        assert "partner" in partner.get_attribute("class")
        assert partner.is_visible()
        assert in_view(partner.bounding_box(), height)
        assert page.locator("#detail").is_visible()
        detail = page.locator("#detail").inner_text()
        assert f"{link.score:.2f}" in detail
        assert all(f"sentence similarity {score:.2f}" in detail for _, _, score in link.evidence)

        # the English layer toggles
        page.uncheck("#show-english")
        assert not page.locator(".en").first.is_visible()
        page.check("#show-english")

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-hi-th.png"), full_page=True)

        # a translation: rows in order, none drawn as bands, the weak ones listed for review first
        page.goto((tmp_path / "translation.html").resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator("tr.link").count() == len(tiny.translation.links)
        assert page.locator("#bands").count() == 0
        assert page.locator("#review tr").count() == sum(1 for link in tiny.translation.links if link.score < 0.5)
        browser.close()
    assert errors == []


# Exact bytes and escaping, on editions of one paragraph built here (checked against the
# output of the code before translate-toolkit and Jinja2 took over).

def one_paragraph_edition(lang: str, texts: list[str], english: tuple[EnglishLine, ...] = ()) -> Edition:
    sentences = tuple(Sentence(f"{lang}.p1.s{n}", text, 0, len(text)) for n, text in enumerate(texts, 1))
    paragraph = Paragraph(f"{lang}.p1", " ".join(texts), (0,), sentences)
    return Edition(lang, lang, f"{lang}.txt", " ".join(texts), (Division(f"{lang}.d1", None, (paragraph,)),),
                   english=english)


def test_a_tiny_translation_page_escapes_every_text_and_lists_weak_links_first():
    gloss = Provenance(kind="gloss", engine="aligner-gloss", version="1")
    human = Provenance(kind="human", engine="human", translator="O'Neil")
    hindi = one_paragraph_edition("hi", ['एक "उद्धरण" & <b>टैग</b>।', "दो।"],
                         (EnglishLine("hi.p1.s1", "One <b>quote</b> & 'more'.", gloss, "h"),
                          EnglishLine("hi.p1.s2", "Two.", human, "h", stale=True)))
    thai = one_paragraph_edition("th", ["หนึ่ง", "สอง"])
    alignment = Alignment("hi", "th", "translation", (Link(("hi.p1.s1",), ("th.p1.s1",), 0.93),
                                                        Link(("hi.p1.s2",), ("th.p1.s2",), 0.21, status="accepted")))
    page = render_report(alignment, hindi, thai)
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</body></html>\n")
    assert "<title>Hindi – Thai: translation alignment</title>" in page
    assert "एक &quot;उद्धरण&quot; &amp; &lt;b&gt;टैग&lt;/b&gt;।" in page
    assert "One &lt;b&gt;quote&lt;/b&gt; &amp; &#x27;more&#x27;." in page
    assert '<b class="badge human" title="O&#x27;Neil">human</b><b class="badge stale"' in page
    assert '<section class="block" id="review"><h2>Review first: 1 links scored under 0.5, 0 sentences' in page
    assert '<tr class="link low" id="row-L1" data-score="0.2100"' in page
    assert "<td>hi.p1.s2 ↔ th.p1.s2 (accepted)</td>" in page
    assert '<main id="texts" hidden>' in page and 'id="map"' not in page
    assert "<span>English lines: gloss <b>1</b>, human <b>1</b></span>" in page


def test_a_tiny_comparable_page_draws_bands_and_inlines_the_map():
    alignment = Alignment("hi", "th", "comparable", (Link(("hi.p1.s1",), ("th.p1.s1",), 0.6),))
    page = render_report(alignment, one_paragraph_edition("hi", ["एक।"]), one_paragraph_edition("th", ["หนึ่ง"]),
                         similarity_png=b"\x89PNG")
    assert '<svg id="bands" aria-label="links between passages"></svg></main>' in page
    assert 'id="review"' not in page and "English lines: none" in page
    assert 'src="data:image/png;base64,iVBORw=="' in page
    assert '"links": [{"id": "L0", "score": 0.6' in page


def test_the_contents_page_escapes_names_and_titles():
    assert render_index([("a&b.html", "Hindi – Thai"), ("c.html", "<x>")]) == (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>aligner report</title></head>'
        '<body><h1>Alignments</h1><ul><li><a href="a&amp;b.html">Hindi – Thai</a></li>'
        '<li><a href="c.html">&lt;x&gt;</a></li></ul></body></html>\n')
