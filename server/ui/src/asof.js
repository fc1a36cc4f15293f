// asof.js: valid time in the explorer. A statement carries valid_from and
// valid_until bounds (each with its source: the sentence's words, the
// vocabulary, or the document's date); the time slider keeps the edges
// whose statements held on a day, as the API's as_of does, and an edge's
// panel shows each statement's interval with the words behind each bound.
import { el, $ } from "./dom.js";

const DAY = 86400000;

/** clip cuts a day (YYYY-MM-DD) to a bound's precision (YYYY, YYYY-MM or YYYY-MM-DD). */
const clip = (day, bound) => day.slice(0, bound.length);

/**
 * holdsOn reports whether statement ev held on day, the rule of the
 * server (graph/validity.go): a bound at a year's or month's precision
 * covers all of it; a statement with no bound holds from its document's
 * date (docDate), and is not known to hold on any day without one.
 */
export function holdsOn(ev, day, docDate) {
  const from = ev.valid_from, until = ev.valid_until;
  if (!from && !until) {
    const d = (docDate || "").slice(0, 10);
    return d.length === 10 && day >= d;
  }
  if (from && clip(day, from.date) < from.date) return false;
  if (until && clip(day, until.date) > until.date) return false;
  return true;
}

/** interval writes a statement's interval: "2021-10-26 – 2023-07-25", "2002 –", "" without bounds. */
export function interval(ev) {
  if (!ev.valid_from && !ev.valid_until) return "";
  return (ev.valid_from ? ev.valid_from.date : "…") + " – " + (ev.valid_until ? ev.valid_until.date : "");
}

const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
const dayTime = (d) => Date.parse(d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d.slice(0, 10));

/**
 * TimeSlider is the "as of" control under the graph: a range over the
 * days the loaded statements and documents span, a date field for an
 * exact day, and a button back to all time. Moving it sets the model's
 * filters.asOf, which model.passes applies to every statement.
 */
export class TimeSlider {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    const f = app.model.filters;
    this.range = el("input", { id: "asof-range", type: "range", min: "0", max: "0", step: "1", value: "0", disabled: true,
      "aria-label": "Show the graph as of a day", on: { input: () => this.fromRange() } });
    this.date = el("input", { id: "asof-date", type: "date", on: { change: () => this.set(this.date.value) } });
    this.all = el("button", { id: "asof-all", type: "button", class: "small", on: { click: () => this.set("") } }, "All time");
    this.out = el("output", { id: "asof-label", for: "asof-range", "aria-live": "polite" });
    root.replaceChildren(el("label", { for: "asof-date", class: "asof-title", text: "As of" }), this.date, this.range, this.out, this.all);
    this.refresh();
    if (f.asOf) this.set(f.asOf);
  }

  /** span returns the first and last day (as times) of what is loaded, or a default decade. */
  span() {
    const m = this.app.model;
    let lo = Infinity, hi = -Infinity;
    const see = (d) => {
      if (!d) return;
      const t = dayTime(d);
      if (!isNaN(t)) { lo = Math.min(lo, t); hi = Math.max(hi, t); }
    };
    for (const d of m.docs.values()) see(d.published);
    for (const e of m.edges.values()) {
      for (const ev of e.evidence) {
        if (ev.valid_from) see(ev.valid_from.date);
        if (ev.valid_until) see(ev.valid_until.date);
      }
    }
    if (lo === Infinity) { hi = Date.now(); lo = hi - 10 * 365 * DAY; }
    // A year around, so that both sides of the outermost bounds can be shown.
    return [lo - 365 * DAY, Math.max(hi + 365 * DAY, lo + DAY)];
  }

  fromRange() {
    const [lo] = this.span();
    this.set(isoDay(lo + Number(this.range.value) * DAY));
  }

  /** set shows the graph as of day (YYYY-MM-DD), or at all times for "". */
  set(day) {
    const f = this.app.model.filters;
    if (day && !/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    if (f.asOf === day) { this.refresh(); return; }
    f.asOf = day;
    this.app.model.changed("filters");
  }

  /** refresh brings the controls in line with the model. */
  refresh() {
    const f = this.app.model.filters;
    const [lo, hi] = this.span();
    this.range.max = String(Math.round((hi - lo) / DAY));
    this.range.disabled = this.app.model.edges.size === 0 && !f.asOf;
    if (f.asOf) this.range.value = String(Math.round((dayTime(f.asOf) - lo) / DAY));
    else this.range.value = this.range.max;
    this.date.value = f.asOf;
    this.out.textContent = f.asOf ? "showing what held on " + f.asOf : "all times";
    this.all.disabled = !f.asOf;
    this.root.classList.toggle("active", !!f.asOf);
  }
}

