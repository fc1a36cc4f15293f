// corrections.js: the analyst's correction flow. An edge's statements can
// be rejected or confirmed, an entity renamed or merged into another, and
// the audit lists every correction (what, who, when, why) with an Undo for
// those in force. Each goes to POST /api/v1/corrections with the analyst's
// bearer token (the Token dialog keeps it in sessionStorage); afterwards
// the graph and the panel are drawn again from the API, so that what the
// correction changed shows.
import { el, $, announce, plural } from "./dom.js";
import * as api from "./api.js";
import { Combobox } from "./combobox.js";

/**
 * problemText turns a failed correction into a sentence for the analyst:
 * what the server said (the problem's detail) and what to do about it.
 */
export function problemText(err) {
  if (err instanceof api.NoTokenError) return err.message;
  if (!(err instanceof api.APIError)) return "The correction did not reach the server: " + err.message;
  const b = err.body || {};
  const head = (b.title || "Error") + " (" + err.status + "): " + err.message;
  switch (err.status) {
    case 401: return head + ". Check the token you entered (Token button).";
    case 403: return head + ".";
    case 422: return "The server refused the correction" + (b.field ? " (field " + b.field + ")" : "") + ": " + head + ".";
    case 429: return head + ". Wait a moment and try again.";
    default: return head;
  }
}

/** factText names a fact reference: subject predicate object. */
function factText(f, name) {
  if (!f) return "";
  const o = f.object || {};
  return name(f.subject) + " " + f.predicate + " " + (o.entity ? name(o.entity) : "“" + o.literal + "”");
}

/** Corrections is the page's correction flow; the app owns one. */
export class Corrections {
  constructor(app) {
    this.app = app;
    this.list = [];
    this.ready = null;
    this.dialog = this.tokenDialog();
    $("btn-token").addEventListener("click", () => this.openToken());
    $("btn-audit").addEventListener("click", () => this.app.showAudit(true));
    this.tokenLabel();
  }

  // ---- the token ------------------------------------------------------------

  tokenLabel() {
    const b = $("btn-token");
    const set = !!api.token();
    b.textContent = set ? "Token set" : "Token";
    b.setAttribute("aria-label", set ? "Analyst token set: change or forget it" : "Enter your analyst token for corrections");
  }

  tokenDialog() {
    const tok = el("input", { id: "token-input", type: "password", autocomplete: "off", spellcheck: "false", placeholder: "the token the server's admin gave you" });
    const name = el("input", { id: "token-who", type: "text", autocomplete: "name", placeholder: "only if the server asks for it" });
    const status = el("p", { id: "token-status", class: "hint", "aria-live": "polite" });
    const close = () => d.close();
    const form = el("form", { method: "dialog", class: "token-form", on: { submit: (e) => {
      e.preventDefault();
      api.setToken(tok.value.trim(), name.value.trim());
      this.tokenLabel();
      announce(tok.value.trim() ? "Token kept for this tab" : "Token forgotten");
      close();
    } } },
    el("h2", { id: "token-title", text: "Analyst token" }),
    el("p", { class: "hint", text: "Corrections change the graph, so the server wants your bearer token with each one. It is kept in this tab only (sessionStorage) and sent to this server only." }),
    el("label", { for: "token-input", text: "Bearer token" }), tok,
    el("label", { for: "token-who", text: "Your name (when the server's one token names no analyst)" }), name,
    status,
    el("div", { class: "actions" },
      el("button", { type: "submit", id: "token-save" }, "Keep token"),
      el("button", { type: "button", class: "small", id: "token-forget", on: { click: () => { api.setToken("", ""); tok.value = ""; name.value = ""; this.tokenLabel(); announce("Token forgotten"); close(); } } }, "Forget token"),
      el("button", { type: "button", class: "small", on: { click: close } }, "Cancel")));
    const d = el("dialog", { id: "token-dialog", class: "token-dialog", "aria-labelledby": "token-title" }, form);
    document.body.append(d);
    this.tokenInput = tok;
    this.whoInput = name;
    return d;
  }

