#!/usr/bin/env node
// `npm run soak`: 1,000 sockets across 200 users, then 10,000 mixed writes (create, read, remove,
// mark all, open one) from 32 concurrent clients, against `wrangler dev` on loopback. Afterwards
// every socket's last frame must equal D1's counts for its user, no socket may have dropped
// without a close code, no request may have got a 5xx, and memory must stay flat: the worker's
// isolate heap after a full collection (a heap snapshot through wrangler dev's inspector forces
// one) after the writes, against the same before them. workerd's RSS is reported too (see docs/RELIABILITY.md for why it is not the
// criterion).
// Meanwhile SOAK_FLOODERS (default 3) sockets of other users flood the hub with frames and
// reconnect whenever closed (bench/flood.mjs): each must be closed by policy (1008), and a probe
// reports the well-behaved users' `GET /api/v1/me/notifications` latency; before the writes, the
// same probe runs SOAK_FLOOD_PHASE_SECONDS (10) quiet, then as long with the flooders alone.
// Bounded: at most SOAK_SECONDS (default 180) of writes, 10 minutes in all.
import { mkdirSync, writeFileSync } from "node:fs";
import WebSocket from "ws";
import { startDevServer } from "../scripts/dev-server.mjs";
import { DEV_DEFAULTS } from "../scripts/dev-vars.mjs";
import { startFlood } from "./flood.mjs";
import { devToken, workerdRssMb } from "./workerd.mjs";

