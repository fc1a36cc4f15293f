// app.js: Accord's graph explorer. It wires the search, the canvas, the side
// panel, the filters, the timeline, the export buttons, the corrections and
// the URL to one Model. Everything it shows comes from this server's /api/v1.
import { Model, edgeKey } from "./model.js";
import { GraphView } from "./graphview.js";
import { Panel } from "./panel.js";
import { Filters, Timeline } from "./filters.js";
import { Combobox } from "./combobox.js";
import { KINDS, icon } from "./kinds.js";
import { toNQuads } from "./nquads.js";
import { encode, decode } from "./urlstate.js";
import * as api from "./api.js";
import { el, $, announce, download, plural } from "./dom.js";
import { GROUP_AT, PAGE, plan, isGroupId } from "./groups.js";
import { Metrics } from "./metrics.js";
import { TimeSlider, mountSlider } from "./asof.js";
import { Corrections } from "./corrections.js";

/**
 * afterPaint resolves once the page has drawn its next frame, or after a
 * moment when it draws none (a tab in the background).
 */
function afterPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 200);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

/** App is the explorer: it owns the model and answers the user's actions. */
class App {
  constructor() {
    this.model = new Model();
    this.docCache = new Map();
    this.docsLoaded = null; // the documents' list, once asked for (loadDocuments)
    this.busyCount = 0;
    this.edgeKey = edgeKey;
    this.view = new GraphView($("graph"), this.model, {
      node: (id) => this.showNode(id, false),
      edge: (key) => this.showEdge(key, false),
      group: (id) => this.showGroup(id, false),
      expand: (id) => this.expand(id),
      background: () => this.closePanel(),
      moved: (id, pos) => {
        if (this.model.pinned.has(id)) {
          this.model.pinned.set(id, { x: pos.x, y: pos.y });
          this.saveURL();
        }
      },
    });
    this.metrics = new Metrics(this.view);
    this.panel = new Panel(this, $("panel"));
    this.corrections = new Corrections(this);
    this.filters = new Filters(this, $("filters"));
    this.timeline = new Timeline(this, $("timeline"));
    this.slider = new TimeSlider(this, mountSlider());
    this.search = new Combobox($("q"), (r) => this.openEntity(r.id, { focus: true }));
    this.model.onChange(() => this.render());
    this.wire();
    this.legend();
  }

  // ---- wiring -------------------------------------------------------------

