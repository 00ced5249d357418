// The screenshots of the book's "Reading the site" chapter: the example
// site's policy page, policies list and lineage page, on a laptop
// (1366×900) and a phone (390×844), in the light colour scheme, opened from
// disk as an offline reader would.
//
//   cargo run -- build -o /tmp/example-out
//   node tests/browser/screenshots.mjs /tmp/example-out docs/images
//
// CHROMIUM names the browser (default /usr/bin/chromium). Each picture is
// the first screen only, what a reader sees before scrolling.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [site, outDir] = process.argv.slice(2);
if (!site || !outDir) {
  console.error("usage: node tests/browser/screenshots.mjs <built example site> <folder for the images>");
  process.exit(2);
}
const root = path.resolve(site);
const lineage = fs.readdirSync(path.join(root, "lineages")).sort()[0];
const pages = [
  ["policy", "policies/1491/index.html"],
  ["policies", "policies/index.html"],
  ["lineage", `lineages/${lineage}/index.html`],
];
const sizes = [
  ["laptop", { width: 1366, height: 900 }],
  ["phone", { width: 390, height: 844 }],
];

fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  for (const [size, viewport] of sizes) {
    const context = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      colorScheme: "light",
      isMobile: size === "phone",
      hasTouch: size === "phone",
    });
    const page = await context.newPage();
    for (const [name, rel] of pages) {
      const file = path.join(root, rel);
      if (!fs.existsSync(file)) throw new Error(`${rel} is not in ${root}`);
      await page.goto(pathToFileURL(file).href);
      await page.waitForLoadState("load");
      const out = path.join(outDir, `${name}-${size}.png`);
      await page.screenshot({ path: out });
      console.log(out);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
