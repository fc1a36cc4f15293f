// model.js: what the explorer holds and shows. The graph on screen is the
// union of the neighbourhoods and paths fetched so far; filters, hidden and
// pinned entities decide what of it is visible. The canvas, the panels, the
// export and the URL all read from here.
import { SYMMETRIC, tentative } from "./kinds.js";
import { holdsOn } from "./asof.js";

/** pairKey identifies the drawn edge between two entities, whatever its predicates and directions. */
export function pairKey(a, b) {
  return a < b ? "pair:" + a + "~" + b : "pair:" + b + "~" + a;
}

/** isPairKey reports a key of a drawn edge between two entities. */
export const isPairKey = (k) => k.startsWith("pair:");

/** edgeKey identifies the edge for subject -predicate-> object. */
export function edgeKey(source, predicate, target) {
  if (SYMMETRIC.has(predicate) && target < source) [source, target] = [target, source];
  return source + "|" + predicate + "|" + target;
}

/** Model is the explorer's state. */
export class Model {
  constructor() {
    this.nodes = new Map(); // id -> {id, name, type, aliases?}
    this.edges = new Map(); // key -> {id, source, target, predicate, symmetric, evidence[]}
    this.docs = new Map(); // id -> {id, title, published, url}
    this.opened = []; // entities whose neighbourhood was fetched, in order
    this.roots = new Set(); // entities shown even when no edge of theirs is
    this.hidden = new Set();
    this.pinned = new Map(); // id -> {x, y}
    this.filters = { xTypes: new Set(), xPreds: new Set(), xMods: new Set(), doc: "", since: "", until: "", undated: true, asOf: "" };
    this.path = null; // {from, to, k, result}
    this.groups = new Map(); // id -> a group node (groups.js): {id, center, predicate, direction, type, neighbors, facts, offset, fold?}
    this.listeners = [];
  }

  /** onChange registers fn to run after every change. */
  onChange(fn) { this.listeners.push(fn); }

  /** changed tells the listeners; what says what changed ("graph", "filters", "view"). */
  changed(what) { for (const fn of this.listeners) fn(what || "graph"); }

  /** addNode adds or updates an entity. */
  addNode(n) {
    const old = this.nodes.get(n.id);
    this.nodes.set(n.id, { ...old, id: n.id, name: n.name || (old && old.name) || n.id, type: n.type || (old && old.type) || "" });
  }

  /**
   * addEdge adds the statements ev (subject -predicate-> object in their
   * documents) to the edge they belong to, creating it when new.
   */
  addEdge(subject, predicate, object, evidence) {
    const key = edgeKey(subject, predicate, object);
    let e = this.edges.get(key);
    if (!e) {
      const [source, , target] = key.split("|");
      e = { id: key, source, target, predicate, symmetric: SYMMETRIC.has(predicate), evidence: [] };
      this.edges.set(key, e);
    }
    for (const ev of evidence) {
      const seen = e.evidence.some((x) => x.doc === ev.doc && x.start === ev.start && x.subject === subject);
      if (!seen) e.evidence.push({ ...ev, subject, object });
    }
    return e;
  }

  /** addNeighborhood merges an /entities/:id/neighbors answer. */
  addNeighborhood(nb) {
    for (const n of nb.nodes) this.addNode(n);
    for (const e of nb.edges) this.addEdge(e.source, e.predicate, e.target, e.evidence || []);
    this.roots.add(nb.center);
    if (!this.opened.includes(nb.center)) this.opened.push(nb.center);
  }

  /** addGroups adds group nodes (groups.js plan), replacing those of the same ids. */
  addGroups(gs) {
    for (const g of gs) this.groups.set(g.id, g);
  }

  /** edgesBetween returns the edges between two entities, either way. */
  edgesBetween(a, b) {
    const out = [];
    for (const e of this.edges.values()) {
      if ((e.source === a && e.target === b) || (e.source === b && e.target === a)) out.push(e);
    }
    return out;
  }

