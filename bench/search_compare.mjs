// docket's search beside Pagefind on the same built site, in headless
// Chromium: what a first query loads and how long it takes to show
// results, what typing a word letter by letter loads, what each finds, and
// whether each works from disk (file://). Run by bench/search-compare,
// which builds the site and the Pagefind index; docs/search-and-filters.md
// explains the figures.
//
//   node bench/search_compare.mjs --site DIR --chromium PATH [--pagefind yes]
//        [--queries q1|q2|…] [--typed WORD] [--runs 3] [--json FILE]
//
// Each query runs in a fresh browser context (an empty cache) on a page
// served over http from DIR, as a reader would first search: the search
// box's six results, their titles and text. docket's reader script comes
// with every page and is not counted; Pagefind's script and WebAssembly
// are loaded by the first search, so they are, and shown apart.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const site = path.resolve(args.site);
const runs = Number(args.runs || 3);
const queries = (args.queries || "detention|detentions|detension|asylum|executive order|461,408").split("|");
const typed = args.typed || "detention";
const withPagefind = args.pagefind === "yes";
const SHOWN = 6;

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(site, p);
  if (!file.startsWith(site)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  const type = TYPES[path.extname(file)] || (file.includes("/pagefind/") ? "application/octet-stream" : "text/plain");
  res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}/`;

if (withPagefind) {
  // A page that loads nothing but Pagefind, for its first search.
  fs.writeFileSync(path.join(site, "pagefind-bench.html"), "<!doctype html><meta charset=utf-8><title>Pagefind</title><p>Pagefind\n");
}

const browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox"] });

/** Runs `fn` in a fresh page at `url`; the bytes of the files under
    `prefixes` that it requested after the page loaded, and its result. */
async function measure(url, prefixes, fn, arg) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState("load");
  const files = new Set();
  page.on("request", (r) => {
    const u = r.url();
    if (prefixes.some((p) => u.startsWith(origin + p))) files.add(u);
  });
  const result = await page.evaluate(fn, arg);
  await page.waitForTimeout(50);
  await context.close();
  const sizes = {};
  for (const u of files) {
    const rel = decodeURIComponent(new URL(u).pathname).slice(1);
    sizes[rel] = fs.statSync(path.join(site, rel)).size;
  }
  return { result, sizes, bytes: Object.values(sizes).reduce((a, b) => a + b, 0) };
}

const docket = {
  name: "docket",
  url: origin + "index.html",
  prefixes: ["search/", "static/snowball-"],
  query: async ([q, shown]) => {
    const api = window.docketSearch;
    const t0 = performance.now();
    const r = await api.query(q);
    const docs = await api.documents(r.hits.slice(0, shown));
    return { ms: performance.now() - t0, found: r.hits.length, first: docs.map((d) => d.title).slice(0, 3), suggestion: r.suggestion || null };
  },
  typing: async ([word, shown]) => {
    const api = window.docketSearch;
    let found = 0;
    for (let i = 1; i <= word.length; i++) {
      const r = await api.query(word.slice(0, i));
      await api.documents(r.hits.slice(0, shown));
      found = r.hits.length;
    }
    return { found };
  },
};

const pagefind = {
  name: "Pagefind",
  url: origin + "pagefind-bench.html",
  prefixes: ["pagefind/"],
  query: async ([q, shown]) => {
    const t0 = performance.now();
    const pf = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
    const s = await pf.search(q);
    const data = await Promise.all(s.results.slice(0, shown).map((r) => r.data()));
    return { ms: performance.now() - t0, found: s.results.length, first: data.map((d) => d.meta.title).slice(0, 3), suggestion: null };
  },
  typing: async ([word, shown]) => {
    const pf = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
    let found = 0;
    for (let i = 1; i <= word.length; i++) {
      const s = await pf.search(word.slice(0, i));
      await Promise.all(s.results.slice(0, shown).map((r) => r.data()));
      found = s.results.length;
    }
    return { found };
  },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;

const report = { site, queries: {}, typing: {}, fileUrl: {} };
const tools = withPagefind ? [docket, pagefind] : [docket];
for (const tool of tools) {
  for (const q of queries) {
    const ms = [];
    let last = null;
    for (let i = 0; i < runs; i++) {
      last = await measure(tool.url, tool.prefixes, tool.query, [q, SHOWN]);
      ms.push(last.result.ms);
    }
    // Code, not index: Pagefind's script and WebAssembly, docket's stemmer.
    const code = Object.entries(last.sizes).filter(([f]) => /^pagefind\/pagefind\.js$|^pagefind\/wasm\.|^static\/snowball-/.test(f)).reduce((a, [, b]) => a + b, 0);
    (report.queries[q] ||= {})[tool.name] = { found: last.result.found, first: last.result.first, suggestion: last.result.suggestion, bytes: last.bytes, codeBytes: code, files: Object.keys(last.sizes).length, ms: Math.round(median(ms)) };
    console.log(`${tool.name.padEnd(8)} ${JSON.stringify(q).padEnd(20)} finds ${String(last.result.found).padStart(5)}${last.result.suggestion ? ` (did you mean "${last.result.suggestion}")` : ""}; first query ${kb(last.bytes)} in ${Object.keys(last.sizes).length} files (of it code ${kb(code)}), results in ${Math.round(median(ms))} ms (median of ${runs}); first: ${JSON.stringify(last.result.first[0] || "")}`);
  }
  const t = await measure(tool.url, tool.prefixes, tool.typing, [typed, 10]);
  report.typing[tool.name] = { word: typed, bytes: t.bytes, files: Object.keys(t.sizes).length, found: t.result.found };
  console.log(`${tool.name.padEnd(8)} typing "${typed}" letter by letter, ten results each time: ${kb(t.bytes)} in ${Object.keys(t.sizes).length} files`);
}

// From disk: the same first query, the page opened as a file.
for (const tool of tools) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const file = pathToFileURL(path.join(site, new URL(tool.url).pathname.slice(1))).href;
  await page.goto(file);
  const out = await page.evaluate(tool.query, [queries[0], SHOWN]).then((r) => `works (${r.found} results)`, (e) => `fails: ${String(e.message || e).split("\n")[0]}`);
  await context.close();
  report.fileUrl[tool.name] = out;
  console.log(`${tool.name.padEnd(8)} from file://: ${out}`);
}

await browser.close();
server.close();
if (withPagefind) fs.rmSync(path.join(site, "pagefind-bench.html"));
if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 2));
