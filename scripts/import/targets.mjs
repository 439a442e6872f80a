// Where an import writes: the local D1 of `npm run dev` (a D1 binding in Node through wrangler's
// getPlatformProxy, same persist directory, one transaction per batch, conflicts classified), or
// SQL files run by `wrangler d1 execute --file` (the deployed database with --remote).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
const wranglerBin = join(root, "node_modules/wrangler/bin/wrangler.js");
const QUIET = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" };
/** D1 refuses statements over 100 KB; rows travel as one JSON literal per statement. */
const MAX_STATEMENT_JSON = 90_000;

/** src/import/apply.ts bundled for Node: the same record rules and SQL the worker's code defines. */
export async function loadImportCode() {
  const dir = mkdtempSync(join(tmpdir(), "edge-notify-import-"));
  try {
    const outfile = join(dir, "apply.mjs");
    await build({
      entryPoints: [join(root, "src/import/apply.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile,
      logLevel: "warning",
    });
    return await import(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function wrangler(args, what) {
  const run = spawnSync(process.execPath, [wranglerBin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...QUIET, CI: "true" },
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`${what} failed:\n${run.stdout}${run.stderr}`.trim());
  return run.stdout;
}

/** The local D1 of `npm run dev --persist-to DIR` (default .wrangler/state), migrated first. */
export async function localTarget(code, persistTo) {
  const persist = resolve(persistTo ?? join(root, ".wrangler/state"));
  wrangler(
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist],
    "Applying migrations to the local D1",
  );
  // A configuration with the D1 binding alone (same database id, so the same local file): the
  // worker's other bindings (its Durable Object, queues) would only print warnings here.
  const { experimental_readRawConfig, getPlatformProxy } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") });
  const dir = mkdtempSync(join(tmpdir(), "edge-notify-import-config-"));
  const configPath = join(dir, "wrangler.json");
  const { name, compatibility_date, d1_databases } = rawConfig;
  writeFileSync(configPath, JSON.stringify({ name, compatibility_date, d1_databases }));
  const proxy = await getPlatformProxy({ configPath, persist: { path: join(persist, "v3") } }).finally(() =>
    rmSync(dir, { recursive: true, force: true }),
  );
  const touched = new Set();
  return {
    name: `the local D1 (${persist})`,
    key: `local:${persist}`,
    classifies: true,
    write(batch, now) {
      for (const row of batch.notifications) touched.add(row.user_id);
      return code.applyBatch(proxy.env.DB, batch, now);
    },
    // Counters once, at the end: of the users this run touched, or of everyone after a resume
    // (the interrupted run's users are not known).
    finish: ({ resumed }) => code.recountLocal(proxy.env.DB, resumed ? undefined : [...touched]),
    close: () => proxy.dispose(),
  };
}

/** SQL files through `wrangler d1 execute`: --remote for the deployed database, else the local one. */
export function fileTarget(code, { remote, persistTo }) {
  const dir = mkdtempSync(join(tmpdir(), "edge-notify-import-sql-"));
  const where = remote
    ? ["--remote"]
    : ["--local", "--persist-to", resolve(persistTo ?? join(root, ".wrangler/state"))];
  if (!remote) wrangler(["d1", "migrations", "apply", "DB", ...where], "Applying migrations to the local D1");
  return {
    name: remote ? "the remote D1 (wrangler d1 execute --remote)" : `the local D1 via SQL files (${where.at(-1)})`,
    key: remote ? "remote" : `files:${where.at(-1)}`,
    classifies: false,
    maxRowBytes: MAX_STATEMENT_JSON,
    async write(batch, now) {
      const file = join(dir, "batch.sql");
      writeFileSync(file, code.batchSqlFile(batch, now, MAX_STATEMENT_JSON));
      wrangler(["d1", "execute", "DB", ...where, "--file", file, "--yes"], "wrangler d1 execute");
      return { outcomes: batch.notifications.map(() => ({ kind: "sent" })), usersChanged: null, switchesChanged: null };
    },
    // Each file rebuilt the counters of the users it touched.
    finish: async () => {},
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
