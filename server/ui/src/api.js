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
