// Browser checks of one site built by docket, opened from file:// in
// headless Chromium. Run by tests/browser.rs:
//
//   node run.mjs --site DIR --expect expect.json --report report.json
//       [--chromium PATH] [--schemes light,dark] [--states yes|no]
//
// --schemes: the colour schemes axe-core checks (both by default);
// --states no: skip axe-core and vnu on pages as scripts leave them
// (filtered, search open), which only the templates decide.
// Prints what it checked and every failure; exits 1 if anything failed.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const site = path.resolve(args.site);
const expect = JSON.parse(fs.readFileSync(args.expect, "utf8"));
const siteUrl = pathToFileURL(site).href + "/";
const failures = [];
const report = { site, pagesVisited: 0, linksChecked: 0, walk: [], filters: [], search: [], axe: [], vnu: {} };

function fail(msg) {
  failures.push(msg);
  console.log("FAIL " + msg);
}
function note(msg) {
  console.log("  " + msg);
}
function rel(url) {
  return url.startsWith(siteUrl) ? url.slice(siteUrl.length).replace(/[?#].*$/, "") : url;
}
function sameSet(a, b) {
  const x = [...new Set(a)].sort(), y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
function fold(s) {
  return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

/** What kind of page a site-relative path is, by docket's URL scheme. */
function kindOf(p) {
  if (p === "index.html") return "home";
  if (p === "404.html") return "not-found";
  if (p === "search/index.html") return "search";
  const m = /^([^/]+)\/(?:([^/]+)\/)?index\.html$/.exec(p);
  if (!m) return null;
  const lists = { policies: "policies", "court-actions": "court-actions", cases: "cases", commentary: "commentary-list", download: "download", changes: "changes" };
  const entries = { policies: "policy", "court-actions": "court-action", cases: "case", commentary: "commentary", lineages: "lineage" };
  if (!m[2]) return lists[m[1]] || "vocabulary";
  return entries[m[1]] || "term";
}
const KINDS = ["home", "policies", "policy", "court-actions", "court-action", "cases", "case", "commentary-list", "commentary", "vocabulary", "term", "search"];
if (fs.existsSync(path.join(site, "download/index.html"))) KINDS.splice(KINDS.length - 1, 0, "download");
if (fs.existsSync(path.join(site, "lineages"))) KINDS.splice(KINDS.length - 1, 0, "lineage");
if (fs.existsSync(path.join(site, "changes/index.html"))) KINDS.splice(KINDS.length - 1, 0, "changes");
// A site with no entry of a kind (no commentary, say) has no page of it to reach.
for (const [dir, kind] of [["policies", "policy"], ["court-actions", "court-action"], ["cases", "case"], ["commentary", "commentary"]]) {
  const d = path.join(site, dir);
  const any = fs.existsSync(d) && fs.readdirSync(d, { withFileTypes: true }).some((e) => e.isDirectory() && fs.existsSync(path.join(d, e.name, "index.html")));
  if (!any) KINDS.splice(KINDS.indexOf(kind), 1);
}

/* ---------- 1. Every link of every page, read from disk ---------- */

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith(".html")) out.push(p);
  }
  return out;
}
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|lt|gt|apos);/gi, (_, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'" }[e.toLowerCase()];
  });
}
/** A page's markup as a browser with script reads it: what <noscript>
    holds (404.html gives readers without script the published site's
    stylesheet and address) is text to it, never loaded. */
