// Unit checks of the search reader (themes/default/static/docket-search.js)
// in node, without a browser: the tokenizer against the cases docket's
// Rust tokenizer is tested with, and queries against a built site's index.
//
//   node reader.mjs --site DIR
//
// Run by tests/browser.rs on the example site.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const site = path.resolve(args.site);

// The reader in a context of its own; index files run in the same context.
const context = vm.createContext({ console });
context.window = context;
vm.runInContext(fs.readFileSync(path.join(repo, "themes/default/static/docket-search.js"), "utf8"), context);
const api = context.docketSearch;
const loaded = [];
api.load = (p) => {
  loaded.push(p);
  vm.runInContext(fs.readFileSync(path.join(site, p), "utf8"), context);
  return Promise.resolve();
};

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`  ok ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
async function urls(q) {
  const r = await api.query(q);
  const docs = await api.documents(r.hits);
  return Array.from(docs, (d) => d.url).sort();
}

await check("tokens agree with docket's tokenizer", () => {
  const cases = JSON.parse(fs.readFileSync(path.join(repo, "tests/fixtures/search/tokens.json"), "utf8"));
  for (const [text, tokens] of cases) assert.deepEqual([...api.tokens(text)], tokens, text);
});

await check("a docket number is one term", async () => {
  assert.deepEqual(await urls("2:25-cv-09848"), [
    "cases/c-d-cal-2-25-cv-09848/index.html", "court-actions/1/index.html", "court-actions/2/index.html"]);
});

await check("a compound the index lacks falls back to its parts", async () => {
  assert.deepEqual(await urls("25-cv-09848 "), [
    "cases/c-d-cal-2-25-cv-09848/index.html", "court-actions/1/index.html", "court-actions/2/index.html"]);
});

await check("every word must match", async () => {
  assert.deepEqual(await urls("OPLA"), ["policies/1491/index.html"]);
  assert.deepEqual(await urls("OPLA sanctuary "), []);
  assert.deepEqual(await urls("opla nonexistentword "), []);
});

await check("the word being typed matches as a prefix, a finished one does not", async () => {
  assert.ok((await urls("sanctu")).includes("policies/1400/index.html"));
  assert.deepEqual(await urls("sanctu "), []);
});

await check("case and accents do not matter", async () => {
  assert.deepEqual(await urls("ÓPLÀ"), ["policies/1491/index.html"]);
});

await check("stop words alone find nothing", async () => {
  const r = await api.query("the of and ");
  assert.equal(r.hits.length, 0);
});

await check("results are ordered by words matched as typed, score, then newest first", async () => {
  const r = await api.query("directive ");
  for (let i = 1; i < r.hits.length; i++) {
    const a = r.hits[i - 1], b = r.hits[i];
    assert.ok(a.exact > b.exact || (a.exact === b.exact && (a.score > b.score || (a.score === b.score && a.doc < b.doc))), JSON.stringify([a, b]));
  }
  assert.ok(r.hits.length > 1);
  assert.ok(r.hits.some((h) => h.exact === 0), "some entries hold only other forms of 'directive'");
});

await check("the stemmer agrees with docket's on every word of the list", () => {
  if (!args.stems) throw new Error("no --stems list given");
  const pairs = JSON.parse(fs.readFileSync(args.stems, "utf8"));
  assert.ok(pairs.length > 3000, `only ${pairs.length} words`);
  const stem = context.docketSearch.stemmers.english;
  const differ = pairs.filter(([w, s]) => stem(w) !== s).map(([w, s]) => `${w}: docket ${s}, reader ${stem(w)}`);
  assert.deepEqual(differ, []);
  console.log(`     (${pairs.length} words)`);
});

await check("a word finds its other forms, the form typed first", async () => {
  const singular = await urls("detention ");
  assert.ok(singular.length > 0);
  assert.deepEqual(await urls("detentions "), singular);
  assert.deepEqual(await urls("detained "), await urls("detain "));
  const r = await api.query("detentions ");
  const docs = await api.documents(r.hits);
  const literal = docs.map((d) => /detentions/i.test(d.title + " " + d.meta + " " + d.text));
  // Every entry that holds the word as typed comes before every other.
  assert.ok(literal.indexOf(false) < 0 || literal.lastIndexOf(true) < literal.indexOf(false), JSON.stringify(literal));
});

await check("other forms of a word are highlighted", async () => {
  const r = await api.query("detentions ");
  const text = "Detention and detentions, not detent.";
  assert.deepEqual([...api.marks(text, r.terms)].map((x) => text.slice(x[0], x[1])), ["Detention", "detentions"]);
});

await check("a misspelt word offers the nearest term", async () => {
  const r = await api.query("detension ");
  assert.equal(r.hits.length, 0);
  assert.equal(r.suggestion, "detention");
  const two = await api.query("detension opla ");
  assert.equal(two.suggestion, "detention opla");
  const none = await api.query("zzqxv ");
  assert.equal(none.suggestion, null);
});

await check("a number with separators of thousands is one term", () => {
  assert.deepEqual([...api.words("461,408")].map((w) => w.term), ["461,408"]);
  assert.deepEqual([...api.tokens("461,408")], ["461", "408", "461,408", "461408"]);
  const text = "about 461,408 people in 461 places";
  assert.deepEqual([...api.marks(text, ["461,408"])].map((x) => text.slice(x[0], x[1])), ["461,408"]);
});

await check("marks find whole compounds and words inside them", () => {
  const text = "Directive 11005.4, case 2:25-cv-09848.";
  assert.deepEqual([...api.marks(text, ["11005.4"])].map((r) => text.slice(r[0], r[1])), ["11005.4"]);
  assert.deepEqual([...api.marks(text, ["09848"])].map((r) => text.slice(r[0], r[1])), ["09848"]);
  assert.deepEqual([...api.marks("Régularisation", ["regularisation"])].map((r) => [...r]), [[0, 14]]);
});

await check("a snippet shows the first match, within its size", () => {
  const text = "word ".repeat(100) + "needle " + "word ".repeat(100);
  const s = api.snippet(text, ["needle"], 80);
  assert.ok(s.text.length <= 82, s.text);
  assert.equal(s.text.slice(s.ranges[0][0], s.ranges[0][1]), "needle");
  assert.ok(s.text.startsWith("…") && s.text.endsWith("…"));
});

await check("the facets give every document its kind and year", async () => {
  const m = await api.manifest();
  const facts = await api.facets();
  const all = Array.from({ length: m.docs }, (_, doc) => ({ doc, score: 0 }));
  const docs = await api.documents(all);
  docs.forEach((d, doc) => {
    assert.equal(facts.kind(doc), d.kind.toLowerCase().replace(/\s+/g, "-"), d.url);
    assert.equal(facts.year(doc), Number(d.iso.slice(0, 4)), d.url);
  });
});

await check("only the manifest, the shards of the words and of the results load", async () => {
  api.reset();
  loaded.length = 0;
  const r = await api.query("OPLA");
  await api.documents(r.hits.slice(0, 6));
  assert.equal(loaded[0], "search/index.js");
  assert.ok(loaded.every((p) => /^search\/(index|t\d+|d\d+)\.js$/.test(p) || p === "static/snowball-english.js"), loaded.join(" "));
  assert.ok(loaded.length <= 1 + 3 + 6, loaded.join(" "));
});

console.log(failures ? `${failures} reader checks failed` : "all reader checks passed");
process.exit(failures ? 1 : 0);
