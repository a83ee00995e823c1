""" "No counterpart" (issue 36, item 3): a person says a sentence or passage of one text has none in the
other (1–0 / 0–1). The decision is a TEI-valid ``<link type="no-counterpart">`` in the pair TEI (the
sentence, and the other edition's ``<text>``); review sets and takes it back, every count follows at
once; the next build keeps it on its sentence, never proposes that sentence in a link again, and
exports it (TEI, alignments JSON ``unmatched`` and ``no_counterpart``, the build summary)."""

from __future__ import annotations

import json

import pytest
from test_review_browser import pytestmark as BROWSER

from aligner.cli import alignment_line
from aligner.formats.tei import check_tei, read_links
from aligner.review.store import ReviewError, ReviewStore


def _linked(out, pair="de-fr"):
    data = json.loads((out / "alignments" / f"{pair}.json").read_text(encoding="utf-8"))
    return data, {
        i for link in data["links"] if link.get("status") != "rejected" for i in (*link["source"], *link["target"])
    }


@pytest.mark.parametrize("fixture", ["thematic_out", "translation_out"])
def test_no_counterpart_is_stored_counted_kept_and_exported(request, fixture):
    out, rebuild = request.getfixturevalue(fixture)
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    link = next(link for link in state["links"] if link["status"] == "auto")
    sentence = link["source"][0]
    before = dict(state["unmatched"])

    state = store.apply("de-fr", state["version"], {"op": "nocounterpart", "sentences": [sentence]})
    # the page's counts, right after the edit: the sentence is unmatched, in no link not rejected
    assert state["no_counterpart"] == [{"side": "source", "sentences": [sentence], "resp": "Ana Editor"}]
    assert not any(sentence in link["source"] for link in state["links"] if link["status"] != "rejected")
    assert state["unmatched"]["source"] == before["source"] + 1
    # the proposal is shown without it, still unreviewed: nothing was confirmed for the person
    assert all(shown["status"] == "auto" for shown in state["links"]) and state["reviewed"] == 0
    rest = [i for i in link["source"] if i != sentence]
    assert (
        {"source": rest, "target": link["target"]}
        in [{"source": shown["source"], "target": shown["target"]} for shown in state["links"]]
    ) == bool(rest)
    tei = (out / "tei" / "de-fr.xml").read_bytes()
    assert b'type="no-counterpart"' in tei and b"#fr.text" in tei
    assert check_tei(tei) == []
    assert [(d.source, d.target, d.status) for d in read_links(out / "tei" / "de-fr.xml") if not d.target] == [
        ((sentence,), (), "accepted")
    ]
    with pytest.raises(ReviewError, match="already"):
        store.apply("de-fr", state["version"], {"op": "nocounterpart", "sentences": [sentence]})

    # taken back, then set again (undo puts back the files)
    cleared = store.apply("de-fr", state["version"], {"op": "nocounterpart", "sentences": [sentence], "clear": True})
    assert cleared["no_counterpart"] == []
    state = store.undo("de-fr", cleared["version"])
    assert state["no_counterpart"][0]["sentences"] == [sentence]

    summary = rebuild(out)
    data, linked = _linked(out)
    assert sentence not in linked, "a sentence with no counterpart is proposed in a link again"
    assert sentence in data["unmatched"]["source"]
    assert data["no_counterpart"] == [{"source": [sentence], "target": [], "resp": "Ana Editor"}]
    alignment = summary.alignments[0]
    assert sentence in alignment.unmatched_source
    kept = sum(1 for link in data["links"] if link.get("status") != "rejected")
    assert f"mode {data['mode']}, {kept} links (" in alignment_line(alignment)  # a rejected link is no link
    assert alignment_line(alignment).endswith(
        f"unmatched {len(data['unmatched']['source'])} / {len(data['unmatched']['target'])} sentences "
        "(1 / 0 with no counterpart, by review)"
    )
    assert [link.source for link in alignment.no_counterpart] == [(sentence,)]
    tei = (out / "tei" / "de-fr.xml").read_bytes()
    assert check_tei(tei) == []
    # the next page shows the decision, and the build after keeps it again, byte for byte
    assert ReviewStore(out, "Ana Editor").state("de-fr")["no_counterpart"][0]["sentences"] == [sentence]
    rebuild(out)
    assert (out / "tei" / "de-fr.xml").read_bytes() == tei


def test_a_passage_of_the_target_with_no_counterpart(thematic_out):
    out, rebuild = thematic_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    link = next(link for link in state["links"] if link["status"] == "auto")
    passage = link["target"]
    state = store.apply("de-fr", state["version"], {"op": "nocounterpart", "sentences": passage})
    assert state["no_counterpart"][0] == {"side": "target", "sentences": passage, "resp": "Ana Editor"}
    assert state["unmatched"]["target"] >= len(passage)
    assert check_tei((out / "tei" / "de-fr.xml").read_bytes()) == []
    rebuild(out)
    data, linked = _linked(out)
    assert not linked & set(passage)
    assert set(passage) <= set(data["unmatched"]["target"])
    assert data["no_counterpart"][0]["target"] == passage
    assert check_tei((out / "tei" / "de-fr.xml").read_bytes()) == []  # a <join> and the source's <text>
    # a link a person makes with one of them takes the decision back
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    source = next(s for s in data["unmatched"]["source"] + [data["links"][0]["source"][0]])
    state = store.apply("de-fr", state["version"], {"op": "relink", "add": [[[source], [passage[0]]]]})
    assert state["no_counterpart"] == []


