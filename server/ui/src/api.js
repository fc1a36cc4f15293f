// api.js: the explorer's calls to Accord's HTTP API (/api/v1). Every call
// returns the decoded JSON body, or throws an Error whose message is the
// problem's detail (RFC 9457).

const API = "/api/v1";

/** APIError is an answer other than 2xx; status holds its HTTP status. */
export class APIError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function getJSON(url, signal) {
  const res = await fetch(url, { headers: { Accept: "application/json" }, signal });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new APIError(res.status, body.detail || body.title || res.statusText, body);
  return body;
}

const enc = encodeURIComponent;

/** searchEntities returns entities whose name or alias matches q. */
export function searchEntities(q, limit, signal) {
  return getJSON(API + "/entities?q=" + enc(q) + "&limit=" + (limit || 8), signal);
}

/** entity returns one entity with its facts grouped by direction and predicate. */
export function entity(id, limit) {
  return getJSON(API + "/entities/" + enc(id) + (limit ? "?limit=" + limit : ""));
}

/** neighbors returns an entity's neighbourhood as nodes and edges. */
export function neighbors(id, limit) {
  return getJSON(API + "/entities/" + enc(id) + "/neighbors?depth=1&limit=" + (limit || 300));
}

/** early holds the answers asked for before the page was built (prefetchGroups), by URL. */
const early = new Map();

const groupsURL = (id) => API + "/entities/" + enc(id) + "/neighbors/groups";

/** neighborGroups returns an entity's neighbours summarised by predicate, direction and type. */
export function neighborGroups(id) {
  const url = groupsURL(id);
  const p = early.get(url);
  if (p) {
    early.delete(url);
    return p;
  }
  return getJSON(url);
}

/**
 * prefetchGroups asks for an entity's neighbour groups at once; the next
 * neighborGroups(id) takes the answer. The page asks for the entity a link
 * opens while it builds itself.
 */
export function prefetchGroups(id) {
  const url = groupsURL(id);
  if (early.has(url)) return;
  const p = getJSON(url);
  p.catch(() => {}); // the caller that takes it sees the error
  early.set(url, p);
}

/** groupMembers returns a page of one neighbour group's members as nodes and edges. */
export function groupMembers(id, g, offset, limit) {
  return getJSON(API + "/entities/" + enc(id) + "/neighbors/members?predicate=" + enc(g.predicate) + "&direction=" + enc(g.direction) +
    (g.type ? "&type=" + enc(g.type) : "") + "&offset=" + (offset || 0) + "&limit=" + (limit || 50));
}

/** path returns up to k shortest paths between two entities (ids or names). */
export function path(from, to, k) {
  return getJSON(API + "/path?from=" + enc(from) + "&to=" + enc(to) + "&k=" + (k || 1));
}

/** documents lists every stored document. */
export function documents() {
  return getJSON(API + "/documents");
}

/** documentFacts returns one document's metadata and the facts read from it. */
export function documentFacts(id) {
  return getJSON(API + "/documents/" + enc(id));
}

// ---- corrections ------------------------------------------------------------
//
// Corrections change the graph, so the server wants the analyst's bearer
// token with each. The page keeps it in sessionStorage: it is gone when
// the tab closes and other sites' pages cannot read it.

const TOKEN_KEY = "accord.token";
const WHO_KEY = "accord.who";

/** token returns the analyst's bearer token, or "" when none was entered. */
export function token() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch { return ""; }
}

/** who returns the name the analyst gave for a server whose token names no one, or "". */
export function who() {
  try { return sessionStorage.getItem(WHO_KEY) || ""; } catch { return ""; }
}

/** setToken keeps (or, given "", forgets) the token and the name for this tab. */
export function setToken(t, name) {
  for (const [k, v] of [[TOKEN_KEY, t], [WHO_KEY, name]]) {
    if (v) sessionStorage.setItem(k, v);
    else sessionStorage.removeItem(k);
  }
}

/** NoTokenError is a correction asked for before the analyst entered a token. */
export class NoTokenError extends Error {}

async function postJSON(url, body) {
  const t = token();
  if (!t) throw new NoTokenError("Corrections need your analyst token: enter it with the Token button at the top first.");
  const res = await fetch(url, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: "Bearer " + t },
    body: JSON.stringify(body),
  });
  const out = await res.json().catch(() => ({}));
  if (!res.ok) throw new APIError(res.status, out.detail || out.title || res.statusText, out);
  return out;
}

/** corrections lists every correction, undos included, oldest first. */
export function corrections() {
  return getJSON(API + "/corrections");
}

/** correct records a correction (kind, entity, from, name, fact, note); the name given with the token goes as who. */
export function correct(body) {
  const name = who();
  return postJSON(API + "/corrections", name ? { ...body, who: name } : body);
}

/** undo takes a correction back. */
export function undo(id, note) {
  const name = who();
  const body = {};
  if (note) body.note = note;
  if (name) body.who = name;
  return postJSON(API + "/corrections/" + enc(id) + "/undo", body);
}