function withScript(html) {
  return html.replace(/<noscript>[\s\S]*?<\/noscript>/g, "");
}
function checkLinks() {
  const files = htmlFiles(site);
  const LOADS = new Set(["script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"]);
  for (const file of files) {
    const html = withScript(fs.readFileSync(file, "utf8"));
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const name = path.relative(site, file);
    for (const m of html.matchAll(/<([a-zA-Z]+)\b([^>]*)>/g)) {
      const [, tag, attrs] = m;
      const a = /\s(href|src|action)="([^"]*)"/.exec(attrs);
      if (!a) continue;
      const [, attr, raw] = a;
      const url = decodeEntities(raw);
      // A canonical or alternate address is not loaded.
      if (tag.toLowerCase() === "link" && /\srel="(canonical|alternate)"/.test(attrs)) continue;
      report.linksChecked++;
      if (/^(mailto|tel):/.test(url)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        if (LOADS.has(tag.toLowerCase())) fail(`${name}: <${tag} ${attr}="${url}"> would load from the network`);
        else if (!/^https?:/.test(url)) fail(`${name}: link with scheme ${url}`);
        continue;
      }
      if (url.startsWith("#")) {
        if (url.length > 1 && !ids.has(decodeURIComponent(url.slice(1)))) fail(`${name}: link to #${url.slice(1)}, no such id`);
        continue;
      }
      if (url.startsWith("/")) { fail(`${name}: root-absolute link ${url} breaks on file://`); continue; }
      const target = path.resolve(path.dirname(file), decodeURIComponent(url.replace(/[?#].*$/, "")));
      if (!target.startsWith(site + path.sep)) { fail(`${name}: link ${url} leaves the site`); continue; }
      if (!fs.existsSync(target)) fail(`${name}: link ${url} leads to a missing file`);
      else if (fs.statSync(target).isDirectory()) fail(`${name}: link ${url} leads to a folder (a directory listing on file://)`);
    }
  }
  note(`links: ${report.linksChecked} in ${files.length} pages checked`);
  return files.map((f) => path.relative(site, f).split(path.sep).join("/"));
}

/* ---------- the browser ---------- */

const browser = await chromium.launch({
  executablePath: args.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND"],
});

const contexts = {};
/** A page in a shared context of the colour scheme, or with `fresh`, in a
    new context of its own (nothing cached). Close it with page.close(). */
async function newPage({ colorScheme = "light", fresh = false } = {}) {
  let context = fresh ? null : contexts[colorScheme];
  if (!context) {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    await context.route(/^(https?|wss?|ftp):/, (route) => {
      fail(`request leaves file://: ${route.request().url()}`);
      return route.abort();
    });
    if (!fresh) contexts[colorScheme] = context;
  }
  const page = await context.newPage();
  if (fresh) page.on("close", () => context.close());
  page.on("console", (m) => { if (m.type() === "error") fail(`console error on ${rel(page.url())}: ${m.text()}`); });
  page.on("pageerror", (e) => fail(`script error on ${rel(page.url())}: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!/^(file|data|about|blob):/.test(u)) fail(`request leaves file://: ${u}`);
  });
  return page;
}
async function kindOfPage(page) {
  return page.evaluate(() => (document.body.className.match(/page-([\w-]+)/) || [])[1] || "");
}

/* ---------- 2. Walk from index.html by clicking links ---------- */

async function walk() {
  const page = await newPage();
  await page.goto(siteUrl + "index.html");
  const seen = new Map();
  const note_ = async () => {
    const k = await kindOfPage(page);
    const p = rel(page.url());
    if (kindOf(p) !== k) fail(`${p}: page kind "${k}", expected "${kindOf(p)}"`);
    if (!seen.has(k)) { seen.set(k, p); report.walk.push(`${k}: ${p}`); }
  };
  await note_();
  for (let step = 0; step < 60 && KINDS.some((k) => !seen.has(k)); step++) {
    const want = KINDS.filter((k) => !seen.has(k));
    if (want.length === 1 && want[0] === "search") {
      // The search page is reached through the search box in the header.
      await page.fill("#site-search-q", "policy");
      await Promise.all([page.waitForNavigation(), page.press("#site-search-q", "Enter")]);
      await note_();
      continue;
    }
    const lineageFrom = expect.pages["policy-in-lineage"];
    if (want.every((k) => k === "lineage" || k === "search") && want.includes("lineage") && lineageFrom) {
      // A lineage's page is linked from the pages of its policies.
      await page.goto(siteUrl + lineageFrom);
    }
    // The first visible link to a page of a kind not reached yet.
    const index = await page.$$eval("a[href]", (as, [want, siteUrl, src]) => {
      const kindOf = new Function("return " + src)();
      return as.findIndex((a) => {
        const href = a.href.baseVal || a.href;
        const box = a.getBoundingClientRect();
        return href.startsWith(siteUrl) && box.width > 0 && box.height > 0 &&
          want.includes(kindOf(href.slice(siteUrl.length).replace(/[?#].*$/, "")));
      });
    }, [want, siteUrl, kindOf.toString()]);
    if (index >= 0) {
      await Promise.all([page.waitForNavigation(), page.locator("a[href]").nth(index).click()]);
      await note_();
    } else {
      // Nothing new from here: home, then on.
      await Promise.all([page.waitForNavigation(), page.click("a.site-title")]);
    }
  }
  for (const k of KINDS) if (!seen.has(k)) fail(`walk: never reached a page of kind ${k} by clicking`);
  note(`walk: reached ${seen.size} kinds of page by clicking`);
  await page.close();
  return seen;
}

/* ---------- 3. Visit pages: no console error, no request out ---------- */

async function visit(files) {
  const page = await newPage();
  const byKind = {};
  for (const f of files) (byKind[kindOf(f) || "other"] ||= []).push(f);
  const sample = [];
  for (const list of Object.values(byKind)) sample.push(...(files.length <= 150 ? list : list.slice(0, 4)));
  for (const f of sample) {
    await page.goto(siteUrl + f);
    report.pagesVisited++;
  }
  note(`visited ${sample.length} pages of ${files.length}`);
  await page.close();
}

/* ---------- 4. Filters ---------- */

function expected(items, state) {
  const words = fold(state.q || "").split(/\s+/).filter(Boolean);
  const match = (it, skip) => {
    for (const [k, vals] of Object.entries(state.facets || {})) {
      if (k === skip || !vals.length) continue;
      if (!vals.some((v) => (it.facets[k] || []).includes(v))) return false;
    }
    const dates = it.dates || [it.date];
    if ((state.from || state.to) && !dates.some((d) => (!state.from || d >= state.from) && (!state.to || d <= state.to))) return false;
    const text = fold(it.text || it.title);
    return words.every((w) => text.includes(w));
  };
  const rows = items.filter((it) => match(it, null)).map((it) => it.url);
  const counts = {};
  const keys = new Set(items.flatMap((it) => Object.keys(it.facets)));
  for (const k of keys) {
    counts[k] = {};
    for (const it of items) if (match(it, k)) for (const v of it.facets[k]) counts[k][v] = (counts[k][v] || 0) + 1;
  }
  return { rows, counts };
}

async function applyFilters(page, listId, state) {
  const form = `form[data-filter-for="${listId}"]`;
  for (const [k, vals] of Object.entries(state.facets || {})) {
    for (const v of vals) {
      const box = page.locator(`${form} fieldset[data-facet="${k}"] input[value="${v}"]`);
      const details = page.locator(`${form} fieldset[data-facet="${k}"]`).locator("xpath=..");
      if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
      await box.check();
    }
  }
  if (state.from) await page.fill(`${form} input[name=from]`, state.from);
  if (state.to) await page.fill(`${form} input[name=to]`, state.to);
  if (state.q) await page.fill(`${form} input[name=q]`, state.q);
  await page.waitForTimeout(350);
}
async function readList(page, listId) {
  // Every matching entry: "Show more" until all show.
  for (let i = 0; i < 200; i++) {
    const more = page.locator(`#${listId} [data-filter-results]:not([hidden]) [data-more]:not([hidden])`);
    if (!(await more.count())) break;
    await more.click();
  }
  return page.evaluate((id) => {
    const list = document.getElementById(id);
    const results = list.querySelector("[data-filter-results]");
    const filtered = results && !results.hidden;
    const rows = filtered ? [...results.querySelectorAll("[data-entry]")].map((a) => a.href) : null;
    const pageRows = list.querySelector("[data-filter-page]:not([hidden])") ? list.querySelectorAll("[data-filter-page] tbody tr, [data-filter-page] .policy-row").length : 0;
    const counts = {};
    for (const fs of document.querySelectorAll(`form[data-filter-for="${id}"] fieldset[data-facet]`)) {
      const k = fs.getAttribute("data-facet");
      counts[k] = {};
      for (const b of fs.querySelectorAll("input[type=checkbox]")) {
        counts[k][b.value] = Number(document.querySelector(`label[for="${b.id}"] [data-count]`).textContent);
      }
    }
    const status = list.querySelector("[data-filter-status]").textContent.trim();
    return { filtered, rows, pageRows, counts, status, hash: location.hash };
  }, listId);
}

async function checkFilter(pageUrl, listId, items, noun, state, label) {
  const page = await newPage();
  await page.goto(siteUrl + pageUrl);
  const before = await readList(page, listId);
  await applyFilters(page, listId, state);
  await page.waitForFunction((id) => !/^Loading/.test(document.querySelector(`#${id} [data-filter-status]`).textContent), listId);
  const got = await readList(page, listId);
  // The rows the script drew link only to files that exist, and a table's
  // rows have as many cells as its header.
  const drawn = await page.evaluate((id) => {
    const r = document.querySelector(`#${id} [data-filter-results]`);
    if (!r || r.hidden) return { links: [], cells: [], heads: 0 };
    return {
      links: [...r.querySelectorAll("tbody a[href], li a[href]")].map((a) => a.href),
      cells: [...r.querySelectorAll("tbody tr")].map((tr) => tr.children.length),
      heads: r.querySelectorAll("thead th").length,
    };
  }, listId);
  for (const href of drawn.links) {
    if (!href.startsWith("file:")) continue;
    const file = decodeURIComponent(new URL(href).pathname);
    if (!fs.existsSync(file)) fail(`filter ${label} on ${pageUrl}: a row links ${rel(href)}, which is missing`);
  }
  if (drawn.heads && drawn.cells.some((n) => n !== drawn.heads)) fail(`filter ${label} on ${pageUrl}: rows of ${JSON.stringify([...new Set(drawn.cells)])} cells under a header of ${drawn.heads}`);
  const want = expected(items, state);
  const rows = (got.rows || []).map(rel);
  const ok = got.filtered && sameSet(rows, want.rows) && rows.length === want.rows.length;
  if (!got.filtered) fail(`filter ${label} on ${pageUrl}: the page's own list still shows`);
  else if (!ok) fail(`filter ${label} on ${pageUrl}: rows ${rows.length} shown, ${want.rows.length} expected (${JSON.stringify(state)})`);
  // In the list's order, newest first.
  const order = want.rows.filter((u) => rows.includes(u));
  if (ok && rows.join() !== order.join()) fail(`filter ${label} on ${pageUrl}: rows not in the list's order`);
  for (const [k, vals] of Object.entries(got.counts)) {
    for (const [v, n] of Object.entries(vals)) {
      const e = (want.counts[k] || {})[v] || 0;
      if (n !== e) fail(`filter ${label} on ${pageUrl}: count of ${k}=${v} is ${n}, expected ${e}`);
    }
  }
  const one = { policies: "policy", "court actions": "court action", cases: "case", changes: "change" }[noun] || noun;
  const status = `Showing ${want.rows.length} of ${items.length} ${items.length === 1 ? one : noun}.`;
  if (got.status !== status) fail(`filter ${label} on ${pageUrl}: status "${got.status}", expected "${status}"`);
  // The state is in the fragment: the same view from the address alone.
  if (!got.hash) fail(`filter ${label} on ${pageUrl}: no state in the URL fragment`);
  const again = await newPage();
  await again.goto(siteUrl + pageUrl + got.hash);
  await again.waitForFunction((id) => { const r = document.querySelector(`#${id} [data-filter-results]`); return r && !r.hidden; }, listId, { timeout: 10000 }).catch(() => {});
  const back = await readList(again, listId);
  if (!sameSet((back.rows || []).map(rel), want.rows)) fail(`filter ${label} on ${pageUrl}: opening ${got.hash} shows other rows`);
  // Clearing brings back the page as it was.
  await page.click(`form[data-filter-for="${listId}"] button[type=reset]`);
  await page.waitForTimeout(200);
  const cleared = await readList(page, listId);
  if (cleared.filtered || cleared.pageRows !== before.pageRows || cleared.status !== before.status) {
    fail(`filter ${label} on ${pageUrl}: "Clear filters" does not bring back the page (${cleared.pageRows} rows, "${cleared.status}")`);
  }
  for (const [k, vals] of Object.entries(cleared.counts)) {
    for (const [v, n] of Object.entries(vals)) {
      if (n !== before.counts[k][v]) fail(`filter ${label} on ${pageUrl}: after clearing, count of ${k}=${v} is ${n}, not ${before.counts[k][v]}`);
    }
  }
  report.filters.push({ page: pageUrl, label, state, rows: want.rows.length, ok });
  note(`filter ${label}: ${want.rows.length} of ${items.length} ${noun} ${ok ? "as expected" : "WRONG"} (${got.hash || "no fragment"})`);
  await page.close();
  await again.close();
}

function common(items, key, skip = 0) {
  const tally = {};
  for (const it of items) for (const v of it.facets[key] || []) tally[v] = (tally[v] || 0) + 1;
  const sorted = Object.entries(tally).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return (sorted[skip] || sorted[0] || [""])[0];
}
/** The facet a site's lists filter on most: its subjects, or its statuses
 *  where it declares subjects absent (expect.json then has none). */
function mainFacet(items) {
  return common(items, "subjects") ? "subjects" : "statuses";
}
/** `facets` without the keys the site has no values for. */
function only(facets) {
  const out = {};
  for (const [k, vals] of Object.entries(facets)) {
    const kept = vals.filter((v) => v);
    if (kept.length) out[k] = kept;
  }
  return out;
}
function median(items) {
  const d = items.map((i) => (i.dates || [i.date])[0]).sort();
  return d[Math.floor(d.length / 2)] || "";
}

async function filters() {
  const P = expect.policies;
  if (P.length) {
    const main = mainFacet(P);
    await checkFilter("policies/index.html", "policy-list", P, "policies", { facets: { [main]: [common(P, main)] } }, `one of ${main}`);
    const two = only({ subjects: [common(P, "subjects"), common(P, "subjects", 1)], agencies: [common(P, "agencies")] });
    if (Object.keys(two).length) await checkFilter("policies/index.html", "policy-list", P, "policies", { facets: two }, "two subjects and an agency");
    await checkFilter("policies/index.html", "policy-list", P, "policies",
      { facets: only({ statuses: [common(P, "statuses")], "current-statuses": [common(P, "current-statuses")], actions: [common(P, "actions")] }), from: median(P) }, "status, current status, action, from a date");
    const sample = P[Math.floor(P.length / 3)];
    const word = (sample.title.match(/[\p{L}]{4,}/gu) || ["policy"]).pop();
    await checkFilter("policies/index.html", "policy-list", P, "policies",
      { facets: { administrations: sample.facets.administrations }, q: word, to: sample.date }, `title word "${word}", administration, up to a date`);
  }
  const C = expect.court_actions;
  if (C.length) {
    await checkFilter("court-actions/index.html", "court-action-list", C, "court actions", { facets: { courts: [common(C, "courts")] } }, "one court");
    await checkFilter("court-actions/index.html", "court-action-list", C, "court actions",
      { facets: { filings: [common(C, "filings"), common(C, "filings", 1)] }, from: median(C) }, "two filings, from a date");
    const one = C[Math.floor(C.length / 2)];
    const docket = one.text.split(" ").pop();
    await checkFilter("court-actions/index.html", "court-action-list", C, "court actions", { q: docket }, `docket number ${docket}`);
  }
  const K = expect.cases;
  if (K.length) {
    await checkFilter("cases/index.html", "case-list", K, "cases", { facets: { courts: [common(K, "courts")], filings: [common(K, "filings")] } }, "court and filing");
    await checkFilter("cases/index.html", "case-list", K, "cases", { from: median(K), to: K.map((k) => k.dates.at(-1)).sort().at(-1) }, "date range");
    // A term field of the site's own, `[fields.case]`.
    const field = Object.keys(K[0].facets).find((k) => k.startsWith("field-"));
    if (field && common(K, field)) await checkFilter("cases/index.html", "case-list", K, "cases", { facets: { [field]: [common(K, field)] } }, "a case field");
  }
}

/* ---------- 4b. Where a policy stands, at a glance ---------- */

/** The background colour of each tone's tags on a page. */
async function toneColours(page) {
  return page.$$eval("[class*=tone-]", (els) => {
    const out = {};
    for (const e of els) {
      const tone = [...e.classList].find((c) => c.startsWith("tone-"));
      (out[tone] ||= new Set()).add(getComputedStyle(e).backgroundColor);
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
  });
}

function checkTones(where, colours) {
  const tones = Object.keys(colours);
  if (tones.length < 2) { fail(`${where}: statuses in ${tones.length} tone(s), expected at least 2`); return; }
  for (const t of tones) if (colours[t].length !== 1) fail(`${where}: ${t} in ${colours[t].length} colours`);
  const all = tones.map((t) => colours[t][0]);
  if (new Set(all).size !== all.length) fail(`${where}: tones share a colour (${JSON.stringify(colours)})`);
}

async function standing() {
  const pages = [expect.pages.policy, expect.pages["policy-superseded"]].filter(Boolean);
  for (const [width, height] of [[1366, 900], [390, 844]]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const page = await context.newPage();
      for (const url of pages) {
        await page.goto(siteUrl + url);
        const box = await page.evaluate(() => {
          const s = document.querySelector(".standing");
          const b = document.querySelector(".superseded-banner");
          return s && { bottom: s.getBoundingClientRect().bottom, state: s.querySelector(".standing-state").textContent.trim(),
            banner: b && { bottom: b.getBoundingClientRect().bottom, text: b.textContent.trim() } };
        });
        if (!box) { fail(`standing ${url}: no status box`); continue; }
        if (box.bottom > height) fail(`standing ${url} at ${width}×${height}: the status box ends at ${Math.round(box.bottom)} px, below the first screen`);
        if (url === expect.pages["policy-superseded"] && !(box.banner && /^Superseded by .+\(.+\)$/.test(box.banner.text))) fail(`standing ${url}: no "Superseded by … (date)" banner`);
        if (scheme === "light" && width === 1366) note(`standing ${url}: "${box.state}", box ends at ${Math.round(box.bottom)} px${box.banner ? `; "${box.banner.text}"` : ""}`);
      }
      await page.goto(siteUrl + "policies/index.html");
      checkTones(`tones on the policies list (${scheme})`, await toneColours(page));
      await page.evaluate(() => {
        for (const d of document.querySelectorAll("form.filters details.facet")) d.open = true;
        document.querySelector("form.filters").hidden = false;
      });
      checkTones(`tones in the filters (${scheme})`, await page.$$eval("form.filters .swatch", (els) => {
        const out = {};
        for (const e of els) {
          const tone = [...e.classList].find((c) => c.startsWith("tone-"));
          (out[tone] ||= new Set()).add(getComputedStyle(e).backgroundColor);
        }
        return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
      }));
      await context.close();
    }
  }
  note(`standing: status box in the first screen at 1366×900 and 390×844 on ${pages.length} policies; tones differ`);
}

/* ---------- 4c. What a list offers beyond filters ---------- */

async function rowsShown(page, listId) {
  return (await page.$$eval(`#${listId} [data-filter-results]:not([hidden]) [data-entry]`, (as) => as.map((a) => a.href))).map(rel);
}

async function listFeatures() {
  const P = expect.policies;
  if (!P.length) return;
  const listId = "policy-list", url = "policies/index.html";
  const form = `form[data-filter-for="${listId}"]`;
  const settle = (page) => page.waitForFunction((id) => !/^Loading/.test(document.querySelector(`#${id} [data-filter-status]`).textContent), listId);

  // Chips: one per filter in use; removing one removes that filter only.
  let page = await newPage();
  await page.goto(siteUrl + url);
  const main = mainFacet(P);
  const subject = common(P, main);
  const word = (P[0].title.match(/[\p{L}]{4,}/gu) || ["policy"])[0];
  await applyFilters(page, listId, { facets: { [main]: [subject] }, q: word });
  await settle(page);
  const chips = await page.$$eval(`#${listId} .filter-chips button`, (bs) => bs.map((b) => b.textContent));
  if (chips.length !== 2) fail(`chips: ${chips.length} shown for a ${main} value and words (${JSON.stringify(chips)})`);
  await page.click(`#${listId} .filter-chips button >> nth=0`);
  await page.waitForTimeout(200);
  const left = await page.$$eval(`#${listId} .filter-chips button`, (bs) => bs.map((b) => b.textContent));
  const ticked = await page.isChecked(`${form} fieldset[data-facet="${main}"] input[value="${subject}"]`);
  const want = expected(P, { q: word }).rows;
  const got = await readList(page, listId);
  if (ticked || left.length !== 1 || !/^Words: /.test(left[0])) fail(`chips: removing the ${main} value left ${JSON.stringify(left)}, box ticked: ${ticked}`);
  else if (!sameSet((got.rows || []).map(rel), want)) fail(`chips: after removing the subject, ${got.rows && got.rows.length} rows, expected ${want.length}`);
  else note(`chips: ${chips.length} shown, one removed, ${want.length} rows for the words left`);

  // "Title contains" finds identifiers.
  const withId = P.find((p) => p.identifiers.length);
  if (withId) {
    await page.fill(`${form} input[name=q]`, withId.identifiers[0]);
    await page.waitForTimeout(350);
    const rows = await readList(page, listId);
    if (!(rows.rows || []).map(rel).includes(withId.url)) fail(`identifiers: "${withId.identifiers[0]}" does not find ${withId.url}`);
    else note(`identifiers: "${withId.identifiers[0]}" finds ${withId.url}`);
  }

  // Download these results, as CSV and JSON, made in the browser.
  const shownNow = (await readList(page, listId)).rows.length;
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click(`#${listId} [data-download=csv]`)]);
  const csvText = fs.readFileSync(await csv.path(), "utf8");
  const lines = csvText.trimEnd().split("\r\n");
  if (csv.suggestedFilename() !== "policies.csv" || lines.length !== shownNow + 1 || !/"title"/.test(lines[0])) fail(`download CSV: ${csv.suggestedFilename()}, ${lines.length} lines for ${shownNow} rows`);
  const [js] = await Promise.all([page.waitForEvent("download"), page.click(`#${listId} [data-download=json]`)]);
  const recs = JSON.parse(fs.readFileSync(await js.path(), "utf8"));
  if (recs.length !== shownNow || (withId && recs[0].url !== siteUrl + withId.url)) fail(`download JSON: ${recs.length} records for ${shownNow} rows`);
  note(`download: CSV of ${lines.length - 1} rows and JSON of ${recs.length} records`);
  await page.close();

  // Sort by each date: newest first, entries without the date last.
  for (const key of ["effective", "updated"]) {
    page = await newPage();
    await page.goto(siteUrl + url);
    await page.selectOption(`${form} select[name=sort]`, key);
    await settle(page);
    const rows = (await readList(page, listId)).rows.map(rel);
    const order = P.map((p, i) => ({ p, i })).sort((a, b) => {
      const x = a.p[key], y = b.p[key];
      if (x !== y) return !x ? 1 : !y ? -1 : x < y ? 1 : -1;
      return a.i - b.i;
    }).map((o) => o.p.url);
    if (rows.join() !== order.join()) fail(`sort by ${key}: rows not newest first (${rows.slice(0, 3)} vs ${order.slice(0, 3)})`);
    else note(`sort by ${key}: ${rows.length} rows in order`);
    await page.close();
  }

  // Back after "Show more": the same rows, at the same place.
  if (P.length > 150) {
    page = await newPage();
    await page.goto(siteUrl + url);
    await page.selectOption(`${form} select[name=sort]`, "updated");
    await settle(page);
    await page.click(`#${listId} [data-more]`);
    const before = (await rowsShown(page, listId)).length;
    const target = page.locator(`#${listId} [data-filter-results] [data-entry]`).nth(150);
    await target.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const y = await page.evaluate(() => window.scrollY);
    await Promise.all([page.waitForNavigation(), target.click()]);
    await Promise.all([page.waitForNavigation(), page.goBack()]);
    await page.waitForFunction((n) => document.querySelectorAll("[data-filter-results]:not([hidden]) [data-entry]").length >= n, before, { timeout: 10000 }).catch(() => {});
    await page.waitForTimeout(300);
    const after = (await rowsShown(page, listId)).length;
    const y2 = await page.evaluate(() => window.scrollY);
    if (after !== before || Math.abs(y2 - y) > 40) fail(`back after "Show more": ${after} rows at ${y2} px, was ${before} rows at ${y} px`);
    else note(`back after "Show more": ${after} rows at ${Math.round(y2)} px, as left`);
    await page.close();
  }

  // A small screen: the filters wait behind a button.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
  await page.goto(siteUrl + url);
  await page.waitForSelector(".filter-toggle");
  const hidden = await page.isHidden(form);
  await page.click(".filter-toggle");
  const shown = await page.isVisible(form);
  if (!hidden || !shown) fail(`filter drawer on a phone: hidden first ${hidden}, shown on the button ${shown}`);
  await context.close();
}

/* ---------- 5. Search ---------- */

async function search() {
  for (const [i, needle] of expect.needles.entries()) {
    // The first query of a fresh page: what it loads. From the home page,
    // and from a page two folders deep (the index is found from any depth).
    const page = await newPage({ fresh: true });
    const loaded = [];
    page.on("request", (r) => { if (r.url().startsWith(siteUrl + "search/")) loaded.push(r.url()); });
    const start = i % 2 && expect.pages.policy ? expect.pages.policy : "index.html";
    await page.goto(siteUrl + start);
    await page.fill("#site-search-q", needle.query);
    await page.waitForSelector("#site-search-q-list [role=option]", { state: "visible", timeout: 10000 }).catch(() => {});
    await page.waitForTimeout(200);
    const files = [...new Set(loaded)];
    const bytes = files.reduce((n, u) => n + fs.statSync(fileURLToPath(u)).size, 0);
    const options = await page.$$eval("#site-search-q-list [role=option]", (os) => os.map((o) => o.textContent));
    if (!options.length) fail(`search "${needle.query}": the search box shows no results`);
    // Keyboard: down, down, up selects; Enter opens the selected result.
    await page.press("#site-search-q", "ArrowDown");
    const active = await page.getAttribute("#site-search-q", "aria-activedescendant");
    const selected = active && (await page.getAttribute("#" + active, "aria-selected"));
    if (selected !== "true") fail(`search "${needle.query}": ArrowDown does not select the first result`);
    await page.press("#site-search-q", "Escape");
    if ((await page.getAttribute("#site-search-q", "aria-expanded")) !== "false") fail(`search "${needle.query}": Escape does not close the results`);
    await page.press("#site-search-q", "ArrowDown");
    const first = await page.$eval("#site-search-q-list [aria-selected=true]", (o) => o.id);
    await Promise.all([page.waitForNavigation(), page.press("#site-search-q", "Enter")]);
    const opened = rel(page.url());
    if (!needle.urls.includes(opened)) fail(`search "${needle.query}": Enter on ${first} opened ${opened}, not one of ${needle.urls.join(", ")}`);
    await page.close();

    // The search page: every result, and keyboard moves through them.
    const sp = await newPage();
    await sp.goto(siteUrl + "search/index.html?q=" + encodeURIComponent(needle.query));
    await sp.waitForFunction(() => document.getElementById("search-status").textContent.length > 0, null, { timeout: 10000 }).catch(() => {});
    await showAllResults(sp);
    const urls = (await sp.$$eval(".search-result .result-heading a", (as) => as.map((a) => a.href))).map(rel);
    if (!sameSet(urls, needle.urls)) fail(`search "${needle.query}": results ${JSON.stringify(urls)}, expected ${JSON.stringify(needle.urls)}`);
    const marked = await sp.$$eval(".search-result mark", (ms) => ms.length);
    if (!marked) fail(`search "${needle.query}": no matched word is highlighted`);
    await sp.focus("#search-q");
    await sp.keyboard.press("ArrowDown");
    const focused = await sp.evaluate(() => document.activeElement && document.activeElement.closest(".search-result") !== null);
    if (!focused) fail(`search "${needle.query}": ArrowDown from the search field does not reach the results`);
    await sp.keyboard.press("Escape");
    if (!(await sp.evaluate(() => document.activeElement.id === "search-q"))) fail(`search "${needle.query}": Escape does not return to the search field`);
    // As you type: a prefix finds it too.
    const word = needle.query.length > 6 ? needle.query.slice(0, needle.query.length - 2) : needle.query;
    await sp.fill("#search-q", "");
    await sp.type("#search-q", word, { delay: 20 });
    // Results follow the typing after a short pause; a loaded machine takes
    // longer (the browser tests run side by side, each building a site), so
    // wait for them rather than for a fixed time, and long enough: 10 s was
    // once too short under the whole test suite. First for the results of
    // the whole word typed (the status names it): until then the page may
    // show those of the query before, or of part of the word when a pause
    // between two keys let a search run, which may not hold the result.
    await sp.waitForFunction(
      (w) => document.getElementById("search-status").textContent.includes("\u201c" + w + "\u201d"),
      word,
      { timeout: 60000 },
    ).catch(() => {});
    await sp.waitForFunction(
      (want) => [...document.querySelectorAll(".search-result .result-heading a")].some((a) => want.some((u) => a.href.endsWith("/" + u))),
      needle.urls,
      { timeout: 30000 },
    ).catch(() => {});
    const typed = (await sp.$$eval(".search-result .result-heading a", (as) => as.map((a) => a.href))).map(rel);
    if (!needle.urls.some((u) => typed.includes(u))) {
      const said = await sp.$eval("#search-status", (s) => s.textContent);
      fail(`search: typing "${word}" does not find ${needle.urls[0]} (the page says "${said}" and shows ${JSON.stringify(typed.slice(0, 10))})`);
    }
    await sp.close();

    report.search.push({ query: needle.query, from: start, results: urls.length, firstQueryFiles: files.map(rel), firstQueryBytes: bytes });
    note(`search "${needle.query}" from ${start}: ${urls.length} results; the first query loaded ${files.length} files, ${bytes} bytes`);
    if (bytes > 500 * 1024) fail(`search "${needle.query}": the first query loaded ${bytes} bytes, more than 500 KB`);
  }
}

/** Clicks "Show more results" until every result is shown. The button
    hides itself once the last are in, which may be between seeing it and
    clicking it on a loaded machine: a click that finds it hidden is the end,
    not a failure. */
async function showAllResults(sp) {
  for (let i = 0; i < 200 && (await sp.isVisible("#search-more")); i++) {
    await sp.click("#search-more", { timeout: 10000 }).catch(() => {});
    await sp.waitForTimeout(100);
  }
}

/* ---------- 5b. Search beyond the exact word, and its facets ---------- */

/** The search page for `query` (with facets in `extra`): its result URLs,
    every page of them, and the page. */
async function searchPage(sp, query, extra = "") {
  await sp.goto(siteUrl + "search/index.html?q=" + encodeURIComponent(query) + extra);
  await sp.waitForFunction(() => document.getElementById("search-status").textContent.length > 0, null, { timeout: 10000 }).catch(() => {});
  await showAllResults(sp);
  return (await sp.$$eval(".search-result .result-heading a", (as) => as.map((a) => a.href))).map(rel);
}

async function variations() {
  const v = expect.variations;
  if (!v) return;
  const sp = await newPage();
  // Other forms of a word: the plural finds what the singular does, and
  // every entry with the singular in its title.
  const [plural, singular] = v.forms;
  const many = await searchPage(sp, plural);
  const one = await searchPage(sp, singular);
  if (!many.length) fail(`search "${plural}": no results`);
  if (!sameSet(many, one)) fail(`search "${plural}" finds ${many.length} entries, "${singular}" ${one.length}: not the same`);
  const missing = v.holding.filter((u) => !many.includes(u));
  if (missing.length) fail(`search "${plural}": misses ${missing.length} entries with "${singular}" in their title, such as ${missing[0]}`);
  note(`search "${plural}": ${many.length} results, as many as "${singular}", ${v.holding.length} with it in the title`);

  // A misspelling: the page offers the nearest word, and the offer searches.
  const [typo, fixed] = v.typo;
  const none = await searchPage(sp, typo);
  if (none.length) fail(`search "${typo}": ${none.length} results, expected none`);
  const offered = await sp.textContent(".search-suggestion").catch(() => null);
  if (offered !== fixed) fail(`search "${typo}": offers ${JSON.stringify(offered)}, not "${fixed}"`);
  else {
    await sp.click(".search-suggestion");
    await sp.waitForSelector(".search-result", { timeout: 10000 }).catch(() => {});
    const value = await sp.inputValue("#search-q");
    const after = await sp.$$eval(".search-result", (r) => r.length);
    if (value !== fixed || !after) fail(`search "${typo}": choosing "${fixed}" leaves "${value}" with ${after} results`);
  }
  // The same offer in the search box of every page, chosen by keyboard.
  const page = await newPage();
  await page.goto(siteUrl + "index.html");
  await page.fill("#site-search-q", typo);
  await page.waitForSelector("#site-search-q-list [role=option]", { state: "visible", timeout: 10000 }).catch(() => {});
  const options = await page.$$eval("#site-search-q-list [role=option]", (os) => os.map((o) => o.textContent));
  if (!options.some((o) => o.includes(`“${fixed}”`))) fail(`search box "${typo}": no "did you mean ${fixed}" among ${JSON.stringify(options)}`);
  else {
    await page.press("#site-search-q", "ArrowDown");
    await page.press("#site-search-q", "Enter");
    await page.waitForFunction((f) => document.getElementById("site-search-q").value === f && document.querySelectorAll("#site-search-q-list [role=option]").length > 1, fixed, { timeout: 10000 }).catch(() => {});
    const n = await page.$$eval("#site-search-q-list [role=option]", (os) => os.length);
    if (n < 2) fail(`search box: choosing "did you mean ${fixed}" shows no results`);
  }
  await page.close();

  // Facets: a kind, then a range of years, each narrowing the results to
  // what it says, with its count, kept in the address and restored from it.
  const broad = v.facets;
  await searchPage(sp, broad);
  const kinds = await sp.$$eval("#search-facets [data-kind]", (ls) => ls.map((l) => [l.getAttribute("data-kind"), l.textContent]));
  if (kinds.length < 2) fail(`facets of "${broad}": ${kinds.length} kinds shown`);
  const [kind, label] = kinds[0];
  const count = Number(/\((\d+)\)/.exec(label)[1]);
  await sp.check(`#search-facets [data-kind="${kind}"] input`);
  await sp.waitForTimeout(200);
  await showAllResults(sp);
  const shownKinds = await sp.$$eval(".search-result .kind", (ks) => ks.map((k) => k.textContent));
  const want = label.replace(/\(\d+\)/, "").trim();
  if (shownKinds.length !== count || shownKinds.some((k) => k !== want)) fail(`facet ${kind}: ${shownKinds.length} results (${[...new Set(shownKinds)]}), expected ${count} of ${want}`);
  const address = sp.url();
  if (!address.includes("kind=" + kind)) fail(`facet ${kind}: not in the address ${address}`);
  const years = await sp.$$eval("#search-from option[data-year]", (os) => os.map((o) => o.value));
  const year = years[Math.floor(years.length / 2)];
  await sp.selectOption("#search-from", year);
  await sp.selectOption("#search-to", year);
  await sp.waitForTimeout(200);
  const status = await sp.textContent("#search-status");
  const narrowed = await searchPage(sp, broad, address.slice(address.indexOf("&kind")) + "&from=" + year + "&to=" + year);
  const dates = await sp.$$eval(".search-result time", (ts) => ts.map((t) => t.getAttribute("datetime")));
  const kinds2 = await sp.$$eval(".search-result .kind", (ks) => ks.map((k) => k.textContent));
  if (!narrowed.length || dates.some((d) => !d.startsWith(year)) || kinds2.some((k) => k !== want)) fail(`facets ${kind} and ${year}: ${JSON.stringify(dates)} ${JSON.stringify(kinds2)}`);
  const restored = await sp.textContent("#search-status");
  if (restored !== status) fail(`facets from the address: "${restored}", before "${status}"`);
  const ticked = await sp.isChecked(`#search-facets [data-kind="${kind}"] input`);
  if (!ticked || (await sp.inputValue("#search-from")) !== year) fail("facets from the address: the form does not show them");
  note(`facets of "${broad}": ${kind} ${count}; ${kind} in ${year}: ${narrowed.length} (${status})`);
  await sp.close();
}

/* ---------- 6. axe-core, in both colour schemes ---------- */

const AXE = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const snapshots = fs.mkdtempSync(path.join(os.tmpdir(), "docket-dom-"));

async function axe(url, scheme, label, prepare) {
  const t0 = Date.now();
  const page = await newPage({ colorScheme: scheme });
  await page.goto(siteUrl + url);
  if (prepare) await prepare(page);
  if (scheme === "light" && prepare) {
    // The page as scripts left it, for the HTML checker.
    const file = path.join(snapshots, label.replace(/\W+/g, "-") + ".html");
    fs.writeFileSync(file, await page.content());
  }
  await page.addScriptTag({ content: AXE });
  // Colour is all that changes with the scheme: the dark one is checked
  // for contrast, the light one for everything.
  const runOnly = scheme === "light"
    ? { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }
    : { type: "rule", values: ["color-contrast", "link-in-text-block"] };
  const result = await page.evaluate((runOnly) => window.axe.run(document, {
    runOnly,
    resultTypes: ["violations"],
    // No stylesheet fetching: XHR is refused on file://.
    preload: false,
  }), runOnly);
  if (scheme === "light") {
    // Landmarks a screen reader lists must differ by their labels (a rule
    // of axe's best practices, outside the WCAG tags).
    const more = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: "rule", values: ["landmark-unique"] }, resultTypes: ["violations"], preload: false,
    }));
    result.violations.push(...more.violations);
  }
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    fail(`axe ${label} (${scheme}) ${url}: ${v.id}: ${v.help} at ${where}`);
  }
  report.axe.push({ url, scheme, label, violations: result.violations.length, ms: Date.now() - t0 });
  await page.close();
}

