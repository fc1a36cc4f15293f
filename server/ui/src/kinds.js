// kinds.js: how each entity type looks, on the canvas and in the legend.
import { svg } from "./dom.js";

/**
 * KINDS lists the entity types in the contract's order (plus Commitment),
 * each with its colour, its Cytoscape node shape and the same shape as an
 * SVG path in a 16×16 box for legends and lists.
 */
export const KINDS = [
  { type: "Person", color: "#2b6cb0", shape: "ellipse", icon: "M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z" },
  { type: "Country", color: "#2f855a", shape: "round-rectangle", icon: "M3 2h10a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z" },
  { type: "Organization", color: "#6b46c1", shape: "hexagon", icon: "M4.5 2h7l3.5 6-3.5 6h-7L1 8z" },
  { type: "Agreement", color: "#c05621", shape: "diamond", icon: "M8 1l7 7-7 7-7-7z" },
  { type: "Issue", color: "#0e7490", shape: "triangle", icon: "M8 1.5l7 12.5H1z" },
  { type: "Place", color: "#8a6d3b", shape: "pentagon", icon: "M8 1l7 5.2-2.7 8.3H3.7L1 6.2z" },
  { type: "Event", color: "#c53030", shape: "star", icon: "M8 1l2 4.6 5 .5-3.8 3.3 1.1 4.9L8 11.8l-4.3 2.5 1.1-4.9L1 6.1l5-.5z" },
  { type: "Commitment", color: "#4a5568", shape: "tag", icon: "M2 3h8l4 5-4 5H2z" },
];

const byType = new Map(KINDS.map((k) => [k.type, k]));

/** kind returns how the type looks; unknown types look like Commitment. */
export function kind(type) {
  return byType.get(type) || { type, color: "#718096", shape: "ellipse", icon: KINDS[0].icon };
}

/** icon returns a small SVG of the type's shape in its colour. */
export function icon(type, size) {
  const k = kind(type);
  return svg("svg", { class: "kind-icon", viewBox: "0 0 16 16", width: size || 14, height: size || 14, "aria-hidden": "true", focusable: "false" },
    svg("path", { d: k.icon, fill: k.color }));
}

/** MODALITIES are the ways a document states a fact. */
export const MODALITIES = ["asserted", "reported", "expected", "sought"];

/** tentative reports a modality that states no fact yet: drawn dashed. */
export const tentative = (m) => m === "expected" || m === "sought";

/** SYMMETRIC predicates read the same both ways: one undirected edge. */
export const SYMMETRIC = new Set(["met"]);
