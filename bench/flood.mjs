// The soak's hostile client (issue #9): sockets of their own users that send frames as fast as
// they can and reconnect the moment they are closed, as a client ignoring the 1008 advice would;
// and a probe timing other users' `GET /api/v1/me/notifications` meanwhile. With no flooders the
// probe alone gives the baseline to compare with. The flooders run in a worker thread: pumping
// frames on the soak's own event loop would slow its writers and inflate the probe's figures.
import { setPriority } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import WebSocket from "ws";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Why a flooder's socket was closed: for flooding, refused in the cool-down after it, or past the upgrade limit. */
function closeKind({ code, reason }) {
  if (code === 1008) return reason.startsWith("Too many frames") ? "1008 flooding" : "1008 cool-down";
  return String(code);
}

/** One connection: frames as fast as the socket drains them, until the server closes it (or we stop). */
function floodOnce(url, token, state) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
    const tally = { sent: 0, answers: 0, code: null, reason: "" };
    state.sockets.add(ws);
    const pump = () => {
      if (state.stopped || ws.readyState !== WebSocket.OPEN) return;
      // Keep a little queued in the kernel, no more: memory here would measure this process, not the server.
      if (ws.bufferedAmount < 64 * 1024) {
        for (let i = 0; i < 50; i++) ws.send(i % 2 ? "refresh" : `{"flood":${tally.sent + i}}`);
        tally.sent += 50;
      }
      setImmediate(pump);
    };
    ws.on("open", pump);
    ws.on("message", () => {
      tally.answers += 1;
    });
    ws.on("error", () => {});
    ws.on("close", (code, reason) => {
      state.sockets.delete(ws);
      tally.code = code;
      tally.reason = String(reason);
      resolve(tally);
    });
  });
}

/** In the worker thread: each token's user floods until the main thread says stop. */
async function runFlooders({ url, tokens }) {
  // On Linux this lowers this thread only. An attacker's CPU is not the service's; on one small
  // machine it would be, and the figures would measure this client instead of the server.
  try {
    setPriority(19);
  } catch {}
  const state = { stopped: false, sockets: new Set() };
  const flood = { connections: 0, closes: {}, framesSent: 0, answers: 0 };
  async function flooder(token) {
    while (!state.stopped) {
      const tally = await floodOnce(url, token, state);
      if (state.stopped) break;
      flood.connections += 1;
      flood.framesSent += tally.sent;
      flood.answers += tally.answers;
      const kind = closeKind(tally);
      flood.closes[kind] = (flood.closes[kind] ?? 0) + 1;
      // Refused (cool-down, upgrade limit): a hostile client comes back, a little later.
      if (kind !== "1008 flooding") await sleep(100);
    }
  }
  const running = tokens.map(flooder);
  parentPort.once("message", async () => {
    state.stopped = true;
    for (const ws of state.sockets) ws.close(1000, "soak done");
    await Promise.all(running);
    parentPort.postMessage(flood);
  });
}

if (!isMainThread && workerData?.flood) await runFlooders(workerData.flood);

/**
 * Starts `flooders` flooding users (`soak-flood-<n>`) and the probe; `stop()` ends both and
 * returns the figures. `token(user)` mints a user's access token; `probeUsers` are the
 * well-behaved users.
 */
export async function startFlood({ base, flooders, token, probeUsers }) {
  const url = `${base.replace("http", "ws")}/ws/me/notifications`;
  const tokens = await Promise.all(Array.from({ length: flooders }, (_, i) => token(`soak-flood-${i}`)));
  const worker = flooders > 0 ? new Worker(new URL(import.meta.url), { workerData: { flood: { url, tokens } } }) : null;
  const state = { stopped: false };
  const latencies = [];
  const statuses = {};

  async function probe() {
    while (!state.stopped) {
      const user = probeUsers[Math.floor(Math.random() * probeUsers.length)];
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/me/notifications`, {
        headers: { Authorization: `Bearer ${await token(user)}` },
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      await sleep(20);
    }
  }

  // Three probes at a time: enough samples for a p99 over a short run, little load of their own.
  const probing = Promise.all([probe(), probe(), probe()]);
  return {
    async stop() {
      state.stopped = true;
      const flood = worker
        ? await new Promise((resolve) => {
            worker.once("message", resolve);
            worker.postMessage("stop");
          })
        : { connections: 0, closes: {}, framesSent: 0, answers: 0 };
      await worker?.terminate();
      await probing;
      const sorted = latencies.sort((a, b) => a - b);
      const round = (ms) => Math.round(ms * 10) / 10;
      const policy = new Set(["1008 flooding", "1008 cool-down", "4429"]);
      const otherCodes = Object.keys(flood.closes).filter((kind) => !policy.has(kind));
      return {
        flooders,
        ...flood,
        // Each flooder was closed for flooding, by policy, and never any other way.
        closed_by_policy: flooders === 0 || ((flood.closes["1008 flooding"] ?? 0) > 0 && otherCodes.length === 0),
        probe: {
          requests: sorted.length,
          statuses,
          ms: {
            p50: round(percentile(sorted, 50)),
            p99: round(percentile(sorted, 99)),
            max: round(sorted.at(-1) ?? 0),
          },
        },
      };
    },
  };
}
