// urlstate.js: the view as the URL's fragment, so that a link shows what
// its sender saw: the entities opened, the path asked for, pinned (with
// their places) and hidden entities, the filters and the open panel.
//
//	#open=justin-trudeau,joe-biden&panel=edge:joe-biden|met|justin-trudeau
//	 &pin=canada@120@-40&hide=trade&xt=Issue&xp=discussed&xm=expected
//	 &doc=ID&since=2023-01-01&until=2023-03-31&undated=0&path=FROM,TO,K
//	 &asof=2023-06-01 (the time slider, asof.js)

const list = (v) => (v ? v.split(",").filter(Boolean) : []);

/** encode returns the fragment for the model and the panel state. */
export function encode(model, panel) {
  const p = new URLSearchParams();
  const f = model.filters;
  if (model.opened.length) p.set("open", model.opened.join(","));
  if (model.path) p.set("path", [model.path.from, model.path.to, model.path.k || 1].join(","));
  if (model.pinned.size) p.set("pin", [...model.pinned].map(([id, pos]) => id + "@" + Math.round(pos.x) + "@" + Math.round(pos.y)).join(","));
  if (model.hidden.size) p.set("hide", [...model.hidden].join(","));
  if (f.xTypes.size) p.set("xt", [...f.xTypes].join(","));
  if (f.xPreds.size) p.set("xp", [...f.xPreds].join(","));
  if (f.xMods.size) p.set("xm", [...f.xMods].join(","));
  if (f.doc) p.set("doc", f.doc);
  if (f.since) p.set("since", f.since);
  if (f.until) p.set("until", f.until);
  if (!f.undated) p.set("undated", "0");
  if (f.asOf) p.set("asof", f.asOf);
  if (panel) {
    if (panel.panel === "node" || panel.panel === "edge") p.set("panel", panel.panel + ":" + panel.id);
    else if (panel.panel === "doc") p.set("panel", "doc:" + panel.id + (panel.at !== undefined && panel.at !== null ? ":" + panel.at : ""));
    else if (panel.panel === "path" || panel.panel === "audit") p.set("panel", panel.panel);
  }
  const s = p.toString();
  return s ? "#" + s : "#";
}

/** decode reads a fragment back; it also takes the old #/entity/ID links. */
export function decode(hash) {
  const h = (hash || "").replace(/^#/, "");
  const old = h.match(/^\/entity\/(.+)$/);
  if (old) {
    const id = decodeURIComponent(old[1]);
    return { open: [id], panel: { panel: "node", id }, pin: [], hide: [], xt: [], xp: [], xm: [], doc: "", since: "", until: "", undated: true, path: null };
  }
  const p = new URLSearchParams(h);
  const pin = list(p.get("pin")).map((s) => {
    const [id, x, y] = s.split("@");
    return { id, x: Number(x) || 0, y: Number(y) || 0 };
  });
  let panel = null;
  const pv = p.get("panel") || "";
  const i = pv.indexOf(":");
  const kind = i < 0 ? pv : pv.slice(0, i);
  const rest = i < 0 ? "" : pv.slice(i + 1);
  if (kind === "node" || kind === "edge") panel = { panel: kind, id: rest };
  else if (kind === "doc") {
    const j = rest.lastIndexOf(":");
    panel = j > 0 && /^\d+$/.test(rest.slice(j + 1)) ? { panel: "doc", id: rest.slice(0, j), at: Number(rest.slice(j + 1)) } : { panel: "doc", id: rest };
  } else if (kind === "path" || kind === "audit") panel = { panel: kind };
  const path = list(p.get("path"));
  return {
    open: list(p.get("open")),
    pin, hide: list(p.get("hide")),
    xt: list(p.get("xt")), xp: list(p.get("xp")), xm: list(p.get("xm")),
    doc: p.get("doc") || "", since: p.get("since") || "", until: p.get("until") || "",
    undated: p.get("undated") !== "0",
    asOf: p.get("asof") || "",
    path: path.length >= 2 ? { from: path[0], to: path[1], k: Number(path[2]) || 1 } : null,
    panel,
  };
}
