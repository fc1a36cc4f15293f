// graphview.js: the canvas. It draws the model's visible graph with
// Cytoscape.js: nodes coloured and shaped by type, edges labelled by
// predicate, dashed when every statement behind them is expected or
// sought, and as wide as the number of documents that state them.
import cytoscape from "cytoscape";
import { KINDS } from "./kinds.js";
import { truncate } from "./dom.js";

const style = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-size": 11,
      "font-family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
      color: "#1d2230",
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "wrap",
      "text-max-width": 130,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": 2,
      "text-background-shape": "round-rectangle",
      width: 26,
      height: 26,
      "border-width": 1.5,
      "border-color": "#ffffff",
    },
  },
  ...KINDS.map((k) => ({ selector: `node[type = "${k.type}"]`, style: { "background-color": k.color, shape: k.shape } })),
  { selector: "node.root", style: { width: 34, height: 34, "font-weight": "bold" } },
  { selector: "node.pinned", style: { "border-width": 4, "border-color": "#1d2230", "border-style": "double" } },
  {
    selector: "edge",
    style: {
      "curve-style": "bezier",
      width: "data(width)",
      "line-color": "#98a2b8",
      "target-arrow-shape": "triangle",
      "target-arrow-color": "#98a2b8",
      "arrow-scale": 0.8,
      label: "data(label)",
      "font-size": 9,
      color: "#47506a",
      "text-rotation": "autorotate",
      "text-background-color": "#f7f8fb",
      "text-background-opacity": 0.9,
      "text-background-padding": 1,
      "min-zoomed-font-size": 7,
    },
  },
  { selector: "edge.symmetric", style: { "target-arrow-shape": "none" } },
  { selector: "edge.dashed", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
  { selector: ".gone", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.18 } },
  { selector: "edge.path", style: { "line-color": "#dd6b20", "target-arrow-color": "#dd6b20", color: "#9c4221", "z-index": 10, "font-size": 11, "font-weight": "bold", "min-zoomed-font-size": 0 } },
  { selector: "node.path", style: { "border-width": 4, "border-color": "#dd6b20" } },
  { selector: ".faded:selected", style: { opacity: 1 } },
  { selector: "node:selected", style: { "overlay-color": "#1f5fbf", "overlay-opacity": 0.2, "overlay-padding": 6 } },
  { selector: "edge:selected", style: { "line-color": "#1f5fbf", "target-arrow-color": "#1f5fbf", color: "#1f5fbf", "z-index": 20 } },
];

/** edgeWidth grows with the number of documents stating an edge. */
const edgeWidth = (docs) => Math.min(1.5 + 1.5 * (docs - 1), 9);

/** GraphView is the Cytoscape canvas over a Model. */
export class GraphView {
  /**
   * on holds the callbacks: node(id), edge(key), expand(id), background(),
   * moved(id, pos).
   */
  constructor(container, model, on) {
    this.model = model;
    this.on = on;
    this.cy = cytoscape({
      container,
      style,
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    this.cy.on("tap", "node", (e) => on.node(e.target.id()));
    this.cy.on("tap", "edge", (e) => on.edge(e.target.id()));
    this.cy.on("dbltap", "node", (e) => on.expand(e.target.id()));
    this.cy.on("tap", (e) => { if (e.target === this.cy) on.background(); });
    this.cy.on("dragfree", "node", (e) => on.moved(e.target.id(), e.target.position()));
    this.pathKeys = null;
    // Cytoscape follows the window's size, not its container's: the side
    // panel and the filters change the latter. The centre stays in place.
    let last = null;
    new ResizeObserver(() => {
      const { width, height } = container.getBoundingClientRect();
      if (last && (last.width !== width || last.height !== height)) {
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
        if (ele.empty()) {
          ele = cy.add({ group: "nodes", data: { id: n.id, name: n.name, type: n.type, label: truncate(n.name, 34) } });
          added.push(n.id);
        } else {
          ele.data({ name: n.name, type: n.type, label: truncate(n.name, 34) });
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
      for (const e of m.edges.values()) {
        let ele = cy.getElementById(e.id);
        const v = vis.edges.get(e.id);
        const data = { label: e.predicate, width: edgeWidth(v ? v.docs.size : 1) };
        if (ele.empty()) {
          ele = cy.add({ group: "edges", data: { id: e.id, source: e.source, target: e.target, predicate: e.predicate, ...data } });
        } else {
          ele.data(data);
        }
        ele.toggleClass("symmetric", e.symmetric);
        ele.toggleClass("dashed", !!(v && v.dashed));
        ele.toggleClass("gone", !v);
      }
      // Elements the model dropped (Clear) leave the canvas.
      cy.elements().forEach((ele) => {
        const gone = ele.isNode() ? !m.nodes.has(ele.id()) : !m.edges.has(ele.id());
        if (gone) ele.remove();
      });
    });
    this.paintPath();
    return added;
  }

  /** place puts new nodes in a ring around the node they were fetched for. */
  place(ids, around) {
    const c = this.cy.getElementById(around);
    const p = c.nonempty() ? c.position() : { x: 0, y: 0 };
    ids.forEach((id, i) => {
      const a = (2 * Math.PI * i) / Math.max(ids.length, 1);
      const r = 90 + 6 * ids.length;
      const ele = this.cy.getElementById(id);
      if (!ele.locked()) ele.position({ x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) });
    });
  }

  /** layout re-runs the force layout over what is visible; pinned nodes stay. */
  layout(randomize) {
    const eles = this.cy.elements().not(".gone");
    if (eles.empty()) return;
    eles.layout({
      name: "cose",
      animate: false,
      randomize: !!randomize,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      // Hubs that share many neighbours would sit on top of each other:
      // an edge between two well-connected entities is drawn longer.
      idealEdgeLength: (e) => Math.min(80 + 10 * Math.min(e.source().degree(), e.target().degree()), 320),
      nodeRepulsion: () => 400000,
      edgeElasticity: () => 100,
      nodeOverlap: 20,
      gravity: 80,
      numIter: 1000,
      initialTemp: 200,
      coolingFactor: 0.95,
      minTemp: 1,
      componentSpacing: 80,
    }).run();
  }

  /** fit zooms to what is visible. */
  fit() {
    const eles = this.cy.elements().not(".gone");
    if (eles.nonempty()) this.cy.fit(eles, 40);
  }

  /** fitTo zooms onto the given edges and their nodes, no closer than a readable zoom. */
  fitTo(keys) {
    const eles = this.cy.collection();
    for (const k of keys) {
      const e = this.cy.getElementById(k);
      if (e.nonempty() && !e.hasClass("gone")) eles.merge(e).merge(e.connectedNodes());
    }
    if (eles.empty()) return;
    this.cy.fit(eles, 90);
    if (this.cy.zoom() > 1.4) {
      this.cy.zoom(1.4);
      this.cy.center(eles);
    }
  }

  /** select marks one node or edge as selected and brings it into view. */
  select(id) {
    this.cy.elements().unselect();
    const ele = this.cy.getElementById(id);
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
  }

  paintPath() {
    const cy = this.cy;
    cy.elements().removeClass("path faded");
    if (!this.pathKeys) return;
    const on = cy.collection();
    for (const k of this.pathKeys) {
      const e = cy.getElementById(k);
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

  /** visibleNodes returns the ids of the nodes on screen, sorted by name. */
  visibleNodes() {
    return this.cy.nodes().not(".gone").sort((a, b) => a.data("name").localeCompare(b.data("name"))).map((n) => n.id());
  }
}
