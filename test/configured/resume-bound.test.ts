/** RESUME_MAX_EVENTS=5 here: a resume within the bound gets the frames, past it `reset` then counts. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventsSocket, restCounts } from "../events-helpers";
import { notify, uniqueUserId } from "../helpers";

const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));

async function versionOf(user: number): Promise<number> {
  const socket = await eventsSocket(user);
  const { version } = await socket.next(0);
  socket.close();
  return version;
}

describe("the resume bound (RESUME_MAX_EVENTS)", () => {
  it("exactly the bound missed: the frames; one more: reset (too_far_behind), then counts equal to REST", async () => {
    const user = uniqueUserId();
    const start = await versionOf(user);
    for (let i = 0; i < 5; i++) await notify({ user_ids: [user] });
    const within = await eventsSocket(user, start);
    await within.until((frames) => frames.length >= 5, "five frames");
    expect(within.frames.map((f: any) => f.type)).toEqual(Array(5).fill("notification.created"));
    within.close();

    await notify({ user_ids: [user] });
    const past = await eventsSocket(user, start);
    await past.until((frames) => frames.length >= 2, "reset and counts");
    await settle();
    expect(past.frames).toEqual([
      { type: "reset", version: start + 6, reason: "too_far_behind" },
      { type: "counts", version: start + 6, counts: await restCounts(user) },
    ]);
    // Live frames carry on from there.
    await notify({ user_ids: [user] });
    expect(await past.next(2)).toMatchObject({ type: "notification.created", version: start + 7 });
    past.close();
  });

  it("a gap left by retention is a reset too", async () => {
    const user = uniqueUserId();
    const start = await versionOf(user);
    for (let i = 0; i < 3; i++) await notify({ user_ids: [user] });
    await env.DB.prepare("DELETE FROM inbox_events WHERE user_id = ? AND version = ?")
      .bind(String(user), start + 1)
      .run();
    const resumed = await eventsSocket(user, start);
    await resumed.until((frames) => frames.length >= 2, "reset and counts");
    expect(resumed.frames[0]).toEqual({ type: "reset", version: start + 3, reason: "too_far_behind" });
    // One version later the outbox is whole again.
    const later = await eventsSocket(user, start + 1);
    await later.until((frames) => frames.length >= 2, "two frames");
    expect(later.frames.map((f: any) => f.version)).toEqual([start + 2, start + 3]);
    resumed.close();
    later.close();
  });
});
