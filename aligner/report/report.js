(function () {
  "use strict";
  // The review page: the links one by one (left) and the full text (right), kept in step. Static,
  // it reads; served by `aligner review` (a #review-config element is there), it also edits: every
  // change goes to the server at once, with the version the page has (409: changed elsewhere).
  const byId = (id) => document.getElementById(id);
  const data = JSON.parse(byId("link-data").textContent);
  const configNode = byId("review-config");
  const config = configNode ? JSON.parse(configNode.textContent) : null;
  const slider = byId("min-score"), sliderValue = byId("min-score-value");
  const svg = byId("bands"), texts = byId("texts"), linkView = byId("link-view");
  const sides = { source: byId("side-source"), target: byId("side-target") };
  const translation = data.mode === "translation";
  let threshold = 0, links = [], current = null, version = null, busy = false;
  // sentences a person said have no counterpart in the other text: id → who
  let alone = {};
  // comparable texts, served: each source sentence's passage and the target passages the aligner
  // found likeliest for it, with their scores (the build's alignments JSON)
  let candidatesOf = {};
  const picked = { source: new Set(), target: new Set() };
  let picking = false;

  const rowsNode = el("div", { id: "rows" });
  linkView.replaceChildren(el("h2", {}, "Links"), listTools(), rowsNode);
  const keyOf = (l) => l.source.join(" ") + "|" + l.target.join(" ");
  const visible = (l) => l.score >= threshold || l.status === "accepted";
  const colour = (score) => `hsl(${Math.round(120 * score)}, 65%, 45%)`;
  const sentenceNode = (id) => byId("s-" + id);
  const textOf = (id) => { const n = sentenceNode(id); return n ? n.querySelector(".src").textContent : id; };
  const sideOf = (id) => { const n = sentenceNode(id); return n && n.closest("#side-target") ? "target" : "source"; };
  const order = {};
  document.querySelectorAll(".s").forEach((n, i) => { order[n.dataset.id] = i; });

  function setLinks(list) {
    links = list.map((l) => ({ source: l.source, target: l.target, score: l.score, status: l.status || "auto",
      resp: l.resp || null, evidence: l.evidence || [], reason: l.reason || "", key: keyOf(l), replaces: [], replacedBy: null }));
    // A link a person made (confirmed, scored 1) replaces the rejected proposals it shares a sentence
    // with: they leave the list and the counts, and the new link names them (its history)
    const made = links.filter((l) => l.status === "accepted" && l.score >= HAND_MADE);
    for (const l of links) {
      if (l.status !== "rejected") continue;
      const mine = new Set(l.source.concat(l.target));
      const by = made.find((m) => m.source.concat(m.target).some((id) => mine.has(id)));
      if (by) { l.replacedBy = by.key; by.replaces.push(l); }
    }
  }
  const HAND_MADE = 0.9995;
  const counted = () => links.filter((l) => !l.replacedBy);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value; else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // --- the English layer -------------------------------------------------------------------
  function englishOf(id) {
    const n = sentenceNode(id), en = n && n.querySelector(".en");
    return en ? { text: en.querySelector(".en-text").textContent, badges: Array.from(en.querySelectorAll(".badge")).map((b) => b.cloneNode(true)) } : null;
  }

  // The line each sentence had when the build wrote the page, kept when review first replaces it:
  // an undo that takes a line out of the sidecar shows that line again.
  const builtLines = {};
  let reviewLines = new Set();

  function editButton(id) {
    return el("button", { type: "button", class: "edit-en", title: "edit the English", "data-id": id,
      onclick: (e) => { e.stopPropagation(); const n = sentenceNode(id); editEnglish(id, n.querySelector(".en") || e.currentTarget); } }, "✎");
  }

  function setHumanLine(id, text, who) {
    const n = sentenceNode(id);
    if (!n) return;
    let en = n.querySelector(".en");
    if (!(id in builtLines)) builtLines[id] = en ? en.cloneNode(true) : null;
    if (!en) { en = el("span", { class: "en", lang: "en" }); n.querySelectorAll(":scope > .edit-en").forEach((b) => b.remove()); n.append(en); }
    en.replaceChildren(el("b", { class: "badge human", title: who }, "human"), el("span", { class: "en-text" }, text), editButton(id),
      withdrawButton(id));
  }

  // "Back to the machine line": a human line withdrawn (the next build does not bring it back)
  function withdrawButton(id) {
    return el("button", { type: "button", class: "withdraw-en", title: "back to the machine line: withdraw this human line",
      onclick: (e) => { e.stopPropagation(); send("change", { op: "withdraw", sentence: id }); } }, "↺");
  }
  function setWithdrawnLine(id, line) {
    const n = sentenceNode(id);
    if (!n) return;
    let en = n.querySelector(".en");
    if (!(id in builtLines)) builtLines[id] = en ? en.cloneNode(true) : null;
    if (!line.text) { if (en) en.remove(); n.querySelectorAll(":scope > .edit-en").forEach((b) => b.remove()); n.append(editButton(id)); return; }
    if (!en) { en = el("span", { class: "en", lang: "en" }); n.querySelectorAll(":scope > .edit-en").forEach((b) => b.remove()); n.append(en); }
    en.replaceChildren(el("b", { class: "badge " + line.kind, title: "the human line was withdrawn" }, line.kind),
      el("span", { class: "en-text" }, line.text), editButton(id));
  }

  function restoreBuiltLine(id) {
    const n = sentenceNode(id);
    if (!n || !(id in builtLines)) return;
    const en = n.querySelector(".en"), built = builtLines[id];
    if (built) {
      const line = built.cloneNode(true);
      line.querySelectorAll(".edit-en, .withdraw-en").forEach((b) => b.remove());  // a clone has lost its handlers
      line.append(editButton(id));
      if (line.querySelector(".badge.human")) line.append(withdrawButton(id));
      if (en) en.replaceWith(line); else n.append(line);
    } else if (en) { en.remove(); n.append(editButton(id)); }
  }

  function englishBlock(id) {
    const line = englishOf(id);
    const block = el("span", { class: "en", lang: "en" }, ...(line ? line.badges : []),
      el("span", { class: "en-text" }, line ? line.text : ""));
    if (config) block.append(el("button", { type: "button", class: "edit-en", title: "edit the English", "data-id": id,
      onclick: (e) => { e.stopPropagation(); editEnglish(id, block); } }, "✎"));
    return block;
  }

  function editEnglish(id, block) {
    const old = englishOf(id);
    const box = el("textarea", { class: "en-editor", rows: 2, "aria-label": `English of ${id}` });
    box.value = old ? old.text : "";
    const save = async () => { if (await send("change", { op: "english", sentence: id, text: box.value })) form.remove(); };
    const form = el("span", { class: "en-form" }, box,
      el("button", { type: "button", class: "save-en", onclick: save }, "Save"),
      el("button", { type: "button", onclick: () => form.remove() }, "Cancel"));
    box.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); save(); }
      if (e.key === "Escape") form.remove();
    });
    block.after(form);
    box.focus();
  }

  // --- the link view -----------------------------------------------------------------------
  function sorted() {
    const how = byId("order").value;
    const first = (l, side) => Math.min(...l[side].map((id) => order[id] ?? 1e9));
    const key = how === "score" ? (l) => [l.score, first(l, "source")]
      : how === "target" ? (l) => [first(l, "target"), 0] : (l) => [first(l, "source"), 0];
    return links.slice().sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1]; });
  }

  const inDocumentOrder = () => links.slice().sort((a, b) => order[a.source[0]] - order[b.source[0]]);

  // One compact row a link (score, shape, ids, status, reason; the first sentence of each side and
  // its English, each cut to one line), a page of them at a time: a pair of 10 000 links opens as
  // fast as one of 10. The current row opens in place into the whole link, with every edit.
  const PAGE = 200;
  let page = 0;
  const maxScore = () => { const v = parseFloat(byId("max-score").value); return Number.isNaN(v) ? 1 : v; };
  function listed(l) {
    const show = byId("show-status").value;
    return visible(l) && l.score <= maxScore() && (show === "all" && !l.replacedBy || l.status === show)
      && !(byId("hide-rejected").checked && l.status === "rejected" && show !== "rejected") && found(l);
  }
  // Search: words in either text or either English layer, or the start of a sentence id
  function found(l) {
    const query = byId("search").value.trim().toLowerCase();
    if (!query) return true;
    return l.source.concat(l.target).some((id) => id.toLowerCase().startsWith(query)
      || textOf(id).toLowerCase().includes(query) || englishText(id).toLowerCase().includes(query));
  }
  // Enter in the search box: go to the sentence of that id (or the first link found) and its link
  function goTo() {
    const query = byId("search").value.trim();
    const node = sentenceNode(query);
    if (node) {
      scrollWithin(node.closest(".side"), node);
      node.classList.add("focus");
      const touching = sorted().filter((l) => l.source.concat(l.target).includes(query));
      if (touching.length) select(touching[0].key, true);
      return;
    }
    const first = sorted().filter(listed)[0];
    if (first) select(first.key, true);
  }
  const englishText = (id) => { const line = englishOf(id); return line ? line.text : ""; };
  const more = (ids) => (ids.length > 1 ? ` (+${ids.length - 1})` : "");

  function statusText(link) {
    return link.status === "accepted" ? `confirmed${link.resp ? " by " + link.resp : ""}`
      : link.status === "rejected" ? `rejected${link.resp ? " by " + link.resp : ""}` : "not reviewed";
  }

  function card(link) {
    const open = link.key === current;
    const head = el("div", { class: "row-head" },
      el("span", { class: "score" + (link.score < data.below ? " low" : ""), title: "the aligner's score (0–1)" }, link.score.toFixed(2)),
      el("span", { class: "shape" }, `${link.source.length}–${link.target.length}`),
      el("span", { class: "ids" }, `${link.source[0]}${link.source.length > 1 ? "…" : ""} ↔ ${link.target[0]}${link.target.length > 1 ? "…" : ""}`),
      el("span", { class: "status" }, statusText(link)),
      el("span", { class: "reason", title: history(link) || link.reason || "" }, history(link) || link.reason || ""));
    if (config) {
      head.append(el("span", { class: "actions" },
        el("button", { type: "button", class: "confirm", title: "confirm (a)", onclick: () => decide(link, "accepted") }, link.status === "accepted" ? "✓ confirmed" : "✓"),
        el("button", { type: "button", class: "reject", title: "reject (r)", onclick: () => decide(link, "rejected") }, link.status === "rejected" ? "✗ rejected" : "✗")));
    }
    const lang = (side) => (side === "source" ? data.sourceLang : data.targetLang);
    const words = el("div", { class: "row-text" }, ...["source", "target"].map((side) =>
      el("span", { lang: lang(side) }, textOf(link[side][0]) + more(link[side]))));
    const english = el("div", { class: "row-en", lang: "en" }, ...["source", "target"].map((side) =>
      el("span", {}, englishText(link[side][0]))));
    const node = el("article", { class: `card ${link.status}${link.score < data.below ? " low" : ""}${open ? " open" : ""}`,
      "data-key": link.key, tabindex: 0 }, head, ...(open ? [] : [words, english]));
    if (open) node.append(...whole(link));
    node.addEventListener("click", (e) => {
      if (e.target.closest("button, textarea, details, .pair")) return;
      if (open) { current = null; renderCards(); } else select(link.key, false);
    });
    return node;
  }

  function history(link) {
    if (link.replacedBy) return `replaced by ${link.replacedBy.replace("|", " ↔ ")}`;
    return link.replaces.length ? "replaces " + link.replaces.map((l) => `${l.source[0]} ↔ ${l.target[0]} (${l.score.toFixed(2)})`).join(", ") : "";
  }

  // Relink in place: the ids of either side, changed and sent (Enter); the proposal is replaced
  function relinkForm(link) {
    const field = (side) => el("input", { type: "text", class: `relink-${side}`, value: link[side].join(" "),
      "aria-label": `${side === "source" ? data.source : data.target} sentence ids of the link` });
    const source = field("source"), target = field("target");
    const go = () => {
      const ids = (box) => box.value.split(/[\s,]+/).filter(Boolean);
      relink([link], [[ids(source), ids(target)]]);
    };
    for (const box of [source, target]) {
      box.addEventListener("keydown", (e) => { e.stopPropagation(); if (e.key === "Enter") { e.preventDefault(); go(); } });
    }
    return el("div", { class: "relink" }, "Relink: ", source, " ↔ ", target, " ",
      el("button", { type: "button", class: "relink-go", onclick: go }, "Relink"));
  }

  // Who changed what, and when (the pair TEI's <revisionDesc>), newest first
  function showHistory(list) {
    let box = byId("history");
    if (!box) {
      box = el("details", { id: "history" }, el("summary", {}), el("ol", {}));
      linkView.append(box);
    }
    box.querySelector("summary").textContent = `History: ${list.length} change(s)`;
    box.querySelector("ol").replaceChildren(...list.slice(0, 500).map((c) =>
      el("li", {}, el("time", { datetime: c.when }, c.when.replace("T", " ").replace("Z", " UTC")), ` ${c.who}: ${c.what}`)));
  }

  // Relink to one of the aligner's best candidates for the link's source passage: one click
  function candidateList(link) {
    const now = link.target.join(" ");
    const rows = candidatesOf[link.source[0]].map((c) => {
      const mine = c.target.join(" ") === now;
      return el("li", { class: "candidate" + (mine ? " mine" : "") },
        el("button", { type: "button", class: "use-candidate", disabled: mine, "data-target": c.target.join(" "),
          title: mine ? "this link's target" : `relink ${link.source[0]}${more(link.source)} to ${c.target[0]}${more(c.target)}`,
          onclick: () => relink([link], [[link.source, c.target]]) }, c.score.toFixed(2)),
        ` ${c.target[0]}${more(c.target)} `, el("span", { class: "candidate-text", lang: data.targetLang }, textOf(c.target[0])));
    });
    return el("details", { class: "candidates", open: true }, el("summary", {}, "Best candidates (the aligner's scores)"),
      el("ol", {}, ...rows));
  }

  function whole(link) {
    const body = el("div", { class: "pair" });
    for (const side of ["source", "target"]) {
      const column = el("div", { class: "card-side", lang: side === "source" ? data.sourceLang : data.targetLang });
      link[side].forEach((id, i) => {
        const row = el("p", { class: "cs", "data-id": id }, el("span", { class: "src" }, textOf(id)), englishBlock(id));
        if (config && link[side].length > 1) {
          row.prepend(el("button", { type: "button", class: "drop", title: `take ${id} out of this link`, onclick: () => dropSentence(link, side, id) }, "✕"));
        }
        column.append(row);
        if (config && translation && i < link[side].length - 1) {
          column.append(el("button", { type: "button", class: "cut", title: "split the link here", onclick: () => split(link, side, i + 1) }, "✂ split here"));
        }
      });
      if (config && translation) {
        column.append(el("span", { class: "shift" },
          el("button", { type: "button", class: "shift-up", title: "give this side's first sentence to the link before", onclick: () => shift(link, side, -1) }, "⇡ first to previous"),
          el("button", { type: "button", class: "shift-down", title: "give this side's last sentence to the link after", onclick: () => shift(link, side, 1) }, "⇣ last to next")));
      }
      body.append(column);
    }
    const parts = [];
    if (config) parts.push(relinkForm(link));
    if (config && candidatesOf[link.source[0]]) parts.push(candidateList(link));
    if (config && translation) {
      parts.push(el("div", { class: "row-tools" }, el("button", { type: "button", class: "merge", title: "merge with the next link in the text", onclick: () => merge(link) }, "Merge ↓")));
    }
    parts.push(body);
    if (link.reason) parts.push(el("p", { class: "why" }, link.reason));
    if (link.evidence.length) {
      parts.push(el("details", { class: "evidence" }, el("summary", {}, `why: ${link.evidence.length} sentence pair(s)`),
        ...link.evidence.map((e) => el("div", { class: "ev" },
          el("div", { lang: data.sourceLang }, textOf(e[0])), el("div", { lang: data.targetLang }, textOf(e[1])),
          el("small", {}, `sentence similarity ${e[2].toFixed(2)}`)))));
    }
    return parts;
  }

  function listTools() {
    const tools = el("div", { id: "list-tools" },
      el("label", {}, "Show ", el("select", { id: "show-status" },
        el("option", { value: "all" }, "all"), el("option", { value: "auto" }, "unreviewed"),
        el("option", { value: "accepted" }, "confirmed"), el("option", { value: "rejected" }, "rejected"))),
      el("label", {}, el("input", { type: "checkbox", id: "hide-rejected" }), " hide rejected"),
      el("label", {}, "score ≤ ", el("input", { type: "number", id: "max-score", min: 0, max: 1, step: 0.05, value: 1 })),
      el("input", { type: "search", id: "search", placeholder: "find words or an id (/)", "aria-label": "find words in both texts and their English, or go to an id" }),
      config ? el("button", { type: "button", id: "confirm-shown", title: "confirm every unreviewed link shown (c)", onclick: confirmShown }, "✓ all shown") : null,
      el("span", { id: "pager" }));
    tools.querySelector("#search").addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") { e.preventDefault(); goTo(); }
      if (e.key === "Escape") e.target.blur();
    });
    tools.addEventListener("change", () => { page = 0; renderCards(); });
    tools.addEventListener("input", (e) => { if (e.target.id === "max-score" || e.target.id === "search") { page = 0; renderCards(); } });
    return tools;
  }

  function renderCards() {
    const list = sorted().filter(listed);
    const pages = Math.max(1, Math.ceil(list.length / PAGE));
    const at = list.findIndex((l) => l.key === current);
    if (at >= 0 && renderCards.follow) page = Math.floor(at / PAGE);
    renderCards.follow = false;
    page = Math.min(page, pages - 1);
    const rows = list.slice(page * PAGE, (page + 1) * PAGE).map(card);
    const pager = byId("pager");
    pager.replaceChildren(`${list.length ? page * PAGE + 1 : 0}–${Math.min(list.length, (page + 1) * PAGE)} of ${list.length} `,
      el("button", { type: "button", id: "page-prev", disabled: page === 0, onclick: () => { page -= 1; renderCards(); } }, "‹"),
      el("button", { type: "button", id: "page-next", disabled: page >= pages - 1, onclick: () => { page += 1; renderCards(); } }, "›"));
    rowsNode.replaceChildren(...rows);
    if (!rows.length) rowsNode.append(el("p", {}, "No link shown: change the filters or the slider."));
    if (current) markCurrent(false);
  }

  function counter() {
    const live = counted(), relinked = links.length - live.length, none = Object.keys(alone).length;
    const reviewed = live.filter((l) => l.status !== "auto").length;
    // the summary's counts as the build counts them: links not rejected, by score band
    const kept = links.filter((l) => l.status !== "rejected");
    byId("link-count").textContent = kept.length;
    document.querySelectorAll(".band-count").forEach((b) => {
      const low = parseFloat(b.dataset.low), high = parseFloat(b.dataset.high);
      b.textContent = kept.filter((l) => l.score >= low && l.score < high).length;
    });
    byId("counter").textContent = `reviewed ${reviewed} of ${live.length} links` +
      ` (${live.filter((l) => l.status === "accepted").length} confirmed, ${live.filter((l) => l.status === "rejected").length} rejected` +
      `${relinked ? `, ${relinked} proposal(s) replaced` : ""})${none ? `; ${none} sentence(s) with no counterpart` : ""}`;
  }

  // "No counterpart": a mark on each such sentence, with a button that takes the decision back
  function setAlone(list) {
    alone = {};
    for (const item of list) for (const id of item.sentences) alone[id] = item.resp || "";
    document.querySelectorAll(".s.no-counterpart").forEach((n) => {
      n.classList.remove("no-counterpart");
      n.querySelectorAll(":scope > .nc").forEach((b) => b.remove());
    });
    for (const [id, who] of Object.entries(alone)) {
      const n = sentenceNode(id);
      if (!n) continue;
      n.classList.add("no-counterpart");
      const mark = el("span", { class: "nc", title: who ? `no counterpart: ${who}` : "no counterpart" }, "no counterpart");
      if (config) mark.append(" ", el("button", { type: "button", class: "nc-clear", title: "take back: it may have a counterpart",
        onclick: (e) => { e.stopPropagation(); send("change", { op: "nocounterpart", sentences: [id], clear: true }); } }, "✕"));
      n.insertBefore(mark, n.querySelector(".en"));
    }
  }

  // --- the full text, in step --------------------------------------------------------------
  function markText() {
    const shown = new Set();
    for (const l of links) if (visible(l) && l.status !== "rejected") l.source.concat(l.target).forEach((id) => shown.add(id));
    document.querySelectorAll(".s").forEach((s) => s.classList.toggle("linked-sentence", shown.has(s.dataset.id)));
    document.querySelectorAll(".passage").forEach((p) => {
      p.classList.toggle("unmatched", !p.dataset.sentences.split(" ").some((id) => shown.has(id)));
    });
    byId("visible-count").textContent = links.filter(visible).length;
    unmatchedCounts();
  }

  // A sentence in no link a person has not rejected is unmatched: counted again after each edit
  function unmatchedCounts() {
    const linked = new Set();
    for (const l of links) if (l.status !== "rejected") l.source.concat(l.target).forEach((id) => linked.add(id));
    for (const side of ["source", "target"]) {
      const node = byId("unmatched-" + side);
      let count = 0;
      sides[side].querySelectorAll(".s").forEach((s) => { if (!linked.has(s.dataset.id)) count += 1; });
      if (node) node.textContent = count;
    }
  }

  function markCurrent(scroll) {
    document.querySelectorAll(".card.current").forEach((n) => n.classList.remove("current"));
    document.querySelectorAll(".s.focus").forEach((n) => n.classList.remove("focus"));
    const link = links.find((l) => l.key === current);
    if (!link) return;
    const node = linkView.querySelector(`.card[data-key="${CSS.escape(current)}"]`);
    if (node) {
      node.classList.add("current");
      // its top, with its buttons, comes into view, whatever its height
      if (scroll) scrollWithin(linkView, node, 0);
    }
    link.source.concat(link.target).forEach((id) => { const s = sentenceNode(id); if (s) s.classList.add("focus"); });
  }

  function select(key, scrollCard) {
    current = key;
    renderCards.follow = true;
    renderCards();
    markCurrent(scrollCard);
    const link = links.find((l) => l.key === key);
    if (link) {
      for (const id of [link.source[0], link.target[0]]) {
        const s = sentenceNode(id);
        if (s) scrollWithin(s.closest(".side"), s);
      }
    }
    requestAnimationFrame(drawBands);
  }

  function scrollWithin(pane, node, fraction = 1 / 3) {
    if (!pane) return;
    const top = node.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
    pane.scrollTop = Math.max(0, top - pane.clientHeight * fraction - (fraction ? 0 : listToolsHeight()));
  }
  const listToolsHeight = () => byId("list-tools").offsetHeight + 4;

  function sentenceClicked(node, passage) {
    const ids = passage ? passage.dataset.sentences.split(" ") : [node.dataset.id];
    if (picking) {
      const side = sideOf(ids[0]);
      const all = ids.every((id) => picked[side].has(id));
      ids.forEach((id) => (all ? picked[side].delete(id) : picked[side].add(id)));
      showPicked();
      return;
    }
    const touching = sorted().filter((l) => visible(l) && l.source.concat(l.target).some((id) => ids.includes(id)));
    if (touching.length) select(touching[0].key, true);
  }

  // --- bands between linked passages (comparable texts) ---------------------------------------
  let drawing = false;
  function drawBands() {
    if (!svg || drawing) return;
    drawing = true;
    requestAnimationFrame(() => {
      drawing = false;
      const frame = texts.getBoundingClientRect();
      const left = sides.source.getBoundingClientRect(), right = sides.target.getBoundingClientRect();
      svg.setAttribute("width", frame.width); svg.setAttribute("height", frame.height);
      const x1 = left.right - frame.left, x2 = right.left - frame.left, mid = (x1 + x2) / 2;
      const clamp = (v, box) => Math.max(box.top, Math.min(box.bottom, v)) - frame.top;
      // every box is read before anything is drawn: a write between two reads would lay the page out again
      const paths = [];
      for (const link of links) {
        if (!visible(link) || link.status === "rejected") continue;
        const a = box(link.source, left), b = box(link.target, right);
        if (!a || !b || a.bottom < left.top || a.top > left.bottom || b.bottom < right.top || b.top > right.bottom) continue;
        const [at, ab, bt, bb] = [clamp(a.top, left), clamp(a.bottom, left), clamp(b.top, right), clamp(b.bottom, right)];
        const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
        path.setAttribute("d", `M${x1},${at} C${mid},${at} ${mid},${bt} ${x2},${bt} L${x2},${bb} C${mid},${bb} ${mid},${ab} ${x1},${ab} Z`);
        path.setAttribute("class", "band" + (link.key === current ? " active" : ""));
        path.setAttribute("data-link", link.key);
        path.setAttribute("fill", colour(link.score)); path.setAttribute("fill-opacity", "0.35"); path.setAttribute("stroke", colour(link.score));
        const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = `${link.source[0]} ↔ ${link.target[0]}: score ${link.score.toFixed(2)}`;
        path.appendChild(title);
        path.addEventListener("click", () => select(link.key, true));
        paths.push(path);
      }
      svg.replaceChildren(...paths);
    });
  }

  function box(ids, pane) {
    let top = Infinity, bottom = -Infinity;
    for (const id of ids) {
      const node = sentenceNode(id);
      if (!node) continue;
      // a passage out of view is not laid out (content-visibility): its own box says enough, and
      // asking for a sentence's inside it would lay it out
      const passage = node.closest(".passage"), outer = passage && passage.getBoundingClientRect();
      const away = outer && (outer.bottom < pane.top || outer.top > pane.bottom);
      const r = away ? outer : node.getBoundingClientRect();
      top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    }
    return top === Infinity ? null : { top, bottom };
  }

  function refresh() {
    threshold = parseFloat(slider.value);
    sliderValue.textContent = threshold.toFixed(2);
    renderCards(); markText(); counter(); drawBands();
  }

  // --- editing (served by `aligner review`) --------------------------------------------------
  function message(text, stale) {
    const box = byId("message");
    box.replaceChildren(text);
    if (stale) box.append(" ", el("button", { type: "button", onclick: () => location.reload() }, "Reload"));
    box.className = stale ? "stale" : "";
    box.hidden = !text;
  }

  function applyState(state) {
    version = state.version;
    setLinks(state.links);
    setAlone(state.no_counterpart || []);
    showHistory(state.history || []);
    candidatesOf = {};
    for (const entry of state.candidates || []) for (const id of entry.source) candidatesOf[id] = entry.targets;
    const english = state.english || {};
    const withdrawn = state.withdrawn || {};
    for (const [id, line] of Object.entries(english)) setHumanLine(id, line.text, line.who);
    for (const [id, line] of Object.entries(withdrawn)) setWithdrawnLine(id, line);
    for (const id of reviewLines) if (!(id in english) && !(id in withdrawn)) restoreBuiltLine(id);
    reviewLines = new Set(Object.keys(english).concat(Object.keys(withdrawn)));
    byId("undo").disabled = !state.undo;
    byId("undo").title = state.undo ? "undo (u): " + state.undo : "nothing to undo";
    byId("redo").disabled = !state.redo;
    byId("redo").title = state.redo ? "redo (y): " + state.redo : "nothing to redo";
    refresh();
  }

  async function send(what, body) {
    if (busy) return false;
    busy = true;
    try {
      const answer = await fetch(config.api + what, { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(what === "change" ? { version, change: body } : { version }) });
      const reply = await answer.json();
      if (!answer.ok) { message(reply.error || `refused (${answer.status})`, answer.status === 409); return false; }
      message(reply.undone ? `undone: ${reply.undone}` : reply.redone ? `redone: ${reply.redone}` : `saved: ${reply.undo}`, false);
      applyState(reply);
      return true;
    } catch (error) {
      message(`not saved: the review server does not answer (${error.message}); is \`aligner review\` still running?`, false);
      return false;
    } finally { busy = false; }
  }

  const pairOf = (l) => [l.source, l.target];
  function decide(link, status, toggle = true) {
    if (!toggle && link.status === status) return Promise.resolve(true);
    return send("change", { op: "status", link: pairOf(link), status: toggle && link.status === status ? "auto" : status });
  }
  function confirmShown() {
    const chosen = sorted().filter((l) => listed(l) && l.status === "auto");
    if (!chosen.length) { message("no unreviewed link is shown", false); return Promise.resolve(false); }
    return send("change", { op: "bulk", status: "accepted", links: chosen.map(pairOf) });
  }
  function relink(remove, add) { return send("change", { op: "relink", remove: remove.map(pairOf), add }); }
  function dropSentence(link, side, id) {
    const kept = { source: link.source, target: link.target };
    kept[side] = link[side].filter((x) => x !== id);
    return relink([link], [[kept.source, kept.target]]);
  }
  function neighbour(link, step) {
    const ordered = inDocumentOrder().filter((l) => l.status !== "rejected");
    return ordered[ordered.findIndex((l) => l.key === link.key) + step] || null;
  }
  function merge(link) {
    const next = neighbour(link, 1);
    if (!next) { message("no link after this one to merge with", false); return; }
    relink([link, next], [[link.source.concat(next.source), link.target.concat(next.target)]]);
  }
  function split(link, side, at) {
    const other = side === "source" ? "target" : "source";
    const cut = Math.min(at, link[other].length - 1) || 0;
    const first = { [side]: link[side].slice(0, at), [other]: link[other].slice(0, Math.max(1, cut)) };
    const second = { [side]: link[side].slice(at), [other]: link[other].slice(Math.max(1, cut)) };
    const add = [[first.source, first.target]];
    if (second.source.length && second.target.length) add.push([second.source, second.target]);
    relink([link], add);
  }
  function shift(link, side, step) {
    const other = neighbour(link, step);
    if (!other) { message(`no link ${step < 0 ? "before" : "after"} this one`, false); return; }
    const moved = step < 0 ? link[side][0] : link[side][link[side].length - 1];
    const mine = { source: link.source, target: link.target }, theirs = { source: other.source, target: other.target };
    mine[side] = link[side].filter((id) => id !== moved);
    theirs[side] = step < 0 ? other[side].concat([moved]) : [moved].concat(other[side]);
    const add = [[theirs.source, theirs.target]];
    if (mine.source.length && mine.target.length) add.push([mine.source, mine.target]);
    relink([link, other], add);
  }
  function showPicked() {
    document.querySelectorAll(".s.picked").forEach((n) => n.classList.remove("picked"));
    for (const side of ["source", "target"]) picked[side].forEach((id) => sentenceNode(id).classList.add("picked"));
    byId("picked").textContent = `${picked.source.size} ${data.source} and ${picked.target.size} ${data.target} sentence(s)`;
    byId("link-picked").disabled = !(picked.source.size && picked.target.size);
    byId("alone-picked").disabled = !(picked.source.size ? !picked.target.size : picked.target.size);
  }
  async function noCounterpart() {
    const sort = (set) => Array.from(set).sort((a, b) => order[a] - order[b]);
    const ids = sort(picked.source.size ? picked.source : picked.target);
    if (!ids.length || picked.source.size && picked.target.size) { message("pick sentences of one text only", false); return; }
    if (await send("change", { op: "nocounterpart", sentences: ids })) pickMode(false);
  }
  function pickMode(on) {
    picking = on;
    picked.source.clear(); picked.target.clear();
    byId("pick-bar").hidden = !on;
    document.body.classList.toggle("picking", on);
    showPicked();
  }

  const KEYS = [["j", "next unreviewed link"], ["k", "previous link"], ["a", "confirm the current link"],
    ["r", "reject the current link"], ["c", "confirm every unreviewed link shown"], ["n", "new link: pick sentences"],
    ["x", "the sentences picked (n) have no counterpart"],
    ["u", "undo (also Ctrl-Z)"], ["y", "redo (also Ctrl-Y)"], ["/", "find words or go to an id (Enter)"],
    ["?", "this list"], ["Esc", "close, cancel"]];
  function keysOverlay(show) {
    let box = byId("keys");
    if (!box) {
      box = el("div", { id: "keys", role: "dialog", "aria-label": "keys", hidden: true },
        el("h2", {}, "Keys"), el("dl", {}, ...KEYS.flatMap(([key, what]) => [el("dt", {}, el("kbd", {}, key)), el("dd", {}, what)])),
        el("button", { type: "button", onclick: () => keysOverlay(false) }, "Close"));
      document.body.append(box);
    }
    box.hidden = show === undefined ? !box.hidden : !show;
  }

  function moveTo(step, unreviewedOnly) {
    const list = sorted().filter(listed);
    let i = list.findIndex((l) => l.key === current);
    for (let n = 0; n < list.length; n++) {
      i = i + step;
      if (i < 0 || i >= list.length) return;
      if (!unreviewedOnly || list[i].status === "auto") { select(list[i].key, true); return; }
    }
  }

  // --- wiring ------------------------------------------------------------------------------
  document.querySelectorAll(".passage").forEach((p) => {
    p.addEventListener("click", (e) => {
      if (e.target.closest("button, textarea")) return;
      const s = e.target.closest(".s");
      sentenceClicked(s, s ? null : p);
    });
  });
  byId("order").addEventListener("change", () => { renderCards.follow = true; renderCards(); markCurrent(true); });
  byId("show-english").addEventListener("change", (e) => { document.body.classList.toggle("no-english", !e.target.checked); drawBands(); });
  slider.addEventListener("input", refresh);
  window.addEventListener("resize", drawBands);
  sides.source.addEventListener("scroll", drawBands, { passive: true });
  sides.target.addEventListener("scroll", drawBands, { passive: true });

  setLinks(data.links);
  setAlone(data.noCounterpart || []);
  if (config) {
    document.body.classList.add("editing");
    document.querySelectorAll(".s").forEach((s) => {
      const en = s.querySelector(".en");
      (en || s).append(editButton(s.dataset.id));
      if (en && en.querySelector(".badge.human")) en.append(withdrawButton(s.dataset.id));
    });
    byId("pick").addEventListener("click", () => pickMode(!picking));
    byId("pick-cancel").addEventListener("click", () => pickMode(false));
    byId("link-picked").addEventListener("click", async () => {
      const sort = (set) => Array.from(set).sort((a, b) => order[a] - order[b]);
      if (await send("change", { op: "relink", add: [[sort(picked.source), sort(picked.target)]] })) pickMode(false);
    });
    byId("link-picked").after(" ", el("button", { type: "button", id: "alone-picked", disabled: true,
      title: "the sentences picked in one text have no counterpart in the other (x)", onclick: noCounterpart }, "No counterpart"));
    byId("undo").addEventListener("click", () => send("undo"));
    byId("undo").after(" ", el("button", { type: "button", id: "redo", disabled: true, onclick: () => send("redo") }, "Redo"));
    document.addEventListener("keydown", (e) => {
      if (e.target.closest && e.target.closest("textarea, input, select") || e.ctrlKey && e.key !== "z" && e.key !== "y" || e.altKey || e.metaKey) return;
      const link = links.find((l) => l.key === current);
      if (e.key === "j") moveTo(1, true);
      else if (e.key === "k") moveTo(-1, false);
      else if ((e.key === "a" || e.key === "r") && link) {
        decide(link, e.key === "a" ? "accepted" : "rejected", false).then((done) => { if (done) moveTo(1, true); });
      }
      else if (e.key === "u" || (e.ctrlKey && e.key === "z")) send("undo");
      else if (e.key === "y" || (e.ctrlKey && e.key === "y")) send("redo");
      else if (e.key === "c") confirmShown();
      else if (e.key === "n") pickMode(!picking);
      else if (e.key === "x" && picking) noCounterpart();
      else if (e.key === "/") byId("search").focus();
      else if (e.key === "?") keysOverlay();
      else if (e.key === "Escape" && !byId("keys").hidden) keysOverlay(false);
      else if (e.key === "Escape" && picking) pickMode(false);
      else return;
      e.preventDefault();
    });
    fetch(config.api + "state").then((r) => r.json().then((state) => {
      if (!r.ok) throw new Error(state.error);
      applyState(state);
      document.body.dataset.ready = "true";
    })).catch((error) => { message(`cannot load the pair: ${error.message}`, false); document.body.dataset.ready = "true"; });
  } else {
    refresh();
    document.body.dataset.ready = "true";
  }
})();
