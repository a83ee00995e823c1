"""Relink in place (issue 36, item 2, without the aligner's candidates): open a link, change the ids
of one side, Enter — three actions; the link made replaces the proposal, which leaves the list and
the counts (it stays in the TEI as rejected, named by the new link), also after a rebuild."""

from __future__ import annotations

import pytest
from test_review_browser import CHROMIUM, CHROMIUM_FLAGS, pytestmark  # noqa: F401  (the same browser, skips)

from aligner.formats.tei import read_links
from aligner.review.app import ReviewServer


def _open(out, playwright):
    server = ReviewServer(out, "Ana Editor").start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server.url)
    page.wait_for_selector("body[data-ready=true]")
    return server, browser, page


@pytest.mark.parametrize("fixture", ["thematic_out", "translation_out"])
def test_a_relink_in_three_actions_replaces_the_proposal(request, fixture):
    from playwright.sync_api import expect, sync_playwright

    out, rebuild = request.getfixturevalue(fixture)
    pair = "de-fr"
    with sync_playwright() as playwright:
        server, browser, page = _open(out, playwright)
        try:
            rows = page.locator("#rows .card")
            total = rows.count()
            proposal = rows.first.get_attribute("data-key")
            source, target = proposal.split("|")
            # another target: the first French sentence that is not this link's
            others = page.evaluate("() => [...document.querySelectorAll('#side-target .s')].map((s) => s.dataset.id)")
            new_target = next(i for i in others if i not in target.split())
            # 1. open the link; 2. type the other side's id; 3. Enter
            rows.first.locator(".ids").click()
            page.locator("#rows .card.open .relink-target").fill(new_target)
            page.locator("#rows .card.open .relink-target").press("Enter")
            made = page.locator(f'#rows .card[data-key="{source}|{new_target}"]')
            expect(made).to_contain_text("confirmed by Ana Editor")
            expect(made.locator(".reason")).to_contain_text(f"replaces {source.split()[0]}")
            expect(page.locator(f'#rows .card[data-key="{proposal}"]')).to_have_count(0)
            replaced = page.evaluate("() => document.querySelector('#counter').textContent")
            assert f"of {total} links" in replaced or f"of {total - 1} links" in replaced, replaced
            assert "proposal(s) replaced" in replaced and "0 rejected" in replaced
        finally:
            browser.close()
            server.shutdown()
    decided = {(" ".join(d.source), " ".join(d.target)): d.status for d in read_links(out / "tei" / f"{pair}.xml")}
    assert decided[(source, new_target)] == "accepted" and decided[(source, target)] == "rejected"
    # the next build keeps both, and the page still shows one link where the proposal was
    rebuild(out)
    with sync_playwright() as playwright:
        server, browser, page = _open(out, playwright)
        try:
            expect(page.locator(f'#rows .card[data-key="{source}|{new_target}"]')).to_have_count(1)
            expect(page.locator(f'#rows .card[data-key="{proposal}"]')).to_have_count(0)
            expect(page.locator("#counter")).to_contain_text("proposal(s) replaced")
        finally:
            browser.close()
            server.shutdown()
