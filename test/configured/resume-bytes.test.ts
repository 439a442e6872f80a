/**
 * RESUME_MAX_BYTES=1000 here (RESUME_MAX_EVENTS=5): a resume whose missed changes name more bytes
 * than the bound gets `reset` then counts, however few versions it missed (attacker finding: one
 * sync replaying rows of 1,000 uids each read megabytes from D1).
 */
import { describe, expect, it } from "vitest";
import { eventsSocket, restCounts } from "../events-helpers";
import { notify, uniqueUserId, userCall } from "../helpers";

const FEED = "/api/v1/me/notifications";

async function versionOf(user: number): Promise<number> {
  const socket = await eventsSocket(user);
  const { version } = await socket.next(0);
  socket.close();
  return version;
}

/** Marks these uids read: one version whose outbox row names them all (~40 bytes a uid). */
async function markRead(user: number, uids: string[]) {
  const response = await userCall(user, FEED, {
    method: "PATCH",
    body: { action_choice: "MARK_AS_READ", notification_uids: uids },
  });
  expect(response.status).toBe(200);
}

describe("the resume byte bound (RESUME_MAX_BYTES)", () => {
  it("two versions of 12 uids each (~600 bytes apiece) pass 1000 bytes: reset then counts; either alone resumes", async () => {
    const user = uniqueUserId();
    const uids: string[] = [];
    for (let i = 0; i < 24; i++) uids.push(...(await notify({ user_ids: [user] })));
    const start = await versionOf(user);
    await markRead(user, uids.slice(0, 12));

    const within = await eventsSocket(user, start);
    const first = await within.next(0);
    expect(first).toMatchObject({ type: "notifications.changed", version: start + 1, change: "read" });
    expect(first.uids).toHaveLength(12);
    within.close();

    await markRead(user, uids.slice(12));
    // Two versions missed, far within RESUME_MAX_EVENTS: the bytes alone refuse the replay.
    const past = await eventsSocket(user, start);
    await past.until((frames) => frames.length >= 2, "reset and counts");
    expect(past.frames).toEqual([
      { type: "reset", version: start + 2, reason: "too_far_behind" },
      { type: "counts", version: start + 2, counts: await restCounts(user) },
    ]);
    // Live frames carry on from there.
    const [uid] = await notify({ user_ids: [user] });
    expect(await past.next(2)).toMatchObject({ type: "notification.created", version: start + 3, item: { uid } });
    past.close();

    // The second version alone is within the bound.
    const later = await eventsSocket(user, start + 1);
    await later.until((frames) => frames.length >= 2, "two frames");
    expect(later.frames.map((f: any) => [f.type, f.version])).toEqual([
      ["notifications.changed", start + 2],
      ["notification.created", start + 3],
    ]);
    later.close();
  });

  it("a sync frame past the byte bound: reset, counts; a socket within it resumes from the same read", async () => {
    const user = uniqueUserId();
    const uids: string[] = [];
    for (let i = 0; i < 24; i++) uids.push(...(await notify({ user_ids: [user] })));
    const start = await versionOf(user);
    await markRead(user, uids.slice(0, 12));
    await markRead(user, uids.slice(12));

    const socket = await eventsSocket(user);
    expect(await socket.next(0)).toMatchObject({ type: "counts", version: start + 2 });
    // One far ask and one near (in one catch-up read or two): the far one is refused, the near served.
    const near = await eventsSocket(user, start + 1);
    socket.send(JSON.stringify({ type: "sync", since: start }));
    await socket.until((frames) => frames.length >= 3, "reset and counts");
    expect(socket.frames.slice(1)).toEqual([
      { type: "reset", version: start + 2, reason: "too_far_behind" },
      { type: "counts", version: start + 2, counts: await restCounts(user) },
    ]);
    expect(await near.next(0)).toMatchObject({ type: "notifications.changed", version: start + 2 });
    socket.close();
    near.close();
  });
});
