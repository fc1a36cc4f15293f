// layout.js: where the nodes go. A force layout (fCoSE: a spectral start,
// then forces) over what is visible, in one synchronous run: pinned nodes
// are fixed where the analyst put them, the others start where they are
// unless the layout starts afresh. Each run's time and size are kept for
// the page's metrics.
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
