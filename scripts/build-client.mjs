#!/usr/bin/env node
// Bundles the demo page's script (src/demo + the client library) into public/build/.
// wrangler runs it before `wrangler dev` and `wrangler deploy` ([build] in wrangler.toml).
import { build } from "esbuild";

await build({
  entryPoints: ["src/demo/main.ts"],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  outfile: "public/build/demo.js",
  logLevel: "warning",
});