  /** addPath merges the nodes and hops of a path answer; returns its edge keys. */
  addPath(p) {
    for (const n of p.nodes) this.addNode(n);
    const keys = [];
    for (const h of p.hops) {
      const [s, o] = h.direction === "in" ? [h.to, h.from] : [h.from, h.to];
      keys.push(this.addEdge(s, h.predicate, o, h.evidence || []).id);
    }
    return keys;
  }

  /** docDate returns a document's publication date, or "". */
  docDate(id) {
    const d = this.docs.get(id);
    return (d && d.published) || "";
  }

  /** docInRange reports whether a document passes the date filter. */
  docInRange(id) {
    const { since, until, undated } = this.filters;
    if (!since && !until) return true;
    const d = this.docDate(id);
    if (!d) return undated;
    if (since && d.slice(0, since.length) < since) return false;
    if (until && d.slice(0, until.length) > until) return false;
    return true;
  }

  /** passes reports whether a statement passes the filters on modality, document and date. */
  passes(ev) {
    const f = this.filters;
    return !f.xMods.has(ev.modality) && (!f.doc || ev.doc === f.doc) && this.docInRange(ev.doc) &&
      (!f.asOf || holdsOn(ev, f.asOf, this.docDate(ev.doc)));
  }

  /**
   * visible computes what is on screen: for each visible edge the
   * statements that pass the filters, the visible nodes and groups, and
   * the drawn edges: one per pair of entities (pairs), merging the
   * predicates and directions between them.
   */
  visible() {
    const f = this.filters;
    const nodeOK = (id) => {
      const n = this.nodes.get(id);
      return n && !this.hidden.has(id) && !f.xTypes.has(n.type);
    };
    const edges = new Map();
    const pairs = new Map();
    const linked = new Set();
    for (const e of this.edges.values()) {
      if (f.xPreds.has(e.predicate) || !nodeOK(e.source) || !nodeOK(e.target)) continue;
      const evidence = e.evidence.filter((ev) => this.passes(ev));
      if (evidence.length === 0) continue;
      const docs = new Set(evidence.map((ev) => ev.doc));
      const v = { edge: e, evidence, docs, dashed: evidence.every((ev) => tentative(ev.modality)) };
      edges.set(e.id, v);
      linked.add(e.source);
      linked.add(e.target);
      const k = pairKey(e.source, e.target);
      let p = pairs.get(k);
      if (!p) {
        const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
        pairs.set(k, (p = { key: k, a, b, edges: [], statements: 0, docs: new Set(), dashed: true, fwd: false, back: false, sym: false }));
      }
      p.edges.push(v);
      p.statements += evidence.length;
      for (const d of docs) p.docs.add(d);
      p.dashed = p.dashed && v.dashed;
      if (e.symmetric) p.sym = true;
      else if (e.source === p.a) p.fwd = true;
      else p.back = true;
    }
    for (const p of pairs.values()) p.edges.sort((x, y) => y.evidence.length - x.evidence.length || x.edge.predicate.localeCompare(y.edge.predicate));
    const nodes = new Set();
    for (const id of this.nodes.keys()) {
      if (nodeOK(id) && (linked.has(id) || this.roots.has(id))) nodes.add(id);
    }
    const groupOK = (g) => !f.xTypes.has(g.type) && !f.xPreds.has(g.predicate);
    const groups = new Set();
    for (const g of this.groups.values()) {
      if (nodes.has(g.center) && (g.fold ? g.fold.some(groupOK) : groupOK(g))) groups.add(g.id);
    }
    return { nodes, edges, pairs, groups };
  }

  /** predicates returns every predicate of the loaded edges with its number of edges. */
  predicates() {
    const m = new Map();
    for (const e of this.edges.values()) m.set(e.predicate, (m.get(e.predicate) || 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  /** clear forgets the graph, keeping documents and filters. */
  clear() {
    this.nodes.clear();
    this.edges.clear();
    this.opened = [];
    this.roots.clear();
    this.hidden.clear();
    this.pinned.clear();
    this.groups.clear();
    this.path = null;
  }

  /** filtersActive reports whether any filter hides something. */
  filtersActive() {
    const f = this.filters;
    return f.xTypes.size > 0 || f.xPreds.size > 0 || f.xMods.size > 0 || !!f.doc || !!f.since || !!f.until || !!f.asOf;
  }
}

