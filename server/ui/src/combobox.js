// combobox.js: entity search with autocomplete over names and aliases, as
// an ARIA 1.2 combobox: type to search, arrows to move, Enter to choose,
// Escape to close the list.
import { el } from "./dom.js";
import { icon } from "./kinds.js";
import { searchEntities } from "./api.js";

let serial = 0;

/**
 * Combobox turns a text input into an entity picker. onPick receives the
 * chosen match ({id, name, type, ...}).
 */
export class Combobox {
  constructor(input, onPick) {
    this.input = input;
    this.onPick = onPick;
    this.results = [];
    this.active = -1;
    this.seq = 0;
    const id = "cb-list-" + ++serial;
    this.list = el("ul", { id, role: "listbox", class: "cb-list", hidden: true, "aria-label": "Matching entities" });
    input.after(this.list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (e) => this.key(e));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    input.addEventListener("focus", () => { if (this.results.length && input.value.trim()) this.open(); });
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.fetch(); }, 120);
  }

  async fetch() {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) {
      this.results = [];
      this.close();
      return this.results;
    }
    if (this.ctrl) this.ctrl.abort();
    this.ctrl = new AbortController();
    try {
      const body = await searchEntities(q, 8, this.ctrl.signal);
      if (seq !== this.seq) return this.results;
      this.results = body.results;
      this.active = this.results.length ? 0 : -1;
      this.render(q);
    } catch (err) {
      if (err.name === "AbortError") return this.results;
      this.results = [];
      this.list.replaceChildren(el("li", { class: "cb-empty", role: "option", "aria-disabled": "true", text: err.message }));
      this.open();
    }
    return this.results;
  }

  render(q) {
    const lq = q.toLowerCase();
    if (this.results.length === 0) {
      this.list.replaceChildren(el("li", { class: "cb-empty", role: "option", "aria-disabled": "true", text: "No entity matches “" + q + "”" }));
      this.open();
      return;
    }
    this.list.replaceChildren(...this.results.map((r, i) => {
      const alias = r.match !== "exact" && !r.name.toLowerCase().includes(lq) ? (r.aliases || []).find((a) => a.toLowerCase().includes(lq)) : null;
      return el("li", {
        id: this.list.id + "-" + i, role: "option", class: "cb-option", "aria-selected": i === this.active ? "true" : "false",
        on: { mousedown: (e) => { e.preventDefault(); this.pick(i); } },
      }, icon(r.type), el("span", { class: "cb-name", text: r.name }),
      alias ? el("span", { class: "cb-alias", text: "“" + alias + "”" }) : null,
      el("span", { class: "cb-type", text: r.type + " · " + r.facts + " facts" }));
    }));
    this.open();
    this.mark();
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  isOpen() { return !this.list.hidden; }

  mark() {
    [...this.list.children].forEach((li, i) => li.setAttribute("aria-selected", i === this.active ? "true" : "false"));
    if (this.active >= 0 && this.list.children[this.active]) {
      const li = this.list.children[this.active];
      this.input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }
  }

  async key(e) {
    const n = this.results.length;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!this.isOpen()) { await this.fetch(); return; }
        if (n) { this.active = (this.active + 1) % n; this.mark(); }
        break;
      case "ArrowUp":
        e.preventDefault();
        if (n) { this.active = (this.active - 1 + n) % n; this.mark(); }
        break;
      case "Enter":
        e.preventDefault();
        // Enter before the list caught up with the typing searches first.
        if (this.timer || !this.isOpen()) {
          clearTimeout(this.timer);
          this.timer = null;
          await this.fetch();
        }
        if (this.results.length) this.pick(Math.max(this.active, 0));
        break;
      case "Escape":
        if (this.isOpen()) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        }
        break;
    }
  }

  pick(i) {
    const r = this.results[i];
    if (!r) return;
    this.close();
    this.input.value = r.name;
    this.onPick(r);
  }
}
