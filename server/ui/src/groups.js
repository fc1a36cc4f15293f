// groups.js: neighbourhoods too large to draw node by node. An entity with
// more than GROUP_AT neighbours is drawn with its neighbours in groups, one
// node per predicate, direction and type ("31 issues discussed"), from the
// server's summary (/neighbors/groups); expanding a group fetches its
// members a page at a time (/neighbors/members). Past MAX_GROUPS groups,
// the smallest are folded into one node that unfolds into the next ones.

/** GROUP_AT is the largest neighbourhood drawn node by node. */
export const GROUP_AT = 60;

/** MAX_GROUPS is how many group nodes one entity shows at once, a fold included. */
export const MAX_GROUPS = 24;

/** PAGE is how many members one expansion of a large group draws. */
export const PAGE = 40;

const PLURALS = {
  Person: ["person", "people"], Country: ["country", "countries"], Organization: ["organization", "organizations"],
  Agreement: ["agreement", "agreements"], Issue: ["issue", "issues"], Place: ["place", "places"],
  Event: ["event", "events"], Commitment: ["commitment", "commitments"],
};

/** typeWord returns the type as a noun for n of them: "1 issue", "31 issues". */
export function typeWord(type, n) {
  const w = PLURALS[type] || ["entity", "entities"];
  return n === 1 ? w[0] : w[1];
}

/** groupId identifies the group of centre's neighbours by predicate, direction and type. */
export function groupId(center, g) {
  return "group:" + center + "|" + g.predicate + "|" + g.direction + "|" + (g.type || "");
}

/** foldId identifies the fold of centre's smaller groups at a depth. */
const foldId = (center, depth) => "group:" + center + "|fold|" + depth;

const fmt = (n) => n.toLocaleString("en-US");

/**
 * groupLabel says what a group holds: "31 issues discussed", "12 people
 * (urged it)", "9 people met"; left is how many are not drawn yet.
 */
export function groupLabel(g) {
  if (g.fold) return fmt(g.fold.length) + " smaller groups · " + fmt(g.facts) + " facts";
  const n = g.neighbors - g.offset;
  const what = (g.offset > 0 ? fmt(n) + " more " : fmt(n) + " ") + typeWord(g.type, n);
  return g.direction === "in" ? what + " (" + g.predicate + " it)" : what + " " + g.predicate;
}

/**
 * plan turns a summary's groups (largest first) into the group nodes to
 * draw for centre: the first MAX_GROUPS - 1 as they are, the rest in one
 * fold, when there are more than MAX_GROUPS.
 */
export function plan(center, groups, depth = 0) {
  const mk = (g) => ({ id: groupId(center, g), center, predicate: g.predicate, direction: g.direction, type: g.type, neighbors: g.neighbors, facts: g.facts, offset: 0 });
  if (groups.length <= MAX_GROUPS) return groups.map(mk);
  const shown = groups.slice(0, MAX_GROUPS - 1).map(mk);
  const rest = groups.slice(MAX_GROUPS - 1);
  shown.push({ id: foldId(center, depth), center, depth, fold: rest, facts: rest.reduce((s, g) => s + g.facts, 0), neighbors: 0, offset: 0 });
  return shown;
}

/** isGroupId reports an id of a group node. */
export const isGroupId = (id) => id.startsWith("group:");
