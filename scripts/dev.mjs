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

const migrate = spawnSync(
  ...wrangler(["d1", "migrations", "apply", "DB", "--local", ...persist], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "true" }, // no confirmation prompt
  }),
);
if (migrate.status !== 0) {
  console.error("Applying migrations to the local D1 failed.");
  process.exit(migrate.status ?? 1);
}

const hasFlag = (flag) => args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
// The demo page's dev-only routes (tokens for any user, test sends). Never set in wrangler.toml;
// the worker opens them only with the dev default secrets (src/dev/gate.ts).
const vars = ["--var", "DEV_MODE:true"];
// Secrets go through a file, never the command line, where `ps` shows them to every local user.
let defaultsDir = null;
if (!hasFlag("--env-file") && readDevVars() === null) {
  console.log(`No ${DEV_VARS_FILE}: using the dev defaults (see README, "Settings").`);
  defaultsDir = mkdtempSync(join(tmpdir(), "edge-notify-dev-"));
  const file = join(defaultsDir, "dev-defaults.env");
  writeEnvFile(file, DEV_DEFAULTS);
  vars.push("--env-file", file);
}
const cleanUp = () => defaultsDir && rmSync(defaultsDir, { recursive: true, force: true });
const where = [...(hasFlag("--ip") ? [] : ["--ip", "127.0.0.1"]), ...(hasFlag("--port") ? [] : ["--port", "8787"])];

const dev = spawn(...wrangler(["dev", ...where, ...vars, ...args], { stdio: "inherit" }));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
