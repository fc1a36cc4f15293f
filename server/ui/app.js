// Accord explorer: search entities, then show one entity's facts grouped
// by predicate with the sentence each was read from. The page builds its
// DOM with textContent only, so names and sentences from documents can
// never inject markup.
"use strict";

const api = "/api/v1";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c);
  }
  return e;
}

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail || body.title || res.statusText);
  return body;
}

function showError(target, err) {
  target.replaceChildren(el("p", { class: "error", text: String(err.message || err) }));
}

function entityLink(id, name) {
  return el("a", { href: "#/entity/" + encodeURIComponent(id), text: name || id });
}

async function search(q) {
  const results = document.getElementById("results");
  if (!q.trim()) {
    results.replaceChildren();
    return;
  }
  try {
    const body = await getJSON(api + "/entities?q=" + encodeURIComponent(q));
    if (body.results.length === 0) {
      results.replaceChildren(el("p", { class: "hint", text: "No entity matches “" + q + "”." }));
      return;
    }
    const ul = el("ul");
    for (const r of body.results) {
      const a = entityLink(r.id, null);
      a.replaceChildren(el("span", { class: "type", text: r.type }), el("br"), document.createTextNode(r.name));
      ul.append(el("li", {}, a));
    }
    results.replaceChildren(ul);
  } catch (err) {
    showError(results, err);
  }
}

// other returns the node at the far end of a fact, as a link when it is an entity.
function other(f, dir) {
  if (dir === "in") return entityLink(f.subject, f.subject_name);
  if (f.object.entity) return entityLink(f.object.entity, f.object_name);
  return el("span", { class: "literal", text: "“" + f.object.literal + "”" });
}

function factItem(f, dir, self) {
  const line = el("div", {});
  if (dir === "out") {
    line.append(document.createTextNode(self + " " + f.predicate + " "), other(f, dir));
  } else {
    line.append(other(f, dir), document.createTextNode(" " + f.predicate + " " + self));
  }
  const meta = [f.evidence.modality, "confidence " + f.evidence.confidence, "in " + f.doc];
  for (const q of f.qualifiers || []) meta.push(q.key + ": " + q.value);
  return el("li", { class: "fact" },
    line,
    el("blockquote", { text: f.evidence.sentence }),
    el("div", { class: "meta", text: meta.join(" · ") }));
}

function factSection(title, groups, dir, self) {
  const preds = Object.keys(groups).sort();
  if (preds.length === 0) return null;
  const section = el("section", {}, el("h3", { text: title }));
  for (const p of preds) {
    const ul = el("ul", { class: "facts" });
    for (const f of groups[p]) ul.append(factItem(f, dir, self));
    section.append(el("h4", { text: p + " (" + groups[p].length + ")" }), ul);
  }
  return section;
}

async function showEntity(id) {
  const target = document.getElementById("entity");
  try {
    const e = await getJSON(api + "/entities/" + encodeURIComponent(id));
    const aliases = e.aliases.length ? "also: " + e.aliases.join(", ") : null;
    const out = factSection("What " + e.name + " did", e.facts.out, "out", e.name);
    const inn = factSection("What was said about " + e.name, e.facts.in, "in", e.name);
    const parts = [
      el("span", { class: "type", text: e.type }),
      el("h2", { text: e.name }),
      aliases && el("p", { class: "aliases", text: aliases }),
      el("p", { class: "meta", text: "Mentioned in " + e.documents.length + " document(s)." }),
      out, inn,
      !out && !inn ? el("p", { class: "hint", text: "No facts about this entity." }) : null];
    target.replaceChildren(...parts.filter(Boolean));
    document.title = e.name + " · Accord explorer";
  } catch (err) {
    showError(target, err);
  }
}

function route() {
  const m = location.hash.match(/^#\/entity\/(.+)$/);
  if (m) showEntity(decodeURIComponent(m[1]));
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    search(input.value);
  });
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 200);
  });
  window.addEventListener("hashchange", route);
  // A search can be linked to: /?q=trudeau
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search(q);
  }
  route();
});