  openToken() {
    this.tokenInput.value = api.token();
    this.whoInput.value = api.who();
    this.dialog.showModal();
    this.tokenInput.focus();
  }

  // ---- the records ----------------------------------------------------------

  /** load fetches the corrections (again); ready settles when they are in. */
  load() {
    this.ready = api.corrections().then((b) => { this.list = b.corrections || []; }).catch((err) => {
      this.app.error("Could not list the corrections: " + err.message);
    });
    return this.ready;
  }

  /** loaded returns the promise of the list, fetching it the first time. */
  loaded() { return this.ready || this.load(); }

  /** confirmationOf returns the confirmation in force of a statement, if any. */
  confirmationOf(st) {
    return this.list.find((c) => c.kind === "confirm" && !c.undone_by && c.fact && c.fact.subject === st.subject &&
      c.fact.predicate === st.predicate && c.fact.object && c.fact.object.entity === st.object && (!c.fact.doc || c.fact.doc === st.doc));
  }

  /**
   * submit sends a correction, then draws the graph again from the API;
   * redirect maps entities the correction merged away to the entity kept.
   * It returns the record, or throws with a sentence to show.
   */
  async submit(body, redirect) {
    this.app.busy(true);
    try {
      let rec;
      try {
        rec = await api.correct(body);
      } catch (err) {
        throw new Error(problemText(err));
      }
      await this.redraw(redirect || {});
      return rec;
    } finally {
      this.app.busy(false);
    }
  }

  /**
   * redraw fetches the corrections and the graph again once one was
   * recorded; a failure here is not the correction's, and says so.
   */
  async redraw(redirect) {
    try {
      await this.load();
      await this.app.refresh(redirect);
    } catch (err) {
      this.app.error("The correction is recorded, but the graph could not be drawn again: " + err.message + ". Reload the page to see it.");
    }
  }

  // ---- an edge's statements -------------------------------------------------

  /**
   * factActions returns the Reject and Confirm buttons of one statement
   * (subject, predicate, object, doc) of an edge's panel, with a chip when
   * an analyst confirmed it.
   */
  factActions(st) {
    const status = el("span", { class: "fact-status" });
    this.loaded().then(() => {
      const c = this.confirmationOf(st);
      status.replaceChildren(...(c ? [el("span", { class: "chip confirmed", title: c.note || "confirmed by an analyst", text: "confirmed by " + c.who })] : []));
    });
    const what = st.predicate + " in " + this.app.panel.docLabel(st.doc);
    const button = (kind, label) => el("button", {
      type: "button", class: "small correct-" + kind, "aria-label": label + " the statement " + what,
      on: { click: (e) => this.factForm(kind, st, e.currentTarget) },
    }, label);
    return el("span", { class: "fact-actions" }, status, button("reject", "Reject"), button("confirm", "Confirm"));
  }

  /**
   * factForm opens, under the document's evidence, the short form that
   * asks why before rejecting or confirming a statement.
   */
  factForm(kind, st, button) {
    const section = button.closest(".doc-evidence") || button.parentElement;
    const err = el("p", { class: "error correct-error", role: "alert" });
    if (!api.token()) {
      section.querySelectorAll(".correct-form").forEach((f) => f.remove());
      err.textContent = problemText(new api.NoTokenError("Corrections need your analyst token: enter it with the Token button at the top first."));
      section.append(el("div", { class: "correct-form" }, err));
      this.app.error(err.textContent);
      return;
    }
    const name = (id) => (this.app.model.nodes.get(id) || { name: id }).name;
    const verb = kind === "reject" ? "Reject" : "Confirm";
    const id = "why-" + kind + "-" + Math.random().toString(36).slice(2, 8);
    const note = el("input", { id, type: "text", class: "why", maxlength: 500, placeholder: kind === "reject" ? "e.g. the sentence says the opposite" : "e.g. checked against the source" });
    const fact = { subject: st.subject, predicate: st.predicate, object: { entity: st.object }, doc: st.doc };
    const go = el("button", { type: "submit", class: "correct-go" }, verb + " this statement");
    const form = el("form", { class: "correct-form", "data-kind": kind, on: { submit: async (e) => {
      e.preventDefault();
      go.disabled = true;
      err.textContent = "";
      const said = factText(fact, name); // before the graph is drawn again without it
      try {
        await this.submit({ kind, fact, note: note.value.trim() });
        announce(kind === "reject" ? "Statement rejected" : "Statement confirmed");
        this.app.afterFactCorrection(kind, st, said);
      } catch (x) {
        err.textContent = x.message;
        go.disabled = false;
      }
    } } },
    el("p", { class: "correct-what" }, verb + ": ", el("strong", { text: factText(fact, name) }), " (" + this.app.panel.docLabel(st.doc) + ")"),
    el("label", { for: id, text: "Why" }), note,
    el("div", { class: "actions" }, go, el("button", { type: "button", class: "small", on: { click: () => form.remove() } }, "Cancel")),
    err);
    section.querySelectorAll(".correct-form").forEach((f) => f.remove());
    section.append(form);
    note.focus();
  }

