// filters.js: the filter column (types, predicates, modalities, document,
// dates) and the timeline strip of the documents' dates, which filters by
// brushing. Filters act on what has been fetched: nothing is refetched.
import { el, svg, $, plural } from "./dom.js";
import { KINDS, MODALITIES, icon, tentative } from "./kinds.js";

/** Filters renders the filter column and keeps the model's filters. */
export class Filters {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.build();
  }

  build() {
    const f = this.app.model.filters;
    this.types = el("fieldset", { class: "filter" }, el("legend", { text: "Types" }),
      KINDS.map((k) => this.check("type-" + k.type, [icon(k.type), " " + k.type], !f.xTypes.has(k.type), (on) => this.toggle(f.xTypes, k.type, on), k.type)));
    this.mods = el("fieldset", { class: "filter" }, el("legend", { text: "Modality" }),
      MODALITIES.map((m) => this.check("mod-" + m, [el("span", { class: "line-sample" + (tentative(m) ? " dashed" : ""), "aria-hidden": "true" }), " " + m], !f.xMods.has(m), (on) => this.toggle(f.xMods, m, on))));
    this.preds = el("fieldset", { class: "filter" }, el("legend", { text: "Predicates" }), el("div", { class: "pred-list" }));
    this.docSel = el("select", { id: "f-doc", on: { change: () => { f.doc = this.docSel.value; this.app.model.changed("filters"); } } });
    this.since = el("input", { id: "f-since", type: "date", on: { change: () => { f.since = this.since.value; this.app.model.changed("filters"); } } });
    this.until = el("input", { id: "f-until", type: "date", on: { change: () => { f.until = this.until.value; this.app.model.changed("filters"); } } });
    this.undated = this.check("f-undated", "include undated documents", f.undated, (on) => { f.undated = on; this.app.model.changed("filters"); });
    const docs = el("fieldset", { class: "filter" }, el("legend", { text: "Documents" }),
      el("label", { for: "f-doc", class: "visually-hidden", text: "Document" }), this.docSel,
      el("div", { class: "dates" },
        el("label", { for: "f-since", text: "From" }), this.since,
        el("label", { for: "f-until", text: "To" }), this.until),
      this.undated,
      el("button", { type: "button", class: "small", on: { click: () => this.clearDates() } }, "Any date"));
    this.reset = el("button", { type: "button", class: "small", id: "f-reset", on: { click: () => this.resetAll() } }, "Reset filters");
    this.root.replaceChildren(el("h2", { class: "col-title", text: "Filters" }), this.types, this.preds, this.mods, docs, this.reset);
  }

  check(id, label, checked, onChange, value) {
    const box = el("input", { type: "checkbox", id, checked, value, on: { change: (e) => onChange(e.target.checked) } });
    return el("div", { class: "check" }, box, el("label", { for: id }, label));
  }

  toggle(set, v, on) {
    if (on) set.delete(v);
    else set.add(v);
    this.app.model.changed("filters");
  }

  clearDates() {
    const f = this.app.model.filters;
    f.since = f.until = "";
    this.app.model.changed("filters");
  }

  resetAll() {
    const f = this.app.model.filters;
    f.xTypes.clear(); f.xPreds.clear(); f.xMods.clear();
    f.doc = f.since = f.until = "";
    f.undated = true;
    this.app.model.changed("filters");
  }

  /** refresh brings the controls in line with the model (after a URL load or a brush). */
  refresh() {
    const m = this.app.model, f = m.filters;
    const vis = m.visible();
    const typeCounts = {};
    for (const id of vis.nodes) { const t = m.nodes.get(id).type; typeCounts[t] = (typeCounts[t] || 0) + 1; }
    for (const k of KINDS) {
      const box = $("type-" + k.type);
      box.checked = !f.xTypes.has(k.type);
      box.nextSibling.dataset.count = typeCounts[k.type] || 0;
    }
    for (const mo of MODALITIES) $("mod-" + mo).checked = !f.xMods.has(mo);
    const predCounts = {};
    for (const v of vis.edges.values()) predCounts[v.edge.predicate] = (predCounts[v.edge.predicate] || 0) + 1;
    const list = this.preds.querySelector(".pred-list");
    const preds = m.predicates().map(([p]) => p);
    const shown = [...list.querySelectorAll("input")].map((b) => b.value);
    if (preds.join() !== shown.join() || !list.firstChild) {
      // Rebuilt only when the predicates change, so that a checkbox in use
      // keeps the focus.
      const focused = list.contains(document.activeElement) ? document.activeElement.id : null;
      list.replaceChildren(...(preds.length ? preds.map((p) => this.check("pred-" + p, p, true, (on) => this.toggle(f.xPreds, p, on), p))
        : [el("p", { class: "hint", text: "Open an entity to list its predicates." })]));
      if (focused && $(focused)) $(focused).focus();
    }
    for (const p of preds) {
      const box = $("pred-" + p);
      box.checked = !f.xPreds.has(p);
      box.nextSibling.dataset.count = predCounts[p] || 0;
    }
    if (this.docSel.options.length !== m.docs.size + 1) {
      const docs = [...m.docs.values()].sort((a, b) => (b.published || "").localeCompare(a.published || "") || a.id.localeCompare(b.id));
      this.docSel.replaceChildren(el("option", { value: "", text: "All documents" }),
        ...docs.map((d) => el("option", { value: d.id, text: (d.published ? d.published + " " : "") + (d.title || d.id) })));
    }
    this.docSel.value = f.doc;
    this.since.value = f.since.length === 10 ? f.since : "";
    this.until.value = f.until.length === 10 ? f.until : "";
    $("f-undated").checked = f.undated;
    this.reset.disabled = !m.filtersActive();
  }
}

