/**
 * The "10,000 changes missed" case through a real socket: the changes are written with the
 * statements the actions use (outbox row, update, version bump, counts), 1,000 to a D1 batch so
 * the test stays fast, then the socket resumes: reset, then counts equal to REST. A resume within
 * RESUME_MAX_EVENTS of the end replays exactly the last 1,000 frames.
 */
import { env } from "cloudflare:workers";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { notifications } from "../src/db/schema";
import { d1Statement } from "../src/db/sql";
import { bumpVersions } from "../src/notifications/counts";
import { fillCounts, recordChange } from "../src/notifications/outbox";
import { eventsSocket, restCounts } from "./events-helpers";
import { notify, uniqueUserId } from "./helpers";

const MISSED = 10_000;

/** Marks `uid` read (odd i) or unread (even i), as MARK_AS_READ / MARK_AS_UNREAD would. */
function toggle(userId: string, uid: string, i: number) {
  const db = createDb(env.DB);
  const n = notifications;
  const read = i % 2 === 1;
  const at = new Date(Date.UTC(2030, 0, 1, 0, 0, 0, i)).toISOString().replace("Z", "000Z");
  const rows = and(eq(n.userId, userId), eq(n.uid, uid), eq(n.isRead, !read));
  const set = read
    ? { isRead: true, readAt: at, seenAt: sql`coalesce(${n.seenAt}, ${at})`, updatedAt: at }
    : { isRead: false, readAt: null, updatedAt: at };
  return [
    d1Statement(db, recordChange(userId, rows, { change: read ? "read" : "unread", at, target: "uids" })),
    d1Statement(db, db.update(n).set(set).where(rows)),
    d1Statement(db, bumpVersions([userId])),
    d1Statement(db, fillCounts(userId)),
  ];
}

describe("resume after 10,000 missed changes", () => {
  it("reset then counts equal to REST; the last 1,000 replay in order", { timeout: 60_000 }, async () => {
    const user = uniqueUserId();
    const [uid] = await notify({ user_ids: [user] });
    const first = await eventsSocket(user);
    const start = await first.next(0);
    first.close();
    for (let done = 0; done < MISSED; done += 1000) {
      const statements = Array.from({ length: 1000 }, (_, k) => toggle(String(user), uid as string, done + k + 1));
      await env.DB.batch(statements.flat());
    }

    const resumed = await eventsSocket(user, start.version);
    await resumed.until((frames) => frames.length >= 2, "reset and counts");
    expect(resumed.frames).toEqual([
      { type: "reset", version: start.version + MISSED, reason: "too_far_behind" },
      { type: "counts", version: start.version + MISSED, counts: await restCounts(user) },
    ]);
    resumed.close();

    // Within the bound: exactly the last 1,000 changes, in order, ending at the counts REST reports.
    const since = start.version + MISSED - 1000;
    const recent = await eventsSocket(user, since);
    await recent.until((frames) => frames.length >= 1000, "1,000 frames", 20_000);
    expect(recent.frames.map((f: any) => f.version)).toEqual(Array.from({ length: 1000 }, (_, i) => since + 1 + i));
    expect(recent.last.counts).toEqual(await restCounts(user));
    expect(recent.last).toMatchObject({ type: "notifications.changed", change: "unread", uids: [uid] });
    recent.close();
  });
});
