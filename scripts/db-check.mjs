#!/usr/bin/env node
// `npm run db:check`: fails when src/db/schema.ts has changes no migration captures. It asks
// drizzle-kit to generate into a copy of migrations/; any new file there is drift.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// drizzle-kit wants paths relative to the project: a scratch folder under .wrangler/ (ignored by git).
const scratch = join(".wrangler", "tmp", `db-check-${process.pid}`);
mkdirSync(scratch, { recursive: true });
try {
  const out = join(scratch, "migrations");
  cpSync("migrations", out, { recursive: true });
  const before = readdirSync(out).filter((f) => f.endsWith(".sql"));
  const config = join(scratch, "drizzle.config.mjs");
  writeFileSync(
    config,
    `export default { dialect: "sqlite", schema: "./src/db/schema.ts", out: ${JSON.stringify(`./${out}`)} };\n`,
  );
  execFileSync(
    process.execPath,
    ["node_modules/drizzle-kit/bin.cjs", "generate", "--config", config, "--name", "drift"],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  if (!existsSync(join(out, "meta", "_journal.json"))) throw new Error("drizzle-kit did not read the migrations");
  const added = readdirSync(out).filter((f) => f.endsWith(".sql") && !before.includes(f));
  if (added.length > 0) {
    console.error(
      `src/db/schema.ts has changes no migration captures: run \`npm run db:generate\` (would add ${added.join(", ")}).`,
    );
    process.exitCode = 1;
  } else {
    console.log(`migrations/ matches src/db/schema.ts (${before.length} migrations).`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