async function accessibility(seen) {
  const pages = new Map(seen);
  for (const [k, v] of Object.entries(expect.pages || {})) pages.set(k, v);
  pages.set("not-found", "404.html");
  const states = [
    ["policies, filtered", "policies/index.html", async (p) => {
      const main = mainFacet(expect.policies);
      await applyFilters(p, "policy-list", { facets: { [main]: [common(expect.policies, main)] }, q: "a" });
    }],
    ["policies, filtered and sorted, chips shown", "policies/index.html", async (p) => {
      await applyFilters(p, "policy-list", { facets: { statuses: [common(expect.policies, "statuses")] } });
      await p.selectOption('form[data-filter-for="policy-list"] select[name=sort]', "effective");
      await p.waitForTimeout(300);
    }],
    ["search box open", "index.html", async (p) => {
      await p.fill("#site-search-q", expect.needles[0].query);
      await p.waitForSelector("#site-search-q-list [role=option]", { timeout: 10000 }).catch(() => {});
      await p.press("#site-search-q", "ArrowDown");
    }],
    ["search results", "search/index.html?q=" + encodeURIComponent(expect.needles[0].query), async (p) => {
      await p.waitForSelector(".search-result", { timeout: 10000 }).catch(() => {});
    }],
    ["search results with facets", "search/index.html?q=" + encodeURIComponent(expect.variations.forms[1]) + "&kind=policy", async (p) => {
      await p.waitForSelector(".search-result", { timeout: 10000 }).catch(() => {});
    }],
    ["search with a suggestion", "search/index.html?q=" + encodeURIComponent(expect.variations.typo[0]), async (p) => {
      await p.waitForSelector(".search-suggestion", { timeout: 10000 }).catch(() => {});
    }],
  ];
  for (const scheme of args.schemes ? args.schemes.split(",") : ["light", "dark"]) {
    for (const [kind, url] of pages) await axe(url, scheme, kind);
    if (args.states !== "no") for (const [label, url, prepare] of states) await axe(url, scheme, label, prepare);
  }
  note(`axe: ${report.axe.length} runs, ${report.axe.reduce((n, r) => n + r.violations, 0)} violations`);
  return pages;
}

