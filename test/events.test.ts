/** The events.v1 socket protocol (issue #12): live frames, resume with `since`, reset, refusals. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SOCKET_ERRORS } from "../src/realtime/protocol";
import { applyFrames, eventsSocket, expectSameAsRest, restCounts } from "./events-helpers";
import { counts, feed, notify, openSocket, service, socketFor, tokenFor, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";
const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));
const act = (user: number, body: object) => userCall(user, FEED, { method: "PATCH", body });

describe("events.v1 live frames", () => {
  it("connect: a counts frame with every counter; a create: the item exactly as REST renders it", async () => {
    const user = uniqueUserId();
    const creator = uniqueUserId();
    await notify({ user_ids: [user], category: "billing" });
    const socket = await eventsSocket(user);
    const first = await socket.next(0);
    expect(first).toEqual({ type: "counts", version: first.version, counts: await restCounts(user) });
    expect(first.counts.categories).toEqual({ billing: { total: 1, unread: 1, unseen: 1 } });

    const [uid] = await notify({
      user_ids: [user],
      created_by: creator,
      custom_info: { nested: { a: [1, 2.5, "x"] } },
      tags: ["t1", "t2"],
      actions: [{ id: "ok", label: "OK", url: "https://example.test/ok" }],
      action_url: "https://example.test/n",
      group_key: "g",
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const created = await socket.next(1);
    expect(created.type).toBe("notification.created");
    expect(created.version).toBe(first.version + 1);
    expect(created.item).toEqual((await feed(user)).notifications.find((n: { uid: string }) => n.uid === uid));
    expect(created.counts).toEqual(await restCounts(user));
    socket.close();
  });

  it("actions: one frame each, naming the uids or `all`; legacy sockets of the user keep their frames", async () => {
    const user = uniqueUserId();
    const uids = [];
    for (let i = 0; i < 3; i++) uids.push(...(await notify({ user_ids: [user] })));
    const events = await eventsSocket(user);
    const legacy = await socketFor(user);
    const { version } = await events.next(0);
    expect(await legacy.next(0)).toEqual(counts(3, 0));

    await act(user, { action_choice: "MARK_AS_READ", notification_uids: [uids[0]] });
    const read = await events.next(1);
    expect(read).toMatchObject({
      type: "notifications.changed",
      version: version + 1,
      change: "read",
      uids: [uids[0]],
    });
    expect(typeof read.at).toBe("string");
    await act(user, { action_choice: "ARCHIVE_ALL_READ", before: 999_999_999 });
    expect(await events.next(2)).toMatchObject({ change: "archived", all: true, before: 999_999_999, only_read: true });
    await act(user, { action_choice: "MARK_AS_INTERACTED", notification_uids: [uids[1]], action_id: "nope" });
    // The action named no action of the notification: nothing changed, no frame.
    await act(user, { action_choice: "MARK_AS_SEEN", notification_uids: [uids[2]] });
    await events.until((frames) => frames.length >= 5, "the seen frame after the no-op's counts");
    expect(events.frames.slice(3)).toMatchObject([
      { type: "counts", version: version + 3 },
      { type: "notifications.changed", version: version + 4, change: "seen", uids: [uids[2]] },
    ]);
    await userCall(user, `${FEED}/${uids[2]}`, { method: "PATCH", body: { status: "INACTIVE" } });
    expect(await events.next(5)).toMatchObject({ change: "status", status: "INACTIVE", uids: [uids[2]] });
    expect(events.last.counts).toEqual(await restCounts(user));

    await legacy.until((frames) => frames.length >= 5, "legacy frames");
    await settle();
    expect(legacy.frames.at(-1)).toEqual(counts(1, 0, 1));
    for (const frame of legacy.frames) expect(Object.keys(frame as object)).toEqual(Object.keys(counts(0, 0)));
    events.close();
    legacy.close();
  });
});

describe("events.v1 group actions", () => {
  it("an action by group_keys names the uids it changed; past 1,000 rows, the groups", async () => {
    const user = uniqueUserId();
    const small = [...(await notify({ user_ids: [user], group_key: "small" }))];
    small.push(...(await notify({ user_ids: [user], group_key: "small" })));
    // 1,001 rows in one group, inserted in bulk (the triggers count them).
    await env.DB.prepare(
      `INSERT INTO notifications (id, uid, user_id, notification, model, created_at, updated_at, category, group_key)
       WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < 1000)
       SELECT 2000000000 + ?1 % 1000000 * 1001 + x, ?1 || '-' || x, ?1,
         '{"message":"m","model":"Blog","instance":{},"method":"POST","changed_data":{}}', 'Blog',
         '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', 'Blog', 'big' FROM s`,
    )
      .bind(String(user))
      .run();
    const socket = await eventsSocket(user);
    const { version } = await socket.next(0);
    await act(user, { action_choice: "MARK_AS_READ", group_keys: ["small"] });
    const named = await socket.next(1);
    expect(named).toMatchObject({ version: version + 1, change: "read" });
    expect([...named.uids].sort()).toEqual([...small].sort());
    await act(user, { action_choice: "ARCHIVE", group_keys: ["big"] });
    const grouped = await socket.next(2);
    expect(grouped).toMatchObject({ version: version + 2, change: "archived", group_keys: ["big"] });
    expect(grouped.uids).toBeUndefined();
    expect(grouped.counts).toEqual(await restCounts(user));
    socket.close();
  });
});

describe("events.v1 resume", () => {
  it("10 creates and a mark-read while away: exactly 11 frames in order; applied, they equal REST", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const first = await eventsSocket(user);
    const start = await first.next(0);
    first.close();
    const state = { items: (await feed(user)).notifications, counts: start.counts, version: start.version };

    const uids = [];
    for (let i = 0; i < 10; i++)
      uids.push(...(await notify({ message: `m${i}`, user_ids: [user], category: `c${i % 3}` })));
    await act(user, { action_choice: "MARK_AS_READ", notification_uids: [uids[4]] });

    const resumed = await eventsSocket(user, start.version);
    await resumed.until((frames) => frames.length >= 11, "11 frames");
    await settle();
    expect(resumed.frames).toHaveLength(11);
    expect(resumed.frames.map((f: any) => f.version)).toEqual(
      Array.from({ length: 11 }, (_, i) => start.version + 1 + i),
    );
    expect(resumed.frames.slice(0, 10).map((f: any) => f.item.uid)).toEqual(uids);
    expect(resumed.last).toMatchObject({ type: "notifications.changed", change: "read", uids: [uids[4]] });
    await expectSameAsRest(user, applyFrames(state, resumed.frames));

    // Live frames follow the resume.
    await notify({ user_ids: [user] });
    expect(await resumed.next(11)).toMatchObject({ type: "notification.created", version: start.version + 12 });
    resumed.close();
  });

  it("since equal to the current version: one counts frame; greater: reset (unknown_version) then counts", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const probe = await eventsSocket(user);
    const { version } = await probe.next(0);
    probe.close();
    const same = await eventsSocket(user, version);
    expect(await same.next(0)).toEqual({ type: "counts", version, counts: await restCounts(user) });
    await settle();
    expect(same.frames).toHaveLength(1);
    same.close();

    const ahead = await eventsSocket(user, version + 5);
    await ahead.until((frames) => frames.length >= 2, "reset and counts");
    expect(ahead.frames).toEqual([
      { type: "reset", version, reason: "unknown_version" },
      { type: "counts", version, counts: await restCounts(user) },
    ]);
    ahead.close();
  });

  it("a sync frame on an open socket resumes from its since", async () => {
    const user = uniqueUserId();
    const socket = await eventsSocket(user);
    const { version } = await socket.next(0);
    await notify({ user_ids: [user] });
    await notify({ user_ids: [user] });
    await socket.until((frames) => frames.length >= 3, "two creates");
    socket.send(JSON.stringify({ type: "sync", since: version }));
    await socket.until((frames) => frames.length >= 5, "the two creates again");
    expect(socket.frames.slice(3)).toEqual(socket.frames.slice(1, 3));
    socket.send("anything");
    expect(await socket.next(5)).toEqual({ type: "counts", version: version + 2, counts: await restCounts(user) });
    socket.send(JSON.stringify({ type: "sync", since: -1 }));
    expect(await socket.next(6)).toEqual({ error: SOCKET_ERRORS.badSync });
    socket.close();
  });
});

describe("events.v1 with a ticket", () => {
  it("ticket, protocol and since combine; a malformed since does not spend the ticket", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const issue = async () =>
      (await userCall(user, "/api/v1/me/notifications/ws-ticket", { method: "POST" })).json.ticket as string;
    const ticket = await issue();
    const bad = await openSocket(
      {},
      `/ws/me/notifications?ticket=${encodeURIComponent(ticket)}&protocol=events.v1&since=x`,
    );
    expect(await bad.next(0)).toEqual({ error: SOCKET_ERRORS.badSince, code: 4400 });
    const socket = await openSocket(
      {},
      `/ws/me/notifications?ticket=${encodeURIComponent(ticket)}&protocol=events.v1&since=0`,
    );
    await socket.until((frames) => frames.length >= 1, "the missed create");
    expect(socket.frames[0]).toMatchObject({ type: "notification.created", version: 1 });
    socket.close();
  });
});

describe("events.v1 refusals", () => {
  it("an open events.v1 socket is closed with 4403 when the user's notifications get disabled", async () => {
    const user = uniqueUserId();
    const socket = await eventsSocket(user);
    await socket.next(0);
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { notifications_enabled: false } });
    expect(await socket.next(1)).toEqual({ error: "Notifications are not enabled for the current user.", code: 4403 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4403 });
  });

  it.each([
    ["protocol=events.v2", SOCKET_ERRORS.badProtocol],
    ["protocol=", SOCKET_ERRORS.badProtocol],
    ["protocol=events.v1&since=-1", SOCKET_ERRORS.badSince],
    ["protocol=events.v1&since=abc", SOCKET_ERRORS.badSince],
    ["protocol=events.v1&since=1.5", SOCKET_ERRORS.badSince],
    ["protocol=events.v1&since=99999999999999999999", SOCKET_ERRORS.badSince],
    ["since=3", SOCKET_ERRORS.badSince],
  ])("?%s: accepted, told why, closed with 4400", async (query, message) => {
    const token = await tokenFor(uniqueUserId());
    const socket = await openSocket({ Authorization: `Bearer ${token}` }, `/ws/me/notifications?${query}`);
    expect(await socket.next(0)).toEqual({ error: message, code: 4400 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4400 });
  });
});

describe("events.v1 preferences", () => {
  it("a preference change: one preferences.changed frame with the body GET returns; legacy sockets see nothing", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user], category: "billing" });
    const events = await eventsSocket(user);
    const legacy = await socketFor(user);
    const { version } = await events.next(0);
    await legacy.next(0);
    const response = await userCall(user, "/api/v1/me/preferences", {
      method: "PATCH",
      body: { categories: { billing: false, alerts: true } },
    });
    expect(response.status).toBe(200);
    expect(await events.next(1)).toEqual({
      type: "preferences.changed",
      version: version + 1,
      preferences: (await userCall(user, "/api/v1/me/preferences")).json,
      counts: await restCounts(user),
    });
    expect(events.last.preferences).toEqual(response.json);
    // Resumed from the outbox: the same frame.
    const resumed = await eventsSocket(user, version);
    expect(await resumed.next(0)).toEqual(events.last);
    await settle();
    expect(legacy.frames).toHaveLength(1);
    for (const socket of [events, legacy, resumed]) socket.close();
  });
});
