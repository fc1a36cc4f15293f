// graphview.js: the canvas. It draws the model's visible graph with
// Cytoscape.js: entities coloured and shaped by type, one edge per pair of
// entities (the predicates between them merged, with a count of the
// statements), dashed when every statement behind it is expected or
// sought, as wide as the number of documents; groups of neighbours
// (groups.js) as rounded boxes tied to their entity. Labels follow
// labels.js, the layout layout.js.
import cytoscape from "cytoscape";
import { KINDS, kind } from "./kinds.js";
import { truncate } from "./dom.js";
import { pairKey } from "./model.js";
import { groupLabel } from "./groups.js";
import * as labels from "./labels.js";
import * as layouts from "./layout.js";

const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";

const style = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-size": "data(fs)",
      "font-family": FONT,
      color: "#1d2230",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "wrap",
      "text-max-width": "data(tmw)",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": 1,
      "text-background-shape": "round-rectangle",
      width: 24,
      height: 24,
      "border-width": 1.5,
      "border-color": "#ffffff",
    },
  },
  ...KINDS.map((k) => ({ selector: `node[type = "${k.type}"]`, style: { "background-color": k.color, shape: k.shape } })),
  { selector: "node.root", style: { width: 34, height: 34, "font-weight": "bold" } },
  {
    selector: "node.group",
    style: {
      shape: "round-rectangle",
      width: "data(w)",
      height: "data(h)",
      "background-color": "data(fill)",
      "border-color": "data(color)",
      "border-width": 1.5,
      "border-style": "dashed",
      "text-valign": "center",
      "text-halign": "center",
      "text-margin-y": 0,
      "text-background-opacity": 0,
      "text-max-width": 1000,
      "text-wrap": "none",
      color: "#1d2230",
    },
  },
  { selector: "node.pinned", style: { "border-width": 4, "border-color": "#1d2230", "border-style": "double" } },
  {
    selector: "edge",
    style: {
      "curve-style": "bezier",
      width: "data(width)",
      "line-color": "#98a2b8",
      "target-arrow-color": "#98a2b8",
      "source-arrow-color": "#98a2b8",
      "target-arrow-shape": "none",
      "source-arrow-shape": "none",
      "arrow-scale": 0.8,
      label: "data(label)",
      "font-size": "data(fs)",
      "font-family": FONT,
      color: "#47506a",
      "text-rotation": "autorotate",
      "text-background-color": "#f7f8fb",
      "text-background-opacity": 0.9,
      "text-background-padding": 1,
    },
  },
  { selector: "edge.fwd", style: { "target-arrow-shape": "triangle" } },
  { selector: "edge.back", style: { "source-arrow-shape": "triangle" } },
  { selector: "edge.dashed", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
  { selector: "edge.to-group", style: { "line-style": "dotted", "line-color": "#b9c0cf", width: 1.5, "curve-style": "straight" } },
  { selector: ".gone", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.18 } },
  { selector: "edge.path", style: { "line-color": "#dd6b20", "target-arrow-color": "#dd6b20", "source-arrow-color": "#dd6b20", color: "#9c4221", "z-index": 10, "font-weight": "bold" } },
  { selector: "node.path", style: { "border-width": 4, "border-color": "#dd6b20" } },
  { selector: ".faded:selected", style: { opacity: 1 } },
  { selector: "node:selected", style: { "overlay-color": "#1f5fbf", "overlay-opacity": 0.2, "overlay-padding": 6 } },
  { selector: "edge:selected", style: { "line-color": "#1f5fbf", "target-arrow-color": "#1f5fbf", "source-arrow-color": "#1f5fbf", color: "#1f5fbf", "z-index": 20 } },
];

/** edgeWidth grows with the number of documents stating an edge. */
const edgeWidth = (docs) => Math.min(1.5 + 1.5 * (docs - 1), 9);

/** pairText labels a drawn edge: its predicates, and how many statements when more than one. */
function pairText(p) {
  const preds = p.edges.map((v) => v.edge.predicate);
  const what = preds.length <= 2 ? preds.join(", ") : preds[0] + " +" + (preds.length - 1);
  return p.statements > 1 ? what + " ×" + p.statements : what;
}

/** lighten mixes a #rrggbb colour with white. */
function lighten(hex, f) {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c) => Math.round(c + (255 - c) * f);
  return "rgb(" + mix(n >> 16) + "," + mix((n >> 8) & 255) + "," + mix(n & 255) + ")";
}