const USERS = 200;
const SOCKETS_PER_USER = 5;
const WRITES = Number(process.env.SOAK_WRITES ?? 10_000);
const CLIENTS = 32;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const FLOODERS = Number(process.env.SOAK_FLOODERS ?? 3);
/** Before the writes: other users' GET latency for this long with no other load, then as long with the flooders alone. */
const FLOOD_PHASE_MS = Number(process.env.SOAK_FLOOD_PHASE_SECONDS ?? 10) * 1000;
const SERVICE = { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The isolate's used JS heap in MB, read with `Runtime.getHeapUsage` over the inspector. */
async function inspectorHeap(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let id = 0;
  const waiting = new Map();
  ws.on("message", (data) => {
    const message = JSON.parse(String(data));
    if (message.id === undefined) return; // events, e.g. the snapshot's chunks (not kept)
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  const call = (method, params = {}) =>
    new Promise((resolve) => {
      id += 1;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const usedMb = async () => Math.round(((await call("Runtime.getHeapUsage"))?.usedSize ?? Number.NaN) / 1048576);
  return {
    usedMb,
    /** After a full collection: workerd's inspector has no collectGarbage, but a snapshot collects first. */
    collectedMb: async () => {
      await call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
      return usedMb();
    },
    close: () => ws.close(),
  };
}

const tokens = new Map();
async function token(user) {
  if (!tokens.has(user)) {
    tokens.set(user, await devToken(user, 60));
  }
  return tokens.get(user);
}

const server = await startDevServer();
const hardStop = setTimeout(() => {
  console.error("soak: 10 minute bound reached");
  server.stop();
  process.exit(2);
}, 10 * 60_000);
const base = server.base;
const users = Array.from({ length: USERS }, (_, i) => `soak-${i}`);
const stats = { requests: 0, byStatus: {}, fiveXx: 0, dropped: 0, closedWithCode: 0 };

// Sockets.
const sockets = [];
for (const user of users) {
  for (let i = 0; i < SOCKETS_PER_USER; i++) {
    const ws = new WebSocket(`${base.replace("http", "ws")}/ws/me/notifications`, {
      headers: { Authorization: `Bearer ${await token(user)}` },
    });
    const entry = { user, ws, last: null, frames: 0, closed: null };
    ws.on("message", (data) => {
      entry.frames += 1;
      entry.last = JSON.parse(String(data));
    });
    ws.on("close", (code) => {
      entry.closed = code;
      if (code === 1006 || code === 1005) stats.dropped += 1;
      else stats.closedWithCode += 1;
    });
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    sockets.push(entry);
  }
}
const heap = await inspectorHeap(server.inspectorPort);
const heapStart = await heap.collectedMb();
const rssStart = workerdRssMb();
console.log(
  `soak: ${sockets.length} sockets open for ${USERS} users; isolate heap ${heapStart} MB, workerd RSS ${rssStart} MB`,
);

async function request(method, path, body, headers) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  stats.requests += 1;
  stats.byStatus[response.status] = (stats.byStatus[response.status] ?? 0) + 1;
  if (response.status >= 500) stats.fiveXx += 1;
  return response.json().catch(() => null);
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const knownUids = new Map(users.map((u) => [u, []]));
let issued = 0;
const deadline = Date.now() + SECONDS * 1000;
const rssSamples = [];
const heapSamples = [];
const sampler = setInterval(async () => {
  rssSamples.push(workerdRssMb());
  heapSamples.push(await heap.usedMb());
}, 5000);

async function client() {
  while (issued < WRITES && Date.now() < deadline) {
    issued += 1;
    const user = pick(users);
    const auth = { Authorization: `Bearer ${await token(user)}`, "Content-Type": "application/json" };
    const roll = Math.random();
    if (roll < 0.4) {
      const recipients = [user, pick(users)];
      const result = await request(
        "POST",
        "/api/v1/notifications",
        { message: "soak", model: "Soak", instance: { n: issued }, user_ids: recipients },
        SERVICE,
      );
      for (const [i, uid] of (result?.uids ?? []).entries()) knownUids.get(recipients[i])?.push(uid);
    } else if (roll < 0.6) {
      const uids = knownUids.get(user).slice(-3);
      await request(
        "PATCH",
        "/api/v1/me/notifications",
        { action_choice: "MARK_AS_READ", notification_uids: uids.length ? uids : [crypto.randomUUID()] },
        auth,
      );
    } else if (roll < 0.75) {
      const uid = knownUids.get(user).shift();
      await request(
        "PATCH",
        "/api/v1/me/notifications",
        { action_choice: "MARK_AS_REMOVED", notification_uids: [uid ?? crypto.randomUUID()] },
        auth,
      );
    } else if (roll < 0.85) {
      await request("PATCH", "/api/v1/me/notifications", { action_choice: "MARK_ALL_AS_READ" }, auth);
    } else {
      const uid = pick(knownUids.get(user)) ?? crypto.randomUUID();
      await request("GET", `/api/v1/me/notifications/${uid}`, undefined, auth);
    }
  }
}

async function floodPhase(flooders) {
  const phase = await startFlood({ base, flooders, token, probeUsers: users });
  await sleep(FLOOD_PHASE_MS);
  return phase.stop();
}
const quiet = await floodPhase(0);
const floodAlone = await floodPhase(FLOODERS);

const t0 = Date.now();
const flood = await startFlood({ base, flooders: FLOODERS, token, probeUsers: users });
await Promise.all(Array.from({ length: CLIENTS }, client));
const flooded = await flood.stop();
const elapsed = (Date.now() - t0) / 1000;
clearInterval(sampler);
await sleep(3000);

// Compare every socket's last frame with D1.
let mismatched = 0;
for (const user of users) {
  const body = await request("GET", "/api/v1/me/notifications?page_size=1", undefined, {
    Authorization: `Bearer ${await token(user)}`,
  });
  const expected = JSON.stringify({
    total_notifications: body.total_notifications,
    read_notifications: body.read_notifications,
    unread_notifications: body.unread_notifications,
  });
  for (const s of sockets.filter((x) => x.user === user)) {
    if (s.closed === null && JSON.stringify(s.last) !== expected) mismatched += 1;
  }
}
const open = sockets.filter((s) => s.closed === null).length;
const heapEnd = await heap.collectedMb();
heap.close();
const rssEnd = workerdRssMb();
for (const s of sockets) s.ws.close();
clearTimeout(hardStop);
server.stop();

const quarter = rssSamples[Math.floor(rssSamples.length / 4)] ?? rssStart;
const growth = rssEnd - quarter;
const result = {
  at: new Date().toISOString(),
  sockets: sockets.length,
  users: USERS,
  writes: issued,
  seconds: Math.round(elapsed),
  writes_per_second: Math.round(issued / elapsed),
  statuses: stats.byStatus,
  five_xx: stats.fiveXx,
  sockets_open_at_end: open,
  dropped_without_close_code: stats.dropped,
  last_frame_mismatches: mismatched,
  flood: { quiet, alone: floodAlone, during_writes: flooded },
  heap_mb: { start_collected: heapStart, end_collected: heapEnd, growth: heapEnd - heapStart, samples: heapSamples },
  rss_mb: { start: rssStart, at_quarter: quarter, end: rssEnd, samples: rssSamples },
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/soak.json", `${JSON.stringify(result, null, 2)}\n`);
const HEAP_GROWTH_LIMIT_MB = 16;
const heapFlat = heapEnd - heapStart < HEAP_GROWTH_LIMIT_MB;
const latency = ({ probe }) =>
  `p50 ${probe.ms.p50} ms, p99 ${probe.ms.p99} ms, max ${probe.ms.max} ms over ${probe.requests} requests; statuses ${JSON.stringify(probe.statuses)}`;
const probeFiveXx = [quiet, floodAlone, flooded]
  .flatMap(({ probe }) => Object.keys(probe.statuses))
  .filter((status) => Number(status) >= 500).length;
const ok =
  stats.fiveXx === 0 &&
  stats.dropped === 0 &&
  mismatched === 0 &&
  open === sockets.length &&
  heapFlat &&
  flooded.closed_by_policy &&
  floodAlone.closed_by_policy &&
  probeFiveXx === 0;
console.log(`
| check | result |
|---|---|
| writes | ${issued} in ${Math.round(elapsed)} s (${result.writes_per_second}/s) from ${CLIENTS} clients |
| HTTP statuses | ${JSON.stringify(stats.byStatus)} |
| 5xx | ${stats.fiveXx} |
| sockets open at the end | ${open} of ${sockets.length} |
| dropped without a close code | ${stats.dropped} |
| sockets whose last frame differs from D1 | ${mismatched} |
| isolate JS heap after a full collection | ${heapStart} MB before the writes, ${heapEnd} MB after (growth ${heapEnd - heapStart} MB, limit ${HEAP_GROWTH_LIMIT_MB}); peak while writing ${Math.max(...heapSamples)} MB |
| flooding sockets during the writes | ${FLOODERS} users: ${flooded.connections} connections, ${flooded.framesSent} frames sent, ${flooded.answers} answers; closes ${JSON.stringify(flooded.closes)}; closed by policy: ${flooded.closed_by_policy} |
| other users' GET feed, quiet (${FLOOD_PHASE_MS / 1000} s) | ${latency(quiet)} |
| other users' GET feed while ${FLOODERS} sockets flood alone (${FLOOD_PHASE_MS / 1000} s) | ${latency(floodAlone)}; flooders: ${floodAlone.connections} connections, closes ${JSON.stringify(floodAlone.closes)} |
| other users' GET feed during the writes${FLOODERS ? " and the flood" : ""} | ${latency(flooded)} |
| workerd RSS (reported, not a criterion) | ${rssStart} MB at start, ${quarter} MB at a quarter, ${rssEnd} MB at the end (growth after warm-up ${growth} MB) |

soak ${ok ? "PASSED" : "FAILED"}; written: bench/results/soak.json`);
process.exit(ok ? 0 : 1);
