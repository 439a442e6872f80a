#!/usr/bin/env node
// Builds the example into examples/react/dist (or the directory given): one ES module bundle of
// the app, React and @edge-notify/react, its CSS and index.html. Run `npm run build` at the repo
// root first (it builds the packages this imports).
import { copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));

/** Builds into `outdir` and returns it. */
export async function buildExample(outdir = join(here, "dist")) {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(here, "src/main.tsx")],
    outfile: join(outdir, "app.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    minify: true,
    sourcemap: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  copyFileSync(join(here, "index.html"), join(outdir, "index.html"));
  copyFileSync(join(here, "src/app.css"), join(outdir, "app.css"));
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Built ${await buildExample(process.argv[2])}`);
}
