"""Back to the machine line (issue 36, item 7): a person withdraws a human English line in review; it
is a sidecar row marked withdrawn, so the next build shows the machine line again and does not bring
the human one back from the copies its layer TMX and TEI carried."""

from __future__ import annotations

import pytest
from test_review_browser import pytestmark as BROWSER

from aligner.errors import FormatError
from aligner.formats.tei import read_edition
from aligner.formats.tmx import read_tmx_human_lines
from aligner.review.store import ReviewError, ReviewStore
from aligner.translate.human import read_sidecar_lines

LINE = "After 1917 the peasants got the land."


def _human(out, sentence="fr.p1.s1"):
    """Where the human line of `sentence` is in the outputs of the last build."""
    return {
        "tmx": [r.line.text for r in read_tmx_human_lines(out / "tmx" / "fr-en.tmx") if r.line.sentence_id == sentence],
        "tei": [line.text for line in read_edition(out / "tei" / "fr.xml") if line.sentence_id == sentence],
        "pair": [line.text for line in read_edition(out / "tei" / "de-fr.xml") if line.sentence_id == sentence],
    }


def test_a_withdrawn_line_stays_withdrawn_across_rebuilds(translation_out):
    out, rebuild = translation_out
    store = ReviewStore(out, "Ana Editor")
    state = store.apply(
        "de-fr", store.state("de-fr")["version"], {"op": "english", "sentence": "fr.p1.s1", "text": LINE}
    )
    rebuild(out)
    assert _human(out) == {"tmx": [LINE], "tei": [LINE], "pair": [LINE]}  # the copies the next build reads

    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    state = store.apply("de-fr", state["version"], {"op": "withdraw", "sentence": "fr.p1.s1"})
    assert "fr.p1.s1" not in state["english"]
    assert state["withdrawn"]["fr.p1.s1"]["kind"] == "machine"
    assert state["withdrawn"]["fr.p1.s1"]["text"].startswith("[")  # the echo translator's line
    assert state["undo"] == "English of fr.p1.s1 back to the machine line"
    [row] = read_sidecar_lines(out / "translations" / "fr.en.tsv")
    assert row.withdrawn and row.line.text == LINE
    with pytest.raises(ReviewError, match="already withdrawn"):
        store.apply("de-fr", state["version"], {"op": "withdraw", "sentence": "fr.p1.s1"})

    summary = rebuild(out)
    assert _human(out) == {"tmx": [], "tei": [], "pair": []}
    assert summary.english.get("human", 0) == 0
    rebuild(out)  # and the one after: still withdrawn
    assert _human(out) == {"tmx": [], "tei": [], "pair": []}

    # a new line written after the withdrawal is a human line again
    store = ReviewStore(out, "Ana Editor")
    store.apply(
        "de-fr",
        store.state("de-fr")["version"],
        {"op": "english", "sentence": "fr.p1.s1", "text": "The peasants got the land."},
    )
    rebuild(out)
    assert _human(out)["tmx"] == ["The peasants got the land."]


def test_withdraw_what_is_not_there_is_one_message(translation_out):
    out, _ = translation_out
    store = ReviewStore(out, "Ana Editor")
    version = store.state("de-fr")["version"]
    with pytest.raises(ReviewError, match="no human English line to withdraw"):
        store.apply("de-fr", version, {"op": "withdraw", "sentence": "fr.p1.s1"})
    with pytest.raises(ReviewError, match="no such sentence"):
        store.apply("de-fr", version, {"op": "withdraw", "sentence": "fr.p9.s9"})


def test_a_sidecar_status_it_does_not_know_is_one_line(tmp_path):
    path = tmp_path / "fr.en.tsv"
    path.write_text("fr.p1.s1\tabc\tA line.\tAna\t2026-01-01\tmaybe\n", encoding="utf-8")
    with pytest.raises(FormatError, match="unknown status 'maybe'"):
        read_sidecar_lines(path)


@BROWSER[0]
@BROWSER[1]
def test_back_to_the_machine_line_in_the_browser(translation_out):
    """A line written in this session, then one the last build carried: ↺ shows the machine line at
    once, after a reload too, and undo brings the human line back."""
    from playwright.sync_api import expect, sync_playwright
    from test_relink import _open

    out, rebuild = translation_out
    store = ReviewStore(out, "Ana Editor")
    store.apply("de-fr", store.state("de-fr")["version"], {"op": "english", "sentence": "fr.p1.s1", "text": LINE})
    rebuild(out)  # the page is built with the human line on fr.p1.s1
    with sync_playwright() as playwright:
        server, browser, page = _open(out, playwright)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            carried, fresh = page.locator('[id="s-fr.p1.s1"] .en'), page.locator('[id="s-fr.p1.s2"] .en')
            machine = fresh.locator(".en-text").inner_text()
            expect(carried.locator(".badge.human")).to_have_count(1)
            expect(fresh.locator("button.withdraw-en")).to_have_count(0)  # a machine line has nothing to withdraw
            # a line written now, withdrawn: the build's machine line again
            fresh.locator("button.edit-en").click()
            page.locator("textarea.en-editor").fill("In the villages new committees arose.")
            page.locator("textarea.en-editor").press("Enter")
            expect(fresh.locator(".badge.human")).to_have_count(1)
            fresh.locator("button.withdraw-en").click()
            expect(fresh.locator(".en-text")).to_have_text(machine)
            expect(fresh.locator(".badge.machine")).to_have_count(1)
            # the carried line: its machine line comes from the build's TEI
            carried.locator("button.withdraw-en").click()
            expect(carried.locator(".badge.machine")).to_have_count(1)
            expect(carried.locator(".en-text")).not_to_have_text(LINE)
            expect(carried.locator("button.edit-en")).to_have_count(1)
            page.reload()
            page.wait_for_selector("body[data-ready=true]")
            expect(carried.locator(".badge.machine")).to_have_count(1)
            expect(fresh.locator(".en-text")).to_have_text(machine)
            page.click("#undo")
            expect(carried.locator(".en-text")).to_have_text(LINE)
            expect(carried.locator(".badge.human")).to_have_count(1)
        finally:
            browser.close()
            server.shutdown()
    assert errors == []
