// Local development settings: .dev.vars when present, otherwise these documented defaults.
// They are for `npm run dev` on your machine only; production reads `wrangler secret put` values.
import { existsSync, readFileSync } from "node:fs";

export const DEV_DEFAULTS = {
  JWT_SECRET: "dev-only-jwt-secret-change-me",
  SERVICE_API_KEY: "dev-only-service-key",
};

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

/** The settings `npm run dev` runs with. */
export function devSettings() {
  return { ...DEV_DEFAULTS, ...(readDevVars() ?? {}) };
}