/** GraphView is the Cytoscape canvas over a Model. */
export class GraphView {
  /**
   * on holds the callbacks: node(id), edge(key), group(id), expand(id),
   * background(), moved(id, pos).
   */
  constructor(container, model, on) {
    this.model = model;
    this.on = on;
    this.cy = cytoscape({
      container,
      style,
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    const isGroup = (e) => e.target.hasClass("group");
    this.cy.on("tap", "node", (e) => (isGroup(e) ? on.group(e.target.id()) : on.node(e.target.id())));
    this.cy.on("tap", "edge", (e) => { if (!e.target.hasClass("to-group")) on.edge(e.target.id()); });
    this.cy.on("dbltap", "node", (e) => on.expand(e.target.id()));
    this.cy.on("tap", (e) => { if (e.target === this.cy) on.background(); });
    this.cy.on("dragfree", "node", (e) => on.moved(e.target.id(), e.target.position()));
    // Labels follow the zoom and the selection, once a frame at most.
    let queued = false;
    this.relabel = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; labels.apply(this.cy, this.model); });
    };
    this.cy.on("zoom", this.relabel);
    this.cy.on("select unselect", this.relabel);
    this.cy.on("render", () => { this.frames++; this.lastFrame = performance.now(); });
    this.frames = 0;
    this.lastFrame = 0;
    this.layouts = []; // {nodes, ms, at} of each layout run
    this.pathKeys = null;
    // Cytoscape follows the window's size, not its container's: the side
    // panel and the filters change the latter. The centre stays in place.
    let last = null;
    new ResizeObserver(() => {
      const { width, height } = container.getBoundingClientRect();
      // After cy.resize() (the page's own, on opening the panel) there is
      // nothing left to do.
      if (last && (last.width !== width || last.height !== height) && (this.cy.width() !== Math.round(width) || this.cy.height() !== Math.round(height))) {
        const z = this.cy.zoom(), pan = this.cy.pan();
        const cx = (last.width / 2 - pan.x) / z, cy = (last.height / 2 - pan.y) / z;
        this.cy.resize();
        this.cy.pan({ x: width / 2 - cx * z, y: height / 2 - cy * z });
      }
      last = { width, height };
    }).observe(container);
  }

  /**
   * sync makes the canvas show the model: it adds what is new, updates
   * what changed and hides what the filters exclude. It returns the new
   * node ids.
   */
  sync() {
    const m = this.model;
    const vis = m.visible();
    const cy = this.cy;
    const added = [];
    cy.batch(() => {
      for (const n of m.nodes.values()) {
        let ele = cy.getElementById(n.id);
        const data = { name: n.name, type: n.type, short: truncate(n.name, 30) };
        if (ele.empty()) {
          ele = cy.add({ group: "nodes", data: { id: n.id, label: "", fs: labels.NODE_PX, tmw: 120, ...data } });
          added.push(n.id);
        } else {
          ele.data(data);
        }
        ele.toggleClass("gone", !vis.nodes.has(n.id));
        ele.toggleClass("root", m.roots.has(n.id));
        const pin = m.pinned.get(n.id);
        ele.toggleClass("pinned", !!pin);
        if (pin) {
          ele.unlock();
          ele.position(pin);
          ele.lock();
        } else if (ele.locked()) {
          ele.unlock();
        }
      }
      for (const g of m.groups.values()) {
        let ele = cy.getElementById(g.id);
        const text = groupLabel(g);
        const k = kind(g.type || "");
        const fs = ele.nonempty() ? ele.data("fs") : labels.NODE_PX;
        const data = { name: text, short: text, w: labels.groupWidth(text, fs), h: labels.groupHeight(fs), color: g.fold ? "#718096" : k.color, fill: lighten(g.fold ? "#718096" : k.color, 0.82) };
        if (ele.empty()) {
          ele = cy.add({ group: "nodes", classes: "group", data: { id: g.id, label: "", fs: labels.NODE_PX, tmw: 1000, type: g.type || "", ...data } });
          cy.add({ group: "edges", classes: "to-group", data: { id: "tie:" + g.id, source: g.center, target: g.id, width: 1.5, label: "", fs: labels.EDGE_PX } });
          added.push(g.id);
        } else {
          ele.data(data);
        }
        const gone = !vis.groups.has(g.id);
        ele.toggleClass("gone", gone);
        cy.getElementById("tie:" + g.id).toggleClass("gone", gone);
      }
      for (const p of vis.pairs.values()) {
        let ele = cy.getElementById(p.key);
        const data = { text: pairText(p), width: edgeWidth(p.docs.size), statements: p.statements, predicates: p.edges.map((v) => v.edge.predicate).join(",") };
        if (ele.empty()) {
          ele = cy.add({ group: "edges", data: { id: p.key, source: p.a, target: p.b, label: "", fs: labels.EDGE_PX, ...data } });
        } else {
          ele.data(data);
        }
        ele.toggleClass("fwd", p.fwd && !p.sym);
        ele.toggleClass("back", p.back && !p.sym);
        ele.toggleClass("dashed", p.dashed);
        ele.removeClass("gone");
      }
      // What the model dropped (Clear, an expanded group) or the filters
      // hide leaves the canvas, or is hidden.
      cy.elements().forEach((ele) => {
        const id = ele.id();
        if (ele.isNode()) {
          if (!m.nodes.has(id) && !m.groups.has(id)) ele.remove();
        } else if (id.startsWith("tie:")) {
          if (!m.groups.has(id.slice(4))) ele.remove();
        } else if (!vis.pairs.has(id)) {
          if (!this.pairExists(id)) ele.remove();
          else ele.addClass("gone");
        }
      });
    });
    this.paintPath();
    labels.apply(this.cy, this.model);
    return added;
  }

  /** pairExists reports whether the model still has an edge between the pair's ends. */
  pairExists(key) {
    for (const e of this.model.edges.values()) if (pairKey(e.source, e.target) === key) return true;
    return false;
  }

  /** place puts new nodes in a ring around the node they were fetched for (an id, or a position). */
  place(ids, around) {
    let p = around && typeof around === "object" ? around : null;
    if (!p) {
      const c = this.cy.getElementById(around);
      p = c.nonempty() ? c.position() : { x: 0, y: 0 };
    }
    ids.forEach((id, i) => {
      // Clockwise from the top, in the order given (groups: largest first).
      const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(ids.length, 1);
      const r = 90 + 6 * ids.length;
      const ele = this.cy.getElementById(id);
      if (!ele.locked()) ele.position({ x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) });
    });
  }

  /**
   * layout re-runs the layout over what is visible; pinned nodes stay. It
   * returns the run's {nodes, ms}, which are also kept for the metrics.
   */
  layout(fresh) {
    const eles = this.cy.elements().not(".gone");
    const run = layouts.run(this.cy, eles, this.model.pinned, fresh);
    if (run.nodes) this.layouts.push({ ...run, at: performance.now() });
    labels.apply(this.cy, this.model);
    return run;
  }

  /** fit zooms to what is visible. */
  fit() {
    const eles = this.cy.elements().not(".gone");
    if (eles.nonempty()) this.cy.fit(eles, 30);
  }

  /** fitTo zooms onto the given edges (model or pair keys) and their nodes, no closer than a readable zoom. */
  fitTo(keys) {
    const eles = this.cy.collection();
    for (const k of keys) {
      const e = this.drawn(k);
      if (e.nonempty() && !e.hasClass("gone")) eles.merge(e).merge(e.connectedNodes());
    }
    if (eles.empty()) return;
    this.cy.fit(eles, 90);
    if (this.cy.zoom() > 1.4) {
      this.cy.zoom(1.4);
      this.cy.center(eles);
    }
  }

  /** drawn returns the canvas element for an id: a node, a pair edge, or the pair edge of a model edge key. */
  drawn(id) {
    const e = this.cy.getElementById(id);
    if (e.nonempty()) return e;
    const me = this.model.edges.get(id);
    return me ? this.cy.getElementById(pairKey(me.source, me.target)) : e;
  }

  /** select marks one node or edge as selected and brings it into view. */
  select(id) {
    this.cy.elements().unselect();
    const ele = this.drawn(id);
    if (ele.empty()) return;
    ele.select();
    const bb = this.cy.extent();
    const p = ele.isNode() ? ele.position() : ele.midpoint();
    if (p.x < bb.x1 || p.x > bb.x2 || p.y < bb.y1 || p.y > bb.y2) this.cy.center(ele);
  }

  /** showPath highlights the edges of the given keys and their nodes; null clears. */
  showPath(keys) {
    this.pathKeys = keys && keys.length ? new Set(keys) : null;
    this.paintPath();
    labels.apply(this.cy, this.model);
  }

  paintPath() {
    const cy = this.cy;
    cy.elements().removeClass("path faded");
    if (!this.pathKeys) return;
    const on = cy.collection();
    for (const k of this.pathKeys) {
      const e = this.drawn(k);
      if (e.nonempty()) on.merge(e).merge(e.connectedNodes());
    }
    on.addClass("path");
    cy.elements().not(on).addClass("faded");
  }

  /** png renders the visible graph as a PNG blob. */
  png() {
    return this.cy.png({ output: "blob-promise", full: true, scale: 2, bg: "#ffffff", maxWidth: 6000, maxHeight: 6000 });
  }

  /** positions returns the positions of the given nodes. */
  position(id) {
    const e = this.cy.getElementById(id);
    return e.nonempty() ? e.position() : null;
  }

  /** visibleNodes returns the ids of the entities on screen, sorted by name. */
  visibleNodes() {
    return this.cy.nodes().not(".gone").not(".group").sort((a, b) => a.data("name").localeCompare(b.data("name"))).map((n) => n.id());
  }
}
