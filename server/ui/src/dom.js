// dom.js: small helpers to build the page with the DOM API only. Names and
// sentences come from documents, so text always goes in through
// textContent, never as markup.

/**
 * el creates an element. attrs maps attribute names to values; "text" sets
 * textContent, "on" maps event names to listeners, and a false, null or
 * undefined value leaves the attribute out.
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "text") e.textContent = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(e, c);
    else e.append(c);
  }
}

const svgNS = "http://www.w3.org/2000/svg";

/** svg creates an SVG element with the given attributes. */
export function svg(tag, attrs, ...children) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** $ returns the element with the given id. */
export const $ = (id) => document.getElementById(id);

/** announce says msg to screen readers through the page's live region. */
export function announce(msg) {
  const live = $("live");
  if (!live) return;
  live.textContent = "";
  // A new text node in a later task makes screen readers speak it again.
  setTimeout(() => { live.textContent = msg; }, 20);
}

/** download saves blob as a file named name. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** truncate shortens s to n characters with an ellipsis. */
export function truncate(s, n) {
  return s.length <= n ? s : s.slice(0, n - 1).trimEnd() + "…";
}

/** plural returns "1 document" or "3 documents". */
export function plural(n, word, words) {
  return n + " " + (n === 1 ? word : words || word + "s");
}
