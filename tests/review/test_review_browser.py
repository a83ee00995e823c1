"""`aligner review` in a real headless Chromium (Debian's, driven by Playwright; never a downloaded
browser): reject a link, make one, edit an English line, reload and see them; a second tab's stale
save is refused with a message; a request without the token is refused; the next build carries the
decisions into TMX and TEI. The link view's screenshot goes to $ALIGNER_TEST_ARTIFACTS
(default: test-artifacts/, which git ignores), which CI keeps."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest
from chromium import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, browser_available
from lxml import etree

from aligner.formats.tei import TEI_NS, read_links
from aligner.formats.tmx import read_tmx, validate_tmx
from aligner.review.app import ReviewServer

pytestmark = [
    pytest.mark.external,
    pytest.mark.skipif(
        not browser_available() and os.environ.get("CI") != "true",
        reason="needs Debian's chromium (apt-get install chromium) and PyPI playwright; CI has both",
    ),
]


@pytest.fixture
def server(thematic_out):
    out, rebuild = thematic_out
    running = ReviewServer(out, "Ana Editor").start()
    yield running, out, rebuild
    running.shutdown()


def test_review_in_the_browser_and_the_build_keeps_it(server):
    from playwright.sync_api import expect, sync_playwright

    running, out, rebuild = server
    assert running.url.startswith(f"http://127.0.0.1:{running.port}/{running.token}/")
    # no token, no answer
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{running.port}/de-fr.html", timeout=10)
    assert refused.value.code == 403
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 800})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(running.url)
        page.wait_for_selector("body[data-ready=true]")
        other_tab = browser.new_page(viewport={"width": 1400, "height": 800})
        other_tab.goto(running.url)
        other_tab.wait_for_selector("body[data-ready=true]")
        total = page.locator(".card").count()
        expect(page.locator("#counter")).to_contain_text(f"reviewed 0 of {total} links")

        # reject the weakest link (the first card)
        weakest = page.locator(".card").first
        weakest_key = weakest.get_attribute("data-key")
        weakest.locator("button.reject").click()
        expect(page.locator("#counter")).to_contain_text(f"reviewed 1 of {total} links (0 confirmed, 1 rejected)")
        expect(page.locator(f'.card[data-key="{weakest_key}"]')).to_contain_text("rejected by Ana Editor")
        assert "rejected" in page.locator(f'.card[data-key="{weakest_key}"]').get_attribute("class")

        # make a new link: pick one sentence on each side
        page.click("#pick")
        page.locator('[id="s-de.p1.s1"] .src').click()
        page.locator('[id="s-fr.p1.s1"] .src').click()
        expect(page.locator("#picked")).to_have_text("1 de and 1 fr sentence(s)")
        page.click("#link-picked")
        made = page.locator('.card[data-key="de.p1.s1|fr.p1.s1"]')
        expect(made).to_contain_text("confirmed by Ana Editor")
        # a link made by hand replaces the rejected proposal it shares a sentence with: the proposal
        # leaves the list and the counts, and the new link names it
        replaced = bool({"de.p1.s1", "fr.p1.s1"} & set(weakest_key.replace("|", " ").split()))
        counted = (
            f"reviewed 1 of {total} links (1 confirmed, 0 rejected, 1 proposal(s) replaced)"
            if replaced
            else f"reviewed 2 of {total + 1} links"
        )
        expect(page.locator("#counter")).to_contain_text(counted)
        if replaced:
            expect(page.locator(f'#rows .card[data-key="{weakest_key}"]')).to_have_count(0)
            expect(made.locator(".reason")).to_contain_text("replaces " + weakest_key.split("|")[0].split()[0])

        # edit one English line in the full text
        page.locator('[id="s-fr.p1.s1"] button.edit-en').first.click()
        page.locator("textarea.en-editor").fill("After 1917 the peasants received the land.")
        page.locator("textarea.en-editor").press("Enter")
        expect(page.locator('[id="s-fr.p1.s1"] .en-text')).to_have_text("After 1917 the peasants received the land.")
        expect(page.locator('[id="s-fr.p1.s1"] .badge.human')).to_have_count(1)

        # keyboard: j goes to the next unreviewed link, a confirms it
        page.locator("#link-view h2").click()
        page.keyboard.press("j")
        current = page.locator(".card.current")
        expect(current).to_have_count(1)
        key = current.get_attribute("data-key")
        page.keyboard.press("a")
        expect(page.locator(f'.card[data-key="{key}"]')).to_contain_text("confirmed by Ana Editor")
        # and u undoes it
        page.keyboard.press("u")
        expect(page.locator(f'.card[data-key="{key}"]')).to_contain_text("not reviewed")

        # the other tab, loaded before all this, cannot save over it
        other_tab.locator(".card").nth(1).locator("button.confirm").click()
        expect(other_tab.locator("#message")).to_contain_text("not saved: this pair changed since your page loaded it")
        expect(other_tab.locator("#message button")).to_have_text("Reload")

        # reload: everything is there
        page.reload()
        page.wait_for_selector("body[data-ready=true]")
        page.select_option("#show-status", "rejected")  # a replaced proposal is still there, among the rejected
        expect(page.locator(f'.card[data-key="{weakest_key}"]')).to_contain_text("rejected by Ana Editor")
        page.select_option("#show-status", "all")
        expect(page.locator('.card[data-key="de.p1.s1|fr.p1.s1"]')).to_contain_text("confirmed by Ana Editor")
        expect(page.locator('[id="s-fr.p1.s1"] .en-text')).to_have_text("After 1917 the peasants received the land.")
        expect(page.locator("#counter")).to_contain_text(counted)
        page.locator('.card[data-key="de.p1.s1|fr.p1.s1"]').click()

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.locator("#link-view").screenshot(path=str(ARTIFACTS / "review-link-view.png"))
        page.screenshot(path=str(ARTIFACTS / "review-page.png"))
        browser.close()
    assert errors == []
    running.shutdown()

    # the next build keeps every decision: TEI links and lines, TMX units
    rebuild(out)
    decided = {
        (" ".join(d.source), " ".join(d.target)): (d.status, d.resp) for d in read_links(out / "tei" / "de-fr.xml")
    }
    assert decided[tuple(weakest_key.split("|"))] == ("rejected", "Ana Editor")
    assert decided[("de.p1.s1", "fr.p1.s1")] == ("accepted", "Ana Editor")
    data = (out / "tmx" / "de-fr.tmx").read_bytes()
    assert validate_tmx(data) == []
    units = {
        (u.props["x-aligner-source-ids"], u.props["x-aligner-target-ids"]): u.props
        for u in read_tmx(out / "tmx" / "de-fr.tmx")
    }
    assert units[("de.p1.s1", "fr.p1.s1")]["x-aligner-status"] == "accepted"
    assert tuple(weakest_key.split("|")) not in units
    assert {props["x-aligner-status"] for props in units.values()} == {"accepted", "auto"}
    line = etree.parse(str(out / "tei" / "fr.xml")).find(
        f".//{{{TEI_NS}}}div[@type='translation']//{{{TEI_NS}}}s[@corresp='#fr.p1.s1']"
    )
    assert line.text == "After 1917 the peasants received the land."
    english = {u.props["x-aligner-sentence-id"]: u.variants["en"] for u in read_tmx(out / "tmx" / "fr-en.tmx")}
    assert english["fr.p1.s1"][1]["x-aligner-provenance"] == "human"
