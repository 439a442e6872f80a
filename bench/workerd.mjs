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

/**
 * CPU seconds used so far by every workerd process (from /proc; Linux only). With `group` (a dev
 * server's process group, its `pid`), only that server's: other dev servers and test runs on the
 * machine run workerd too.
 */
export function workerdCpuSeconds(group) {
  let ticks = 0;
  for (const pid of perWorkerd("pid")) {
    if (group !== undefined && processGroup(pid) !== group) continue;
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

/**
 * The worker's own listener inside wrangler dev (behind its proxy), found among workerd's
 * loopback ports as the one that answers the API; null if none does. With `group` (the dev
 * server's process group, its `pid`), only that server's workerd counts: other dev servers on the
 * machine answer the API too.
 */
export async function directWorkerBase(base, group) {
  let listing = "";
  try {
    listing = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
  } catch {
    return null;
  }
  const skip = new Set([new URL(base).port]);
  const ports = listing
    .split("\n")
    .filter((line) => line.includes('"workerd"'))
    .filter((line) => group === undefined || processGroup(/pid=(\d+)/.exec(line)?.[1]) === group)
    .map((line) => /127\.0\.0\.1:(\d+)/.exec(line)?.[1])
    .filter((port) => port && !skip.has(port));
  for (const port of ports) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/me/notifications`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.status === 401 && response.headers.get("content-type")?.includes("json")) {
        return `http://127.0.0.1:${port}`;
      }
    } catch {}
  }
  return null;
}

function processGroup(pid) {
  try {
    return Number(execFileSync("ps", ["-o", "pgid=", "-p", String(pid)], { encoding: "utf8" }).trim());
  } catch {
    return null;
  }
}
