(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("link-data").textContent);
  const slider = document.getElementById("min-score");
  const sliderValue = document.getElementById("min-score-value");
  const detail = document.getElementById("detail");
  const svg = document.getElementById("bands");
  const texts = document.getElementById("texts");
  let threshold = 0;

  const visible = (link) => link.score >= threshold && !link.rejected;
  const byId = (id) => document.getElementById(id);
  const colour = (score) => `hsl(${Math.round(120 * score)}, 65%, 45%)`;

  function sentenceBox(ids) {
    let top = Infinity, bottom = -Infinity, el = null;
    for (const id of ids) {
      const node = byId("s-" + id);
      if (!node) continue;
      el = el || node;
      const r = node.getBoundingClientRect();
      top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    }
    return el ? { top, bottom, el } : null;
  }

  function drawBands() {
    if (!svg || data.mode !== "comparable") return;
    const frame = texts.getBoundingClientRect();
    const left = byId("side-source").getBoundingClientRect();
    const right = byId("side-target").getBoundingClientRect();
    svg.setAttribute("width", frame.width); svg.setAttribute("height", frame.height);
    svg.innerHTML = "";
    const x1 = left.right - frame.left, x2 = right.left - frame.left;
    for (const link of data.links) {
      if (!visible(link)) continue;
      const a = sentenceBox(link.source), b = sentenceBox(link.target);
      if (!a || !b) continue;
      const y = (v) => v - frame.top;
      const mid = (x1 + x2) / 2;
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", `M${x1},${y(a.top)} C${mid},${y(a.top)} ${mid},${y(b.top)} ${x2},${y(b.top)} ` +
        `L${x2},${y(b.bottom)} C${mid},${y(b.bottom)} ${mid},${y(a.bottom)} ${x1},${y(a.bottom)} Z`);
      path.setAttribute("class", "band");
      path.setAttribute("data-link", link.id);
      path.setAttribute("fill", colour(link.score));
      path.setAttribute("fill-opacity", "0.35");
      path.setAttribute("stroke", colour(link.score));
      const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = `${link.label}: score ${link.score.toFixed(2)}`;
      path.appendChild(title);
      path.addEventListener("click", () => showLinks([link], null));
      svg.appendChild(path);
    }
  }

  function applyThreshold() {
    threshold = parseFloat(slider.value);
    sliderValue.textContent = threshold.toFixed(2);
    const shown = new Set();
    for (const link of data.links) {
      const row = byId("row-" + link.id);
      const on = visible(link);
      if (row) row.classList.toggle("hidden-link", !on);
      if (on) { link.source.forEach((id) => shown.add(id)); link.target.forEach((id) => shown.add(id)); }
    }
    document.querySelectorAll(".s").forEach((s) => s.classList.toggle("linked-sentence", shown.has(s.dataset.id)));
    document.querySelectorAll(".passage").forEach((p) => {
      const ids = p.dataset.sentences.split(" ");
      p.classList.toggle("unmatched", !ids.some((id) => shown.has(id)));
    });
    document.getElementById("visible-count").textContent = data.links.filter(visible).length;
    drawBands();
  }

  function passageOf(sentenceId) {
    const node = byId("s-" + sentenceId);
    return node ? node.closest(".passage") : null;
  }

  function showLinks(links, focus) {
    document.querySelectorAll(".focus, .partner").forEach((n) => n.classList.remove("focus", "partner"));
    svg && svg.querySelectorAll(".band").forEach((b) => b.classList.remove("active"));
    if (focus) focus.classList.add("focus");
    let first = null;
    const parts = [];
    for (const link of links) {
      const side = focus && focus.closest("#side-target") ? link.source : link.target;
      for (const id of side) {
        const partner = passageOf(id);
        if (partner && partner !== focus) { partner.classList.add("partner"); first = first || partner; }
      }
      const band = svg && svg.querySelector(`[data-link="${link.id}"]`);
      if (band) band.classList.add("active");
      parts.push(`<div class="link-detail" data-link="${link.id}"><b>${link.label}</b> — score ${link.score.toFixed(2)}` +
        link.evidence.map((e) => `<div class="pair"><div lang="${data.sourceLang}">${e[0]}</div>` +
          `<div lang="${data.targetLang}">${e[1]}</div><small>sentence similarity ${e[2].toFixed(2)}</small></div>`).join("") +
        `</div>`);
    }
    if (first) first.scrollIntoView({ block: "center" });
    detail.innerHTML = `<h3>${links.length ? "Why these passages are linked" : "No link at this score"}</h3>` +
      (parts.join("") || "<p>This passage has no partner above the slider's score.</p>") +
      `<button type="button" id="close-detail">close</button>`;
    detail.hidden = false;
    byId("close-detail").addEventListener("click", () => { detail.hidden = true; });
    requestAnimationFrame(drawBands);
  }

  document.querySelectorAll(".passage").forEach((p) => p.addEventListener("click", () => {
    const ids = new Set(p.dataset.sentences.split(" "));
    const links = data.links.filter((l) => visible(l) && l.source.concat(l.target).some((id) => ids.has(id)));
    showLinks(links, p);
  }));
  document.querySelectorAll("tr.link").forEach((row) => row.addEventListener("click", () => {
    const link = data.links.find((l) => "row-" + l.id === row.id);
    const focus = link ? passageOf(link.source[0]) : null;
    showLinks(link ? [link] : [], focus);
  }));

  const order = byId("order");
  if (order) order.addEventListener("change", () => {
    const body = document.querySelector("#link-table tbody");
    const key = order.value === "target" ? "targetOrder" : "sourceOrder";
    Array.from(body.rows).sort((a, b) => parseFloat(a.dataset[key]) - parseFloat(b.dataset[key]))
      .forEach((row) => body.appendChild(row));
  });
  byId("show-english").addEventListener("change", (e) => {
    document.body.classList.toggle("no-english", !e.target.checked);
    drawBands();
  });
  slider.addEventListener("input", applyThreshold);
  window.addEventListener("resize", drawBands);
  applyThreshold();
  document.body.dataset.ready = "true";
})();
