"""The review page: self-contained, and working in a real headless Chromium (Debian's, driven by
Playwright; Playwright never downloads a browser here)."""

import os
import re
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.model
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("ALIGNER_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic"]


def test_build_writes_the_page_and_the_similarity_map(built):
    out, _ = built
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    png = (out / "report" / "hi-th-similarity.png").read_bytes()
    assert png.startswith(b"\x89PNG") and "data:image/png;base64," in page


def test_the_page_has_no_external_url(built):
    page = (Path(built[0]) / "report" / "index.html").read_text(encoding="utf-8")
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


@pytest.mark.external
@pytest.mark.skipif(not browser_available() and os.environ.get("CI") != "true",
                    reason="needs Debian's chromium (apt-get install chromium) and PyPI playwright; CI has both")
def test_the_page_works_in_headless_chromium(built, tmp_path):
    from playwright.sync_api import sync_playwright

    out, summary = built
    alignment = summary.alignments[0]
    link = max(alignment.links, key=lambda l: l.score)
    weakest = min(alignment.links, key=lambda l: l.score)
    hindi_sentence = next(s for s in summary.editions[0].sentences())
    thai_sentence = next(s for s in summary.editions[1].sentences())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((out / "report" / "index.html").resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]")

        # both texts render, in their own scripts
        assert page.locator(f'[id="s-{hindi_sentence.id}"] .src').inner_text() == hindi_sentence.text
        assert page.locator(f'[id="s-{thai_sentence.id}"] .src').inner_text() == thai_sentence.text
        assert page.locator("#side-source").get_attribute("lang") == "hi"

        # a known link is there with its score, as a row and as a band
        row = page.locator("tr.link", has_text=f"{link.source[0]}")
        assert f"{link.score:.2f}" in row.first.inner_text()
        assert page.locator("#bands path.band").count() == len(alignment.links)

        # the slider hides the links under its value
        cut = round((weakest.score + link.score) / 2, 2)
        page.eval_on_selector("#min-score", f"(el) => {{ el.value = '{cut}'; el.dispatchEvent(new Event('input')); }}")
        expected = sum(1 for l in alignment.links if l.score >= cut)
        assert page.locator("#bands path.band").count() == expected < len(alignment.links)
        assert page.locator("tr.link.hidden-link").count() == len(alignment.links) - expected
        page.eval_on_selector("#min-score", "(el) => { el.value = '0'; el.dispatchEvent(new Event('input')); }")

        # clicking a passage reveals its partner and the sentence pairs behind the link
        source_paragraph = link.source[0].rsplit(".s", 1)[0]
        target_paragraph = link.target[0].rsplit(".s", 1)[0]
        page.click(f'[id="{source_paragraph}"]')
        partner = page.locator(f'[id="{target_paragraph}"]')
        assert "partner" in partner.get_attribute("class")
        assert partner.is_visible()
        box = partner.bounding_box()
        assert box["y"] < 1000 and box["y"] + box["height"] > 0  # scrolled into view
        assert page.locator("#detail").is_visible()
        assert f"{link.score:.2f}" in page.locator("#detail").inner_text()

        # the English layer toggles
        page.uncheck("#show-english")
        assert not page.locator(".en").first.is_visible()
        page.check("#show-english")

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-hi-th.png"))
        browser.close()
    assert errors == []