  // ---- an entity ------------------------------------------------------------

  /** entityActions returns an entity panel's Rename and Merge into… buttons and the box their forms open in. */
  entityActions(id, name) {
    const box = el("div", { class: "correct-box" });
    const open = (kind) => this.entityForm(kind, id, box);
    return [el("div", { class: "actions", role: "group", "aria-label": "Corrections to " + name },
      el("button", { type: "button", class: "small", id: "btn-rename", "aria-label": "Rename " + name, on: { click: () => open("rename") } }, "Rename"),
      el("button", { type: "button", class: "small", id: "btn-merge", "aria-label": "Merge " + name + " into another entity", on: { click: () => open("merge") } }, "Merge into…")), box];
  }

  entityForm(kind, id, box) {
    const err = el("p", { class: "error correct-error", role: "alert" });
    if (!api.token()) {
      err.textContent = problemText(new api.NoTokenError("Corrections need your analyst token: enter it with the Token button at the top first."));
      box.replaceChildren(el("div", { class: "correct-form" }, err));
      this.app.error(err.textContent);
      return;
    }
    const m = this.app.model;
    const cur = m.nodes.get(id) || { id, name: id };
    const note = el("input", { id: "correct-why", type: "text", class: "why", maxlength: 500, placeholder: "why" });
    const fields = [];
    let body;
    const picked = { id: null, name: "" };
    if (kind === "rename") {
      const input = el("input", { id: "rename-name", type: "text", required: true, value: cur.name });
      fields.push(el("label", { for: "rename-name", text: "New name" }), input);
      body = () => {
        const name = input.value.trim();
        if (!name || name === cur.name) throw new Error("Type the new name.");
        return [{ kind: "rename", entity: id, name }, {}];
      };
    } else {
      const input = el("input", { id: "merge-into", type: "text", required: true, placeholder: "search an entity" });
      fields.push(el("label", { for: "merge-into", text: "Merge " + cur.name + " into" }), el("div", { class: "cb" }, input));
      body = () => {
        if (!picked.id) throw new Error("Choose the entity to merge into from the list.");
        if (picked.id === id) throw new Error("Choose another entity than " + cur.name + ".");
        return [{ kind: "merge", entity: picked.id, from: id }, { [id]: picked.id }];
      };
      input.addEventListener("input", () => { picked.id = null; });
      new Combobox(input, (r) => { picked.id = r.id; picked.name = r.name; });
    }
    const go = el("button", { type: "submit", class: "correct-go" }, kind === "rename" ? "Rename" : "Merge");
    const form = el("form", { class: "correct-form", "data-kind": kind, on: { submit: async (e) => {
      e.preventDefault();
      err.textContent = "";
      let b, redirect;
      try { [b, redirect] = body(); } catch (x) { err.textContent = x.message; return; }
      go.disabled = true;
      try {
        await this.submit({ ...b, note: note.value.trim() }, redirect);
        const kept = redirect[id] || id;
        announce(kind === "rename" ? "Renamed to " + b.name : cur.name + " merged into " + picked.name);
        this.app.showNode(kept, true);
      } catch (x) {
        err.textContent = x.message;
        go.disabled = false;
      }
    } } },
    ...fields, el("label", { for: "correct-why", text: "Why" }), note,
    el("div", { class: "actions" }, go, el("button", { type: "button", class: "small", on: { click: () => box.replaceChildren() } }, "Cancel")), err);
    box.replaceChildren(form);
    form.querySelector("input").focus();
  }

