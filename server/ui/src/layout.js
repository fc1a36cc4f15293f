// layout.js: where the nodes go. A force layout (fCoSE: a spectral start,
// then forces) over what is visible, in one synchronous run: pinned nodes
// are fixed where the analyst put them, the others start where they are
// unless the layout starts afresh. A star (an entity with its groups of
// neighbours, before any is expanded) needs no forces: its leaves go on a
// ring around it, in the order they stand. Each run's time and size are
// kept for the page's metrics.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

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
    ring(hub, eles.nodes().not(hub), pinned);
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
    numIter: 2500,
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

/** STAR_MAX is the most leaves a star is laid out as a ring with; more go to the forces. */
export const STAR_MAX = 30;

/** GAP is the room left between two leaves of a ring, in graph units. */
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
 * ring puts the leaves on a circle around the centre, in the order of
 * their angles around it now: each takes the arc its box needs at its
 * place on the circle (a wide box is wide at the top, narrow on the
 * sides), and the circle is the smallest that holds them all. Pinned
 * leaves keep their place; a pinned centre its own.
 */
export function ring(centre, leaves, pinned) {
  const c = pinned.get(centre.id()) || centre.position();
  centre.position({ x: c.x, y: c.y });
  const free = leaves.filter((n) => !pinned.has(n.id()));
  if (free.empty()) return;
  const items = free.map((n) => {
    const p = n.position();
    const bb = n.boundingBox({ includeLabels: true, includeOverlays: false });
    // A label the zoom hides now may show later: leave room for it.
    const text = n.data("short") || "";
    const w = Math.max(bb.w, n.hasClass("group") ? 0 : Math.min(120, text.length * 7));
    const h = n.hasClass("group") ? bb.h : Math.max(bb.h, n.height() + 22);
    return { n, w: w + GAP, h: h + GAP, a: Math.atan2(p.y - c.y, p.x - c.x) };
  });
  items.sort((x, y) => x.a - y.a || (x.n.id() < y.n.id() ? -1 : 1));
  // The arc a box needs at angle a: its extent along the circle's tangent.
  const arc = (it, a) => it.w * Math.abs(Math.sin(a)) + it.h * Math.abs(Math.cos(a));
  // Going round from the first leaf's angle at radius r: each leaf's
  // angle, its half arc measured where it lands, and the angle used when
  // the last meets the first again.
  const start = items[0].a;
  const around = (r) => {
    const at = [start];
    for (let i = 1; i < items.length; i++) {
      const prev = at[i - 1] + arc(items[i - 1], at[i - 1]) / 2 / r;
      const guess = prev + arc(items[i], prev) / 2 / r;
      at.push(prev + arc(items[i], guess) / 2 / r);
    }
    const last = items.length - 1;
    return { at, used: at[last] - start + (arc(items[last], at[last]) + arc(items[0], start)) / 2 / r };
  };
  const radius = Math.max(centre.width() / 2, 12) + Math.max(...items.map((it) => Math.max(it.w, it.h))) / 2;
  let lo = radius, hi = radius;
  while (around(hi).used > 2 * Math.PI) hi *= 1.5;
  if (hi > lo) {
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (around(mid).used > 2 * Math.PI) lo = mid;
      else hi = mid;
    }
  }
  // What room is left is shared out evenly between the leaves.
  const { at, used } = around(hi);
  const spare = (2 * Math.PI - used) / items.length;
  items.forEach((it, i) => {
    const a = at[i] + spare * i;
    it.n.position({ x: c.x + hi * Math.cos(a), y: c.y + hi * Math.sin(a) });
  });
}