def test_a_bad_no_counterpart_change_is_one_message(thematic_out):
    out, _ = thematic_out
    store = ReviewStore(out, "Ana Editor")
    version = store.state("de-fr")["version"]
    for sentences, message in (
        (None, "list of the ids"),
        ([], "list of the ids"),
        (["nope"], "not all sentences"),
        (["de.p1.s1", "fr.p1.s1"], "not all sentences"),
    ):
        with pytest.raises(ReviewError, match=message):
            store.apply("de-fr", version, {"op": "nocounterpart", "sentences": sentences})
    with pytest.raises(ReviewError, match="to take back"):
        store.apply("de-fr", version, {"op": "nocounterpart", "sentences": ["de.p1.s1"], "clear": True})


def test_rejecting_a_passage_only_link_counts_its_sentences_unmatched(thematic_out):
    out, rebuild = thematic_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    link = next(link for link in state["links"] if link["status"] == "auto")
    before = dict(state["unmatched"])
    state = store.apply(
        "de-fr", state["version"], {"op": "status", "link": [link["source"], link["target"]], "status": "rejected"}
    )
    assert state["unmatched"]["source"] == before["source"] + len(link["source"])
    summary = rebuild(out)
    data, _ = _linked(out)
    assert set(link["source"]) <= set(data["unmatched"]["source"])
    assert set(link["source"]) <= set(summary.alignments[0].unmatched_source)


@BROWSER[0]
@BROWSER[1]
def test_no_counterpart_in_the_browser(thematic_out):
    """Three actions (New link…, the sentence, No counterpart); the counts follow; ✕ takes it back;
    undo and a reload show what the files hold."""
    from playwright.sync_api import expect, sync_playwright
    from test_relink import _open

    out, _ = thematic_out
    with sync_playwright() as playwright:
        server, browser, page = _open(out, playwright)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            key = page.locator("#rows .card").first.get_attribute("data-key")
            sentence = key.split("|")[0].split()[0]
            unmatched = int(page.locator("#unmatched-source").text_content())
            page.click("#pick")
            page.locator(f'[id="s-{sentence}"] .src').click()
            page.click("#alone-picked")
            mark = page.locator(f'[id="s-{sentence}"] .nc')
            expect(mark).to_contain_text("no counterpart")
            expect(page.locator("#counter")).to_contain_text("1 sentence(s) with no counterpart")
            expect(page.locator("#unmatched-source")).to_have_text(str(unmatched + 1))
            expect(page.locator("#pick-bar")).to_be_hidden()
            # taken back with its ✕, then undone: the mark is there again
            mark.locator(".nc-clear").click()
            expect(page.locator(f'[id="s-{sentence}"] .nc')).to_have_count(0)
            expect(page.locator("#counter")).not_to_contain_text("no counterpart")
            page.locator("#link-view h2").click()
            page.keyboard.press("u")
            expect(page.locator(f'[id="s-{sentence}"] .nc')).to_have_count(1)
            page.reload()
            page.wait_for_selector("body[data-ready=true]")
            expect(page.locator(f'[id="s-{sentence}"] .nc')).to_have_count(1)
            expect(page.locator("#unmatched-source")).to_have_text(str(unmatched + 1))
            # rejecting a link: the summary's link count and score bands follow at once
            links = int(page.locator("#link-count").text_content())
            bands = sum(int(b.text_content()) for b in page.locator(".band-count").all())
            assert bands == links
            page.select_option("#show-status", "auto")  # an unreviewed link
            page.locator("#rows .card").first.locator("button.reject").click()
            expect(page.locator("#link-count")).to_have_text(str(links - 1))
            assert sum(int(b.text_content()) for b in page.locator(".band-count").all()) == links - 1
        finally:
            browser.close()
            server.shutdown()
    assert errors == []
    assert [d.source for d in read_links(out / "tei" / "de-fr.xml") if not d.target] == [(sentence,)]


def test_a_proposal_shown_without_the_sentence_is_decided_as_shown(thematic_out):
    out, rebuild = thematic_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    link = next(link for link in state["links"] if link["status"] == "auto" and len(link["source"]) > 1)
    state = store.apply("de-fr", state["version"], {"op": "nocounterpart", "sentences": link["source"][:1]})
    shown = [link["source"][1:], link["target"]]
    state = store.apply("de-fr", state["version"], {"op": "status", "link": shown, "status": "accepted"})
    assert [(x["source"], x["status"]) for x in state["links"] if x["target"] == link["target"]] == [
        (shown[0], "accepted")
    ]
    assert (tuple(shown[0]), tuple(shown[1]), "accepted") in [
        (d.source, d.target, d.status) for d in read_links(out / "tei" / "de-fr.xml")
    ]
    assert check_tei((out / "tei" / "de-fr.xml").read_bytes()) == []
    rebuild(out)
    data, _ = _linked(out)
    same = [x for x in data["links"] if x["target"] == link["target"] and link["source"][1] in x["source"]]
    assert [(x["source"], x.get("status")) for x in same] == [(shown[0], "accepted")]  # once, as decided
