"use strict";
const state = { outlet: "", type: "", from: "", to: "", speaker: 0 };
const $ = (s) => document.querySelector(s);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") e.addEventListener("click", v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function inRange(d) {
  if (!state.from && !state.to) return true;
  if (!d) return false;
  if (state.from && d < state.from) return false;
  if (state.to && d.slice(0, state.to.length) > state.to) return false;
  return true;
}
function compute() {
  const sp = META.speakers.map(() => ({ claims: [], articles: new Set() }));
  const en = META.entities.map(() => ({ mentions: 0, articles: [] }));
  const gr = new Map(META.groups.map((g) => [g.g, { claims: [], articles: new Set() }]));
  for (const a of ARTICLES) {
    if (state.outlet && a.o !== state.outlet) continue;
    for (const c of a.c) {
      if (!inRange(c.d)) continue;
      if (c.s !== null && c.s !== undefined) {
        const s = META.speakers[c.s];
        if (!state.type || s.type === state.type) { sp[c.s].claims.push([a, c]); sp[c.s].articles.add(a); }
      }
      if (c.g && gr.has(c.g)) { gr.get(c.g).claims.push([a, c]); gr.get(c.g).articles.add(a); }
    }
    if (!inRange(a.d)) continue;
    for (const [ei, n] of a.e) {
      if (state.type && META.entities[ei].type !== state.type) continue;
      en[ei].mentions += n; en[ei].articles.push(a);
    }
  }
  return { sp, en, gr };
}
function reviewLink(a, c) {
  if (!META.review) return null;
  return META.review + "#d" + a.i + (c ? "-c" + c.n : "");
}
function showClaims(title, items) {
  $("#details-title").textContent = title;
  const list = $("#details-list"); list.replaceChildren();
  for (const [a, c] of items) {
    const s = c.s !== null && c.s !== undefined ? META.speakers[c.s].name : c.k;
    const href = reviewLink(a, c);
    const where = href ? el("a", { href }, a.t || a.id) : (a.t || a.id);
    list.append(el("li", { class: "claim" }, el("b", {}, s), " (" + c.t + ", " + (c.d || "undated") + ", " + a.o + "): " + quoted(c.x) + " — ", where));
  }
}
function showArticles(title, articles) {
  $("#details-title").textContent = title;
  const list = $("#details-list"); list.replaceChildren();
  for (const a of articles) {
    const href = reviewLink(a, null);
    const name = a.t || a.id;
    list.append(el("li", { class: "article" }, href ? el("a", { href }, name) : name, " (" + a.o + ", " + (a.d || "undated") + ")"));
  }
}
function quoted(x) { return /^["“‘']/.test(x) ? x : "“" + x + "”"; }
function count(n, onclick) { return el("button", { class: "count", type: "button", onclick }, n); }
function render() {
  const { sp, en, gr } = compute();
  const sBody = $("#speakers tbody"); sBody.replaceChildren();
  const order = META.speakers.map((_, i) => i).filter((i) => sp[i].claims.length > 0)
    .sort((x, y) => sp[y].claims.length - sp[x].claims.length || x - y);
  let claims = 0;
  for (const i of order) {
    const s = META.speakers[i], c = sp[i];
    claims += c.claims.length;
    const arts = [...c.articles];
    sBody.append(el("tr", { "data-key": s.key },
      el("td", {}, el("button", { class: "name", type: "button", onclick: () => { state.speaker = i; renderTimeline(sp); } }, s.name)),
      el("td", {}, s.type),
      el("td", { class: "n claims" }, count(c.claims.length, () => showClaims("Claims by " + s.name, c.claims))),
      el("td", { class: "n articles" }, count(arts.length, () => showArticles("Articles quoting " + s.name, arts))),
      el("td", {}, s.roles.join("; "))));
  }
  const eBody = $("#entities tbody"); eBody.replaceChildren();
  const eOrder = META.entities.map((_, i) => i).filter((i) => en[i].mentions > 0)
    .sort((x, y) => en[y].articles.length - en[x].articles.length || en[y].mentions - en[x].mentions || x - y);
  for (const i of eOrder) {
    const e = META.entities[i], c = en[i];
    eBody.append(el("tr", { "data-key": e.key }, el("td", {}, e.name), el("td", {}, e.type),
      el("td", { class: "n mentions" }, c.mentions),
      el("td", { class: "n articles" }, count(c.articles.length, () => showArticles("Articles naming " + e.name, c.articles)))));
  }
  const gBody = $("#groups tbody"); gBody.replaceChildren();
  for (const g of META.groups) {
    const c = gr.get(g.g);
    if (!c || c.articles.size < 2) continue;
    gBody.append(el("tr", { "data-group": g.g }, el("td", {}, quoted(g.content.slice(0, 200))), el("td", {}, g.name || g.speaker),
      el("td", { class: "n claims" }, count(c.claims.length, () => showClaims("Statement " + g.g, c.claims))),
      el("td", { class: "n articles" }, c.articles.size)));
  }
  $("#shown").textContent = claims + " claims by " + order.length + " of the top " + META.speakers.length +
    " speakers; " + eOrder.length + " of the top " + META.entities.length + " entities; " + gBody.children.length + " repeated statements shown";
  renderTimeline(sp);
}
function renderTimeline(sp) {
  const svg = $("#timeline-svg"); svg.replaceChildren();
  const s = META.speakers[state.speaker];
  $("#timeline-name").textContent = s ? s.name : "";
  if (!s) return;
  const buckets = new Map(); let undated = 0;
  for (const [, c] of sp[state.speaker].claims) {
    if (!c.d) { undated++; continue; }
    const key = c.d.length >= 7 ? c.d.slice(0, 7) : c.d.slice(0, 4);
    buckets.set(key, (buckets.get(key) || 0) + 1);
  }
  $("#timeline-undated").textContent = undated ? undated + " undated." : "";
  const keys = [...buckets.keys()].sort();
  const max = Math.max(1, ...buckets.values());
  const width = svg.clientWidth || 600, height = 180, pad = 20;
  const w = keys.length ? (width - 2 * pad) / keys.length : 0;
  const ns = "http://www.w3.org/2000/svg";
  keys.forEach((k, j) => {
    const n = buckets.get(k), h = (height - 2 * pad) * n / max;
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", pad + j * w + 1); r.setAttribute("y", height - pad - h);
    r.setAttribute("width", Math.max(1, w - 2)); r.setAttribute("height", h);
    r.setAttribute("class", "bar"); r.setAttribute("data-bucket", k); r.setAttribute("data-count", n);
    const t = document.createElementNS(ns, "title"); t.textContent = k + ": " + n; r.append(t);
    svg.append(r);
  });
  for (const [k, x] of [[keys[0], pad], [keys[keys.length - 1], width - pad]]) {
    if (!k) continue;
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", x); t.setAttribute("y", height - 4); t.setAttribute("font-size", "11");
    t.setAttribute("text-anchor", x === pad ? "start" : "end"); t.textContent = k; svg.append(t);
  }
}
function init() {
  const s = META.summary;
  $("#summary").textContent = s.documents + " articles, " + s.claims + " claims, " + s.speakers + " speakers, " +
    s.entities + " entities, " + s.repeated_statements + " repeated statements";
  const outlets = [...new Set(ARTICLES.map((a) => a.o))].sort();
  for (const o of outlets) $("#filter-outlet").append(el("option", { value: o }, o));
  const types = [...new Set([...META.speakers, ...META.entities].map((x) => x.type))].sort();
  for (const t of types) $("#filter-type").append(el("option", { value: t }, t));
  const bind = (id, key) => $(id).addEventListener(id.includes("from") || id.includes("to") ? "input" : "change",
    (ev) => { state[key] = ev.target.value.trim(); render(); });
  bind("#filter-outlet", "outlet"); bind("#filter-type", "type"); bind("#filter-from", "from"); bind("#filter-to", "to");
  $("#filter-clear").addEventListener("click", () => {
    Object.assign(state, { outlet: "", type: "", from: "", to: "" });
    for (const id of ["#filter-outlet", "#filter-type", "#filter-from", "#filter-to"]) $(id).value = "";
    render();
  });
  render();
}
init();
