"""History (issue 36, item 5): each change made in review is a ``<change when who>`` in the pair TEI's
``<revisionDesc>`` (TEI-valid, who pointing to the reviewer's respStmt); the next build carries it
byte for byte; the page lists who changed what and when, newest first."""

from __future__ import annotations

import re

from test_review_browser import pytestmark as BROWSER

from aligner.formats.tei import check_tei, read_history
from aligner.review.store import ReviewStore


def test_each_change_is_recorded_with_who_and_when_and_kept_by_the_build(thematic_out):
    out, rebuild = thematic_out
    tei = out / "tei" / "de-fr.xml"
    assert read_history(tei) == ()
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    link = state["links"][0]
    state = store.apply(
        "de-fr", state["version"], {"op": "status", "link": [link["source"], link["target"]], "status": "accepted"}
    )
    state = store.apply("de-fr", state["version"], {"op": "english", "sentence": "fr.p1.s1", "text": "History."})
    changes = read_history(tei)
    assert [(c.who, c.what) for c in changes] == [
        ("Ana Editor", state["history"][1]["what"]),
        ("Ana Editor", "English of fr.p1.s1"),
    ]
    assert changes[0].what.startswith("accepted ")
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", c.when) for c in changes)
    assert [c["what"] for c in state["history"]] == [c.what for c in reversed(changes)]  # newest first
    assert b'who="#review.ana-editor"' in tei.read_bytes()
    assert check_tei(tei.read_bytes()) == []
    # undo takes the change out with what it did
    state = store.undo("de-fr", state["version"])
    assert len(read_history(tei)) == 1
    rebuild(out)
    assert read_history(tei) == changes[:1]
    assert check_tei(tei.read_bytes()) == []
    built = tei.read_bytes()
    rebuild(out)
    assert tei.read_bytes() == built


@BROWSER[0]
@BROWSER[1]
def test_the_page_lists_the_changes(thematic_out):
    from playwright.sync_api import expect, sync_playwright
    from test_relink import _open

    out, _ = thematic_out
    with sync_playwright() as playwright:
        server, browser, page = _open(out, playwright)
        try:
            expect(page.locator("#history summary")).to_have_text("History: 0 change(s)")
            key = page.locator("#rows .card").first.get_attribute("data-key")
            page.locator("#rows .card").first.locator("button.confirm").click()
            expect(page.locator(f'#rows .card[data-key="{key}"]')).to_contain_text("confirmed by Ana Editor")
            expect(page.locator("#history summary")).to_have_text("History: 1 change(s)")
            page.locator("#history summary").click()
            expect(page.locator("#history li").first).to_contain_text("Ana Editor: accepted ")
            expect(page.locator("#history li time").first).to_contain_text(" UTC")
            page.click("#undo")
            expect(page.locator("#history summary")).to_have_text("History: 0 change(s)")
        finally:
            browser.close()
            server.shutdown()
