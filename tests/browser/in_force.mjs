// The "in force on" control of the policies list, in headless Chromium,
// from file://. Run by tests/browser.rs:
//
//   node in_force.mjs --site DIR --expect FILE [--chromium PATH]
//
// --site: a built site; --expect: JSON of { "days": [{ "on": "2024-12-01",
// "rows": ["policies/2/index.html", ...], "uncertain": 0 }, ...] }. For each
// day, the control is set as a reader sets it, and exactly those rows must
// show; the day must be in the address, and opening that address again (a
// reload, a shared link) must show the same day and rows. Clearing brings
// the whole list back. Prints every failure; exits 1 if there is one.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const site = pathToFileURL(path.resolve(args.site)).href + "/";
const expect = JSON.parse(fs.readFileSync(args.expect, "utf8"));
const failures = [];
function fail(msg) {
  failures.push(msg);
  console.log("FAIL " + msg);
}

const browser = await chromium.launch({
  executablePath: args.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND"],
});
const context = await browser.newContext();
await context.route(/^(https?|wss?|ftp):/, (route) => {
  fail(`request leaves file://: ${route.request().url()}`);
  return route.abort();
});

async function open(url) {
  const page = await context.newPage();
  page.on("pageerror", (e) => fail(`script error on ${url}: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") fail(`console error on ${url}: ${m.text()}`); });
  await page.goto(url);
  return page;
}

/** The list's id, the date control's value, the rows shown (site-relative)
    when filtered (else null), the status line and the address's fragment. */
async function read(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-filter-status]");
    return s && !/^Loading/.test(s.textContent);
  });
  return page.evaluate((root) => {
    const form = document.querySelector("form[data-filter-for]");
    const list = document.getElementById(form.getAttribute("data-filter-for"));
    const results = list.querySelector("[data-filter-results]");
    const filtered = !!results && !results.hidden;
    const rows = filtered ? [...results.querySelectorAll("[data-entry]")].map((a) => a.href.slice(root.length)) : null;
    return {
      on: form.querySelector("input[name=on]").value,
      rows,
      status: list.querySelector("[data-filter-status]").textContent.trim(),
      hash: location.hash,
    };
  }, site);
}

const listUrl = site + "policies/index.html";
for (const day of expect.days) {
  const label = `in force on ${day.on}`;
  const page = await open(listUrl);
  const before = await read(page);
  if (before.rows !== null) fail(`${label}: the list is filtered before any filter is set`);
  await page.fill("form[data-filter-for] input[name=on]", day.on);
  await page.waitForFunction(() => { const r = document.querySelector("[data-filter-results]"); return r && !r.hidden; }, null, { timeout: 10000 })
    .catch(() => fail(`${label}: setting the date does not filter the list`));
  const got = await read(page);
  const want = [...day.rows].sort().join(", ");
  if ((got.rows || []).slice().sort().join(", ") !== want) fail(`${label}: rows [${(got.rows || []).join(", ")}], expected [${want}]`);
  if (!got.status.includes(`in force on ${day.on}`)) fail(`${label}: status "${got.status}" does not name the day`);
  if (day.uncertain && !got.status.includes(`${day.uncertain} more may have been`)) fail(`${label}: status "${got.status}" does not count ${day.uncertain} policies not known`);
  if (!day.uncertain && got.status.includes("may have been")) fail(`${label}: status "${got.status}" counts policies not known`);
  if (!new URLSearchParams(got.hash.slice(1)).has("on") || !got.hash.includes(`on=${day.on}`)) fail(`${label}: the address "${got.hash}" does not keep the day`);
  // Reloaded, and opened anew from the address: the same day, the same rows.
  await page.reload();
  const reloaded = await read(page);
  if (reloaded.on !== day.on) fail(`${label}: after a reload the control reads "${reloaded.on}"`);
  if ((reloaded.rows || []).slice().sort().join(", ") !== want) fail(`${label}: after a reload, rows [${(reloaded.rows || []).join(", ")}]`);
  const again = await open(listUrl + got.hash);
  const shared = await read(again);
  if (shared.on !== day.on || (shared.rows || []).slice().sort().join(", ") !== want) {
    fail(`${label}: opening ${got.hash} shows "${shared.on}" and [${(shared.rows || []).join(", ")}]`);
  }
  await again.close();
  // Clearing brings back the whole list.
  await page.click("form[data-filter-for] button[type=reset]");
  await page.waitForTimeout(200);
  const cleared = await read(page);
  if (cleared.rows !== null || cleared.on !== "") fail(`${label}: "Clear filters" leaves the list filtered`);
  await page.close();
}

await browser.close();
console.log(`${expect.days.length} days checked, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
