#!/usr/bin/env node
// Bundles the demo page's script (src/demo + the client library) into public/build/.
// wrangler runs it before `wrangler dev` and `wrangler deploy` ([build] in wrangler.toml).
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

// The API reference page (/docs) uses Swagger UI's prebuilt bundle, served from our own assets so
// it works offline and under the page's strict CSP (no CDN).
const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
mkdirSync("public/build/docs", { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(swaggerUi, file), join("public/build/docs", file));
}
