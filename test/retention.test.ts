import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { PURGE_BATCH } from "../src/retention/purge";
import { counts, feed, notify, service, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";
const rowsOf = async (user: number) =>
  (
    await env.DB.prepare("SELECT status, count(*) AS n FROM notifications WHERE user_id = ? GROUP BY status")
      .bind(String(user))
      .all<{ status: string; n: number }>()
  ).results;

describe("retention (cron trigger)", () => {
  it("hard-deletes REMOVED rows older than RETENTION_DAYS in batches, keeps the rest and the counts", {
    timeout: 30_000,
  }, async () => {
    const user = uniqueUserId();
    const big = PURGE_BATCH + 20; // more than one batch
    await service("/api/v1/notifications", {
      method: "POST",
      body: { message: "old", model: "Blog", instance: { id: 1 }, user_ids: [user] },
    });
    for (let i = 0; i < 3; i++) await notify({ user_ids: [user] });
    const [keepRead, removeRecent] = (await feed(user)).notifications.map((n: { uid: string }) => n.uid);
    await userCall(user, `${FEED}/${keepRead}`);
    await userCall(user, FEED, {
      method: "PATCH",
      body: { action_choice: "MARK_AS_REMOVED", notification_uids: [removeRecent] },
    });
    // Old removed rows: many, changed 40 days ago.
    const old = "2000-01-01T00:00:00.000000Z";
    await env.DB.prepare(
      `INSERT INTO notifications (id, uid, user_id, notification, model, is_read, status, created_at, updated_at)
       WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < ?)
       SELECT (SELECT coalesce(max(id), 0) FROM notifications) + 1 + x, lower(hex(randomblob(16))), ?, '{"message":"gone","model":"Blog","instance":{},"method":"UNDEFINED","changed_data":{}}',
         'Blog', 0, 'REMOVED', ?, ? FROM s`,
    )
      .bind(big - 1, String(user), old, old)
      .run();
    const before = await feed(user);
    expect(before).toMatchObject(counts(3, 1));

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const left = Object.fromEntries((await rowsOf(user)).map((r) => [r.status, r.n]));
    expect(left).toEqual({ ACTIVE: 3, REMOVED: 1 }); // the recent removal stays until it is old too
    expect(await feed(user)).toMatchObject(counts(3, 1));
  });

  it("purges what the owner DELETED like REMOVED; keeps INACTIVE and DRAFT rows, which are not deletions", async () => {
    const user = uniqueUserId();
    const model = `Retained${user}`;
    for (let i = 0; i < 4; i++) await notify({ model, user_ids: [user] });
    const uids: string[] = (await feed(user)).notifications.map((n: { uid: string }) => n.uid);
    const statuses = ["DELETED", "INACTIVE", "DRAFT"];
    for (const [i, status] of statuses.entries()) {
      const response = await userCall(user, `${FEED}/${uids[i]}`, { method: "PATCH", body: { status } });
      expect(response.status, status).toBe(200);
    }
    expect(await feed(user)).toMatchObject(counts(1, 0));
    // All three changed long ago: only the status decides.
    await env.DB.prepare("UPDATE notifications SET updated_at = ? WHERE user_id = ? AND status != 'ACTIVE'")
      .bind("2000-01-01T00:00:00.000000Z", String(user))
      .run();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const left = Object.fromEntries((await rowsOf(user)).map((r) => [r.status, r.n]));
    expect(left).toEqual({ ACTIVE: 1, INACTIVE: 1, DRAFT: 1 });
    expect(await feed(user)).toMatchObject(counts(1, 0));
    // The emitting backend still finds the kept rows through the model look-up (any status).
    const byModel = await service(`/api/v1/notifications?model=${model}`);
    expect(byModel.json.notifications.map((n: { status: string }) => n.status).sort()).toEqual([
      "ACTIVE",
      "DRAFT",
      "INACTIVE",
    ]);
  });
});
