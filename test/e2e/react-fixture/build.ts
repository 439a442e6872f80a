import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/** Bundles app.tsx (React in development mode: StrictMode's double effects on) into `outdir`. */
export async function buildFixture(outdir: string): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, "app.tsx")],
    outfile: join(outdir, "app.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "warning",
  });
  writeFileSync(
    join(outdir, "index.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hooks</title>' +
      '<link rel="icon" href="data:,"><script type="module" src="./app.js"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
}
