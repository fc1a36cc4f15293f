// labels.js: which labels the canvas draws, and how large. No label is drawn
// under MIN_PX CSS pixels on screen: a label's size in graph units times
// the zoom. Important nodes (the entities opened, pinned or on a path, the
// groups, the selected node and its neighbours, the best connected) keep
// their label at any zoom, grown to stay readable; the others appear as
// the analyst zooms in. Edge labels follow the same rule.
//
// Cytoscape's own min-zoomed-font-size cannot do this: it compares the
// size at the zoom rounded up to a power of two, so it draws 8 px labels.

/** MIN_PX is the smallest label drawn, in CSS pixels on screen. */
export const MIN_PX = 11;

/** NODE_PX and EDGE_PX are the labels' sizes in graph units, as drawn at zoom 1. */
export const NODE_PX = 12;
export const EDGE_PX = 11;

/** EDGE_ZOOM is the zoom from which every edge label is drawn (at EDGE_PX × zoom ≥ MIN_PX). */
export const EDGE_ZOOM = 1.4;

/** HUBS is how many of the best connected entities keep their labels. */
const HUBS = 8;

/** WRAP is the width labels wrap at, in graph units at NODE_PX. */
const WRAP = 120;

/** groupWidth is the width of a group's box that holds its label at font size fs. */
export const groupWidth = (text, fs) => Math.max(60, ((text || "").length * 6.6 * fs) / NODE_PX + 16);

/** groupHeight is the height of a group's box at font size fs. */
export const groupHeight = (fs) => Math.max(26, fs * 2);

/**
 * labelSize returns the font size a label of an important node is drawn
 * at, in graph units, at zoom z.
 */
export const labelSize = (z) => Math.max(NODE_PX, (MIN_PX + 1) / z);

/**
 * importantNodes returns the ids of the nodes whose labels are drawn at
 * any zoom.
 */
export function importantNodes(cy, model) {
  const keep = new Set();
  const shown = cy.nodes().not(".gone");
  shown.forEach((n) => {
    const id = n.id();
    if (n.hasClass("group") || model.roots.has(id) || model.pinned.has(id) || n.hasClass("path")) keep.add(id);
  });
  const sel = cy.$(":selected");
  sel.forEach((s) => {
    if (s.isNode()) {
      keep.add(s.id());
      s.neighborhood("node").not(".gone").forEach((n) => keep.add(n.id()));
    } else {
      keep.add(s.source().id());
      keep.add(s.target().id());
    }
  });
  shown.filter((n) => !n.hasClass("group"))
    .sort((a, b) => b.degree(false) - a.degree(false))
    .slice(0, HUBS)
    .forEach((n) => { if (n.degree(false) > 2) keep.add(n.id()); });
  return keep;
}

/**
 * apply sets every node's and edge's label and size for the current zoom
 * and selection.
 */
export function apply(cy, model) {
  const z = cy.zoom();
  const keep = importantNodes(cy, model);
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      let fs = NODE_PX;
      let text = n.data("name") ? n.data("short") : "";
      if (keep.has(n.id())) fs = labelSize(z);
      else if (NODE_PX * z < MIN_PX) text = "";
      if (n.hasClass("group")) n.data({ label: text, fs, w: groupWidth(n.data("short"), fs), h: groupHeight(fs) });
      else n.data({ label: text, fs, tmw: (WRAP * fs) / NODE_PX });
    });
    cy.edges().forEach((e) => {
      // Edge labels crowd a star: only the selected edge and a path's keep
      // theirs when zoomed out; the others appear from EDGE_ZOOM on.
      const important = e.selected() || e.hasClass("path");
      let fs = EDGE_PX;
      let text = e.data("text") || "";
      if (important && !e.hasClass("to-group")) fs = Math.max(EDGE_PX, MIN_PX / z);
      else if (z < EDGE_ZOOM) text = "";
      e.data({ label: text, fs });
    });
  });
}

/**
 * measure reports the labels as drawn: for each node and edge with a label
 * on screen, its size in CSS pixels (the font size times the zoom), and
 * how many pairs of node labels overlap on screen.
 */
export function measure(cy) {
  const z = cy.zoom();
  const ext = cy.extent();
  const onScreen = (bb) => bb.x2 >= ext.x1 && bb.x1 <= ext.x2 && bb.y2 >= ext.y1 && bb.y1 <= ext.y2;
  const nodes = [], edges = [], boxes = [];
  cy.nodes().not(".gone").forEach((n) => {
    const text = n.pstyle("label").strValue;
    if (!text) return;
    const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    const px = n.pstyle("font-size").pfValue * z;
    nodes.push({ id: n.id(), px, text, onScreen: onScreen(bb) });
    if (onScreen(bb)) boxes.push(bb);
  });
  cy.edges().not(".gone").forEach((e) => {
    const text = e.pstyle("label").strValue;
    if (text) edges.push({ id: e.id(), px: e.pstyle("font-size").pfValue * z, text });
  });
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      // Touching is not overlapping: 2 graph units of slack.
      if (a.x1 < b.x2 - 2 && b.x1 < a.x2 - 2 && a.y1 < b.y2 - 2 && b.y1 < a.y2 - 2) overlaps++;
    }
  }
  const all = nodes.map((l) => l.px).concat(edges.map((l) => l.px));
  return { zoom: z, nodes, edges, overlaps, minPx: all.length ? Math.min(...all) : null };
}
