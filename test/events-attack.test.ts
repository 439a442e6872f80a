/** Hostile and buggy clients against the events.v1 socket protocol and its outbox (issue #12). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventsSocket, restCounts } from "./events-helpers";
import { notify, uniqueUserId, userCall } from "./helpers";

describe("events.v1 under a hostile or buggy client", () => {
  it("a resume from a version the user never reached gets reset, then the live frames that follow", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const probe = await eventsSocket(user);
    const { version } = await probe.next(0);
    probe.close();

    // A client whose database was restored (or that made its version up) claims a version ahead.
    const ahead = await eventsSocket(user, Number.MAX_SAFE_INTEGER);
    await ahead.until((frames) => frames.length >= 2, "reset and counts");
    expect(ahead.frames[0]).toEqual({ type: "reset", version, reason: "unknown_version" });
    await notify({ user_ids: [user] });
    expect(await ahead.next(2)).toMatchObject({ type: "notification.created", version: version + 1 });
    ahead.close();
  });

  it("a sync frame naming a version ahead gets reset, then the live frames that follow", async () => {
    const user = uniqueUserId();
    const socket = await eventsSocket(user);
    const { version } = await socket.next(0);
    socket.send(JSON.stringify({ type: "sync", since: version + 1000 }));
    await socket.until((frames) => frames.length >= 3, "reset and counts");
    expect(socket.frames.slice(1)).toEqual([
      { type: "reset", version, reason: "unknown_version" },
      { type: "counts", version, counts: await restCounts(user) },
    ]);
    await notify({ user_ids: [user] });
    expect(await socket.next(3)).toMatchObject({ type: "notification.created", version: version + 1 });
    socket.close();
  });

  it("the byte-bound attack at small scale (rows naming many uids, sync from 0) still resumes under the default", async () => {
    const user = uniqueUserId();
    const uids: string[] = [];
    for (let i = 0; i < 30; i++) uids.push(...(await notify({ user_ids: [user] })));
    // Rows as the attacker builds them: each action names every uid (here 30, there 1,000).
    for (const action_choice of ["MARK_AS_READ", "MARK_AS_UNREAD", "MARK_AS_READ"]) {
      const body = { action_choice, notification_uids: uids };
      expect((await userCall(user, "/api/v1/me/notifications", { method: "PATCH", body })).status).toBe(200);
    }
    // Every row records the bytes of its data, which the bound sums.
    const { results } = await env.DB.prepare(
      "SELECT count(*) AS wrong FROM inbox_events WHERE user_id = ? AND size != length(CAST(data AS BLOB))",
    )
      .bind(String(user))
      .all<{ wrong: number }>();
    expect(results).toEqual([{ wrong: 0 }]);

    // ~4 KB of missed changes, far below RESUME_MAX_BYTES (1 MB): replayed, not reset.
    const socket = await eventsSocket(user);
    const { version } = await socket.next(0);
    socket.send(JSON.stringify({ type: "sync", since: 0 }));
    await socket.until((frames) => frames.length >= 1 + version, "every version");
    const replay = socket.frames.slice(1) as any[];
    expect(replay.map((frame) => frame.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(replay.slice(-3).map((frame) => [frame.change, frame.uids.length])).toEqual([
      ["read", 30],
      ["unread", 30],
      ["read", 30],
    ]);
    expect(replay.at(-1).counts).toEqual(await restCounts(user));
    socket.close();
  });
});
