"""Search, go to an id, bulk confirm, redo and the keys overlay (issue 36, item 4): the store (one
undo step a bulk change, redo after undo, a new change ends redo) and the page in Debian's Chromium."""

from __future__ import annotations

import pytest
from test_review_browser import CHROMIUM, CHROMIUM_FLAGS, pytestmark  # noqa: F401  (the same browser, skips)

from aligner.review.app import create_app
from aligner.review.store import ReviewError, ReviewStore


def test_bulk_is_one_undo_step_and_redo_makes_it_again(thematic_out):
    out, _ = thematic_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    chosen = [[link["source"], link["target"]] for link in state["links"][:3]]
    files = lambda: {p: p.read_bytes() if p.exists() else None for p in store.pair("de-fr").files}  # noqa: E731
    before = files()
    state = store.apply("de-fr", state["version"], {"op": "bulk", "status": "accepted", "links": chosen})
    assert state["undo"] == "accepted 3 link(s)" and state["reviewed"] == 3 and state["redo"] is None
    made = files()
    state = store.undo("de-fr", state["version"])
    assert state["reviewed"] == 0 and files() == before and state["redo"] == "accepted 3 link(s)"
    state = store.redo("de-fr", state["version"])
    assert state["reviewed"] == 3 and files() == made and state["redo"] is None and state["undo"]
    with pytest.raises(ReviewError, match="nothing to redo"):
        store.redo("de-fr", state["version"])
    # undo, then a new change: nothing to redo any more
    state = store.undo("de-fr", state["version"])
    state = store.apply("de-fr", state["version"], {"op": "english", "sentence": "fr.p1.s1", "text": "New."})
    assert state["redo"] is None
    with pytest.raises(ReviewError, match="nothing to redo"):
        store.redo("de-fr", state["version"])
    for bad, reason in [
        ({"op": "bulk", "status": "accepted", "links": []}, "at least one link"),
        ({"op": "bulk", "status": "maybe", "links": chosen}, "unknown status"),
    ]:
        with pytest.raises(ReviewError, match=reason):
            store.apply("de-fr", state["version"], bad)
    http = create_app(store, "t").test_client()
    assert http.post("/t/api/de-fr/redo", json={"version": state["version"]}).status_code == 400


def test_find_go_to_an_id_confirm_all_shown_undo_redo_and_the_keys(thematic_server):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(thematic_server.url)
        page.wait_for_selector("body[data-ready=true]")
        rows = page.locator("#rows .card")
        total = rows.count()
        # words of the French text, of the German one's English (the echo translator's brackets), an id
        for query, sentence in [("Volga", "fr.p3.s1"), ("[im jahr 1921", "de.p2.s1"), ("fr.p2", "fr.p2.s1")]:
            page.fill("#search", query)
            expect(rows).not_to_have_count(total)
            keys = [rows.nth(i).get_attribute("data-key") for i in range(rows.count())]
            assert keys and all(sentence.rsplit(".", 1)[0] in key for key in keys), (query, keys)
        # Enter on an id: its link is the current one, its sentence in view in the full text
        page.fill("#search", "fr.p3.s1")
        page.press("#search", "Enter")
        expect(page.locator("#rows .card.current")).to_have_count(1)
        assert "fr.p3.s1" in page.locator("#rows .card.current").get_attribute("data-key")
        expect(page.locator('[id="s-fr.p3.s1"]')).to_be_in_viewport()
        page.fill("#search", "")
        expect(rows).to_have_count(total)
        # confirm every link shown over a score: the slider hides the weaker ones
        scores = sorted(float(rows.nth(i).locator(".score").inner_text()) for i in range(total))
        page.locator("#min-score").fill(str(scores[1]))
        shown = rows.count()
        assert 0 < shown < total
        page.click("#confirm-shown")
        expect(page.locator("#counter")).to_contain_text(f"reviewed {shown} of {total} links ({shown} confirmed")
        page.locator("#min-score").fill("0")
        # u undoes the whole bulk change, y makes it again
        page.locator("#link-view h2").click()
        page.keyboard.press("u")
        expect(page.locator("#counter")).to_contain_text(f"reviewed 0 of {total} links")
        expect(page.locator("#redo")).to_be_enabled()
        page.keyboard.press("y")
        expect(page.locator("#counter")).to_contain_text(f"reviewed {shown} of {total} links")
        expect(page.locator("#redo")).to_be_disabled()
        # ? lists the keys, Escape closes the list
        page.keyboard.press("?")
        expect(page.locator("#keys")).to_be_visible()
        for key in ("j", "a", "r", "u", "y", "/", "?"):
            expect(page.locator("#keys kbd", has_text=key).first).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator("#keys")).to_be_hidden()
        # / goes to the search box
        page.keyboard.press("/")
        expect(page.locator("#search")).to_be_focused()
        browser.close()
    assert errors == []
