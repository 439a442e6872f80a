/** Hostile and buggy clients against the events.v1 socket protocol and its outbox (issue #12). */
import { describe, expect, it } from "vitest";
import { eventsSocket, restCounts } from "./events-helpers";
import { notify, uniqueUserId } from "./helpers";

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
});
