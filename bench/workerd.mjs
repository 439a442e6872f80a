// What the benchmark and the soak read off the local runtime: workerd's processes, and tokens
// for the dev server's users.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { DEV_DEFAULTS } from "../scripts/dev-vars.mjs";

/** One number per workerd process, from `ps` (`rss`, `pid`, ...). */
function perWorkerd(field) {
  return execFileSync("ps", ["-C", "workerd", "-o", `${field}=`], { encoding: "utf8" })
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

/** Resident memory of the workerd processes (the runtime that holds the worker and its hubs), MB. */
export function workerdRssMb() {
  return Math.round(perWorkerd("rss").reduce((sum, kb) => sum + kb, 0) / 1024);
}

/** CPU seconds used so far by every workerd process (from /proc; Linux only). */
export function workerdCpuSeconds() {
  let ticks = 0;
  for (const pid of perWorkerd("pid")) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {}
  }
  return ticks / 100;
}

/** An access token for a dev server user, signed with the dev default secret. */
export async function devToken(user, minutes) {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ token_type: "access", exp: now + minutes * 60, iat: now, user_id: user }, DEV_DEFAULTS.JWT_SECRET);
}