/**
 * Timeline draws the documents on a time axis; dragging across it sets the
 * date filter, a click clears it. Undated documents sit in their own box.
 */
export class Timeline {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.brush = null;
    root.addEventListener("pointerdown", (e) => this.down(e));
    root.addEventListener("pointermove", (e) => this.move(e));
    root.addEventListener("pointerup", (e) => this.up(e));
    new ResizeObserver(() => this.refresh()).observe(root);
  }

  scale() {
    const m = this.app.model;
    const dates = [...m.docs.values()].map((d) => d.published).filter(Boolean).map((d) => Date.parse(d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d));
    const w = this.root.clientWidth || 800;
    const left = 130, right = w - 20;
    if (!dates.length) return null;
    let lo = Math.min(...dates), hi = Math.max(...dates);
    const pad = Math.max((hi - lo) * 0.08, 15 * 864e5);
    lo -= pad; hi += pad;
    return { lo, hi, left, right, x: (t) => left + ((t - lo) / (hi - lo)) * (right - left), t: (x) => lo + ((x - left) / (right - left)) * (hi - lo) };
  }

  refresh() {
    const m = this.app.model, f = m.filters;
    const w = this.root.clientWidth || 800, h = this.root.clientHeight || 64;
    const sc = this.scale();
    const onScreen = new Set();
    for (const v of m.visible().edges.values()) for (const d of v.docs) onScreen.add(d);
    const kids = [];
    const undated = [...m.docs.values()].filter((d) => !d.published);
    kids.push(svg("rect", { x: 6, y: 8, width: 112, height: h - 16, rx: 4, class: "tl-undated-box" + (f.undated ? "" : " off") }));
    kids.push(svg("text", { x: 14, y: 22, class: "tl-label", text: "undated" }));
    undated.forEach((d, i) => kids.push(this.dot(16 + (i % 9) * 11, 36 + Math.floor(i / 9) * 11, d, onScreen)));
    if (sc) {
      kids.push(svg("line", { x1: sc.left, x2: sc.right, y1: h - 18, y2: h - 18, class: "tl-axis" }));
      for (const tick of this.ticks(sc)) {
        const x = sc.x(tick.t);
        kids.push(svg("line", { x1: x, x2: x, y1: h - 21, y2: h - 15, class: "tl-axis" }));
        kids.push(svg("text", { x, y: h - 4, class: "tl-label", "text-anchor": "middle", text: tick.label }));
      }
      if (f.since || f.until) {
        const a = f.since ? sc.x(Date.parse(f.since.padEnd(10, "-01").slice(0, 10))) : sc.left;
        const b = f.until ? sc.x(Date.parse(f.until.padEnd(10, "-28").slice(0, 10))) : sc.right;
        kids.push(svg("rect", { x: Math.max(sc.left, a), y: 4, width: Math.max(2, Math.min(sc.right, b) - Math.max(sc.left, a)), height: h - 24, class: "tl-range" }));
      }
      const stack = new Map();
      for (const d of [...m.docs.values()].filter((d) => d.published).sort((a, b) => a.published.localeCompare(b.published))) {
        const x = Math.round(sc.x(Date.parse(d.published.length === 4 ? d.published + "-01-01" : d.published)));
        const n = stack.get(x) || 0;
        stack.set(x, n + 1);
        kids.push(this.dot(x, h - 30 - n * 11, d, onScreen));
      }
    } else {
      kids.push(svg("text", { x: 140, y: h / 2, class: "tl-label", text: "No document has a publication date." }));
    }
    if (this.brush) {
      const [a, b] = [Math.min(this.brush.a, this.brush.b), Math.max(this.brush.a, this.brush.b)];
      kids.push(svg("rect", { x: a, y: 4, width: b - a, height: h - 24, class: "tl-brush" }));
    }
    const dated = m.docs.size - undated.length;
    const s = svg("svg", { width: w, height: h, role: "img", "aria-label": "Timeline: " + plural(dated, "dated document") + ", " + undated.length + " undated. Drag across it to filter by date; the From and To fields do the same." }, ...kids);
    this.root.replaceChildren(s);
  }

  dot(x, y, d, onScreen) {
    const inRange = this.app.model.docInRange(d.id) && (!this.app.model.filters.doc || this.app.model.filters.doc === d.id);
    return svg("circle", { cx: x, cy: y, r: 4.5, class: "tl-doc" + (onScreen.has(d.id) ? " on" : "") + (inRange ? "" : " out") },
      svg("title", { text: (d.published || "undated") + " · " + (d.title || d.id) + (onScreen.has(d.id) ? " (on screen)" : "") }));
  }

  ticks(sc) {
    const out = [];
    const span = sc.hi - sc.lo;
    const start = new Date(sc.lo);
    const month = span < 3 * 365 * 864e5;
    const step = month ? Math.max(1, Math.round(span / (864e5 * 30) / 8)) : Math.max(1, Math.round(span / (864e5 * 365) / 8));
    let d = month ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)) : new Date(Date.UTC(start.getUTCFullYear() + 1, 0, 1));
    while (d.getTime() < sc.hi && out.length < 40) {
      out.push({ t: d.getTime(), label: month ? d.toISOString().slice(0, 7) : String(d.getUTCFullYear()) });
      d = month ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1)) : new Date(Date.UTC(d.getUTCFullYear() + step, 0, 1));
    }
    return out;
  }

  localX(e) { return e.clientX - this.root.getBoundingClientRect().left; }

  down(e) {
    const sc = this.scale();
    if (!sc || this.localX(e) < sc.left - 10) return;
    this.root.setPointerCapture(e.pointerId);
    this.brush = { a: this.localX(e), b: this.localX(e) };
  }

  move(e) {
    if (!this.brush) return;
    this.brush.b = this.localX(e);
    this.refresh();
  }

  up(e) {
    if (!this.brush) return;
    const sc = this.scale();
    const f = this.app.model.filters;
    const [a, b] = [Math.min(this.brush.a, this.localX(e)), Math.max(this.brush.a, this.localX(e))];
    this.brush = null;
    if (b - a < 4) {
      f.since = f.until = "";
    } else {
      const iso = (t) => new Date(t).toISOString().slice(0, 10);
      f.since = iso(sc.t(Math.max(a, sc.left)));
      f.until = iso(sc.t(Math.min(b, sc.right)));
    }
    this.app.model.changed("filters");
  }
}
