import { describe, expect, it } from "vitest";
import { notify, openSocket, type TestSocket, tokenFor, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";

describe("rate limits (wrangler.toml: 120 writes per 10 s, 60 upgrades per minute, per user)", () => {
  it("past 120 writes in 10 s: 429 JSON with Retry-After; reads and other users go on", {
    timeout: 30_000,
  }, async () => {
    const [user, other] = [uniqueUserId(), uniqueUserId()];
    const token = await tokenFor(user);
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
    expect(await mine.next(0)).toEqual({ total_notifications: 0, read_notifications: 0, unread_notifications: 0 });
    mine.close();
  });
});
