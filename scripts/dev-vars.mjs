// Local development settings: .dev.vars when present, otherwise these documented defaults.
// They are for `npm run dev` on your machine only; production reads `wrangler secret put` values.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** One copy, which the worker reads too: its dev-only routes answer only while these are in use. */
export const DEV_DEFAULTS = Object.freeze(
  JSON.parse(readFileSync(new URL("../src/dev/defaults.json", import.meta.url), "utf8")),
);

export const DEV_VARS_FILE = ".dev.vars";

/** Parses .dev.vars (dotenv syntax: KEY=value or KEY="value", # comments). */
export function readDevVars(path = DEV_VARS_FILE) {
  if (!existsSync(path)) return null;
  const vars = {};
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith("#")) continue;
    vars[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/** A dotenv file of these settings, readable by its owner only, for wrangler's --env-file. */
export function writeEnvFile(path, settings) {
  const lines = Object.entries(settings).map(([key, value]) => {
    // Double-quoted dotenv values take no escapes but \n: refuse what would not read back as written.
    if (/["\\\r\n]/.test(value)) throw new Error(`${key}: quotes, backslashes and line breaks are not supported`);
    return `${key}="${value}"\n`;
  });
  writeFileSync(path, lines.join(""), { mode: 0o600 });
}

/** The settings `npm run dev` runs with. */
export function devSettings() {
  return { ...DEV_DEFAULTS, ...(readDevVars() ?? {}) };
}