/**
 * validitySection explains when the statements of an edge held: one line
 * per statement with its interval, and under it each bound with its
 * source and the words behind it, marked in the statement's sentence.
 * docLabel names a document; asOf is the slider's day ("" for none).
 */
export function validitySection(statements, docLabel, docDate, asOf) {
  const rows = statements.map((ev) => {
    const iv = interval(ev);
    const held = asOf ? holdsOn(ev, asOf, docDate(ev.doc)) : null;
    const head = el("p", { class: "validity-head" },
      el("span", { class: "validity-interval", text: iv ? "Held " + iv : "Holds from its document's date" + (docDate(ev.doc) ? " (" + docDate(ev.doc) + ")" : ", which is unknown") }),
      held === null ? null : el("span", { class: "chip " + (held ? "held" : "not-held"), text: held ? "held on " + asOf : "not on " + asOf }),
      " · ", el("span", { class: "meta", text: ev.predicate + " · " + docLabel(ev.doc) }));
    const bounds = [["from", ev.valid_from], ["until", ev.valid_until]].filter(([, b]) => b).map(([which, b]) => boundLine(which, b, ev));
    return el("li", { class: "validity", "data-doc": ev.doc, "data-interval": iv }, head, bounds.length ? el("ul", { class: "bounds" }, bounds) : null);
  });
  return el("section", { class: "validity-list", "aria-label": "When it held" },
    el("h3", { class: "doc-title", text: "When it held" }), el("ul", {}, rows));
}

/** boundLine shows one bound: its date, its source and its evidence. */
function boundLine(which, b, ev) {
  const label = el("strong", { text: (which === "from" ? "From " : "Until ") + b.date });
  let why;
  switch (b.source) {
    case "text":
      why = [" — the sentence says “", el("span", { class: "cue", text: b.cue }), "”: ", quoteWithCue(ev.sentence, b, ev.start)];
      break;
    case "vocabulary":
      why = [" — from the vocabulary: ", el("code", { class: "cue", text: b.cue })];
      break;
    default:
      why = [" — the document's date: nothing in the sentence dates it"];
  }
  return el("li", { class: "bound bound-" + b.source, "data-bound": which, "data-source": b.source }, label, ...why);
}

/** quoteWithCue returns the sentence with the bound's words marked. */
function quoteWithCue(sentence, b, sentenceStart) {
  let i = sentence.indexOf(b.cue);
  if (i < 0 && b.end > b.start) i = b.start - sentenceStart;
  if (i < 0 || i > sentence.length) return el("q", { class: "bound-sentence", text: sentence });
  const j = Math.min(sentence.length, i + (b.cue || "").length);
  return el("q", { class: "bound-sentence" }, sentence.slice(0, i), el("mark", { class: "cue-mark", text: sentence.slice(i, j) }), sentence.slice(j));
}

/** mountSlider adds the slider's container to the footer, before the timeline, and returns it. */
export function mountSlider() {
  let root = $("asof");
  if (!root) {
    root = el("div", { id: "asof", class: "asof", role: "group", "aria-label": "As of" });
    $("timeline").before(root);
  }
  return root;
}
