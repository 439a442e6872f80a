// The `storm` bench step: N clients of @edge-notify/client on the events.v1 protocol (the
// package's own socket and reconnect policy, without the store's lists), then a restart of the
// dev server drops every socket at once. Reports 5xx answers (must be 0), refusals by close code,
// and the time from the server being ready again until every client has resumed to its user's
// current version (a notification created right after the restart must reach each by resume).
import WebSocket from "ws";
import { startDevServer } from "../scripts/dev-server.mjs";
import { DEV_DEFAULTS } from "../scripts/dev-vars.mjs";
import { devToken } from "./workerd.mjs";

const SERVICE = { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Runs the storm with `count` clients (one user each); returns the figures. */
export async function storm({ count = 2000, quiet = true } = {}) {
  let server = await startDevServer({ quiet });
  // Imported after the server's build step has compiled the package (dist/).
  const { NotificationsClient } = await import("@edge-notify/client");
  const tally = { serverErrors: 0, closes: {}, ticketErrors: {} };
  class CountingSocket extends WebSocket {
    constructor(url) {
      super(url);
      this.on("close", (code) => {
        tally.closes[code] = (tally.closes[code] ?? 0) + 1;
      });
      this.on("error", (error) => {
        const status = Number(/Unexpected server response: (\d+)/.exec(String(error.message))?.[1]);
        if (status >= 500) tally.serverErrors++;
      });
    }
  }
  const clients = [];
  const stamp = Date.now();
  for (let i = 0; i < count; i++) {
    const user = `storm-${stamp}-${i}`;
    const token = await devToken(user, 60);
    const entry = { user, version: -1, client: null };
    entry.client = new NotificationsClient({ baseUrl: server.base, getToken: () => token, WebSocket: CountingSocket });
    entry.client.onEvent((frame) => {
      if (frame.type === "reset") entry.version = -1;
      else if (frame.version > entry.version) entry.version = frame.version;
    });
    entry.client.onError((error) => {
      const status = error.status;
      if (typeof status !== "number") return;
      tally.ticketErrors[status] = (tally.ticketErrors[status] ?? 0) + 1;
      if (status >= 500) tally.serverErrors++;
    });
    entry.client.connect({ protocol: "events.v1", since: () => entry.version });
    clients.push(entry);
    // Opening 2,000 at once is a storm of its own; this step measures the one after a restart.
    if (i % 100 === 99) await until(() => clients.every((c) => c.version >= 0), 120_000, "first frames");
  }
  await until(() => clients.every((c) => c.version >= 0), 120_000, "first frames");
  const before = new Map(clients.map((c) => [c.user, c.version]));
  const closesBefore = { ...tally.closes };

  await server.stop({ keepState: true });
  const down = performance.now();
  server = await startDevServer({ quiet, port: server.port, state: server.state });
  const ready = performance.now();
  try {
    // One change per user while (most) clients are still backing off: each must get it on resume.
    for (let i = 0; i < clients.length; i += 1000) {
      const users = clients.slice(i, i + 1000).map((c) => c.user);
      const response = await fetch(`${server.base}/api/v1/notifications`, {
        method: "POST",
        headers: SERVICE,
        body: JSON.stringify({ message: "after the restart", model: "Storm", instance: {}, user_ids: users }),
      });
      if (response.status >= 500) tally.serverErrors++;
      if (response.status !== 201) throw new Error(`create answered ${response.status}`);
    }
    const target = (c) => (before.get(c.user) ?? 0) + 1;
    await until(() => clients.every((c) => c.version === target(c)), 300_000, "every client at its user's version");
    const converged = performance.now();
    const refusals = Object.fromEntries(
      Object.entries(tally.closes)
        .map(([code, n]) => [code, n - (closesBefore[code] ?? 0)])
        .filter(([code, n]) => n > 0 && code !== "1006" && code !== "1005"),
    );
    return {
      clients: count,
      downtimeSeconds: (ready - down) / 1000,
      convergedSeconds: (converged - ready) / 1000,
      serverErrors: tally.serverErrors,
      refusals,
      ticketErrors: tally.ticketErrors,
    };
  } finally {
    for (const c of clients) c.client.close();
    await server.stop();
  }
}
