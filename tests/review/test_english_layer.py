"""The English layer in the review page (issue 36, item 7), in Debian's Chromium: ✎ stays on a line a
person wrote, so it can be edited again; undo shows the line as it was, back to the build's
machine line, in the full text and in the link table."""

from __future__ import annotations

from test_review_browser import CHROMIUM, CHROMIUM_FLAGS, pytestmark  # noqa: F401  (the same browser, skips)


def test_edit_a_human_line_again_and_undo_back_to_the_machine_line(translation_server):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(translation_server.url)
        page.wait_for_selector("body[data-ready=true]")
        line = page.locator('[id="s-fr.p1.s1"] .en')
        machine = line.locator(".en-text").inner_text()
        assert machine.startswith("[") and line.locator(".badge.machine").count() == 1
        # every line has its ✎
        assert page.locator("#texts .s").count() == page.locator("#texts .s button.edit-en").count()

        def edit(text):
            page.locator('[id="s-fr.p1.s1"] button.edit-en').click()
            page.locator("textarea.en-editor").fill(text)
            page.locator("textarea.en-editor").press("Enter")
            expect(line.locator(".en-text")).to_have_text(text)

        edit("After 1917 the peasants got the land.")
        expect(line.locator(".badge.human")).to_have_count(1)
        expect(line.locator("button.edit-en")).to_have_count(1)  # a human line keeps its ✎
        edit("After 1917, the peasants received the land.")
        row = page.locator("#rows .card", has=page.locator(".ids", has_text="fr.p1.s1"))
        expect(row.locator(".row-en")).to_contain_text("After 1917, the peasants received the land.")
        # undo: the first human line again; undo again: the build's machine line, with its badge and ✎
        page.click("#undo")
        expect(line.locator(".en-text")).to_have_text("After 1917 the peasants got the land.")
        page.click("#undo")
        expect(line.locator(".en-text")).to_have_text(machine)
        expect(line.locator(".badge.machine")).to_have_count(1)
        expect(line.locator(".badge.human")).to_have_count(0)
        expect(line.locator("button.edit-en")).to_have_count(1)
        expect(row.locator(".row-en")).to_contain_text(machine)
        # and the restored line can be edited again
        edit("Once more.")
        page.reload()
        page.wait_for_selector("body[data-ready=true]")
        expect(line.locator(".en-text")).to_have_text("Once more.")
        browser.close()
    assert errors == []
