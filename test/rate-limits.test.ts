import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { counts, notify, openSocket, type TestSocket, tokenFor, uniqueUserId, userCall } from "./helpers";

const ticketFor = async (user: number) =>
  (await userCall(user, "/api/v1/me/notifications/ws-ticket", { method: "POST" })).json.ticket as string;
const withTicket = (ticket: string, address: string) =>
  openSocket({ "CF-Connecting-IP": address }, `/ws/me/notifications?ticket=${encodeURIComponent(ticket)}`);

const FEED = "/api/v1/me/notifications";

describe("rate limits (wrangler.toml: 120 writes per 10 s, 60 upgrades per minute, per user)", () => {
  it("past 120 writes in 10 s: 429 JSON with Retry-After; reads and other users go on", {
    timeout: 30_000,
  }, async () => {
    const [user, other] = [uniqueUserId(), uniqueUserId()];
    const token = await tokenFor(user);
    // The limiter's 10 s windows are aligned to the wall clock: a burst that straddles a boundary
    // (a loaded machine) would see the count start over. Start early in a window.
    const intoWindow = Date.now() % 10_000;
    if (intoWindow > 5_000) await new Promise((resolve) => setTimeout(resolve, 10_000 - intoWindow + 50));
    const statuses = await Promise.all(
      Array.from({ length: 130 }, () =>
        userCall(user, FEED, { method: "PATCH", token, body: {} }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200).length).toBe(120);
    expect(statuses.filter((s) => s === 429).length).toBe(10);
    const limited = await userCall(user, FEED, { method: "PATCH", token, body: {} });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ detail: "Too many requests; retry in 10 seconds." });
    expect(limited.headers.get("Retry-After")).toBe("10");
    expect((await userCall(user, FEED, { token })).status).toBe(200);
    expect((await userCall(other, FEED, { method: "PATCH", body: {} })).status).toBe(200);
  });

  it("past 60 upgrades in a minute the socket is told to back off and closed with 4429", {
    timeout: 60_000,
  }, async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const header = { Authorization: `Bearer ${await tokenFor(user)}` };
    const sockets: TestSocket[] = [];
    for (let i = 0; i < 60; i++) {
      const socket = await openSocket(header);
      await socket.next(0);
      sockets.push(socket);
    }
    const refused = await openSocket(header);
    expect(await refused.next(0)).toEqual({ error: "Too many connection attempts; retry in a minute", code: 4429 });
    expect(await refused.waitClosed()).toMatchObject({ code: 4429 });
    // A redeemed ticket counts against its user too, from whatever address.
    const byTicket = await withTicket(await ticketFor(user), "198.51.100.60");
    expect(await byTicket.next(0)).toEqual({ error: "Too many connection attempts; retry in a minute", code: 4429 });
    for (const socket of sockets) socket.close();
  });
});

describe("forged tickets cannot lock a user out", () => {
  it("upgrades with tickets naming a victim do not count against the victim", { timeout: 60_000 }, async () => {
    const victim = uniqueUserId();
    const forged = `${btoa(String(victim)).replace(/=+$/, "")}.${"ab".repeat(32)}`;
    for (let i = 0; i < 61; i++) {
      const socket = await openSocket({ "CF-Connecting-IP": "203.0.113.9" }, `/ws/me/notifications?ticket=${forged}`);
      const frame = await socket.next(0);
      expect(frame.code).toBe(i < 60 ? 4401 : 4429);
    }
    const mine = await openSocket({ Authorization: `Bearer ${await tokenFor(victim)}` });
    expect(await mine.next(0)).toEqual(counts(0, 0));
    mine.close();
  });
});

describe("forged tickets cannot lock an address out", () => {
  it("after 120 forged tickets from one address, a valid ticket from it still opens", { timeout: 60_000 }, async () => {
    const address = "203.0.113.77";
    const codes: number[] = [];
    for (let i = 0; i < 120; i++) {
      // 100 well-formed, for a different user each time (each hub is asked), and 20 plain garbage.
      const forged = i % 6 !== 5 ? `${btoa(String(uniqueUserId())).replace(/=+$/, "")}.${"cd".repeat(32)}` : "junk";
      const socket = await withTicket(forged, address);
      codes.push((await socket.next(0)).code);
    }
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const mine = await withTicket(await ticketFor(user), address);
    expect(await mine.next(0)).toEqual(counts(1, 0));
    mine.close();
    // The forger is told to back off once the address's failure budget is spent.
    expect(codes.slice(0, 60)).toEqual(Array(60).fill(4401));
    expect(codes.slice(60)).toEqual(Array(60).fill(4429));
    // The failure budget was this address's alone.
    const elsewhere = await withTicket("junk", "203.0.113.78");
    expect((await elsewhere.next(0)).code).toBe(4401);
  });

  it("a forged ticket never reaches a hub: the worker's MAC refuses it without creating the named user's hub", async () => {
    const victim = uniqueUserId();
    const valid = await ticketFor(uniqueUserId());
    const [, nonce, mac] = valid.split(".");
    const named = `${btoa(String(victim)).replace(/=+$/, "")}`;
    for (const forged of [
      `${named}.${nonce}.${mac}`,
      `${named}.${"ef".repeat(32)}`,
      `${named}.${"ef".repeat(32)}.${mac}`,
    ]) {
      const socket = await withTicket(forged, "203.0.113.90");
      expect((await socket.next(0)).code).toBe(4401);
    }
    const hubs = await listDurableObjectIds(env.USER_HUB);
    const victimHub = env.USER_HUB.idFromName(String(victim));
    expect(hubs.some((id) => id.equals(victimHub))).toBe(false);
  });

  it("bulk writes are charged by the rows they change: toggling a 6,000-row group runs out of budget sooner", {
    timeout: 60_000,
  }, async () => {
    const user = uniqueUserId();
    await env.DB.prepare("INSERT INTO users (id, created_at, updated_at) VALUES (?, 'x', 'x')")
      .bind(String(user))
      .run();
    await env.DB.prepare(
      `INSERT INTO notifications (id, uid, user_id, notification, model, status, created_at, updated_at, category, group_key)
       WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < 5999)
       SELECT (SELECT coalesce(max(id), 0) FROM notifications) + 1 + x, lower(hex(randomblob(16))), ?,
         '{"message":"m","model":"Blog","instance":{},"method":"POST","changed_data":{}}', 'Blog', 'ACTIVE', 'x', 'x', 'Blog', 'big' FROM s`,
    )
      .bind(String(user))
      .run();
    const statuses: number[] = [];
    for (let i = 0; i < 60 && !statuses.includes(429); i++) {
      const action_choice = i % 2 === 0 ? "ARCHIVE" : "UNARCHIVE";
      statuses.push(
        (
          await userCall(user, "/api/v1/me/notifications", {
            method: "PATCH",
            body: { action_choice, group_keys: ["big"] },
          })
        ).status,
      );
    }
    // Each call costs 1 + 6 of the 120 a user has per 10 s (17 calls; 34 if a window boundary
    // falls inside the loop); charged per request only, all 60 would pass.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(34);
  });
});
