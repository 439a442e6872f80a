/** expires_at: gone from every feed and count at that moment, sockets told then; retention deletes the rows. */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { counts, feed, notify, socketFor, uniqueUserId, userCall } from "./helpers";

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("expiry", () => {
  it("an expired notification leaves the feed and the counts, and open sockets get fresh counts at that moment", {
    timeout: 15_000,
  }, async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    await notify({ user_ids: [user], category: "flash", expires_at: soon(1_500) });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(2, 0));
    // No write happens: the hub's alarm at the expiry is what tells the socket.
    await socket.until((frames) => JSON.stringify(frames.at(-1)) === JSON.stringify(counts(1, 0)), "the expiry", 6_000);
    const page = await feed(user);
    expect(page).toMatchObject(counts(1, 0));
    expect(page.notifications.map((n: { category: string }) => n.category)).toEqual(["Blog"]);
    expect((await userCall(user, "/api/v1/me/notifications/counts")).json.categories).toEqual({
      Blog: { total: 1, unread: 1, unseen: 1 },
    });
    socket.close();
  });

  it("a user without sockets reads exact counts once the time has passed", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user], expires_at: soon(600) });
    expect(await feed(user)).toMatchObject(counts(1, 0));
    await sleep(900);
    expect(await feed(user)).toMatchObject(counts(0, 0));
    expect((await feed(user, "?archived=include")).notifications).toEqual([]);
  });

  it("retention deletes expired rows after RETENTION_DAYS", async () => {
    const user = uniqueUserId();
    const [uid] = await notify({ user_ids: [user], expires_at: soon(300) });
    await sleep(500);
    expect(await feed(user)).toMatchObject(counts(0, 0));
    const stored = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE uid = ?").bind(uid).first<{ n: number }>())
        ?.n;
    expect(await stored()).toBe(1);
    const ctx = createExecutionContext();
    const later = Date.now() + (Number(env.RETENTION_DAYS ?? 30) + 1) * 86_400_000;
    await worker.scheduled(createScheduledController({ scheduledTime: later, cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await stored()).toBe(0);
  });

  it("the daily cron expires what is due for users who never come back, so counts drop and retention deletes", async () => {
    const user = uniqueUserId();
    const [uid] = await notify({ user_ids: [user], expires_at: soon(300) });
    await notify({ user_ids: [user] });
    await sleep(500);
    // No read, no write, no socket: only the cron can notice.
    const total = async () =>
      (
        await env.DB.prepare("SELECT total_notifications AS n FROM users WHERE id = ?")
          .bind(String(user))
          .first<{ n: number }>()
      )?.n;
    expect(await total()).toBe(2);
    const run = async (at: number) => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "17 3 * * *" }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run(Date.now());
    expect(await total()).toBe(1);
    await run(Date.now() + (Number(env.RETENTION_DAYS ?? 30) + 1) * 86_400_000);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE uid = ?")
      .bind(uid)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
