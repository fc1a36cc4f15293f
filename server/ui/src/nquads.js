// nquads.js: what is on screen as N-Quads (W3C), in the same model and
// with the same IRIs as the server's export (README, "The graph in
// N-Quads"), so that every line of it is also a line of GET /api/v1/export:
// the entities with their names, aliases and types, the documents that
// state the visible edges, one quad per fact in its document's named
// graph, and each fact's evidence statement in the provenance graph.

const BASE = "http://accord.local/";
const NS = BASE + "ns#";
const ENTITY = BASE + "entity/";
const DOC = BASE + "doc/";
const STMT = BASE + "stmt/";
const G_ENTITIES = BASE + "entities";
const G_DOCUMENTS = BASE + "documents";
const G_PROVENANCE = BASE + "provenance";
const SCHEMA = "http://schema.org/";
const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const PROV = "http://www.w3.org/ns/prov#";
const XSD = "http://www.w3.org/2001/XMLSchema#";

const iri = (s) => "<" + s + ">";

/** literal quotes s as an N-Quads string, escaped as the server does. */
export function literal(s, type) {
  const q = '"' + String(s).replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]) + '"';
  return type ? q + "^^" + iri(type) : q;
}

/** docIRI returns a document's IRI, its id escaped as the server does. */
export function docIRI(id) {
  let out = "";
  for (const b of new TextEncoder().encode(id)) {
    const c = String.fromCharCode(b);
    if (b <= 0x20 || b >= 0x7f || '<>"{}|^`\\%#?'.includes(c)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    else out += c;
  }
  return DOC + out;
}

/**
 * sha1hex returns the SHA-1 of a string's UTF-8 bytes in hex: the
 * statements' IRIs are derived from it, and crypto.subtle is missing on
 * pages served over plain HTTP to other hosts.
 */
export function sha1hex(str) {
  const bytes = new TextEncoder().encode(str);
  const len = bytes.length;
  const words = new Uint32Array((((len + 8) >> 6) + 1) * 16);
  for (let i = 0; i < len; i++) words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
  words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
  words[words.length - 1] = len * 8;
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const rol = (x, n) => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < words.length; off += 16) {
    for (let t = 0; t < 16; t++) w[t] = words[off + t];
    for (let t = 16; t < 80; t++) w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    let [a, b, c, d, e] = [h0, h1, h2, h3, h4];
    for (let t = 0; t < 80; t++) {
      let f, k;
      if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const tmp = (rol(a, 5) + f + e + k + w[t]) >>> 0;
      e = d; d = c; c = rol(b, 30) >>> 0; b = a; a = tmp;
    }
    h0 = (h0 + a) >>> 0; h1 = (h1 + b) >>> 0; h2 = (h2 + c) >>> 0; h3 = (h3 + d) >>> 0; h4 = (h4 + e) >>> 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => h.toString(16).padStart(8, "0")).join("");
}

/** statementIRI names a fact's evidence statement as the server does. */
function statementIRI(subject, predicate, object, doc, start) {
  return STMT + sha1hex([subject, predicate, object, doc, String(start)].join("\0")).slice(0, 20);
}

/**
 * toNQuads serializes the visible part of the model (see Model.visible):
 * entities, the documents cited, facts and their evidence. Lines are
 * sorted and unique.
 */
export function toNQuads(model, vis) {
  const out = new Set();
  const q = (s, p, o, g) => out.add(s + " " + p + " " + o + " " + iri(g) + " .");
  for (const id of vis.nodes) {
    const n = model.nodes.get(id);
    const s = iri(ENTITY + id);
    q(s, iri(SCHEMA + "name"), literal(n.name), G_ENTITIES);
    if (n.type) q(s, iri(RDF + "type"), iri(NS + n.type), G_ENTITIES);
    for (const a of n.aliases || []) if (a !== n.name) q(s, iri(SCHEMA + "alternateName"), literal(a), G_ENTITIES);
  }
  const docs = new Set();
  for (const { edge, evidence } of vis.edges.values()) {
    for (const ev of evidence) {
      const s = iri(ENTITY + ev.subject), p = iri(NS + edge.predicate), o = iri(ENTITY + ev.object), g = docIRI(ev.doc);
      docs.add(ev.doc);
      q(s, p, o, g);
      const st = iri(statementIRI(ev.subject, edge.predicate, ev.object, ev.doc, ev.start));
      q(st, iri(RDF + "type"), iri(RDF + "Statement"), G_PROVENANCE);
      q(st, iri(RDF + "subject"), s, G_PROVENANCE);
      q(st, iri(RDF + "predicate"), p, G_PROVENANCE);
      q(st, iri(RDF + "object"), o, G_PROVENANCE);
      q(st, iri(PROV + "wasDerivedFrom"), iri(g), G_PROVENANCE);
      q(st, iri(NS + "sentence"), literal(ev.sentence), G_PROVENANCE);
      q(st, iri(NS + "startOffset"), literal(ev.start, XSD + "integer"), G_PROVENANCE);
      q(st, iri(NS + "endOffset"), literal(ev.end, XSD + "integer"), G_PROVENANCE);
      q(st, iri(NS + "confidence"), literal(ev.confidence, XSD + "decimal"), G_PROVENANCE);
      q(st, iri(NS + "modality"), literal(ev.modality), G_PROVENANCE);
      for (const ql of ev.qualifiers || []) q(st, iri(NS + "qualifier/" + ql.key), literal(ql.value), G_PROVENANCE);
    }
  }
  for (const id of docs) {
    const d = model.docs.get(id) || { id };
    const s = iri(docIRI(id));
    q(s, iri(RDF + "type"), iri(NS + "Document"), G_DOCUMENTS);
    q(s, iri(SCHEMA + "identifier"), literal(id), G_DOCUMENTS);
    if (d.title) q(s, iri(SCHEMA + "name"), literal(d.title), G_DOCUMENTS);
    if (d.published) q(s, iri(SCHEMA + "datePublished"), literal(d.published, XSD + "date"), G_DOCUMENTS);
    if (d.url) q(s, iri(SCHEMA + "url"), iri(d.url), G_DOCUMENTS);
  }
  return [...out].sort().join("\n") + (out.size ? "\n" : "");
}
