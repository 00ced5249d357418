// Runs Lighthouse (its default mobile run) on a built docket site's home
// page, policies list and first policy page, served over http from the
// output folder, and prints each page's four scores and the audits that cost
// points (a category can round to 100 with an audit short of full marks).
//
//   npm ci --prefix bench/lighthouse
//   docket build -o /tmp/site-out
//   node bench/lighthouse/run.mjs /tmp/site-out
//
// CHROME names the browser (default: chromium on the PATH). The exit status
// is 1 when a score is below 100, so the script can gate a release.

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
};

// A plain static host, as a publisher's would be: files as they are, the
// folder's index.html for a folder, 404.html for anything else.
function serve(root) {
  return createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      const body = await readFile(join(root, "404.html")).catch(() => Buffer.from("not found"));
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(body);
    }
  });
}

async function firstPolicy(root) {
  const ids = (await readdir(join(root, "policies"), { withFileTypes: true }))
    .filter((d) => d.isDirectory() && /^[0-9]+$/.test(d.name))
    .map((d) => Number(d.name))
    .sort((a, b) => a - b);
  if (!ids.length) throw new Error(`${root} has no policy pages`);
  return `policies/${ids[0]}/`;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench/lighthouse/run.mjs <built site folder>");
  process.exit(2);
}
const root = resolve(dir);
const server = serve(root);
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const pages = [
  ["home", ""],
  ["policies list", "policies/"],
  ["policy page", await firstPolicy(root)],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
let failed = false;
try {
  const categories = ["performance", "accessibility", "best-practices", "seo"];
  console.log(["page", ...categories].join("\t"));
  for (const [name, path] of pages) {
    const result = await lighthouse(base + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
    });
    const lhr = result.lhr;
    const scores = categories.map((c) => Math.round((lhr.categories[c].score ?? 0) * 100));
    console.log([name, ...scores].join("\t"));
    for (const c of categories) {
      for (const ref of lhr.categories[c].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const value = audit.displayValue ? ` (${audit.displayValue})` : "";
          console.log(`  ${c}: ${audit.id}: ${audit.title}${value}`);
        }
      }
    }
    if (scores.some((s) => s < 100)) failed = true;
  }
} finally {
  await chrome.kill();
  server.close();
}
process.exit(failed ? 1 : 0);
