#!/usr/bin/env node
// Builds the client package (packages/client/dist: tsc's modules, then the one-file browser bundle the
// package's `./browser` export names, as its prepack does), then bundles the demo page's script (src/demo,
// which imports @edge-notify/client like any app) into public/build/, and copies the API
// reference's assets. wrangler runs it before `wrangler dev` and `wrangler deploy` ([build]).
//
// wrangler 4.86 runs a custom build twice when `wrangler dev` starts (once for the first bundle,
// once when its file watcher is ready): the second run finds its inputs unchanged and stops.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const swaggerUi = dirname(require.resolve("swagger-ui-dist/package.json"));
const STAMP = "public/build/.inputs";

/**
 * packages/react (@edge-notify/react): tsc's modules and declarations, built after the packages it
 * imports (its dist resolves theirs through node_modules).
 */
const REACT = {
  inputs: ["packages/react/src", "packages/react/tsconfig.json", "packages/react/package.json"],
  outputs: ["packages/react/dist/index.js"],
  build: () =>
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "packages/react/tsconfig.json"], {
      stdio: "inherit",
    }),
};

/** A hash of everything the outputs are made from. */
function inputsHash() {
  const hash = createHash("sha256");
  const files = (dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  const client = ["packages/client/tsconfig.json", "packages/client/package.json"];
  for (const file of [
    ...files("packages/client/src"),
    ...files("packages/client/scripts"),
    ...files("src/demo"),
    ...client,
    ...INBOX_INPUTS.flatMap((path) => (path.endsWith(".json") ? [path] : files(path))),
  ]) {
    hash.update(file).update(readFileSync(file));
  }
  for (const file of REACT.inputs.flatMap((path) => (path.endsWith(".json") ? [path] : files(path)))) {
    hash.update(file).update(readFileSync(file));
  }
  hash.update(readFileSync(join(swaggerUi, "package.json")));
  return hash.digest("hex");
}

/** @edge-notify/inbox (the element the demo uses): tsc's modules, then its browser bundle with the size check. */
const INBOX_INPUTS = [
  "packages/inbox/src",
  "packages/inbox/scripts",
  "packages/inbox/package.json",
  "packages/inbox/tsconfig.json",
];
function buildInbox() {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "packages/inbox/tsconfig.json"], {
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["packages/inbox/scripts/bundle.mjs"], { stdio: "inherit" });
}

const inputs = inputsHash();
const outputs = [
  "packages/client/dist/index.js",
  "packages/client/dist/browser.js",
  "public/build/demo.js",
  "packages/inbox/dist/browser.js",
  "public/build/docs/swagger-ui-bundle.js",
  ...REACT.outputs,
];
if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === inputs && outputs.every((file) => existsSync(file))) {
  console.log("[build] up to date");
  process.exit(0);
}

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "packages/client/tsconfig.json"], {
  stdio: "inherit",
});
// The same script as the package's own build: a checkout resolves `@edge-notify/client/browser` too.
execFileSync(process.execPath, ["packages/client/scripts/bundle.mjs"], { stdio: "inherit" });
buildInbox();
REACT.build();

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
mkdirSync("public/build/docs", { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(swaggerUi, file), join("public/build/docs", file));
}
writeFileSync(STAMP, inputs);
