#!/usr/bin/env node
import { execFileSync } from "node:child_process";
// Builds the client package (packages/client/dist), then bundles the demo page's script (src/demo,
// which imports @edge-notify/client like any app) into public/build/, and copies the API
// reference's assets. wrangler runs it before `wrangler dev` and `wrangler deploy` ([build]).
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "packages/client/tsconfig.json"], { stdio: "inherit" });

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
