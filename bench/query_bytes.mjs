// What a reader's first query loads from a built site: the search
// index's manifest, the stemmer (on an English site), the term shards of
// its words and the document files of its first ten results, as docket's
// own reader (themes/default/static/docket-search.js) asks for them, run
// in node without a browser. For comparing index layouts, such as
// `search_documents_per_file` (docs/search-and-filters.md).
//
//   node bench/query_bytes.mjs SITE_OUTPUT word ["two words" …]
//   VERBOSE=1 node bench/query_bytes.mjs …   # also each file loaded
//
// Each query starts from an empty reader, as a fresh page would. The
// reader script itself comes with every page and is not counted.

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: node bench/query_bytes.mjs SITE_OUTPUT word [\"two words\" …]");
  process.exit(2);
}
const reader = fs.readFileSync(path.join(repo, "themes/default/static/docket-search.js"), "utf8");
for (const q of queries) {
  const context = vm.createContext({ console });
  context.window = context;
  vm.runInContext(reader, context);
  const api = context.docketSearch;
  let bytes = 0;
  let files = 0;
  api.load = (p) => {
    const file = path.join(site, p);
    bytes += fs.statSync(file).size;
    files++;
    if (process.env.VERBOSE) console.log(`  ${p}`);
    vm.runInContext(fs.readFileSync(file, "utf8"), context);
    return Promise.resolve();
  };
  // A finished query (the trailing space): no word is matched as a prefix.
  const r = await api.query(q + " ");
  await api.documents(r.hits.slice(0, 10));
  console.log(`${q}\t${r.hits.length} results\t${(bytes / 1024).toFixed(0)} KB in ${files} files`);
}
