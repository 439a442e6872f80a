import { describe, expect, it } from "vitest";
import { counts, feed, notify, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";

async function userWith(n: number) {
  const user = uniqueUserId();
  for (let i = 0; i < n; i++) await notify({ message: `m${i}`, user_ids: [user] });
  const uids: string[] = (await feed(user)).notifications.map((item: { uid: string }) => item.uid);
  return { user, uids };
}

const act = (user: number, body: unknown) => userCall(user, FEED, { method: "PATCH", body });

describe("PATCH /api/v1/me/notifications", () => {
  it("MARK_AS_READ marks the given uids and answers the fresh counts and rows changed", async () => {
    const { user, uids } = await userWith(4);
    const response = await act(user, { action_choice: "MARK_AS_READ", notification_uids: uids.slice(0, 2) });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ...counts(4, 2), changed: 2 });
    // Already read rows are not changed again.
    expect((await act(user, { action_choice: "MARK_AS_READ", notification_uids: uids.slice(0, 3) })).json).toEqual({
      ...counts(4, 3),
      changed: 1,
    });
  });

  it("MARK_AS_REMOVED hides rows from the feed and the counts", async () => {
    const { user, uids } = await userWith(3);
    const response = await act(user, { action_choice: "MARK_AS_REMOVED", notification_uids: [uids[0]] });
    expect(response.json).toEqual({ ...counts(2, 0), changed: 1 });
    const body = await feed(user);
    expect(body.notifications.map((n: { uid: string }) => n.uid)).toEqual(uids.slice(1));
  });

  it("MARK_ALL_AS_READ and REMOVED_ALL touch all of the caller's rows", async () => {
    const { user } = await userWith(3);
    expect((await act(user, { action_choice: "MARK_ALL_AS_READ" })).json).toEqual({ ...counts(3, 3), changed: 3 });
    expect((await act(user, { action_choice: "REMOVED_ALL" })).json).toEqual({ ...counts(0, 0), changed: 3 });
    expect((await feed(user)).notifications).toEqual([]);
  });

  it("UNDEFINED, a missing action and an empty body change nothing", async () => {
    const { user } = await userWith(2);
    for (const body of [{ action_choice: "UNDEFINED" }, {}, undefined]) {
      const response = await userCall(user, FEED, { method: "PATCH", body });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ ...counts(2, 0), changed: 0 });
    }
  });

  it("PUT acts as PATCH, as on the original's views", async () => {
    const { user } = await userWith(1);
    const response = await userCall(user, FEED, { method: "PUT", body: { action_choice: "MARK_ALL_AS_READ" } });
    expect(response.json).toEqual({ ...counts(1, 1), changed: 1 });
  });

  it("uids are matched case-insensitively and without dashes, as DRF's UUIDField does", async () => {
    const { user, uids } = await userWith(1);
    const upper = (uids[0] as string).toUpperCase().replaceAll("-", "");
    expect((await act(user, { action_choice: "MARK_AS_READ", notification_uids: [upper] })).json.changed).toBe(1);
  });

  it("validation errors in the original's DRF shapes", async () => {
    const { user } = await userWith(1);
    const cases: [unknown, object][] = [
      [{ action_choice: "FOO" }, { action_choice: ['"FOO" is not a valid choice.'] }],
      [{ action_choice: "mark_all_as_read" }, { action_choice: ['"mark_all_as_read" is not a valid choice.'] }],
      [{ action_choice: "MARK_AS_READ" }, { notification_uids: ["Notification uids are required"] }],
      [
        { action_choice: "MARK_AS_READ", notification_uids: [] },
        { notification_uids: ["Notification uids are required"] },
      ],
      [
        { action_choice: "MARK_AS_REMOVED", notification_uids: null },
        { notification_uids: ["Notification uids are required"] },
      ],
      [
        { action_choice: "MARK_AS_READ", notification_uids: ["x", "9d032eaa-860e-4587-98ac-358c8b49741d"] },
        { notification_uids: { "0": ["Must be a valid UUID."] } },
      ],
      [
        { action_choice: "MARK_AS_READ", notification_uids: "9d032eaa-860e-4587-98ac-358c8b49741d" },
        { notification_uids: ['Expected a list of items but got type "string".'] },
      ],
      [
        { action_choice: "MARK_ALL_AS_READ", notification_uids: [42] },
        { notification_uids: { "0": ["Must be a valid UUID."] } },
      ],
    ];
    for (const [body, expected] of cases) {
      const response = await act(user, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json).toEqual(expected);
    }
    // Nothing was changed by any of them.
    expect(await feed(user)).toMatchObject(counts(1, 0));
  });

  it("refuses more than 1,000 uids in one action", async () => {
    const { user } = await userWith(0);
    const uids = Array.from({ length: 1001 }, () => crypto.randomUUID());
    const response = await act(user, { action_choice: "MARK_AS_READ", notification_uids: uids });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ notification_uids: ["Ensure this field has no more than 1000 elements."] });
    const ok = await act(user, { action_choice: "MARK_AS_READ", notification_uids: uids.slice(0, 1000) });
    expect(ok.json.changed).toBe(0);
  });
});

