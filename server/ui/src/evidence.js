// evidence.js: the sentences behind edges, as the panels show them. Each
// sentence appears once, whatever number of facts were read from it; the
// facts become chips under it (predicate, modality, qualifiers,
// confidence). Sentences are grouped by document, newest first, in text
// order within one, and each comes with a short context: the stored
// sentence before and after it, when they are near, with […] where the
// graph keeps no text. Neighbouring sentences share one passage.
import { el, plural } from "./dom.js";
import { tentative } from "./kinds.js";

/** gap is how many characters between two sentences still count as adjacent. */
export const gap = 3;

/** near is how far (in characters) the sentence before or after may be to be context. */
const near = 400;

/**
 * sentencesOf returns a document's evidence sentences in text order, each
 * with its facts. Spans that overlap (a clause read on its own inside a
 * longer sentence) join the longest one: spans lists the members.
 */
export function sentencesOf(doc) {
  const byStart = new Map();
  for (const f of doc.facts || []) {
    const ev = f.evidence;
    const k = ev.start + ":" + ev.end;
    let s = byStart.get(k);
    if (!s) byStart.set(k, (s = { start: ev.start, end: ev.end, text: ev.sentence, facts: [] }));
    s.facts.push(f);
  }
  const spans = [...byStart.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  for (const sp of spans) {
    const last = out[out.length - 1];
    if (last && sp.start < last.end) {
      last.spans.push(sp);
      last.facts.push(...sp.facts);
      if (sp.end - sp.start > last.end - last.start) Object.assign(last, { start: sp.start, end: sp.end, text: sp.text });
      else last.end = Math.max(last.end, sp.end);
      continue;
    }
    out.push({ ...sp, facts: [...sp.facts], spans: [sp] });
  }
  return out;
}

/**
 * markSpans returns a block's text with the spans of the given starts
 * highlighted.
 */
export function markSpans(block, starts) {
  const marks = block.spans.filter((sp) => starts.has(sp.start)).map((sp) => {
    const i = block.text.indexOf(sp.text);
    return i < 0 ? { i: 0, j: block.text.length, text: block.text } : { i, j: i + sp.text.length, text: sp.text };
  }).sort((a, b) => a.i - b.i || b.j - a.j);
  const out = [];
  let at = 0;
  for (const m of marks) {
    if (m.i < at) continue; // nested in the previous mark
    if (m.i > at) out.push(block.text.slice(at, m.i));
    out.push(el("mark", { class: "evidence", text: block.text.slice(m.i, m.j) }));
    at = m.j;
  }
  if (at < block.text.length) out.push(block.text.slice(at));
  return out;
}

/**
 * claims merges statements (evidence items with subject, predicate, object)
 * into one claim per sentence: {doc, start, end, sentence, facts[]}.
 */
export function claims(statements) {
  const byKey = new Map();
  for (const st of statements) {
    const k = st.doc + "|" + st.start + "|" + st.end;
    let c = byKey.get(k);
    if (!c) byKey.set(k, (c = { doc: st.doc, start: st.start, end: st.end, sentence: st.sentence, facts: [] }));
    const dup = c.facts.some((f) => f.subject === st.subject && f.predicate === st.predicate && f.object === st.object);
    if (!dup) c.facts.push(st);
  }
  // A document may say the same thing twice (a lead repeated in the body):
  // a sentence found inside another claim's of the same document joins it.
  const out = [...byKey.values()].sort((a, b) => b.sentence.length - a.sentence.length);
  const kept = [];
  for (const c of out) {
    const host = kept.find((k) => k.doc === c.doc && k.sentence.includes(c.sentence.trim()));
    if (!host) { kept.push(c); continue; }
    for (const f of c.facts) {
      if (!host.facts.some((x) => x.subject === f.subject && x.predicate === f.predicate && x.object === f.object)) host.facts.push(f);
    }
  }
  return kept;
}

/** byDocument groups claims by document, newest first, each document's in text order. */
export function byDocument(cs, docDate) {
  const m = new Map();
  for (const c of cs) {
    if (!m.has(c.doc)) m.set(c.doc, []);
    m.get(c.doc).push(c);
  }
  for (const list of m.values()) list.sort((a, b) => a.start - b.start);
  return [...m.entries()].sort(([a], [b]) => (docDate(b) || "").localeCompare(docDate(a) || "") || a.localeCompare(b));
}

function chip(cls, text, title) {
  return el("span", { class: "chip " + cls, text, title: title || null });
}

/** modalityChip shows how a fact was stated. */
export function modalityChip(m) {
  return chip("mod-" + m, m, tentative(m) ? "not (yet) a fact: drawn dashed" : "how the document states it");
}

/**
 * chipsOf returns the chips of one fact: its predicate (with the other
 * end when asked), modality, qualifiers and confidence.
 */
export function chipsOf(f, names, opts = {}) {
  const out = [];
  if (opts.triple) {
    out.push(el("span", { class: "claim-what" }, names(f.subject), " ", el("span", { class: "pred", text: f.predicate }), " ", names(f.object)));
  } else {
    out.push(chip("pred", f.predicate));
  }
  out.push(modalityChip(f.modality));
  for (const q of f.qualifiers || []) out.push(chip("qual", q.key + ": " + q.value, "qualifier"));
  if (f.confidence !== undefined && f.confidence !== null) out.push(chip("conf", "confidence " + f.confidence, "the extractor's confidence"));
  return out;
}

/**
 * EvidenceList renders claims grouped by document. ctx is the panel's
 * helpers: names(id), docLabel(id), docMeta(id), docLink(id, start),
 * docDate(id), docFacts(id) (a promise of the document's facts),
 * passes(statement) (the filters). opts.actions(statement), when given,
 * returns what to add at the end of each statement's line (the Reject and
 * Confirm buttons of corrections.js).
 */
export class EvidenceList {
  constructor(ctx, statements, opts = {}) {
    this.ctx = ctx;
    this.opts = opts;
    this.claims = claims(statements);
    this.triple = opts.triple !== undefined ? opts.triple : new Set(this.claims.flatMap((c) => c.facts.map((f) => f.predicate))).size > 1;
  }

  /** render returns one section per document. */
  render() {
    return byDocument(this.claims, this.ctx.docDate).map(([doc, cs]) => {
      const passages = el("div", { class: "passages" }, cs.map((c) => this.passage([c], null)));
      const sec = el("section", { class: "doc-evidence", "data-doc": doc },
        el("h3", { class: "doc-title", text: this.ctx.docLabel(doc) }),
        el("p", { class: "meta" }, this.ctx.docMeta(doc), " · ", this.ctx.docLink(doc, cs[0].start)),
        passages);
      if (this.opts.context !== false) {
        this.ctx.docFacts(doc).then((d) => this.fillContext(passages, d, cs)).catch(() => { passages.dataset.context = "failed"; });
      }
      return sec;
    });
  }

  /**
   * passage renders claims that share a stretch of text: the text (bare
   * sentences until the document is read, blocks with context after),
   * then one line of chips per claim.
   */
  passage(cs, text) {
    const quote = el("blockquote", { class: "context" }, text || cs.map((c, i) => [i ? " " : null, el("mark", { class: "evidence", text: c.sentence })]));
    const rows = cs.map((c) => {
      const hidden = c.facts.every((f) => !this.ctx.passes(f));
      return el("div", { class: "claim" + (hidden ? " filtered" : ""), "data-start": c.start },
        ...c.facts.map((f) => el("div", { class: "chips" }, ...chipsOf(f, this.ctx.names, { triple: this.triple }),
          this.ctx.passes(f) ? null : chip("hidden", "hidden by the filters"),
          this.opts.actions ? this.opts.actions(f) : null)));
    });
    return el("div", { class: "evidence-item" }, quote, ...rows);
  }

  /**
   * fillContext rebuilds a document's passages from its stored sentences:
   * each claim's sentence with the one before and after when near, claims
   * whose contexts meet in one passage, so that no sentence shows twice.
   */
  fillContext(box, doc, cs) {
    const blocks = sentencesOf(doc);
    const at = (c) => blocks.findIndex((b) => b.spans.some((sp) => sp.start === c.start));
    const ranges = [];
    const loose = [];
    for (const c of cs) {
      const i = at(c);
      if (i < 0) { loose.push(c); continue; }
      const lo = i > 0 && blocks[i].start - blocks[i - 1].end <= near ? i - 1 : i;
      const hi = i + 1 < blocks.length && blocks[i + 1].start - blocks[i].end <= near ? i + 1 : i;
      ranges.push({ lo, hi, cs: [c] });
    }
    ranges.sort((a, b) => a.lo - b.lo);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r.lo <= last.hi + 1 && (r.lo > last.hi ? blocks[r.lo].start - blocks[last.hi].end <= near : true)) {
        last.hi = Math.max(last.hi, r.hi);
        last.cs.push(...r.cs);
      } else merged.push({ ...r, cs: [...r.cs] });
    }
    const kept = (title) => el("span", { class: "gap", title, text: "[…]" });
    // No sentence twice: context already shown, or inside a claim's
    // sentence, is left out.
    const shown = new Set();
    const inClaim = (text) => cs.some((c) => c.sentence.includes(text.trim()));
    const out = merged.map((r) => {
      const starts = new Set(r.cs.map((c) => c.start));
      const parts = [];
      if (blocks[r.lo].start > 0) parts.push(kept("text the graph does not keep"), " ");
      for (let j = r.lo; j <= r.hi; j++) {
        const b = blocks[j];
        if (j > r.lo && b.start - blocks[j - 1].end > gap) parts.push(kept("text the graph does not keep"), " ");
        const mine = b.spans.some((sp) => starts.has(sp.start));
        if (!mine && (shown.has(b.text.trim()) || inClaim(b.text))) continue;
        shown.add(b.text.trim());
        parts.push(mine ? el("span", { class: "here" }, ...markSpans(b, starts)) : el("span", { class: "near", text: b.text }), " ");
      }
      parts.push(kept("text the graph does not keep, or the end of the document"));
      return this.passage(r.cs, parts);
    });
    for (const c of loose) out.push(this.passage([c], null));
    box.replaceChildren(...out);
    box.dataset.context = "loaded";
  }
}

/** summary says how many documents and sentences state the claims, by modality. */
export function summary(statements, passing) {
  const cs = claims(statements);
  const docs = new Set(cs.map((c) => c.doc));
  const mods = {};
  for (const st of statements) mods[st.modality] = (mods[st.modality] || 0) + 1;
  return "Stated in " + plural(docs.size, "document") + ", " + plural(cs.length, "sentence") + ": " +
    Object.entries(mods).map(([k, v]) => v + " " + k).join(", ") + "." +
    (passing < statements.length ? " " + (statements.length - passing) + " hidden by the filters here, shown below." : "");
}