  wire() {
    $("search").addEventListener("submit", (e) => e.preventDefault());
    const on = (id, fn) => $(id).addEventListener("click", fn);
    on("btn-path", () => this.showPathForm(null, null));
    on("btn-layout", () => { this.view.layout(false); this.saveURL(); announce("Layout re-run"); });
    on("btn-fit", () => this.view.fit());
    on("btn-unhide", () => this.unhideAll());
    on("btn-clear", () => this.clear());
    on("btn-nq", () => this.exportNQuads());
    on("btn-png", () => this.exportPNG());
    on("btn-link", () => this.copyLink());
    on("btn-filters", () => {
      const open = document.body.classList.toggle("filters-open");
      $("btn-filters").setAttribute("aria-expanded", String(open));
    });
    $("graph").addEventListener("keydown", (e) => this.graphKey(e));
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !e.defaultPrevented && !document.querySelector("dialog[open]")) {
        if (this.panel.isOpen()) { this.closePanel(); e.preventDefault(); }
        else if (this.view.pathKeys) { this.clearPath(); e.preventDefault(); }
      } else if (e.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
        e.preventDefault();
        $("q").focus();
      }
    });
  }

  legend() {
    $("legend").replaceChildren(
      ...KINDS.map((k) => el("span", { class: "legend-item" }, icon(k.type), " " + k.type)),
      el("span", { class: "legend-item" }, el("span", { class: "line-sample", "aria-hidden": "true" }), " stated"),
      el("span", { class: "legend-item" }, el("span", { class: "line-sample dashed", "aria-hidden": "true" }), " expected / sought"),
      el("span", { class: "legend-item", text: "width: number of documents" }));
  }

  /** graphKey lets the canvas be used from the keyboard. */
  graphKey(e) {
    if (e.target !== $("graph")) return;
    const ids = this.view.visibleNodes();
    const cur = this.panel.state && this.panel.state.panel === "node" ? this.panel.state.id : this.view.cy.nodes(":selected").map((n) => n.id())[0];
    const i = ids.indexOf(cur);
    const sel = (j) => {
      if (!ids.length) return;
      const id = ids[(j + ids.length) % ids.length];
      this.showNode(id, false);
      const n = this.model.nodes.get(id);
      announce(n.name + ", " + n.type);
    };
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": e.preventDefault(); sel(i + 1); break;
      case "ArrowLeft": case "ArrowUp": e.preventDefault(); sel(i < 0 ? -1 : i - 1); break;
      case "Enter": if (cur) { e.preventDefault(); this.showNode(cur, true); } break;
      case "e": case "+": if (cur) { e.preventDefault(); this.expand(cur); } break;
      case "p": if (cur) { e.preventDefault(); this.togglePin(cur); } break;
      case "h": case "Delete": if (cur) { e.preventDefault(); this.hide(cur); } break;
      case "l": e.preventDefault(); this.view.layout(false); break;
      case "f": e.preventDefault(); this.view.fit(); break;
    }
  }

  // ---- state --------------------------------------------------------------

  render() {
    this.view.sync();
    this.filters.refresh();
    this.timeline.refresh();
    this.slider.refresh();
    const vis = this.model.visible();
    const hidden = this.model.hidden.size;
    $("btn-unhide").textContent = "Show hidden" + (hidden ? " (" + hidden + ")" : "");
    $("btn-unhide").disabled = hidden === 0;
    for (const id of ["btn-nq", "btn-png", "btn-layout", "btn-fit", "btn-clear"]) $(id).disabled = this.model.nodes.size === 0;
    $("empty").hidden = this.model.nodes.size > 0;
    const parts = [plural(vis.nodes.size, "entity", "entities"), plural(vis.pairs.size, "edge")];
    if (vis.groups.size) parts.push(plural(vis.groups.size, "group"));
    if (this.model.filtersActive()) parts.push("filtered");
    if (hidden) parts.push(hidden + " hidden");
    $("status").textContent = this.model.nodes.size ? parts.join(" · ") + " — double-click an entity or a group to expand it" : "";
    $("graph").setAttribute("aria-label", "Graph of " + parts.join(", ") + ". Arrow keys move between entities, Enter opens one, E expands it, P pins it, H hides it, L re-runs the layout, F fits the view.");
    this.saveURL();
  }

  saveURL() {
    const h = encode(this.model, this.panel ? this.panel.state : null);
    if (h !== (location.hash || "#")) history.replaceState(null, "", h === "#" ? location.pathname + location.search : location.pathname + location.search + h);
    this.lastHash = location.hash;
  }

  /** link returns a URL of the current view with another panel open. */
  link(panel) {
    return location.pathname + location.search + encode(this.model, panel);
  }

  busy(on) {
    this.busyCount += on ? 1 : -1;
    document.body.dataset.busy = String(this.busyCount);
    $("graph-wrap").setAttribute("aria-busy", this.busyCount > 0 ? "true" : "false");
    $("loading").hidden = this.busyCount === 0;
  }

  error(msg) {
    const box = $("message");
    box.classList.remove("notice");
    box.textContent = msg;
    box.hidden = false;
    clearTimeout(this.msgTimer);
    this.msgTimer = setTimeout(() => { box.hidden = true; }, 8000);
  }

  /** docFacts returns (once) a document's metadata and facts. */
  docFacts(id) {
    if (!this.docCache.has(id)) {
      const p = api.documentFacts(id);
      p.catch(() => this.docCache.delete(id));
      this.docCache.set(id, p);
    }
    return this.docCache.get(id);
  }

  // ---- actions ------------------------------------------------------------

  /**
   * fetchNeighborhood adds an entity's neighbourhood and lays it out: node
   * by node when it has at most GROUP_AT neighbours, else as groups
   * (groups.js), from the server's summary.
   */
  async fetchNeighborhood(id, layout = true) {
    this.busy(true);
    try {
      const m = this.model;
      const first = m.nodes.size === 0;
      const before = m.nodes.size;
      const sum = await api.neighborGroups(id);
      let said;
      if (sum.neighbors <= GROUP_AT) {
        const nb = await api.neighbors(id, 2000);
        m.addNeighborhood(nb);
        said = plural(m.nodes.size - before, "new entity", "new entities") + ", " + plural(nb.edges.length, "relation");
        if (nb.truncated) this.error("Only the first 2,000 relations of this entity are shown.");
      } else {
        m.addNode(sum.center);
        m.addNeighborhood({ center: id, nodes: [sum.center], edges: [] });
        for (const g of [...m.groups.values()]) if (g.center === id) m.groups.delete(g.id);
        const gs = plan(id, sum.groups);
        m.addGroups(gs);
        said = sum.neighbors.toLocaleString("en-US") + " neighbours in " + plural(sum.groups.length, "group") + "; double-click a group to show its members";
      }
      const added = this.view.sync();
      this.view.place(added.filter((x) => x !== id), id);
      m.changed("graph");
      if (layout) this.view.layout(first);
      announce(sum.center.name + ": " + said);
      return true;
    } catch (err) {
      this.error(err.status === 404 ? "No entity “" + id + "”." : "Could not load the neighbourhood: " + err.message);
      return false;
    } finally {
      this.busy(false);
    }
  }

  /**
   * expandGroup draws a group's members, a page at a time for a large
   * group (the group stays, for the rest), or unfolds a fold of smaller
   * groups.
   */
  async expandGroup(gid) {
    const m = this.model;
    const g = m.groups.get(gid);
    if (!g) return;
    const pos = this.view.position(gid);
    const at = pos ? { x: pos.x, y: pos.y } : null;
    this.busy(true);
    try {
      let said;
      if (g.fold) {
        m.groups.delete(gid);
        const gs = plan(g.center, g.fold, g.depth + 1);
        m.addGroups(gs);
        said = plural(gs.length, "more group");
      } else {
        const left = g.neighbors - g.offset;
        const page = await api.groupMembers(g.center, g, g.offset, left <= GROUP_AT ? GROUP_AT : PAGE);
        const before = m.nodes.size;
        for (const n of page.nodes) m.addNode(n);
        for (const e of page.edges) m.addEdge(e.source, e.predicate, e.target, e.evidence || []);
        if (page.more > 0) {
          g.neighbors = page.group.neighbors;
          g.offset = page.offset + page.nodes.length - 1;
        } else {
          m.groups.delete(gid);
        }
        said = plural(m.nodes.size - before, "new entity", "new entities") + (page.more > 0 ? ", " + page.more + " more in the group" : "");
      }
      const added = this.view.sync();
      this.view.place(added, at || g.center);
      m.changed("graph");
      this.view.layout(false);
      if (this.panel.state && this.panel.state.panel === "group" && this.panel.state.id === gid) {
        if (m.groups.has(gid)) this.showGroup(gid, false);
        else this.closePanel();
      }
      announce(said);
    } catch (err) {
      this.error("Could not load the group: " + err.message);
    } finally {
      this.busy(false);
    }
  }

  showGroup(id, focus) {
    this.view.select(id);
    this.panel.showGroup(id, focus);
  }

  /** openEntity shows an entity with its neighbourhood and its panel. */
  async openEntity(id, opts = {}) {
    const fresh = !this.model.opened.includes(id);
    if (fresh && !(await this.fetchNeighborhood(id))) return;
    this.model.roots.add(id);
    this.model.hidden.delete(id);
    this.model.changed("graph");
    this.showNode(id, !!opts.focus);
    if (fresh) {
      // The panel took its share of the width: fit what was laid out.
      this.view.cy.resize();
      this.view.fit();
    }
  }

  /** expand fetches an entity's neighbours into the graph, or a group's members. */
  async expand(id) {
    if (isGroupId(id)) return this.expandGroup(id);
    await this.fetchNeighborhood(id);
    if (this.panel.state && this.panel.state.panel === "node" && this.panel.state.id === id) {
      const b = this.panel.body.querySelector(".actions button");
      if (b) b.textContent = "Expand again";
    }
  }

  showNode(id, focus) {
    this.view.select(id);
    this.panel.showNode(id, focus);
    this.saveURL();
  }

  showEdge(key, focus) {
    this.view.select(key);
    this.panel.showEdge(key, focus);
    this.saveURL();
  }

  showDoc(id, at, focus) {
    this.panel.showDoc(id, at, focus);
    this.saveURL();
  }

  showAudit(focus) {
    this.view.cy.elements().unselect();
    this.panel.showAudit(focus);
    this.saveURL();
  }

  /**
   * refresh draws the graph again from the API after a correction: every
   * opened entity's neighbourhood (redirect maps an entity merged away to
   * the one kept) and the path asked for, in place of what was fetched
   * before, so that rejected statements leave and new names show. Entities
   * still drawn keep their places; the panel shows what it showed, when it
   * still exists.
   */
  async refresh(redirect) {
    const m = this.model;
    const to = (id) => redirect[id] || id;
    const fresh = new Model();
    this.busy(true);
    try {
      for (const id of [...new Set(m.opened.map(to))]) {
        try {
          const sum = await api.neighborGroups(id);
          if (sum.neighbors <= GROUP_AT) fresh.addNeighborhood(await api.neighbors(id, 2000));
          else {
            fresh.addNode(sum.center);
            fresh.addNeighborhood({ center: id, nodes: [sum.center], edges: [] });
            fresh.addGroups(plan(id, sum.groups));
          }
        } catch (err) {
          if (err.status !== 404) throw err; // an entity gone from the store is left out
        }
      }
      if (m.path) {
        try {
          const res = await api.path(to(m.path.from), to(m.path.to), m.path.k);
          for (const p of res.paths) {
            fresh.addPath(p);
            for (const n of p.nodes) fresh.roots.add(n.id);
          }
          m.path = { ...m.path, from: res.from, to: res.to, result: res };
        } catch {
          m.path = null;
        }
      }
      const keep = (id) => fresh.nodes.has(id);
      const pinned = new Map([...m.pinned].map(([id, p]) => [to(id), p]).filter(([id]) => keep(id)));
      const hidden = new Set([...m.hidden].map(to).filter(keep));
      const roots = new Set([...m.roots].map(to).filter(keep));
      for (const r of fresh.roots) roots.add(r);
      Object.assign(m, { nodes: fresh.nodes, edges: fresh.edges, groups: fresh.groups, opened: fresh.opened, roots, pinned, hidden });
      this.docCache.clear();
      const added = this.view.sync();
      if (added.length) this.view.place(added, m.opened[0]);
      if (!m.path) this.view.showPath(null);
      m.changed("graph");
      if (added.length) this.view.layout(false);
      const st = this.panel.state;
      if (st && st.panel === "node") {
        if (m.nodes.has(to(st.id))) this.showNode(to(st.id), false);
        else this.closePanel();
      } else if (st && st.panel === "edge") {
        const [a, b] = st.id.startsWith("pair:") ? st.id.slice(5).split("~") : [m.edges.get(st.id)?.source, m.edges.get(st.id)?.target];
        if (m.edges.has(st.id) || (a && b && m.edgesBetween(a, b).length)) this.showEdge(st.id, false);
        else this.closePanel();
      }
    } finally {
      this.busy(false);
    }
  }

  /** afterFactCorrection tells what a reject (of the fact named what) did to the relation shown. */
  afterFactCorrection(kind, st, what) {
    const gone = !this.model.edges.has(edgeKey(st.subject, st.predicate, st.object));
    if (kind === "reject") {
      this.notice("Rejected: " + what +
        (gone ? ". No document states it any more: the relation left the graph." : ". Other statements of the relation remain."));
    }
  }

  /** notice shows a message that is not an error. */
  notice(msg) {
    this.error(msg);
    $("message").classList.add("notice");
  }

  showPathForm(from, to) {
    this.panel.showPathForm(from, to);
    this.saveURL();
  }

  closePanel() {
    const wasOpen = this.panel.isOpen();
    this.panel.close();
    this.view.cy.elements().unselect();
    this.saveURL();
    if (wasOpen && this.panel.root.contains(document.activeElement)) $("graph").focus();
  }

  togglePin(id) {
    const m = this.model;
    if (m.pinned.has(id)) m.pinned.delete(id);
    else m.pinned.set(id, this.view.position(id) || { x: 0, y: 0 });
    m.changed("view");
    const b = this.panel.body.querySelector("button[aria-pressed]");
    if (b && this.panel.state && this.panel.state.id === id) {
      b.textContent = m.pinned.has(id) ? "Unpin" : "Pin";
      b.setAttribute("aria-pressed", String(m.pinned.has(id)));
    }
    announce((m.nodes.get(id) || { name: id }).name + (m.pinned.has(id) ? " pinned" : " unpinned"));
  }

  hide(id) {
    this.model.hidden.add(id);
    if (this.panel.state && this.panel.state.id === id) this.closePanel();
    this.model.changed("view");
    announce((this.model.nodes.get(id) || { name: id }).name + " hidden");
  }

  unhideAll() {
    this.model.hidden.clear();
    this.model.changed("view");
  }

  clear() {
    this.model.clear();
    this.view.showPath(null);
    this.panel.close();
    this.model.changed("graph");
    $("q").focus();
  }

  clearPath() {
    this.model.path = null;
    this.view.showPath(null);
    this.saveURL();
  }

  /** findPath asks for the shortest paths and draws them on the canvas. */
  async findPath(from, to, k, opts = {}) {
    if (!from || !to) return this.panel.pathError("Choose two entities.");
    this.busy(true);
    try {
      const res = await api.path(from, to, k);
      this.model.path = { from: res.from, to: res.to, k, result: res };
      const keys = [];
      for (const p of res.paths) {
        keys.push(...this.model.addPath(p));
        for (const n of p.nodes) this.model.roots.add(n.id);
      }
      const first = this.model.nodes.size === keys.length + 1 || this.view.cy.nodes().empty();
      const added = this.view.sync();
      if (added.length) {
        this.view.place(added, res.from);
        if (opts.layout !== false) this.view.layout(first);
      }
      this.view.showPath(keys);
      this.model.changed("graph");
      if (opts.layout !== false) this.view.fitTo(keys);
      if (!opts.quiet) {
        if (!this.panel.state || this.panel.state.panel !== "path") this.panel.showPathForm(null, null, false);
        this.panel.renderPath(res);
        this.saveURL();
      }
    } catch (err) {
      this.panel.pathError(err.message, err.body && err.body.candidates);
    } finally {
      this.busy(false);
    }
  }

  // ---- export -------------------------------------------------------------

  async exportNQuads() {
    this.busy(true);
    try {
      const vis = this.model.visible();
      // Aliases come with an entity's details: fetch those not seen yet.
      const missing = [...vis.nodes].filter((id) => !this.model.nodes.get(id).aliases);
      const work = missing.slice();
      await Promise.all(Array.from({ length: Math.min(6, work.length) }, async () => {
        while (work.length) {
          const id = work.shift();
          try {
            const e = await api.entity(id, 1);
            this.model.nodes.get(id).aliases = e.aliases;
          } catch { /* an entity gone from the store exports without aliases */ }
        }
      }));
      const nq = toNQuads(this.model, vis);
      download(new Blob([nq], { type: "application/n-quads" }), "accord-view.nq");
      announce("Exported " + plural(nq.split("\n").filter(Boolean).length, "quad"));
    } finally {
      this.busy(false);
    }
  }

  async exportPNG() {
    const blob = await this.view.png();
    download(blob, "accord-view.png");
    announce("Exported the picture");
  }

  async copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
      announce("Link copied");
      $("btn-link").textContent = "Link copied";
    } catch {
      this.error("Copy this page's address to share the view: the browser did not let the page copy it.");
    }
    setTimeout(() => { $("btn-link").textContent = "Copy link"; }, 2000);
  }

  // ---- start --------------------------------------------------------------

  /** restore rebuilds the view a URL describes. */
  async restore(hash) {
    const s = decode(hash);
    const m = this.model;
    m.clear();
    this.view.showPath(null);
    const f = m.filters;
    f.xTypes = new Set(s.xt); f.xPreds = new Set(s.xp); f.xMods = new Set(s.xm);
    f.doc = s.doc; f.since = s.since; f.until = s.until; f.undated = s.undated; f.asOf = s.asOf || "";
    for (const id of s.open) await this.fetchNeighborhood(id, false);
    if (s.path) await this.findPath(s.path.from, s.path.to, s.path.k, { quiet: true, layout: false });
    for (const p of s.pin) if (m.nodes.has(p.id)) m.pinned.set(p.id, { x: p.x, y: p.y });
    for (const id of s.hide) m.hidden.add(id);
    m.changed("graph");
    if (m.nodes.size) this.view.layout(m.pinned.size === 0);
    if (this.view.pathKeys) this.view.fitTo([...this.view.pathKeys]);
    else if (m.nodes.size) this.view.fit();
    // Once the graph is on screen the documents may come (the server's
    // work for their list would slow the first frame down). A panel shows
    // their titles and dates, so it waits for them.
    this.busy(true);
    const docs = afterPaint().then(() => this.loadDocuments()).finally(() => this.busy(false));
    const p = s.panel;
    if (p) await docs;
    if (!p) this.panel.close();
    else if (p.panel === "node" && m.nodes.has(p.id)) this.showNode(p.id, false);
    else if (p.panel === "edge" && m.edges.has(p.id)) this.showEdge(p.id, false);
    else if (p.panel === "doc") this.showDoc(p.id, p.at, false);
    else if (p.panel === "audit") this.showAudit(false);
    else if (p.panel === "path") {
      this.panel.showPathForm(null, null, false);
      if (m.path) this.panel.renderPath(m.path.result);
    }
    this.saveURL();
  }

  /**
   * loadDocuments fetches (once) the documents' titles and dates, for the
   * panels, the filters and the timeline; it returns a promise settled
   * when they are in the model.
   */
  loadDocuments() {
    if (!this.docsLoaded) {
      this.busy(true);
      this.docsLoaded = api.documents().then((body) => {
        for (const d of body.documents) this.model.docs.set(d.id, d);
        this.model.changed("view");
      }).catch((err) => this.error("Could not list the documents: " + err.message)).finally(() => this.busy(false));
    }
    return this.docsLoaded;
  }

  async start() {
    // The view the URL describes is restored first, and asks for the
    // documents once its graph is laid out: on a large corpus their list is
    // long, and fetched at the same time it would slow the neighbourhood
    // down, on the server and in the page.
    await this.restore(location.hash);
    window.addEventListener("hashchange", () => {
      if (location.hash !== this.lastHash) this.restore(location.hash);
    });
    // A search can be linked to: /?q=trudeau
    const q = new URLSearchParams(location.search).get("q");
    if (q && !this.model.nodes.size) {
      $("q").value = q;
      this.search.fetch();
    }
    document.body.dataset.ready = "true";
  }
}

// The first entity a link opens is asked for while the page builds itself.
const linked = decode(location.hash).open[0];
if (linked) api.prefetchGroups(linked);
const app = new App();
// A handle for the browser console and end-to-end tests;
// explorer.metrics.snapshot() tells what the page measures about itself (metrics.js).
window.explorer = app;
app.start();
