// layout.js: where the nodes go. A force layout (fCoSE: a spectral start,
// then forces) over what is visible, in one synchronous run: pinned nodes
// are fixed where the analyst put them, the others start where they are
// unless the layout starts afresh. A star (an entity with its groups of
// neighbours, before any is expanded) needs no forces: its leaves go in two
// columns either side of it, in the order they stand. Each run's time and size are
// kept for the page's metrics.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import * as labels from "./labels.js";

cytoscape.use(fcose);

/**
 * run lays out eles (the visible elements of cy); pinned maps node ids to
 * the positions they keep; fresh starts from scratch. It returns the run's
 * {nodes, ms}.
 */
export function run(cy, eles, pinned, fresh) {
  const nodes = eles.nodes();
  if (nodes.empty()) return { nodes: 0, ms: 0 };
  const fixed = [];
  nodes.forEach((n) => {
    const p = pinned.get(n.id());
    if (p) fixed.push({ nodeId: n.id(), position: { x: p.x, y: p.y } });
  });
  const t0 = performance.now();
  const hub = star(eles);
  if (hub) {
    fan(hub, eles.nodes().not(hub), pinned);
    return { nodes: nodes.length, ms: performance.now() - t0, star: true };
  }
  // Locked nodes would not move, but they would not be fixed in the
  // layout's model either: unlock them for the run, fix them as constraints.
  const locked = nodes.filter((n) => n.locked());
  locked.unlock();
  eles.layout({
    name: "fcose",
    // fCoSE starts from the current positions only in its "proof" quality.
    quality: fresh ? "default" : "proof",
    randomize: !!fresh,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: true,
    uniformNodeDimensions: false,
    packComponents: true,
    // Two hubs sharing their neighbours would sit on one another: the
    // better connected a node, the harder it pushes.
    nodeRepulsion: (n) => (n.hasClass("group") ? 9000 : 6500 * (1 + Math.min(n.degree(false), 60) / 6)),
    idealEdgeLength: (e) => (e.hasClass("to-group") ? 110 : 90 + 8 * Math.min(Math.min(e.source().degree(false), e.target().degree(false)), 20)),
    edgeElasticity: () => 0.45,
    nestingFactor: 0.1,
    gravity: 0.25,
    gravityRange: 3.8,
    // Past a few hundred nodes the last iterations move little and cost most.
    numIter: nodes.length > 150 ? 1000 : 2500,
    tile: true,
    tilingPaddingVertical: 20,
    tilingPaddingHorizontal: 20,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
  }).run();
  // The fixed nodes can drift by rounding: put them back exactly.
  for (const f of fixed) cy.getElementById(f.nodeId).position(f.position);
  locked.lock();
  return { nodes: nodes.length, ms: performance.now() - t0 };
}

/** STAR_MAX is the most leaves a star is laid out as a fan with; more go to the forces. */
export const STAR_MAX = 30;

/** GAP is the room left between two leaves of a fan, in graph units. */
const GAP = 14;

/**
 * star returns the centre of eles when they form a star of at most
 * STAR_MAX leaves: one node that every edge touches, each other node tied
 * to it alone. It returns null otherwise.
 */
export function star(eles) {
  const nodes = eles.nodes();
  const edges = eles.edges();
  if (nodes.length < 3 || nodes.length > STAR_MAX + 1 || edges.length !== nodes.length - 1) return null;
  const e0 = edges[0];
  for (const c of [e0.source(), e0.target()]) {
    const id = c.id();
    const ends = new Set();
    let ok = true;
    edges.forEach((e) => {
      const s = e.source().id(), t = e.target().id();
      if (ok && (s === id) !== (t === id)) ends.add(s === id ? t : s);
      else ok = false;
    });
    if (ok && ends.size === nodes.length - 1) return c;
  }
  return null;
}

/**
 * fan puts the leaves in two columns, right and left of the centre, in the
 * order of their angles around it now (clockwise from the top: down the
 * right column, up the left one), so that each box's label reads on a
 * line of its own. The boxes are measured with their labels at the size
 * labels.js gives them at the zoom that fits the fan on the canvas; the
 * columns bow outwards a little. Pinned leaves keep their place; a pinned
 * centre its own.
 */
export function fan(centre, leaves, pinned) {
  const cy = centre.cy();
  const c = pinned.get(centre.id()) || centre.position();
  centre.position({ x: c.x, y: c.y });
  const free = leaves.filter((n) => !pinned.has(n.id()));
  if (free.empty()) return;
  const W = cy.width(), H = cy.height();
  // Clockwise from the top: the angle from 12 o'clock, in [0, 2π).
  const clock = (p) => (Math.atan2(p.x - c.x, -(p.y - c.y)) + 2 * Math.PI) % (2 * Math.PI);
  const items = free.map((n) => ({ n, text: n.data("short") || "", group: n.hasClass("group"), w: 0, h: 0, a: clock(n.position()) }));
  items.sort((x, y) => x.a - y.a || (x.n.id() < y.n.id() ? -1 : 1));
  const half = Math.ceil(items.length / 2);
  const right = items.slice(0, half), left = items.slice(half).reverse();
  // A box with its label at font size fs, and room around it.
  const measure = (it, fs) => {
    if (it.group) {
      it.w = labels.groupWidth(it.text, fs);
      it.h = labels.groupHeight(fs) + GAP;
    } else {
      it.w = Math.max(it.n.width(), (Math.min(120, it.text.length * 7) * fs) / labels.NODE_PX);
      it.h = it.n.height() + 3 + fs * 1.4 + GAP;
    }
  };
  const height = (col) => col.reduce((s, it) => s + it.h, 0);
  const widest = (col) => Math.max(0, ...col.map((it) => it.w));
  // The zoom decides the labels' size, which decides the fan's, which
  // decides the zoom: a few rounds settle it.
  let z = cy.zoom(), fs = labels.labelSize(z), gapX = 0, tall = 0;
  for (let round = 0; round < 4; round++) {
    fs = labels.labelSize(z);
    for (const it of items) measure(it, fs);
    tall = Math.max(height(right), height(left));
    gapX = Math.max(centre.width() / 2 + 4 * fs, 0.3 * tall);
    if (!(W > 0 && H > 0)) break;
    const w = 2 * gapX + widest(right) + widest(left) + 0.25 * gapX;
    z = Math.min((W - 60) / w, (H - 60) / tall, cy.maxZoom());
  }
  const column = (col, side) => {
    let y = c.y - height(col) / 2;
    for (const it of col) {
      const dy = (y + it.h / 2 - c.y) / Math.max(tall / 2, 1);
      const x = c.x + side * (gapX + 0.25 * gapX * dy * dy + it.w / 2);
      it.n.position({ x, y: y + it.h / 2 });
      y += it.h;
    }
  };
  column(right, 1);
  column(left, -1);
}
