// The `storm` bench step: N clients of @edge-notify/client on the events.v1 protocol (the
// package's own socket and reconnect policy, without the store's lists), then a restart of the
// dev server drops every socket at once. Reports 5xx answers (must be 0), refusals by close code,
// and the time from the server being ready again until every client has resumed to its user's
// current version (a notification created right after the restart must reach each by resume).
import { writeFileSync } from "node:fs";
import WebSocket from "ws";
import { startDevServer } from "../scripts/dev-server.mjs";
import { DEV_DEFAULTS } from "../scripts/dev-vars.mjs";
import { devToken, directWorkerBase } from "./workerd.mjs";

const SERVICE = { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function opened(clients, tally) {
  await until(() => clients.every((c) => c.version >= 0), 120_000, "first frames").catch((error) => {
    const waiting = clients.filter((c) => c.version < 0);
    const statuses = {};
    for (const c of waiting) statuses[c.client.status] = (statuses[c.client.status] ?? 0) + 1;
    throw new Error(
      `${error.message}: ${waiting.length} of ${clients.length} without, by status ${JSON.stringify(statuses)}; closes ${JSON.stringify(tally.closes)}; ticket errors ${JSON.stringify(tally.ticketErrors)}`,
    );
  });
}

/**
 * Where each client's time went from the drop until it converged: waiting out its backoff, or in
 * attempts (ticket request, upgrade, first frame); and how many attempts it took.
 */
function timeSplit(clients, drop, ready) {
  const split = (group) => {
    let waiting = 0;
    let trying = 0;
    let attempts = 0;
    for (const c of group) {
      let previous = drop;
      for (const a of c.attempts) {
        if (a.ticket < drop) continue;
        if (a.ticket > c.at) break;
        attempts++;
        waiting += a.ticket - previous;
        trying += Math.min(a.end ?? c.at, c.at) - a.ticket;
        previous = a.end ?? c.at;
      }
    }
    const n = group.length;
    return { waitingSeconds: waiting / n / 1000, tryingSeconds: trying / n / 1000, attempts: attempts / n };
  };
  const slowest = [...clients].sort((a, b) => b.at - a.at).slice(0, Math.ceil(clients.length / 20));
  const upgrades = clients.flatMap((c) =>
    c.attempts.filter((a) => a.ticket >= ready && a.open !== undefined).map((a) => a.open - a.upgrade),
  );
  upgrades.sort((a, b) => a - b);
  return {
    all: split(clients),
    slowest5pct: split(slowest),
    upgradeOpenP50Ms: upgrades[Math.floor(upgrades.length / 2)],
    upgradeOpenP99Ms: upgrades[Math.floor(upgrades.length * 0.99)],
  };
}

/** Runs the storm with `count` clients (one user each); returns the figures. */
export async function storm({ count = 2000, quiet = true } = {}) {
  let server = await startDevServer({ quiet });
  // Straight to the worker's own listener, as sockets10k does: through wrangler dev's proxy a
  // socket costs three times the descriptors, and the sandbox caps a process at 20,000.
  let base = (await directWorkerBase(server.base, server.pid)) ?? server.base;
  // Imported after the server's build step has compiled the package (dist/).
  const { NotificationsClient } = await import("@edge-notify/client");
  const tally = { serverErrors: 0, closes: {}, ticketErrors: {}, errors: [], kinds: {} };
  class CountingSocket extends WebSocket {
    constructor(url) {
      super(url);
      this.on("close", (code) => {
        tally.closes[code] = (tally.closes[code] ?? 0) + 1;
      });
      this.on("error", (error) => {
        const kind = `ws: ${String(error.message).slice(0, 60)}`;
        tally.kinds[kind] = (tally.kinds[kind] ?? 0) + 1;
        const status = Number(/Unexpected server response: (\d+)/.exec(String(error.message))?.[1]);
        if (status >= 500) {
          tally.serverErrors++;
          tally.errors.push(`upgrade ${status} at ${Math.round(performance.now())}`);
        }
      });
    }
  }
  const clients = [];
  const stamp = Date.now();
  for (let i = 0; i < count; i++) {
    const user = `storm-${stamp}-${i}`;
    const token = await devToken(user, 60);
    // Per attempt: when it asked for a ticket, got it (the upgrade starts), opened, ended.
    const attempts = [];
    const entry = { user, version: -1, client: null, attempts, options: null };
    const last = () => attempts[attempts.length - 1];
    class AttemptSocket extends CountingSocket {
      constructor(url) {
        super(url);
        last().upgrade = performance.now();
        this.on("open", () => {
          last().open = performance.now();
        });
        this.on("close", () => {
          last().end ??= performance.now();
        });
      }
    }
    entry.options = {
      baseUrl: base,
      getToken: () => {
        const previous = last();
        // A timed-out attempt ends without a close event: it ended when the next one starts.
        if (previous) previous.end ??= performance.now();
        attempts.push({ ticket: performance.now() });
        return token;
      },
      WebSocket: AttemptSocket,
    };
    entry.client = new NotificationsClient(entry.options);
    entry.client.onEvent((frame) => {
      if (frame.type === "reset") entry.version = -1;
      else if (frame.version > entry.version) entry.version = frame.version;
    });
    entry.client.onError((error) => {
      const attempt = last();
      if (attempt) attempt.end ??= performance.now();
      const kind = `client: ${String(error.message).slice(0, 60)} ${String(error.cause?.code ?? "")}`;
      tally.kinds[kind] = (tally.kinds[kind] ?? 0) + 1;
      const status = error.status;
      if (typeof status !== "number") return;
      tally.ticketErrors[status] = (tally.ticketErrors[status] ?? 0) + 1;
      if (status >= 500) {
        tally.serverErrors++;
        tally.errors.push(`ticket ${status} at ${Math.round(performance.now())}: ${JSON.stringify(error.body)}`);
      }
    });
    entry.client.connect({ protocol: "events.v1", since: () => entry.version });
    clients.push(entry);
    // Opening 2,000 at once is a storm of its own; this step measures the one after a restart.
    if (i % 100 === 99) await opened(clients, tally);
  }
  await opened(clients, tally);
  const before = new Map(clients.map((c) => [c.user, c.version]));
  const closesBefore = { ...tally.closes };

  const drop = performance.now();
  await server.stop({ keepState: true });
  const down = performance.now();
  server = await startDevServer({ quiet, port: server.port, state: server.state });
  const ready = performance.now();
  // The restarted worker listens on a new port: the clients' next attempts go there.
  base = (await directWorkerBase(server.base, server.pid)) ?? server.base;
  for (const c of clients) c.options.baseUrl = base;
  try {
    // One change per user while (most) clients are still backing off: each must get it on resume.
    for (let i = 0; i < clients.length; i += 1000) {
      const users = clients.slice(i, i + 1000).map((c) => c.user);
      const response = await fetch(`${base}/api/v1/notifications`, {
        method: "POST",
        headers: SERVICE,
        body: JSON.stringify({ message: "after the restart", model: "Storm", instance: { id: 1 }, user_ids: users }),
      });
      if (response.status >= 500) tally.serverErrors++;
      if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
    }
    const target = (c) => (before.get(c.user) ?? 0) + 1;
    const times = [];
    await until(
      () => {
        for (const c of clients) {
          if (c.at === undefined && c.version === target(c)) {
            c.at = performance.now();
            times.push((c.at - ready) / 1000);
          }
        }
        return times.length === clients.length;
      },
      300_000,
      "every client at its user's version",
    ).catch((error) => {
      const behind = clients.filter((c) => c.at === undefined);
      const statuses = {};
      for (const c of behind) statuses[c.client.status] = (statuses[c.client.status] ?? 0) + 1;
      const sample = behind.slice(0, 5).map((c) => `${c.user}: ${c.version} of ${target(c)}`);
      throw new Error(
        `${error.message}: ${behind.length} behind, by status ${JSON.stringify(statuses)}, e.g. ${sample.join("; ")}; closes ${JSON.stringify(tally.closes)}; ticket errors ${JSON.stringify(tally.ticketErrors)}; ${JSON.stringify(tally.kinds)} base ${base}; ${tally.errors.slice(0, 5).join("; ")}`,
      );
    });
    const converged = performance.now();
    // STORM_TRACE=<file>: every client's attempts (s after the restart was ready), for a closer look.
    if (process.env.STORM_TRACE) {
      const at = (t) => (t === undefined ? null : Math.round(t - ready) / 1000);
      const trace = clients.map((c) => ({
        converged: at(c.at),
        attempts: c.attempts
          .filter((a) => a.ticket >= drop)
          .map((a) => ({ ticket: at(a.ticket), upgrade: at(a.upgrade), open: at(a.open), end: at(a.end) })),
      }));
      writeFileSync(process.env.STORM_TRACE, JSON.stringify({ drop: at(drop), trace }));
    }
    times.sort((a, b) => a - b);
    const refusals = Object.fromEntries(
      Object.entries(tally.closes)
        .map(([code, n]) => [code, n - (closesBefore[code] ?? 0)])
        .filter(([code, n]) => n > 0 && code !== "1006" && code !== "1005"),
    );
    return {
      clients: count,
      time: timeSplit(clients, drop, ready),
      failures: tally.kinds,
      downtimeSeconds: (ready - down) / 1000,
      convergedSeconds: (converged - ready) / 1000,
      medianSeconds: times[Math.floor(times.length / 2)],
      errors: tally.errors,
      readyAt: Math.round(ready),
      downAt: Math.round(down),
      serverErrors: tally.serverErrors,
      refusals,
      ticketErrors: tally.ticketErrors,
    };
  } finally {
    for (const c of clients) c.client.close();
    await server.stop();
  }
}
