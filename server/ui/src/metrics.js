// metrics.js: what the page measures about itself, for the browser tests
// and for anyone curious (explorer.metrics() in the console): labels as
// drawn, nodes on the canvas, layout times, when the graph was first
// painted, and the JavaScript heap. Times are performance.now(): from the
// start of the page's navigation, in milliseconds.
import * as labels from "./labels.js";

/** Metrics watches one GraphView. */
export class Metrics {
  constructor(view) {
    this.view = view;
    this.firstPaint = null; // the first frame drawn with a graph on the canvas
    view.cy.on("render", () => {
      if (this.firstPaint === null && view.cy.nodes().not(".gone").nonempty()) this.firstPaint = performance.now();
    });
  }

  /** snapshot returns the measures now. */
  snapshot() {
    const cy = this.view.cy;
    const shown = cy.nodes().not(".gone");
    const mem = performance.memory;
    return {
      nodes: shown.length, // drawn nodes, groups included
      entities: shown.not(".group").length,
      groups: shown.filter(".group").length,
      edges: cy.edges().not(".gone").length,
      labels: labels.measure(cy),
      layouts: this.view.layouts.slice(),
      firstPaint: this.firstPaint,
      frames: this.view.frames,
      lastFrame: this.view.lastFrame,
      heap: mem ? { used: mem.usedJSHeapSize, total: mem.totalJSHeapSize } : null,
    };
  }
}