/* ---------- 7. The Nu Html Checker ---------- */

function vnu(pages) {
  const jar = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  const files = [...new Set([...pages.values()].map((p) => path.join(site, p.replace(/[?#].*$/, ""))))];
  for (const f of fs.readdirSync(snapshots)) files.push(path.join(snapshots, f));
  const r = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) { fail(`vnu: cannot run java: ${r.error.message}`); return; }
  let messages = [];
  try { messages = JSON.parse(r.stderr || r.stdout || "{}").messages || []; } catch (e) { fail(`vnu: unreadable output: ${(r.stderr || "").slice(0, 500)}`); }
  for (const m of messages) {
    if (m.type === "error" || m.subType === "fatal") fail(`vnu ${rel(m.url || "")}:${m.lastLine || ""}: ${m.message}`);
  }
  report.vnu = { files: files.length, errors: messages.filter((m) => m.type === "error").length };
  note(`vnu: ${files.length} pages checked (${fs.readdirSync(snapshots).length} as scripts left them), ${report.vnu.errors} errors`);
}

/* ---------- run ---------- */

const started = Date.now();
let lap = started;
function timed(what) {
  const now = Date.now();
  note(`(${what}: ${((now - lap) / 1000).toFixed(1)} s)`);
  lap = now;
}
try {
  console.log(`checking ${site}`);
  const files = checkLinks();
  timed("links");
  const seen = await walk();
  timed("walk");
  await visit(files);
  timed("visits");
  await filters();
  timed("filters");
  await standing();
  timed("standing");
  await listFeatures();
  timed("list features");
  await search();
  timed("search");
  await variations();
  timed("search variations");
  const pages = await accessibility(seen);
  timed("axe");
  vnu(pages);
  timed("vnu");
} catch (e) {
  fail(`the checks stopped: ${e.stack || e}`);
} finally {
  await browser.close();
  fs.rmSync(snapshots, { recursive: true, force: true });
}
report.failures = failures;
if (args.report) fs.writeFileSync(args.report, JSON.stringify(report, null, 2));
console.log(failures.length ? `${failures.length} failures` : "all browser checks passed");
process.exit(failures.length ? 1 : 0);
