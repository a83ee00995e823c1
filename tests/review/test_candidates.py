"""Relink from the aligner's best candidates (issue 36, item 2): the align stage exports, for each
source passage of comparable texts, its likeliest target passages with their scores (alignments JSON
``candidates``, out of the probabilities the links are decided on); the editor offers them in the
opened row, and one click relinks: two actions in all."""

from __future__ import annotations

import json

import numpy as np
from test_review_browser import pytestmark as BROWSER

from aligner.align.thematic import best_candidates
from aligner.formats.tei import read_links


def test_best_candidates_are_the_likeliest_targets_best_first():
    probability = np.array([[0.1, 0.9, 0.5, 0.5], [0.3, 0.2, 0.1, 0.0]])
    assert best_candidates(probability, 3) == [[(1, 0.9), (2, 0.5), (3, 0.5)], [(0, 0.3), (1, 0.2), (2, 0.1)]]
    assert best_candidates(np.zeros((2, 0)), 5) == [[], []]


def test_the_alignment_exports_each_passage_candidates_with_scores(thematic_out):
    out, _ = thematic_out
    data = json.loads((out / "alignments" / "de-fr.json").read_text(encoding="utf-8"))
    candidates = data["candidates"]
    sentences = [
        json.loads(line)["id"]
        for line in (out / "segments" / "de.jsonl").read_text().splitlines()
        if json.loads(line).get("kind", "sentence") == "sentence"
    ]
    assert sorted(i for entry in candidates for i in entry["source"]) == sorted(sentences)  # every passage
    for entry in candidates:
        scores = [target["score"] for target in entry["targets"]]
        assert scores == sorted(scores, reverse=True) and 0 < len(scores) <= 5
        assert all(0.0 <= score <= 1.0 for score in scores)
    # each link's target is among its passage's candidates, with the link's own score
    for link in data["links"]:
        entry = next(e for e in candidates if link["source"][0] in e["source"])
        assert {"target": link["target"], "score": link["score"]} in entry["targets"]


@BROWSER[0]
@BROWSER[1]
def test_relink_from_a_candidate_in_two_actions(thematic_out):
    from playwright.sync_api import expect, sync_playwright
    from test_relink import _open

    out, _ = thematic_out
    with sync_playwright() as playwright:
        server, browser, page = _open(out, playwright)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            row = page.locator("#rows .card").first
            proposal = row.get_attribute("data-key")
            source = proposal.split("|")[0]
            row.locator(".ids").click()  # 1. open the link
            choices = page.locator("#rows .card.open .candidates li")
            expect(choices.first).to_be_visible()
            assert choices.count() >= 2
            expect(page.locator("#rows .card.open .candidate.mine")).to_have_count(1)
            other = page.locator("#rows .card.open .use-candidate:not([disabled])").first
            target, score = other.get_attribute("data-target"), float(other.inner_text())
            assert 0.0 <= score <= 1.0
            other.click()  # 2. relink to it
            made = page.locator(f'#rows .card[data-key="{source}|{target}"]')
            expect(made).to_contain_text("confirmed by Ana Editor")
            expect(page.locator(f'#rows .card[data-key="{proposal}"]')).to_have_count(0)
        finally:
            browser.close()
            server.shutdown()
    assert errors == []
    decided = {(" ".join(d.source), " ".join(d.target)): d.status for d in read_links(out / "tei" / "de-fr.xml")}
    assert decided[(source, target)] == "accepted" and decided[tuple(proposal.split("|"))] == "rejected"
