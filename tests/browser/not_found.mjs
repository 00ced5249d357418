// The 404 page in headless Chromium, at the addresses hosts serve it at.
// Run by tests/browser.rs:
//
//   node not_found.mjs --plain DIR --published DIR [--serve URL] [--chromium PATH]
//
// --plain: a site built without base_url; --published: one built with
// base_url https://example.org/tracker/; --serve: `docket serve` of the
// published site. Static hosts are played by the browser itself: requests
// to http://site.test/ and https://example.org/tracker/ are answered from
// the folders, with 404.html (status 404) for any path that has no file,
// as GitHub Pages and Netlify do. Any other request is a failure: no
// address may turn the page's base, links or stylesheet to another host.
// Prints every failure; exits 1 if there is one.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const plain = path.resolve(args.plain);
const published = path.resolve(args.published);
const failures = [];
function fail(msg) {
  failures.push(msg);
  console.log("FAIL " + msg);
}

const TYPES = { html: "text/html; charset=utf-8", css: "text/css", js: "text/javascript", json: "application/json", xml: "application/xml" };

/** A static host serving `dir` under `prefix`: the file a path names (a
    folder's index.html), else 404.html with status 404. */
function host(dir, prefix) {
  return (url) => {
    const p = decodeURIComponent(url.pathname);
    let file = null;
    if (p.startsWith(prefix) && !p.split("/").includes("..")) {
      let candidate = path.join(dir, p.slice(prefix.length));
      if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) candidate = path.join(candidate, "index.html");
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) file = candidate;
    }
    const served = file || path.join(dir, "404.html");
    return { status: file ? 200 : 404, contentType: TYPES[served.split(".").pop()] || "application/octet-stream", body: fs.readFileSync(served) };
  };
}

const browser = await chromium.launch({
  executablePath: args.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});

/** A page in a fresh context where `hosts` (host → handler) answer and any
    other request over the network fails the check named `label`. */
async function open(label, hosts, { javaScriptEnabled = true, live = null } = {}) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    const url = new URL(route.request().url());
    if (live && url.origin === live) return route.continue();
    const answer = hosts[url.host];
    if (!answer) {
      fail(`${label}: request leaves the site: ${url.href}`);
      return route.abort();
    }
    return route.fulfill(answer(url));
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => fail(`${label}: script error: ${e.message}`));
  return page;
}

/** What the page resolved: its base, its links, its stylesheet. */
async function resolved(page) {
  return page.evaluate(() => ({
    base: document.baseURI,
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
    sheets: [...document.styleSheets].map((s) => s.href),
    // docket.css hides the skip link off screen: it applies.
    styled: getComputedStyle(document.querySelector(".skip-link")).position === "absolute",
    icon: (document.querySelector("link[rel=icon]") || {}).href || "",
    title: document.title,
  }));
}

/** Opens `address`, checks that the base, every link and the stylesheet
    lie under `root`, and that the stylesheet loaded; then follows the link
    to the list of policies and checks it arrives on that page. */
async function check(label, address, root, hosts, options = {}) {
  const page = await open(label, hosts, options);
  const response = await page.goto(address);
  if (!response) fail(`${label}: ${address} gave no response`);
  const r = await resolved(page);
  if (!/not found/i.test(r.title)) fail(`${label}: ${address} is not the 404 page: ${r.title}`);
  if (r.base !== root) fail(`${label}: base ${r.base}, expected ${root}`);
  const here = page.url().split("#")[0];
  for (const l of r.links) {
    // In-page links (#main) lead to the page itself.
    const inPage = l.split("#")[0] === here;
    if (!l.startsWith(root) && !inPage) fail(`${label}: link ${l} is not under ${root}`);
  }
  const css = r.sheets.filter((h) => h && h.endsWith("static/docket.css"));
  if (css.length === 0) fail(`${label}: no stylesheet: ${JSON.stringify(r.sheets)}`);
  for (const h of css) if (!h.startsWith(root)) fail(`${label}: stylesheet ${h} is not under ${root}`);
  if (!r.icon.startsWith(root)) fail(`${label}: favicon ${r.icon || "missing"} is not under ${root}`);
  // At a "//" address the root found lies in a folder the site does not
  // have (on this host all the same): the page shows, unstyled.
  if (options.styled !== false && !r.styled) fail(`${label}: the stylesheet does not apply (${css})`);
  if (address.startsWith("file:") && !fs.existsSync(fileURLToPath(r.icon))) fail(`${label}: no favicon at ${r.icon}`);
  if (options.follow !== false) {
    await Promise.all([page.waitForLoadState("load"), page.click("main a[href$='policies/index.html']")]);
    await page.waitForLoadState("load");
    const want = root + "policies/index.html";
    if (page.url() !== want) fail(`${label}: the link to the policies led to ${page.url()}, expected ${want}`);
    else if (/not found/i.test(await page.title())) fail(`${label}: ${want} is the 404 page`);
  }
  console.log(`  ${label}: ${address} → base ${r.base}${r.styled ? ", styled" : ""}`);
  await page.context().close();
}

