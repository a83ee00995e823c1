"""The review page on a 390-px phone (issue 36, item 8), in Debian's Chromium: no horizontal scroll,
the link list and both texts stacked, a header that scrolls away, buttons a finger can hit, and a
link confirmed by tapping. The page height is printed (`pytest tests/review/test_narrow.py -s`)."""

from __future__ import annotations

from test_review_browser import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, pytestmark  # noqa: F401  (the same browser, skips)


def test_a_phone_gets_stacked_panes_no_horizontal_scroll_and_big_buttons(thematic_server):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(thematic_server.url)
        page.wait_for_selector("body[data-ready=true]")
        box = lambda selector: page.locator(selector).bounding_box()  # noqa: E731
        width = page.evaluate("() => document.scrollingElement.scrollWidth")
        height = page.evaluate("() => document.scrollingElement.scrollHeight")
        header = box("body > header")["height"]
        print(f"\n390×844: page {width} px wide, {height} px high, header {header:.0f} px (scrolls away)")
        assert width <= 390
        # stacked: the links, then one text under the other, each as wide as the screen
        links, source, target = box("#link-view"), box("#side-source"), box("#side-target")
        assert links["y"] + links["height"] <= source["y"] + 1 and source["y"] + source["height"] <= target["y"] + 1
        assert min(links["width"], source["width"], target["width"]) >= 360
        # each text pane shows its sentences at a readable width, not a 20-px column
        assert page.locator("#side-target .s").first.bounding_box()["width"] >= 300
        # the header scrolls away with the page
        page.evaluate("() => window.scrollTo(0, 600)")
        assert box("body > header")["y"] + header <= 1
        page.evaluate("() => window.scrollTo(0, 0)")
        # a finger can hit the buttons, and a tap confirms
        button = page.locator("#rows .card").first.locator("button.confirm")
        assert button.bounding_box()["height"] >= 32 and button.bounding_box()["width"] >= 36
        key = page.locator("#rows .card").first.get_attribute("data-key")
        button.tap()
        expect(page.locator(f'#rows .card[data-key="{key}"]')).to_contain_text("confirmed by Ana Editor")
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390
        # an opened row fits the screen too
        page.locator(f'#rows .card[data-key="{key}"] .ids').tap()
        expect(page.locator("#rows .card.open")).to_have_count(1)
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-390.png"), full_page=True)
        browser.close()
    assert errors == []
