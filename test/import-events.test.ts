/**
 * The import's recount on events.v1 sockets: the imported rows were never told item by item, so
 * the recount's version is a `reset` (reason `bulk_change`) then `counts`, live and on a resume
 * across it; a client refetches its lists on any reset and so sees the imported notifications.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { applyBatch, parseRecord, recountLocal } from "../src/import/apply";
import { eventsSocket, restCounts } from "./events-helpers";
import { feed, notify, uniqueUserId } from "./helpers";

/** One dumpdata notification of `user`, as the import reads it. */
function imported(user: number) {
  const parsed = parseRecord({
    model: "notifications.notification",
    pk: 800_000_000 + user,
    fields: {
      uid: crypto.randomUUID().replaceAll("-", ""),
      created_at: "2024-12-14T07:32:10.269Z",
      updated_at: "2024-12-14T07:32:10.269Z",
      user,
      notification: { message: "imported", model: "Blog", instance: { id: 1 }, method: "POST", changed_data: {} },
      is_read: false,
      custom_info: null,
      created_by: null,
      status: "ACTIVE",
    },
  });
  if (parsed.kind !== "notification") throw new Error(`not a notification: ${JSON.stringify(parsed)}`);
  return parsed.row;
}

describe("the import's recount on events.v1 sockets", () => {
  it("is reset (bulk_change) then counts, on a sync and on a resume across it; live frames follow", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const socket = await eventsSocket(user);
    const { version } = await socket.next(0);

    const row = imported(user);
    const result = await applyBatch(
      env.DB,
      { users: [], switches: [], notifications: [row] },
      new Date().toISOString(),
    );
    expect(result.outcomes).toEqual([{ kind: "imported" }]);
    await recountLocal(env.DB, [String(user)]);

    // The import pushes nothing (it runs offline): the socket learns on its next ask.
    socket.send(JSON.stringify({ type: "sync", since: version }));
    await socket.until((frames) => frames.length >= 3, "reset and counts");
    const counts = await restCounts(user);
    expect(counts.total).toBe(2);
    expect(socket.frames.slice(1)).toEqual([
      { type: "reset", version: version + 1, reason: "bulk_change" },
      { type: "counts", version: version + 1, counts },
    ]);
    // What the client refetches on the reset holds the imported notification.
    expect((await feed(user)).notifications.map((item: { uid: string }) => item.uid)).toContain(row.uid);

    const [uid] = await notify({ user_ids: [user] });
    expect(await socket.next(3)).toMatchObject({ type: "notification.created", version: version + 2, item: { uid } });

    const resumed = await eventsSocket(user, version);
    await resumed.until((frames) => frames.length >= 3, "three frames");
    expect(resumed.frames.map((f: any) => [f.type, f.version, f.reason])).toEqual([
      ["reset", version + 1, "bulk_change"],
      ["counts", version + 1, undefined],
      ["notification.created", version + 2, undefined],
    ]);
    socket.close();
    resumed.close();
  });
});