/** Pages under `docket serve`: nothing they load answers with an error
    (a browser asks for a favicon of every page). The 404 page itself is
    the one answer expected to be a 404. */
async function nothingMissing(label, root, pages, live) {
  const page = await open(label, {}, { live });
  const missing = [];
  page.on("response", (r) => { if (r.status() >= 400 && r.request().resourceType() !== "document") missing.push(`${r.status()} ${r.url()}`); });
  for (const p of pages) {
    await page.goto(root + p);
    await page.waitForLoadState("load");
    await page.waitForTimeout(300);
    const icon = await page.evaluate(() => (document.querySelector("link[rel=icon]") || {}).href || "");
    if (!icon) fail(`${label}: ${p} links no favicon`);
    else if (!(await page.evaluate(async (u) => (await fetch(u)).ok, icon))) fail(`${label}: the favicon of ${p}, ${icon}, is missing`);
  }
  if (missing.length) fail(`${label}: missing files: ${missing.join(", ")}`);
  console.log(`  ${label}: ${pages.join(", ")}: favicon linked, nothing missing`);
  await page.context().close();
}

/** Without script, on the published host at any depth: the published
    site's stylesheet applies, and a link leads to its home page. */
async function withoutScript(address, hosts) {
  const label = "published, without script";
  const page = await open(label, hosts, { javaScriptEnabled: false });
  await page.goto(address);
  const r = await resolved(page);
  if (!r.styled) fail(`${label}: the stylesheet does not apply`);
  const home = PUBLISHED + "index.html";
  if (!r.links.includes(home)) fail(`${label}: no link to ${home}: ${r.links}`);
  await Promise.all([page.waitForLoadState("load"), page.click(`a[href="${home}"]`)]);
  if (page.url() !== home) fail(`${label}: the home link led to ${page.url()}`);
  console.log(`  ${label}: ${address} → ${r.styled ? "styled" : "unstyled"}, home at ${home}`);
  await page.context().close();
}

const SITE = "http://site.test/";
const PUBLISHED = "https://example.org/tracker/";
const plainHosts = { "site.test": host(plain, "/") };
const publishedHosts = { "site.test": host(published, "/"), "example.org": host(published, "/tracker/") };

try {
  // Without a base_url.
  await check("plain, hosted", SITE + "policies/9999/", SITE, plainHosts);
  await check("plain, deep", SITE + "subjects/nothing/here/at/all", SITE, plainHosts);
  // `//evil.example/...` once made the base, the links and the stylesheet
  // protocol-relative: all of them on evil.example. The base stays on this
  // host (at a folder that does not exist, hence no link to follow).
  const odd = { follow: false, styled: false };
  await check("plain, // path", SITE + "/evil.example/policies/x", SITE + "evil.example/", plainHosts, odd);
  await check("plain, /\\ path", SITE + "\\evil.example/policies/x", SITE + "evil.example/", plainHosts, odd);
  const plainFile = pathToFileURL(plain).href + "/";
  await check("plain, from disk", plainFile + "404.html", plainFile, {});

  // With base_url https://example.org/tracker/.
  await check("published, on its host", PUBLISHED + "policies/9999/", PUBLISHED, publishedHosts);
  await check("published, // path", PUBLISHED + "/evil.example/policies/x", PUBLISHED, publishedHosts);
  await withoutScript(PUBLISHED + "old/deep/page.html", publishedHosts);
  // Elsewhere, the published host is never asked for anything.
  const elsewhere = { "site.test": host(published, "/") };
  await check("published, on another host", SITE + "policies/9999/", SITE, elsewhere);
  await check("published, another host, // path", SITE + "/evil.example/policies/x", SITE + "evil.example/", elsewhere, odd);
  const publishedFile = pathToFileURL(published).href + "/";
  await check("published, from disk", publishedFile + "404.html", publishedFile, {});
  if (args.serve) {
    const live = new URL(args.serve).origin;
    await check("docket serve", args.serve + "policies/9999/", args.serve, {}, { live });
    await nothingMissing("docket serve", args.serve, ["index.html", "policies/index.html", "policies/9999/"], live);
    await check("docket serve, // path", args.serve + "/evil.example/policies/x", args.serve + "evil.example/", {}, { live, ...odd });
  }
} catch (e) {
  fail(`the checks stopped: ${e.stack || e}`);
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} failures` : "the 404 page stays on its own host everywhere");
process.exit(failures.length ? 1 : 0);
