/** The client library against `npm run dev`, from Node with the `ws` package. */
import { spawnSync } from "node:child_process";
import { type CountsBody, NotificationsApiError, NotificationsClient } from "@edge-notify/client";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
}, 90_000);

afterAll(() => server?.stop());

function token(user: string, minutes = "60"): string {
  const result = spawnSync(process.execPath, ["scripts/token.mjs", "--user", user, "--minutes", minutes], {
    encoding: "utf8",
  });
  return result.stdout.trim();
}

async function send(user: string, message = "hi") {
  await fetch(`${server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user] }),
  });
}

async function until(predicate: () => boolean, what: string, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("NotificationsClient", () => {
  it("streams counts over a ticketed socket and drives the REST helpers", async () => {
    const user = `${Date.now()}5`;
    const client = new NotificationsClient({ baseUrl: server.base, getToken: () => token(user), WebSocket });
    const seen: CountsBody[] = [];
    client.onCounts((counts) => seen.push(counts));
    client.connect();
    await until(() => seen.length === 1, "the first frame");
    expect(seen[0]).toEqual({
      total_notifications: 0,
      read_notifications: 0,
      unread_notifications: 0,
      unseen_notifications: 0,
    });

    await send(user, "one");
    await send(user, "two");
    await until(() => client.counts?.total_notifications === 2, "two notifications");
    const feed = await client.list({ pageSize: 1 });
    expect(feed.notifications[0]?.notification.message).toBe("two");
    expect(feed.has_more).toBe(true);
    const older = await client.list({ pageSize: 1, cursor: feed.next_cursor ?? "" });
    expect(older.notifications[0]?.notification.message).toBe("one");

    await client.markAsRead([older.notifications[0]?.uid ?? ""]);
    await until(() => client.counts?.read_notifications === 1, "one read");
    expect((await client.list({ isRead: false })).notifications).toHaveLength(1);
    await client.markAllAsRead();
    await until(() => client.counts?.unread_notifications === 0, "all read");
    await client.removeAll();
    await until(() => client.counts?.total_notifications === 0, "all removed");
    await expect(client.get("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotificationsApiError);
    client.close();
  });

  it('stops every "all" action at `before`, so what arrived after the list was drawn is left alone', async () => {
    const user = `${Date.now()}4`;
    const client = new NotificationsClient({ baseUrl: server.base, getToken: () => token(user) });
    for (const message of ["one", "two", "three", "four"]) await send(user, message);
    const shown = (await client.list()).notifications;
    const id = (message: string) => shown.find((item) => item.notification.message === message)?.id ?? 0;
    expect(shown.map((item) => item.notification.message)).toEqual(["four", "three", "two", "one"]);

    expect((await client.markAllAsSeen(id("one"))).changed).toBe(1);
    expect((await client.markAllAsRead(id("two"))).changed).toBe(2);
    expect((await client.archiveAllRead(id("one"))).changed).toBe(1);
    expect((await client.archiveAll(id("two"))).changed).toBe(1);
    expect(await client.allCounts()).toMatchObject({ total_notifications: 2, archived_notifications: 2 });
    // REMOVED_ALL takes archived notifications too: one and two (archived) and three, not four.
    expect((await client.removeAll(id("three"))).changed).toBe(3);
    const left = await client.allCounts();
    expect(left).toMatchObject({ total_notifications: 1, archived_notifications: 0, unread_notifications: 1 });
    expect((await client.list()).notifications.map((item) => item.notification.message)).toEqual(["four"]);
    // Without `before` they act on everything, as before.
    expect((await client.markAllAsRead()).changed).toBe(1);
    expect((await client.archiveAll()).changed).toBe(1);
  });

  it("re-authenticates by itself when the hub closes the socket with 4401", { timeout: 30_000 }, async () => {
    const user = `${Date.now()}6`;
    let calls = 0;
    // The first token expires in a few seconds; later ones are fresh, as an app's refresh would give.
    const firstToken = spawnSync(
      process.execPath,
      [
        "-e",
        `
      import("@tsndr/cloudflare-worker-jwt").then(async ({ default: jwt }) => {
        const now = Math.floor(Date.now() / 1000);
        console.log(await jwt.sign({ token_type: "access", exp: now + 3, user_id: ${JSON.stringify(user)} }, ${JSON.stringify(DEV_DEFAULTS.JWT_SECRET)}));
      });`,
      ],
      { encoding: "utf8" },
    ).stdout.trim();
    const client = new NotificationsClient({
      baseUrl: server.base,
      getToken: () => (++calls <= 1 ? firstToken : token(user)),
      WebSocket,
      minDelayMs: 100,
    });
    const statuses: string[] = [];
    client.onStatus((status) => statuses.push(status));
    client.connect();
    await until(() => client.counts !== null, "the first frame");
    // The hub closes at expiry; the client reconnects with a new ticket from a new token.
    await until(() => statuses.filter((s) => s === "open").length >= 2, "a second open", 8000);
    await send(user, "after re-auth");
    await until(() => client.counts?.total_notifications === 1, "a push on the new socket");
    expect(calls).toBeGreaterThan(1);
    client.close();
  });
});

describe("npm run token", () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["scripts/token.mjs", ...args], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });

  it("refuses --secret, which `ps` would show to every local user, and names the variable to use", () => {
    for (const args of [
      ["--user", "1", "--secret", "s3cret"],
      ["--user", "1", "--secret=s3cret"],
      ["--user", "1", "--secret"],
    ]) {
      const result = run(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("EDGE_NOTIFY_JWT_SECRET");
    }
  });

  it("signs with EDGE_NOTIFY_JWT_SECRET when set, else with the dev secret the server uses", async () => {
    const me = (token: string) =>
      fetch(`${server.base}/api/v1/me/notifications`, { headers: { Authorization: `Bearer ${token}` } });
    const own = run(["--user", "8"], { EDGE_NOTIFY_JWT_SECRET: "another-secret-for-another-server" });
    expect(own.status, own.stderr).toBe(0);
    expect(await jwt.verify(own.stdout.trim(), "another-secret-for-another-server")).toBeTruthy();
    expect((await me(own.stdout.trim())).status).toBe(401);
    const dev = run(["--user", "8"], { EDGE_NOTIFY_JWT_SECRET: "" });
    expect(dev.status, dev.stderr).toBe(0);
    expect((await me(dev.stdout.trim())).status).toBe(200);
  });
});