describe("FIX: a user can act only on their own notifications", () => {
  it("another user's uids in MARK_AS_READ and MARK_AS_REMOVED change nothing", async () => {
    const victim = await userWith(3);
    const attacker = await userWith(1);
    for (const action_choice of ["MARK_AS_READ", "MARK_AS_REMOVED"]) {
      const response = await act(attacker.user, { action_choice, notification_uids: victim.uids });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ ...counts(1, 0), changed: 0 });
    }
    const body = await feed(victim.user);
    expect(body).toMatchObject(counts(3, 0));
    expect(body.notifications.every((n: any) => n.status === "ACTIVE" && !n.is_read)).toBe(true);
  });

  it("REMOVED_ALL and MARK_ALL_AS_READ stay within the caller's rows", async () => {
    const victim = await userWith(2);
    const attacker = await userWith(1);
    await act(attacker.user, { action_choice: "MARK_ALL_AS_READ" });
    await act(attacker.user, { action_choice: "REMOVED_ALL" });
    expect(await feed(victim.user)).toMatchObject(counts(2, 0));
  });

  it("another user's uid is 404 on the detail routes and stays unread", async () => {
    const victim = await userWith(1);
    const attacker = await userWith(0);
    const path = `${FEED}/${victim.uids[0]}`;
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { status: "DELETED" }],
    ] as const) {
      const response = await userCall(attacker.user, path, { method, body });
      expect(response.status).toBe(404);
      expect(response.json).toEqual({ detail: "Notification not found" });
    }
    expect(await feed(victim.user)).toMatchObject(counts(1, 0));
  });
});

describe("/api/v1/me/notifications/{uid}", () => {
  it("GET answers the item, marked read, and counts it as read", async () => {
    const { user, uids } = await userWith(2);
    const before = (await feed(user)).notifications[1];
    const response = await userCall(user, `${FEED}/${uids[1]}`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ uid: uids[1], is_read: true, status: "ACTIVE" });
    expect(response.json.updated_at >= before.updated_at).toBe(true);
    expect(await feed(user)).toMatchObject(counts(2, 1));
  });

  it("404 for an unknown uid, a non-uuid, and a removed notification", async () => {
    const { user, uids } = await userWith(1);
    await act(user, { action_choice: "REMOVED_ALL" });
    for (const uid of [crypto.randomUUID(), "not-a-uuid", uids[0]]) {
      const response = await userCall(user, `${FEED}/${uid}`);
      expect(response.status).toBe(404);
      expect(response.json).toEqual({ detail: "Notification not found" });
    }
  });

  it("PATCH sets is_read and status; other fields are ignored", async () => {
    const { user, uids } = await userWith(2);
    const path = `${FEED}/${uids[0]}`;
    const unread = await userCall(user, path, { method: "PATCH", body: { is_read: false, uid: "x", id: 1 } });
    expect(unread.status).toBe(200);
    expect(unread.json).toMatchObject({ uid: uids[0], is_read: false, status: "ACTIVE" });
    const read = await userCall(user, path, { method: "PATCH", body: {} });
    expect(read.json.is_read).toBe(true);
    expect(await feed(user)).toMatchObject(counts(2, 1));
    const removed = await userCall(user, path, { method: "PATCH", body: { status: "REMOVED" } });
    expect(removed.json).toMatchObject({ status: "REMOVED" });
    expect(await feed(user)).toMatchObject(counts(1, 0));
    expect((await userCall(user, path)).status).toBe(404);
  });

  it("PATCH validation errors name the field", async () => {
    const { user, uids } = await userWith(1);
    const path = `${FEED}/${uids[0]}`;
    const status = await userCall(user, path, { method: "PATCH", body: { status: "NOPE" } });
    expect(status.status).toBe(400);
    expect(status.json).toEqual({ status: ['"NOPE" is not a valid choice.'] });
    const isRead = await userCall(user, path, { method: "PATCH", body: { is_read: "yes" } });
    expect(isRead.status).toBe(400);
    expect(isRead.json).toEqual({ is_read: ["Must be a valid boolean."] });
    // Found by the fuzz test: naming an object whose toString is not a function used to throw (500).
    const hostile = await userCall(user, path, { method: "PATCH", body: { status: { toString: "x" } } });
    expect(hostile.status).toBe(400);
    expect(hostile.json).toEqual({ status: ['"{"toString":"x"}" is not a valid choice.'] });
    expect(await feed(user)).toMatchObject(counts(1, 0));
  });
});

describe("rate limits are generous with the defaults", () => {
  it("a burst of 30 writes from one user within a second all pass", async () => {
    const { user, uids } = await userWith(3);
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        act(user, { action_choice: i % 2 ? "MARK_AS_READ" : "UNDEFINED", notification_uids: i % 2 ? uids : undefined }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
  });
});
