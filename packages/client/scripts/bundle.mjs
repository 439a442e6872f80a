#!/usr/bin/env node
// dist/browser.js: the whole client in one minified ES module, for pages without a bundler
// (`<script type="module">import ... from ".../browser.js"`). Run after tsc (npm run build, prepack).
import { build } from "esbuild";

await build({
  entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
  outfile: new URL("../dist/browser.js", import.meta.url).pathname,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
