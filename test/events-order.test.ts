/**
 * events.v1 under stress: pushes that arrive out of order, a flood of sync frames, and the
 * outbox's retention by the 5-minute cron.
 */
import {
  createExecutionContext,
  createScheduledController,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import worker from "../src/index";
import { applyAction } from "../src/notifications/actions";
import type { MarkAction } from "../src/notifications/schemas";
import { FRAME_BUDGET, SOCKET_ERRORS } from "../src/realtime/protocol";
import type { UserHub } from "../src/realtime/user-hub";
import { SWEEP_CRON } from "../src/scheduled";
import { eventsSocket, restCounts } from "./events-helpers";
import { notify, uniqueUserId } from "./helpers";

const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));
const hubOf = (user: number) => env.USER_HUB.getByName(String(user));
const catchUpReads = (user: number) =>
  runInDurableObject(hubOf(user), (hub: UserHub) => (hub as unknown as { catchUp: { reads: number } }).catchUp.reads);

describe("events.v1 ordering", () => {
  it("a push that overtakes the one before it: the socket is caught up from the outbox, no gap, no repeat", async () => {
    const user = uniqueUserId();
    const [first] = await notify({ user_ids: [user] });
    const [second] = await notify({ user_ids: [user] });
    const socket = await eventsSocket(user);
    const { version } = await socket.next(0);
    // Two writes whose pushes are held, then delivered newest first.
    const db = createDb(env.DB);
    const read = (uid: string) =>
      applyAction(db, undefined, String(user), {
        action_choice: "MARK_AS_READ",
        notification_uids: [uid],
      } as MarkAction);
    const a = await read(first as string);
    const b = await read(second as string);
    expect(b.update.frame).toMatchObject({ version: version + 2 });
    await hubOf(user).countsChanged(String(user), b.update.counts, b.update.frame);
    await hubOf(user).countsChanged(String(user), a.update.counts, a.update.frame);
    await socket.until((frames) => frames.length >= 3, "both changes");
    await settle();
    // The catch-up renders exactly what the live push carried.
    expect(socket.frames.slice(1)).toEqual([a.update.frame, b.update.frame]);
    socket.close();
  });

  it("a created frame resumed from the outbox equals the live one", async () => {
    const user = uniqueUserId();
    const live = await eventsSocket(user);
    const { version } = await live.next(0);
    await notify({ user_ids: [user], created_by: uniqueUserId(), custom_info: { a: 1 }, tags: ["x"] });
    const pushed = await live.next(1);
    const resumed = await eventsSocket(user, version);
    expect(await resumed.next(0)).toEqual(pushed);
    live.close();
    resumed.close();
  });

  it("a flood of sync frames is closed with 1008, its reads bounded by the frame budget; another user is not slowed", async () => {
    const flooder = uniqueUserId();
    const other = uniqueUserId();
    for (let i = 0; i < 5; i++) await notify({ user_ids: [flooder] });
    const socket = await eventsSocket(flooder);
    await socket.next(0);
    const before = await catchUpReads(flooder);
    const bystander = await eventsSocket(other);
    await bystander.next(0);
    for (let i = 0; i < 300; i++) socket.send(JSON.stringify({ type: "sync", since: 0 }));
    await notify({ user_ids: [other] });
    expect(await bystander.next(1)).toMatchObject({ type: "notification.created" });
    expect(await socket.waitClosed(15_000)).toEqual({ code: 1008, reason: SOCKET_ERRORS.flood });
    // Only the budget's syncs were answered, and they cost at most a read each (bursts share them).
    const reads = (await catchUpReads(flooder)) - before;
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(2 * FRAME_BUDGET.burst);
    expect(socket.frames.filter((f: any) => f.type === "notification.created").length).toBeLessThanOrEqual(
      5 * 2 * FRAME_BUDGET.burst,
    );
    bystander.close();
    await settle(300);
  });
});

describe("outbox retention", () => {
  it("the 5-minute cron deletes rows older than OUTBOX_RETENTION_HOURS; a resume from before them is a reset", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    await notify({ user_ids: [user] });
    await env.DB.prepare(
      "UPDATE inbox_events SET created_at = '2000-01-01T00:00:00.000000Z' WHERE user_id = ? AND version = 1",
    )
      .bind(String(user))
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: SWEEP_CRON }), env, ctx);
    await waitOnExecutionContext(ctx);
    const { results } = await env.DB.prepare("SELECT version FROM inbox_events WHERE user_id = ? ORDER BY version")
      .bind(String(user))
      .all<{ version: number }>();
    expect(results.map((r) => r.version)).toEqual([2]);
    const gone = await eventsSocket(user, 0);
    await gone.until((frames) => frames.length >= 2, "reset and counts");
    expect(gone.frames).toEqual([
      { type: "reset", version: 2, reason: "too_far_behind" },
      { type: "counts", version: 2, counts: await restCounts(user) },
    ]);
    const kept = await eventsSocket(user, 1);
    expect(await kept.next(0)).toMatchObject({ type: "notification.created", version: 2 });
    gone.close();
    kept.close();
  });
});
