// How many socket upgrades `npm run dev` completes per second with no client backoff in the way:
// N users each POST a ticket, upgrade with it (events.v1) and wait for the first frame, with a
// fixed number in flight. Run once on a fresh server (new users, cold hubs) and once after a
// restart on the same data with `since` (cold hubs, every user resuming), as the storm does.
// Reports upgrades/s, per-phase latency and workerd CPU per upgrade.
//   node bench/upgrades.mjs [users=2000] [inFlight=32]
import WebSocket from "ws";
import { startDevServer } from "../scripts/dev-server.mjs";
import { devToken, directWorkerBase, workerdCpuSeconds } from "./workerd.mjs";

let resets = 0;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (n) => Math.round(n * 10) / 10;

/** One client's ticket, upgrade and first frame; the phases in ms. */
async function connect(base, token, since) {
  const t0 = performance.now();
  const post = () =>
    fetch(`${base}/api/v1/me/notifications/ws-ticket`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
  // A kept-alive connection workerd closed as the request went out: tried once more, counted.
  const response = await post().catch(() => {
    resets++;
    return post();
  });
  if (response.status !== 201 && response.status !== 200) throw new Error(`ticket ${response.status}`);
  const { ticket } = await response.json();
  const t1 = performance.now();
  const query = new URLSearchParams({ ticket, protocol: "events.v1" });
  if (since >= 0) query.set("since", String(since));
  const ws = new WebSocket(`${base.replace("http", "ws")}/ws/me/notifications?${query}`);
  let t2 = 0;
  const frame = await new Promise((resolve, reject) => {
    ws.once("open", () => {
      t2 = performance.now();
    });
    ws.once("message", (data) => resolve(JSON.parse(String(data))));
    ws.once("error", reject);
    ws.once("close", (code) => reject(new Error(`closed ${code}`)));
  });
  const t3 = performance.now();
  return { ws, version: frame.version, ticket: t1 - t0, upgrade: t2 - t1, firstFrame: t3 - t2, total: t3 - t0 };
}

/** Connects every user with `inFlight` at a time; returns the sockets and the figures. */
async function round(base, users, inFlight, label) {
  const results = new Array(users.length);
  resets = 0;
  let next = 0;
  const cpu0 = workerdCpuSeconds(server.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < users.length) {
        const i = next++;
        results[i] = await connect(base, users[i].token, users[i].version ?? -1);
        users[i].version = results[i].version;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = workerdCpuSeconds(server.pid) - cpu0;
  const phase = (name) => {
    const sorted = results.map((r) => r[name]).sort((a, b) => a - b);
    return `${name} p50 ${ms(quantile(sorted, 0.5))} p99 ${ms(quantile(sorted, 0.99))} ms`;
  };
  console.log(
    `${label} (${resets} reset connections retried): ${users.length} in ${ms(seconds)} s = ${Math.round(users.length / seconds)} upgrades/s; workerd CPU ${ms(cpu)} s = ${ms((cpu * 1000) / users.length)} ms per upgrade; ${["ticket", "upgrade", "firstFrame", "total"].map(phase).join("; ")}`,
  );
  return results.map((r) => r.ws);
}

/** Workerd CPU and wall time of `n` sequential runs of `step(i)`: the cost of one, without queueing. */
async function sequential(label, n, step) {
  const cpu0 = workerdCpuSeconds(server.pid);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await step(i);
  const cpu = workerdCpuSeconds(server.pid) - cpu0;
  console.log(`  ${label}: ${ms((performance.now() - t0) / n)} ms each, workerd CPU ${ms((cpu * 1000) / n)} ms each`);
}

/** What one upgrade costs, by phase: the ticket POST, the upgrade to the first frame, and a plain read for scale. */
async function phases(base, users) {
  const n = Math.min(users.length, 300);
  const tickets = [];
  console.log(`phases, ${n} users one at a time (hubs warm):`);
  await sequential("GET /counts (for scale)", n, async (i) => {
    await (
      await fetch(`${base}/api/v1/me/notifications/counts`, { headers: { Authorization: `Bearer ${users[i].token}` } })
    ).json();
  });
  await sequential("POST ws-ticket", n, async (i) => {
    const response = await fetch(`${base}/api/v1/me/notifications/ws-ticket`, {
      method: "POST",
      headers: { Authorization: `Bearer ${users[i].token}` },
    });
    tickets.push((await response.json()).ticket);
  });
  const sockets = [];
  await sequential("upgrade with since to the first frame", n, async (i) => {
    const query = new URLSearchParams({ ticket: tickets[i], protocol: "events.v1", since: String(users[i].version) });
    const ws = new WebSocket(`${base.replace("http", "ws")}/ws/me/notifications?${query}`);
    sockets.push(ws);
    await new Promise((resolve, reject) => {
      ws.once("message", resolve);
      ws.once("error", reject);
    });
  });
  for (const ws of sockets) ws.terminate();
}

const count = Number(process.argv[2] ?? 2000);
const inFlight = Number(process.argv[3] ?? 32);
let server = await startDevServer({ quiet: !process.env.BENCH_VERBOSE });
try {
  let base = (await directWorkerBase(server.base, server.pid)) ?? server.base;
  const stamp = Date.now();
  const users = [];
  for (let i = 0; i < count; i++) users.push({ token: await devToken(`up-${stamp}-${i}`, 60) });
  let sockets = await round(base, users, inFlight, "fresh server, new users");
  for (const ws of sockets) ws.terminate();
  await phases(base, users);
  // PHASES_ONLY=1: the first round and the phases, without the restart.
  if (!process.env.PHASES_ONLY) {
    // The same users again with their hubs warm (sockets just closed).
    sockets = await round(base, users, inFlight, "warm hubs, since=V");
    for (const ws of sockets) ws.terminate();
    await server.stop({ keepState: true });
    server = await startDevServer({ quiet: true, port: server.port, state: server.state });
    base = (await directWorkerBase(server.base, server.pid)) ?? server.base;
    sockets = await round(base, users, inFlight, "after a restart (cold hubs), since=V");
    for (const ws of sockets) ws.terminate();
  }
} finally {
  await server.stop();
}
