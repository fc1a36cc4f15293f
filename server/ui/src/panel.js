// panel.js: the side panel. It explains what is selected: an entity with
// its facts grouped by predicate, an edge with every document and sentence
// behind it, a path with each hop's evidence, a document with the
// sentences the graph was read from, or the audit of corrections.
import { el, plural, announce } from "./dom.js";
import { icon, tentative } from "./kinds.js";
import * as api from "./api.js";
import { Combobox } from "./combobox.js";
import { EvidenceList, sentencesOf, markSpans, gap, summary } from "./evidence.js";
import { isPairKey } from "./model.js";
import { groupLabel, typeWord, GROUP_AT, PAGE } from "./groups.js";
import { validitySection } from "./asof.js";

export { sentencesOf };

/**
 * marked returns the block's text with the span that starts at `at`
 * highlighted, or null when no span of the block starts there.
 */
function marked(block, at) {
  if (!block.spans.some((x) => x.start === at)) return null;
  return markSpans(block, new Set([at]));
}

function modalityBadge(m) {
  return el("span", { class: "badge mod-" + m, title: tentative(m) ? "not (yet) a fact: drawn dashed" : null, text: m });
}

/** Panel renders into the aside#panel. */
export class Panel {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.body = root.querySelector(".panel-body");
    this.title = root.querySelector(".panel-title");
    this.state = null;
    root.querySelector(".panel-close").addEventListener("click", () => app.closePanel());
  }

  /** open shows the panel with a title and content; focus moves to the title when asked. */
  open(state, title, content, focus) {
    this.state = state;
    this.title.replaceChildren(...(Array.isArray(title) ? title : [title]));
    this.body.replaceChildren(...content.filter(Boolean));
    this.body.scrollTop = 0;
    this.root.hidden = false;
    document.body.classList.add("panel-open");
    if (focus) this.title.focus();
  }

  close() {
    this.state = null;
    this.root.hidden = true;
    document.body.classList.remove("panel-open");
  }

  isOpen() { return !this.root.hidden; }

  entityButton(id, name, type) {
    return el("button", {
      type: "button", class: "link entity-link", title: "Open " + name,
      on: { click: () => this.app.openEntity(id, { focus: true }) },
    }, type ? icon(type, 12) : null, name || id);
  }

  docLink(id, start, label) {
    const href = this.app.link({ panel: "doc", id, at: start });
    return el("a", {
      href, class: "doc-link",
      on: { click: (e) => { if (e.button === 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); this.app.showDoc(id, start, true); } } },
    }, label || "Open document");
  }

  docLabel(id) {
    const d = this.app.model.docs.get(id);
    return (d && d.title) || id;
  }

  docMeta(id) {
    const d = this.app.model.docs.get(id) || {};
    return [d.published || "undated", id].join(" · ");
  }

  // ---- entity -------------------------------------------------------------

  async showNode(id, focus) {
    const m = this.app.model;
    const n = m.nodes.get(id) || { id, name: id, type: "" };
    const actions = el("div", { class: "actions", role: "group", "aria-label": "Actions on " + n.name },
      el("button", { type: "button", class: "small", on: { click: () => this.app.expand(id) } },
        m.opened.includes(id) ? "Expand again" : "Expand neighbours"),
      el("button", { type: "button", class: "small", "aria-pressed": m.pinned.has(id) ? "true" : "false", on: { click: () => this.app.togglePin(id) } },
        m.pinned.has(id) ? "Unpin" : "Pin"),
      el("button", { type: "button", class: "small", on: { click: () => this.app.hide(id) } }, "Hide"),
      el("button", { type: "button", class: "small", on: { click: () => this.app.showPathForm(id, null) } }, "Path from here"),
      el("button", { type: "button", class: "small", on: { click: () => this.app.showPathForm(null, id) } }, "Path to here"));
    const facts = el("div", { class: "facts", "aria-busy": "true" }, el("p", { class: "hint", text: "Loading facts…" }));
    const head = [el("span", { class: "kind" }, icon(n.type), " ", n.type || "entity"), el("span", { class: "title-text", text: n.name })];
    const aliases = el("p", { class: "aliases" });
    const docs = el("p", { class: "meta" });
    this.open({ panel: "node", id }, head, [aliases, docs, actions, ...this.app.corrections.entityActions(id, n.name), facts], focus);
    try {
      const e = await api.entity(id, 500);
      if (!this.state || this.state.panel !== "node" || this.state.id !== id) return;
      m.nodes.set(id, { ...(m.nodes.get(id) || {}), id, name: e.name, type: e.type, aliases: e.aliases });
      aliases.textContent = e.aliases.length ? "Also: " + e.aliases.join(", ") : "";
      docs.textContent = "Mentioned in " + plural(e.documents.length, "document") + "; " +
        plural(e.counts.out + e.counts.in, "fact") + (e.truncated ? " (the first 500 each way shown)" : "") + ".";
      facts.replaceChildren(...this.factGroups(e));
      facts.removeAttribute("aria-busy");
    } catch (err) {
      facts.replaceChildren(el("p", { class: "error", text: "Could not load the facts: " + err.message }));
    }
  }

  factGroups(e) {
    const groups = new Map();
    for (const [dir, g] of [["out", e.facts.out], ["in", e.facts.in]]) {
      for (const [p, fs] of Object.entries(g)) {
        if (!groups.has(p)) groups.set(p, []);
        for (const f of fs) groups.get(p).push({ dir, f });
      }
    }
    if (groups.size === 0) return [el("p", { class: "hint", text: "No facts about this entity." })];
    const preds = [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length || a.localeCompare(b));
    return [el("h3", { text: "Facts by predicate" }), ...preds.map((p, i) => {
      const items = groups.get(p);
      return el("details", { class: "pred-group", open: i < 4 },
        el("summary", {}, el("span", { class: "pred", text: p }), el("span", { class: "count", text: String(items.length) })),
        el("ul", { class: "fact-list" }, items.map(({ dir, f }) => this.factItem(e, dir, f))));
    })];
  }

  factItem(e, dir, f) {
    let other;
    if (dir === "in") other = this.entityButton(f.subject, f.subject_name);
    else if (f.object.entity) other = this.entityButton(f.object.entity, f.object_name);
    else other = el("span", { class: "literal", text: "“" + f.object.literal + "”" });
    const line = el("div", { class: "fact-line" },
      el("span", { class: "dir", title: dir === "out" ? e.name + " is the subject" : e.name + " is the object", text: dir === "out" ? "→" : "←" }), " ", other);
    const key = f.object.entity ? this.app.edgeKey(f.subject, f.predicate, f.object.entity) : null;
    const meta = el("div", { class: "meta" }, modalityBadge(f.evidence.modality), " ", this.docLink(f.doc, f.evidence.start, this.docLabel(f.doc)));
    for (const q of f.qualifiers || []) meta.append(" · ", q.key + ": " + q.value);
    if (key && this.app.model.edges.has(key)) {
      meta.append(" · ", el("button", { type: "button", class: "link", on: { click: () => this.app.showEdge(key, true) } }, "why this edge"));
    }
    return el("li", { class: "fact" }, line, el("blockquote", { text: f.evidence.sentence }), meta);
  }

  // ---- group --------------------------------------------------------------

  /** showGroup describes a group of neighbours and offers to draw its members. */
  showGroup(id, focus) {
    const m = this.app.model;
    const g = m.groups.get(id);
    if (!g) return this.close();
    const c = m.nodes.get(g.center) || { id: g.center, name: g.center };
    const head = [el("span", { class: "kind", text: g.fold ? "Smaller groups" : "Group of neighbours" }), el("span", { class: "title-text", text: groupLabel(g) })];
    const content = [el("p", { class: "ends" }, "Neighbours of ", this.entityButton(c.id, c.name, c.type))];
    if (g.fold) {
      content.push(el("p", { class: "meta", text: plural(g.fold.length, "group") + ", " + plural(g.facts, "fact") + " in all." }),
        el("ul", { class: "group-list" }, g.fold.slice(0, 40).map((x) => el("li", {}, groupLabel({ ...x, offset: 0 }), el("span", { class: "count", text: " · " + plural(x.facts, "fact") })))),
        g.fold.length > 40 ? el("p", { class: "hint", text: "… and " + (g.fold.length - 40) + " more." }) : null);
    } else {
      const left = g.neighbors - g.offset;
      content.push(el("p", { class: "meta", text: plural(g.neighbors, typeWord(g.type, 1), typeWord(g.type, 2)) + " linked by " + g.predicate +
        (g.direction === "in" ? " (they are the subject)" : g.direction === "out" ? " (" + c.name + " is the subject)" : "") + ", " + plural(g.facts, "fact") + "." +
        (g.offset ? " " + g.offset + " already drawn." : "") }));
      content.push(el("p", { class: "hint", text: left <= GROUP_AT ? "Expanding draws them all." : "Expanding draws the " + PAGE + " most connected to " + c.name + "; the group keeps the rest." }));
    }
    const label = g.fold ? "Unfold" : g.neighbors - g.offset <= GROUP_AT ? "Show them" : "Show " + PAGE + " more";
    content.push(el("div", { class: "actions" }, el("button", { type: "button", class: "small", id: "group-expand", on: { click: () => this.app.expandGroup(id) } }, label)));
    this.open({ panel: "group", id }, head, content, focus);
  }

  // ---- edge ---------------------------------------------------------------

  /** evidenceContext is what an EvidenceList needs from the app. */
  evidenceContext() {
    const m = this.app.model;
    return {
      names: (id) => (m.nodes.get(id) || { name: id }).name,
      docLabel: (id) => this.docLabel(id),
      docMeta: (id) => this.docMeta(id),
      docLink: (id, start) => this.docLink(id, start),
      docDate: (id) => m.docDate(id),
      docFacts: (id) => this.app.docFacts(id),
      passes: (st) => m.passes(st),
    };
  }

  /**
   * showEdge explains a drawn edge: every relation between two entities
   * (key from pairKey) or one predicate's (key from edgeKey), with the
   * sentences behind them.
   */
  showEdge(key, focus) {
    const m = this.app.model;
    let edges, a, b;
    if (isPairKey(key)) {
      [a, b] = key.slice(5).split("~");
      edges = m.edgesBetween(a, b).sort((x, y) => y.evidence.length - x.evidence.length || x.predicate.localeCompare(y.predicate));
    } else {
      const e = m.edges.get(key);
      edges = e ? [e] : [];
      if (e) [a, b] = [e.source, e.target];
    }
    if (!edges.length) return this.close();
    const s = m.nodes.get(a) || { id: a, name: a };
    const t = m.nodes.get(b) || { id: b, name: b };
    const preds = [...new Set(edges.map((e) => e.predicate))];
    const one = edges.length === 1 ? edges[0] : null;
    const arrow = one ? (one.symmetric ? " — " + one.predicate + " — " : " —" + one.predicate + "→ ") : " — " + preds.join(", ") + " — ";
    const head = [el("span", { class: "kind", text: one ? "Relation" : plural(preds.length, "relation") }),
      el("span", { class: "title-text" }, s.name, el("span", { class: "pred-arrow", text: arrow }), t.name)];
    const statements = edges.flatMap((e) => e.evidence.map((ev) => ({ ...ev, predicate: e.predicate })));
    const passing = statements.filter((st) => m.passes(st)).length;
    const ends = el("p", { class: "ends" }, this.entityButton(s.id, s.name, s.type), el("span", { text: one && !one.symmetric ? " → " : " ↔ " }), this.entityButton(t.id, t.name, t.type));
    const list = new EvidenceList(this.evidenceContext(), statements, { actions: (st) => this.app.corrections.factActions(st) }).render();
    const when = validitySection(statements, (d) => this.docLabel(d), (d) => m.docDate(d), m.filters.asOf);
    this.open({ panel: "edge", id: key }, head, [ends, el("p", { class: "meta" }, summary(statements, passing)), when, ...list], focus);
  }

  // ---- corrections --------------------------------------------------------

  /** showAudit lists the analysts' corrections, newest first, with an Undo for each in force. */
  showAudit(focus) {
    const head = [el("span", { class: "kind", text: "Audit" }), el("span", { class: "title-text", text: "Corrections" })];
    this.open({ panel: "audit" }, head, [this.app.corrections.audit()], focus);
  }

  // ---- document -----------------------------------------------------------

  async showDoc(id, at, focus) {
    const head = [el("span", { class: "kind", text: "Document" }), el("span", { class: "title-text", text: this.docLabel(id) })];
    const body = el("div", { class: "doc-text", "aria-busy": "true" }, el("p", { class: "hint", text: "Loading…" }));
    this.open({ panel: "doc", id, at }, head, [body], focus);
    try {
      const doc = await this.app.docFacts(id);
      if (!this.state || this.state.panel !== "doc" || this.state.id !== id) return;
      const sents = sentencesOf(doc);
      const meta = el("p", { class: "meta" }, (doc.published || "undated") + " · " + id);
      if (doc.url) meta.append(" · ", el("a", { href: doc.url, rel: "noopener noreferrer external", target: "_blank", text: "source" }));
      const note = el("p", { class: "hint", text: plural(doc.facts.length, "fact") + " read from " + plural(sents.length, "sentence") +
        ". The graph keeps the sentences facts were read from; […] marks text between them." });
      const paras = [];
      let prevEnd = 0, focusEl = null;
      for (const s of sents) {
        if (s.start - prevEnd > gap) paras.push(el("p", { class: "gap", text: "[…]" }));
        const m = at !== undefined && at !== null ? marked(s, Number(at)) : null;
        const isAt = !!m;
        const text = el("span", {}, ...(m || [s.text]));
        const facts = el("ul", { class: "sent-facts" }, s.facts.map((f) => el("li", {},
          this.entityButton(f.subject, f.subject_name), " ", el("span", { class: "pred", text: f.predicate }), " ",
          f.object.entity ? this.entityButton(f.object.entity, f.object_name) : el("span", { class: "literal", text: "“" + f.object.literal + "”" }),
          " ", modalityBadge(f.evidence.modality))));
        const p = el("div", { class: "sentence" + (isAt ? " at" : ""), id: "sent-" + s.start }, el("p", {}, text), facts);
        if (isAt) focusEl = p;
        paras.push(p);
        prevEnd = s.end;
      }
      body.replaceChildren(meta, note, ...paras);
      body.removeAttribute("aria-busy");
      if (focusEl) focusEl.scrollIntoView({ block: "center" });
    } catch (err) {
      body.replaceChildren(el("p", { class: "error", text: "Could not load the document: " + err.message }));
    }
  }

  // ---- path ---------------------------------------------------------------

  showPathForm(from, to, focus) {
    const m = this.app.model;
    const name = (id) => (id && m.nodes.get(id) ? m.nodes.get(id).name : id || "");
    const pf = m.path || {};
    const fromIn = el("input", { id: "path-from", type: "text", required: true, value: name(from || pf.from), placeholder: "an entity" });
    const toIn = el("input", { id: "path-to", type: "text", required: true, value: name(to || pf.to), placeholder: "another entity" });
    const kSel = el("select", { id: "path-k" }, [1, 2, 3, 5].map((k) => el("option", { value: k, selected: (pf.k || 1) === k, text: k === 1 ? "shortest" : k + " shortest" })));
    const picked = { from: from || pf.from || null, to: to || pf.to || null };
    const result = el("div", { class: "path-result", "aria-live": "polite" });
    const form = el("form", { class: "path-form", on: { submit: (e) => { e.preventDefault(); this.app.findPath(picked.from || fromIn.value, picked.to || toIn.value, Number(kSel.value)); } } },
      el("div", { class: "field cb" }, el("label", { for: "path-from", text: "From" }), fromIn),
      el("div", { class: "field cb" }, el("label", { for: "path-to", text: "To" }), toIn),
      el("div", { class: "field" }, el("label", { for: "path-k", text: "Paths" }), kSel),
      el("button", { type: "submit", id: "path-go" }, "Find path"));
    new Combobox(fromIn, (r) => { picked.from = r.id; });
    new Combobox(toIn, (r) => { picked.to = r.id; });
    fromIn.addEventListener("input", () => { picked.from = null; });
    toIn.addEventListener("input", () => { picked.to = null; });
    this.open({ panel: "path" }, [el("span", { class: "kind", text: "Path finder" }), el("span", { class: "title-text", text: "Shortest path between two entities" })], [form, result], false);
    this.pathResult = result;
    if (m.path && m.path.result && (!from && !to)) this.renderPath(m.path.result);
    if (focus !== false) (fromIn.value ? toIn : fromIn).focus();
  }

  renderPath(res) {
    const out = this.pathResult;
    if (!out) return;
    if (!res.paths.length) {
      out.replaceChildren(el("p", { class: "hint", text: res.exhausted ? "These entities are not connected." : "No path within " + res.max_depth + " hops." }));
      return;
    }
    out.replaceChildren(el("h3", { text: plural(res.paths.length, "path") + " found" }), ...res.paths.map((p, i) => {
      const names = p.nodes.map((n) => n.name).join(" → ");
      return el("section", { class: "path" },
        el("h4", { text: (res.paths.length > 1 ? "Path " + (i + 1) + ": " : "") + plural(p.length, "hop") }),
        el("p", { class: "path-names", text: names }),
        el("ol", { class: "hops" }, p.hops.map((h) => {
          const [s, o] = h.direction === "in" ? [h.to, h.from] : [h.from, h.to];
          const key = this.app.edgeKey(s, h.predicate, o);
          const statements = (h.evidence || []).map((ev) => ({ ...ev, subject: s, predicate: h.predicate, object: o }));
          const cs = new EvidenceList(this.evidenceContext(), statements, { context: false, triple: false });
          const first = cs.claims.slice(0, 1);
          const more = cs.claims.length - first.length;
          return el("li", { class: "hop" },
            el("div", { class: "fact-line" }, this.entityButton(h.from, h.from_name), " ",
              el("span", { class: "pred-arrow", text: h.direction === "in" ? "←" + h.predicate + "—" : "—" + h.predicate + "→" }), " ",
              this.entityButton(h.to, h.to_name)),
            ...first.map((c) => el("div", { class: "hop-claim" }, cs.passage([c], null),
              el("p", { class: "meta" }, this.docMeta(c.doc), " · ", this.docLink(c.doc, c.start, this.docLabel(c.doc))))),
            el("div", { class: "meta" }, plural(h.documents.length, "document"), more > 0 ? " · " + plural(more, "more sentence") : "", " · ",
              el("button", { type: "button", class: "link", on: { click: () => this.app.showEdge(key, true) } }, "all evidence")));
        })));
    }));
    announce(plural(res.paths.length, "path") + " found, " + plural(res.paths[0].length, "hop"));
  }

  pathError(msg, candidates) {
    if (!this.pathResult) return;
    const items = (candidates || []).map((c) => el("li", {}, this.entityButton(c.id, c.name, c.type), " (" + c.type + ")"));
    this.pathResult.replaceChildren(el("p", { class: "error", text: msg }), items.length ? el("ul", {}, items) : null);
  }
}

