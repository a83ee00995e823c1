"""`aligner review` without a browser: the store writes each decision into the files the build reads
(and the next build keeps them), and the server (Flask's test client) refuses what it must: no token,
another origin, another host, a path outside the output folder, a stale version (409)."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from aligner.errors import AlignerError
from aligner.formats.tei import TEI_NS, check_tei, read_links
from aligner.formats.tmx import read_tmx, validate_tmx
from aligner.review.app import create_app
from aligner.review.store import ReviewError, ReviewStore, StaleVersion

TOKEN = "t0ken-for-tests"


def pair_of(link):
    return [link["source"], link["target"]]


@pytest.fixture
def client(comparable_out):
    out, _ = comparable_out
    store = ReviewStore(out, "Ana Editor")
    app = create_app(store, TOKEN)
    return app.test_client(), store


def test_a_request_without_the_token_is_refused(client):
    http, _ = client
    for path in ("/", "/hi-th.html", "/api/hi-th/state", "/wrong/hi-th.html", f"/{TOKEN}x/hi-th.html"):
        answer = http.get(path)
        assert answer.status_code == 403, path
        assert "token" in answer.get_json()["error"]
    assert http.post("/api/hi-th/change", json={}).status_code == 403
    assert http.get(f"/{TOKEN}/hi-th.html").status_code == 200


def test_another_origin_or_host_is_refused(client):
    http, store = client
    version = store.state("hi-th")["version"]
    answer = http.post(f"/{TOKEN}/api/hi-th/undo", json={"version": version}, headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403 and "origin" in answer.get_json()["error"]
    assert http.get(f"/{TOKEN}/api/hi-th/state", headers={"Host": "evil.example:8000"}).status_code == 403
    # the page's own origin passes
    assert http.get(f"/{TOKEN}/api/hi-th/state", headers={"Origin": "http://localhost"}).status_code == 200
    # a form post (not JSON), which any page could send, is refused
    assert http.post(f"/{TOKEN}/api/hi-th/change", data={"version": version}).status_code == 415


def test_no_path_outside_the_output_folder_is_served(client):
    http, _ = client
    for path in (
        "../editions.json",
        "..%2feditions.json",
        "%2e%2e/%2e%2e/etc/passwd",
        "../tei/hi-th.xml",
        "hi-th.html/../../editions.json",
        "report/hi-th.html",
        "editions",
        "..",
        "index.html",
    ):
        answer = http.get(f"/{TOKEN}/{path}")
        assert answer.status_code in (403, 404), path
        assert b"editions" not in answer.data or answer.status_code == 404
    assert http.get(f"/{TOKEN}/api/../../x/state").status_code in (403, 404)
    assert http.get(f"/{TOKEN}/api/nope/state").status_code == 404


def test_the_served_page_is_the_built_page_with_editing_turned_on(client, comparable_out):
    http, _ = client
    out, _ = comparable_out
    page = http.get(f"/{TOKEN}/hi-th.html").get_data(as_text=True)
    assert '<script type="application/json" id="review-config">{"api": "api/hi-th/", "pair": "hi-th"}</script>' in page
    assert page.replace(
        page[
            page.index('<script type="application/json" id="review-config">') : page.index(
                "</script>", page.index('id="review-config"')
            )
            + 9
        ],
        "",
    ) == (out / "report" / "hi-th.html").read_text(encoding="utf-8")
    answer = http.get(f"/{TOKEN}/")
    assert answer.status_code == 200 and b'href="hi-th.html"' in answer.data
    assert answer.headers["Cache-Control"] == "no-store" and answer.headers["Referrer-Policy"] == "no-referrer"


def test_a_stale_save_is_refused_with_409_and_a_message(client):
    http, store = client
    state = http.get(f"/{TOKEN}/api/hi-th/state").get_json()
    link = state["links"][0]
    first = http.post(
        f"/{TOKEN}/api/hi-th/change",
        json={"version": state["version"], "change": {"op": "status", "link": pair_of(link), "status": "rejected"}},
    )
    assert first.status_code == 200 and first.get_json()["links"][0]["status"] == "rejected"
    # the second tab still has the old version
    second = http.post(
        f"/{TOKEN}/api/hi-th/change",
        json={"version": state["version"], "change": {"op": "english", "sentence": "th.p1.s1", "text": "Lost?"}},
    )
    assert second.status_code == 409
    assert "changed since your page loaded it" in second.get_json()["error"] and second.get_json()["stale"]
    assert store.state("hi-th")["english"] == {}  # nothing written
    # a bad change is a 400 that says what was wrong
    bad = http.post(
        f"/{TOKEN}/api/hi-th/change",
        json={
            "version": first.get_json()["version"],
            "change": {"op": "relink", "add": [[["hi.p9.s9"], ["th.p1.s1"]]]},
        },
    )
    assert bad.status_code == 400 and "hi.p9.s9: no such sentence" in bad.get_json()["error"]


def test_decisions_go_into_the_pair_tei_and_the_sidecar_and_the_next_build_keeps_them(comparable_out):
    out, rebuild = comparable_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("hi-th")
    assert state["reviewed"] == 0 and state["total"] == len(state["links"]) > 0
    rejected = state["links"][0]
    state = store.apply("hi-th", state["version"], {"op": "status", "link": pair_of(rejected), "status": "rejected"})
    made = [["hi.p2.s2"], ["th.p2.s1"]]
    state = store.apply("hi-th", state["version"], {"op": "relink", "add": [made]})
    state = store.apply(
        "hi-th",
        state["version"],
        {"op": "english", "sentence": "th.p1.s1", "text": " The land went\tto the peasants. "},
    )
    assert state["reviewed"] == 2 and state["english"]["th.p1.s1"] == {
        "text": "The land went to the peasants.",
        "who": "Ana Editor",
    }
    # written at once, in the files the build reads; the TEI stays well-formed and its pointers resolve
    decided = {(d.source, d.target): (d.status, d.resp) for d in read_links(out / "tei" / "hi-th.xml")}
    assert decided[(tuple(rejected["source"]), tuple(rejected["target"]))] == ("rejected", "Ana Editor")
    assert decided[(("hi.p2.s2",), ("th.p2.s1",))] == ("accepted", "Ana Editor")
    assert check_tei((out / "tei" / "hi-th.xml").read_bytes(), schema=False) == []
    sidecar = (out / "translations" / "th.en.tsv").read_text(encoding="utf-8")
    assert "th.p1.s1\t" in sidecar and "\tThe land went to the peasants.\tAna Editor\t" in sidecar

    rebuild(out, min_score=0.99)
    decided = {(d.source, d.target): (d.status, d.resp) for d in read_links(out / "tei" / "hi-th.xml")}
    assert decided[(tuple(rejected["source"]), tuple(rejected["target"]))] == ("rejected", "Ana Editor")
    assert decided[(("hi.p2.s2",), ("th.p2.s1",))] == ("accepted", "Ana Editor")
    data = (out / "tmx" / "hi-th.tmx").read_bytes()
    assert validate_tmx(data) == []
    units = read_tmx(out / "tmx" / "hi-th.tmx")
    # the confirmed link is there whatever --min-score says, and says a person confirmed it
    assert [
        (u.props["x-aligner-source-ids"], u.props["x-aligner-status"], u.props.get("x-aligner-reviewer"))
        for u in units
        if u.props["x-aligner-status"] == "accepted"
    ] == [("hi.p2.s2", "accepted", "Ana Editor")]
    assert all(
        u.props["x-aligner-source-ids"] != " ".join(rejected["source"])
        or u.props["x-aligner-target-ids"] != " ".join(rejected["target"])
        for u in units
    )
    english = {u.props["x-aligner-sentence-id"]: u.variants["en"] for u in read_tmx(out / "tmx" / "th-en.tmx")}
    assert english["th.p1.s1"][0] == "The land went to the peasants."
    assert english["th.p1.s1"][1]["x-aligner-provenance"] == "human"
    assert english["th.p1.s1"][1]["x-aligner-translator"] == "Ana Editor"
    tei = etree.parse(str(out / "tei" / "th.xml"))
    line = tei.find(f".//{{{TEI_NS}}}div[@type='translation']//{{{TEI_NS}}}s[@corresp='#th.p1.s1']")
    assert line.text == "The land went to the peasants." and "human" in line.get("resp")
    # --confirmed-only: the pair TM holds the confirmed link only
    rebuild(out, confirmed_only=True)
    assert [u.props["x-aligner-status"] for u in read_tmx(out / "tmx" / "hi-th.tmx")] == ["accepted"]
    # and the page the build wrote counts the decisions
    assert '"status": "rejected", "resp": "Ana Editor"' in (out / "report" / "hi-th.html").read_text(encoding="utf-8")


def test_undo_puts_the_files_back_and_a_stale_undo_is_refused(comparable_out):
    out, _ = comparable_out
    store = ReviewStore(out, "Ana Editor")
    before = {p: p.read_bytes() if p.exists() else None for p in store.pair("hi-th").files}
    state = store.state("hi-th")
    state = store.apply("hi-th", state["version"], {"op": "english", "sentence": "hi.p1.s1", "text": "First."})
    assert state["undo"] == "English of hi.p1.s1"
    with pytest.raises(StaleVersion):
        store.undo("hi-th", "0000")
    state = store.undo("hi-th", state["version"])
    assert state["undone"] == "English of hi.p1.s1" and state["undo"] is None
    assert {p: p.read_bytes() if p.exists() else None for p in store.pair("hi-th").files} == before
    with pytest.raises(ReviewError, match="nothing to undo"):
        store.undo("hi-th", state["version"])


def test_ordered_operations_merge_split_shift_and_drop(translation_out):
    out, rebuild = translation_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    start = [pair_of(link) for link in state["links"]]
    # the build's links, whatever they are, come in text order and share no sentence
    assert start and start == sorted(start)
    assert len({i for s, t in start for i in (*s, *t)}) == sum(len(s) + len(t) for s, t in start)
    holding = [pair for pair in start if {"de.p1.s3", "de.p1.s4", "fr.p1.s3", "fr.p1.s4"} & {*pair[0], *pair[1]}]
    # merge: the links holding sentences 3 and 4 become one 2-2; ids come back in text order,
    # whatever order the page sent them in
    state = store.apply(
        "de-fr",
        state["version"],
        {"op": "relink", "remove": holding, "add": [[["de.p1.s4", "de.p1.s3"], ["fr.p1.s3", "fr.p1.s4"]]]},
    )
    accepted = [pair_of(link) for link in state["links"] if link["status"] == "accepted"]
    assert accepted == [[["de.p1.s3", "de.p1.s4"], ["fr.p1.s3", "fr.p1.s4"]]]
    # split the 2-2 into two 1-1 links
    state = store.apply(
        "de-fr",
        state["version"],
        {"op": "relink", "remove": accepted, "add": [[["de.p1.s3"], ["fr.p1.s3"]], [["de.p1.s4"], ["fr.p1.s4"]]]},
    )
    live = [pair_of(link) for link in state["links"] if link["status"] != "rejected"]
    assert [["de.p1.s3"], ["fr.p1.s3"]] in live and [["de.p1.s4"], ["fr.p1.s4"]] in live
    assert [["de.p1.s3", "de.p1.s4"], ["fr.p1.s3", "fr.p1.s4"]] not in live
    # shift: a new link in an ordered alignment takes its sentences from the links that had them
    state = store.apply(
        "de-fr", state["version"], {"op": "relink", "add": [[["de.p1.s1", "de.p1.s2"], ["fr.p1.s1", "fr.p1.s2"]]]}
    )
    by_pair = {json.dumps(pair_of(link)): link["status"] for link in state["links"]}
    assert by_pair[json.dumps([["de.p1.s1", "de.p1.s2"], ["fr.p1.s1", "fr.p1.s2"]])] == "accepted"
    for pair in start:
        if {"de.p1.s1", "de.p1.s2", "fr.p1.s1", "fr.p1.s2"} & {*pair[0], *pair[1]}:
            assert by_pair[json.dumps(pair)] == "rejected"
    assert check_tei((out / "tei" / "de-fr.xml").read_bytes(), schema=False) == []
    # the build keeps it all, and drops nothing a person confirmed
    rebuild(out)
    links = [(d.source, d.target, d.status) for d in read_links(out / "tei" / "de-fr.xml")]
    for confirmed in [
        (("de.p1.s1", "de.p1.s2"), ("fr.p1.s1", "fr.p1.s2")),
        (("de.p1.s3",), ("fr.p1.s3",)),
        (("de.p1.s4",), ("fr.p1.s4",)),
    ]:
        assert (*confirmed, "accepted") in links
    live = [(s, t) for s, t, status in links if status != "rejected"]
    sentences = [i for s, t in live for i in (*s, *t)]
    assert len(sentences) == len(set(sentences))  # no sentence in two live links of an ordered alignment


def test_bad_changes_are_refused_with_a_reason(comparable_out):
    out, _ = comparable_out
    store = ReviewStore(out, "Ana Editor")
    version = store.state("hi-th")["version"]
    for change, reason in [
        ({"op": "fly"}, "unknown change"),
        ({"op": "status", "link": [["hi.p1.s1"], ["th.p2.s1"]], "status": "accepted"}, "no link"),
        ({"op": "status", "link": "x", "status": "accepted"}, "a link is"),
        ({"op": "relink", "add": [[[], ["th.p1.s1"]]]}, "at least one sentence"),
        ({"op": "relink"}, "removes or adds"),
        ({"op": "english", "sentence": "th.p1.s1", "text": "  "}, "cannot be empty"),
        ({"op": "english", "sentence": "th.p1.s1", "text": "a\x01b"}, "XML cannot"),
        ({"op": "english", "sentence": "zz", "text": "a"}, "no such sentence"),
    ]:
        with pytest.raises(ReviewError, match=reason):
            store.apply("hi-th", version, change)
    assert store.state("hi-th")["version"] == version


def test_the_command_line_says_what_is_wrong_in_one_line(tmp_path):
    import subprocess
    import sys

    for folder, words in [(tmp_path / "missing", "no such output folder"), (tmp_path, "no aligned pair to review")]:
        run = subprocess.run(
            [sys.executable, "-m", "aligner", "review", "--out", str(folder), "--no-browser"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode != 0 and words in run.stderr
        assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    with pytest.raises(AlignerError):
        ReviewStore(tmp_path, "x")


def test_the_pair_tei_review_wrote_validates_against_tei_all(translation_out, tei_schema):
    out, _ = translation_out
    store = ReviewStore(out, "Ana Editor")
    state = store.state("de-fr")
    state = store.apply(
        "de-fr", state["version"], {"op": "status", "link": pair_of(state["links"][0]), "status": "accepted"}
    )
    store.apply(
        "de-fr",
        state["version"],
        {
            "op": "relink",
            "remove": [pair_of(state["links"][1])],
            "add": [[["de.p1.s1", "de.p1.s3"], ["fr.p1.s1", "fr.p1.s3"]]],
        },
    )
    assert check_tei((out / "tei" / "de-fr.xml").read_bytes()) == []