  // ---- the audit ------------------------------------------------------------

  /** describe says what a correction did, naming entities as the record has them. */
  describe(c, byId) {
    const name = (id) => {
      const e = (c.entities || []).find((x) => x.id === id) || this.app.model.nodes.get(id);
      return (e && e.name) || id;
    };
    switch (c.kind) {
      case "merge": return "Merged " + name(c.from) + " into " + name(c.entity);
      case "split": return "Split “" + c.alias + "” off " + name(c.entity);
      case "rename": return "Renamed " + name(c.entity) + " to “" + c.name + "”";
      case "retype": return "Retyped " + name(c.entity) + " as " + c.type;
      case "reject": return "Rejected " + factText(c.fact, name);
      case "confirm": return "Confirmed " + factText(c.fact, name);
      case "add": return "Added " + factText(c.fact, name);
      case "undo": {
        const t = byId.get(c.undoes);
        return "Undid " + (t ? "“" + this.describe(t, byId) + "”" : c.undoes);
      }
      default: return c.kind;
    }
  }

  /** audit returns the audit panel's content; it fills itself from the API. */
  audit() {
    const box = el("div", { class: "audit", "aria-busy": "true" }, el("p", { class: "hint", text: "Loading the corrections…" }));
    this.load().then(() => this.fillAudit(box));
    return box;
  }

  fillAudit(box) {
    const byId = new Map(this.list.map((c) => [c.id, c]));
    const active = this.list.filter((c) => c.kind !== "undo" && !c.undone_by).length;
    const items = [...this.list].reverse().map((c) => {
      const state = c.kind === "undo" ? "undo" : c.undone_by ? "undone" : "active";
      const err = el("p", { class: "error correct-error", role: "alert" });
      const undo = state === "active" ? el("button", {
        type: "button", class: "small undo", "aria-label": "Undo: " + this.describe(c, byId),
        on: { click: async (e) => {
          const b = e.currentTarget;
          b.disabled = true;
          err.textContent = "";
          this.app.busy(true);
          try {
            await api.undo(c.id, "");
            await this.redraw({});
            announce("Undone: " + this.describe(c, byId));
            this.fillAudit(box);
          } catch (x) {
            err.textContent = problemText(x);
            b.disabled = false;
          } finally {
            this.app.busy(false);
          }
        } },
      }, "Undo") : null;
      const when = (c.when || "").replace("T", " ").replace(/(:\d\d)(\.\d+)?Z$/, "$1 UTC");
      return el("li", { class: "audit-item " + state, "data-id": c.id, "data-kind": c.kind, "data-state": state },
        el("div", { class: "audit-what" }, el("span", { class: "badge kind-" + c.kind, text: c.kind }), " ", el("span", { class: "audit-text", text: this.describe(c, byId) })),
        el("div", { class: "meta" }, el("span", { class: "audit-who", text: c.who }), " · ", el("time", { datetime: c.when, text: when }), " · ",
          el("span", { class: "audit-state", text: state === "undone" ? "undone" + (byId.get(c.undone_by) ? " by " + byId.get(c.undone_by).who : "") : state === "undo" ? "an undo" : "in force" })),
        c.note ? el("blockquote", { class: "audit-note", text: c.note }) : null,
        undo ? el("div", { class: "actions" }, undo) : null, err);
    });
    box.replaceChildren(
      el("p", { class: "meta", text: plural(this.list.length, "record") + ", " + plural(active, "correction") + " in force. Undo takes a correction back and is a record of its own." }),
      items.length ? el("ol", { class: "audit-list" }, items) : el("p", { class: "hint", text: "No corrections yet: reject or confirm a statement from an edge's panel, rename or merge an entity from its panel." }));
    box.removeAttribute("aria-busy");
  }
}
