#!/usr/bin/env node
// dist/browser.js: the element, Lit and @edge-notify/client in one ES module for pages without a
// bundler. Prints its minified + gzipped size and fails over the budget (issue #13: under 30 KB),
// so `npm run build` (and with it `npm run check`) catches a dependency that bloats it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET_BYTES = 30 * 1024;
const outfile = new URL("../dist/browser.js", import.meta.url).pathname;

await build({
  entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
  outfile,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});

const gzipped = gzipSync(readFileSync(outfile), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`[inbox] element + client, minified + gzipped: ${kb(gzipped)} (budget ${kb(BUDGET_BYTES)})`);
if (gzipped > BUDGET_BYTES) {
  console.error(`[inbox] over the size budget by ${kb(gzipped - BUDGET_BYTES)}`);
  process.exit(1);
}
