#!/usr/bin/env node
// `npm run dev`: apply migrations to the local D1, then `wrangler dev` on 127.0.0.1:8787.
// Extra arguments go to `wrangler dev` (e.g. `npm run dev -- --port 8788`); --persist-to is
// passed to the migration step too so both use the same local state. `--env-file <path>` replaces
// .dev.vars (how scripts/dev-server.mjs gives its server its own secrets).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_DEFAULTS, DEV_VARS_FILE, readDevVars, writeEnvFile } from "./dev-vars.mjs";

const args = process.argv.slice(2);
const wranglerBin = fileURLToPath(new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url));
const wrangler = (wranglerArgs, options) => [process.execPath, [wranglerBin, ...wranglerArgs], options];
const persistIndex = args.indexOf("--persist-to");
const persist = persistIndex >= 0 ? ["--persist-to", args[persistIndex + 1]] : [];

// Offline and quiet: no fetch of Request.cf (it fails without internet and prints a stack), no
// telemetry, and no banner (it says an update is available: wrangler is pinned to the last
// release that runs on Node 20).
const quiet = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" };

// wrangler prints the whole migration table after each migration it applies: show one line instead.
const migrate = spawnSync(
  ...wrangler(["d1", "migrations", "apply", "DB", "--local", ...persist], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, ...quiet, CI: "true" }, // CI: no confirmation prompt
  }),
);
if (migrate.status !== 0) {
  process.stderr.write(`${migrate.stdout}${migrate.stderr}`);
  console.error("Applying migrations to the local D1 failed.");
  process.exit(migrate.status ?? 1);
}
const applied = [...new Set(migrate.stdout.match(/\d{4}_[\w-]+\.sql/g) ?? [])];
console.log(
  applied.length > 0
    ? `Local D1: applied ${applied.length} migration(s): ${applied.join(", ")}.`
    : "Local D1: migrations up to date.",
);

const hasFlag = (flag) => args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
// The demo page's dev-only routes (tokens for any user, test sends). Never set in wrangler.toml;
// the worker opens them only with the dev default secrets (src/dev/gate.ts).
const vars = ["--var", "DEV_MODE:true"];
// Secrets go through a file, never the command line, where `ps` shows them to every local user.
let defaultsDir = null;
if (!hasFlag("--env-file") && readDevVars() === null) {
  console.log(`No ${DEV_VARS_FILE}: using the dev defaults (see docs/settings.md).`);
  defaultsDir = mkdtempSync(join(tmpdir(), "edge-notify-dev-"));
  const file = join(defaultsDir, "dev-defaults.env");
  writeEnvFile(file, DEV_DEFAULTS);
  vars.push("--env-file", file);
}
const cleanUp = () => defaultsDir && rmSync(defaultsDir, { recursive: true, force: true });
const where = [...(hasFlag("--ip") ? [] : ["--ip", "127.0.0.1"]), ...(hasFlag("--port") ? [] : ["--port", "8787"])];

const dev = spawn(
  ...wrangler(["dev", ...where, ...vars, ...args], { stdio: "inherit", env: { ...process.env, ...quiet } }),
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
