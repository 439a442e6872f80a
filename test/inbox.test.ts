/** The inbox model through HTTP: states, actions, filters, categories and counts (issue #11). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { counts, feed, notify, service, socketFor, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";
const act = (user: number, body: object) => userCall(user, FEED, { method: "PATCH", body });
const allCounts = async (user: number) => (await userCall(user, `${FEED}/counts`)).json;

describe("create: the inbox model's fields", () => {
  it("stores and renders category, tags, actions, action_url, expiry and group; category defaults to the model", async () => {
    const user = uniqueUserId();
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    await notify({
      user_ids: [user],
      category: "comments",
      tags: ["blog", "blog", "urgent"],
      action_url: "https://app.example/posts/1",
      actions: [
        { id: "open", label: "Open", url: "https://app.example/posts/1", style: "primary" },
        { id: "mute", label: "Mute", url: "https://app.example/mute" },
      ],
      expires_at: expires,
      group_key: "comment:blog:1",
    });
    await notify({ user_ids: [user], model: "Invoice" });
    const [plain, rich] = (await feed(user)).notifications;
    expect(plain).toMatchObject({ category: "Invoice", tags: [], actions: [], action_url: null, group_key: null });
    expect(rich).toMatchObject({
      category: "comments",
      tags: ["blog", "urgent"],
      action_url: "https://app.example/posts/1",
      actions: [
        { id: "open", label: "Open", url: "https://app.example/posts/1", style: "primary" },
        { id: "mute", label: "Mute", url: "https://app.example/mute", style: "secondary" },
      ],
      group_key: "comment:blog:1",
      seen_at: null,
      read_at: null,
      archived_at: null,
      interacted_at: null,
    });
    expect(Date.parse(rich.expires_at)).toBe(Date.parse(expires));
  });

  it.each([
    [{ category: "no spaces" }, "category"],
    [{ tags: ["a", "b", "c", "d", "e", "f"] }, "tags"],
    [{ tags: "blog" }, "tags"],
    [{ actions: [1, 2, 3, 4].map((i) => ({ id: `a${i}`, label: "x", url: "https://x.example" })) }, "actions"],
    [{ actions: [{ id: "a", label: "x", url: "javascript:alert(1)" }] }, "actions"],
    [{ actions: [{ id: "a", label: "x", url: "https://x.example", style: "loud" }] }, "actions"],
    [{ action_url: "ftp://x.example" }, "action_url"],
    [{ expires_at: "2001-01-01T00:00:00Z" }, "expires_at"],
    [{ expires_at: "tomorrow" }, "expires_at"],
    [{ expires_at: "2030-02-30T00:00:00Z" }, "expires_at"],
    [{ group_key: "a\u202eb" }, "group_key"],
  ])("refuses %j with a 400 naming %s", async (fields, field) => {
    const response = await service("/api/v1/notifications", {
      method: "POST",
      body: { message: "m", model: "Blog", instance: { id: 1 }, user_ids: [uniqueUserId()], ...fields },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json)).toEqual([field]);
  });
});

describe("default categories", () => {
  it("follow the category rule and survive any name, so they can be filtered and counted", async () => {
    const user = uniqueUserId();
    for (const model of ["Blog Post", "__proto__", "constructor", "x".repeat(80)])
      await notify({ user_ids: [user], model });
    const { categories } = await allCounts(user);
    expect(Object.keys(categories).sort()).toEqual(["Blog_Post", "constructor", "proto__", "x".repeat(64)].sort());
    expect((await feed(user, "?category=Blog_Post")).notifications).toHaveLength(1);
    expect((await feed(user, "?category=constructor")).notifications).toHaveLength(1);
  });
});

describe("states", () => {
  it("seen: MARK_AS_SEEN, MARK_ALL_AS_SEEN; reading implies seen; unread again stays seen", async () => {
    const user = uniqueUserId();
    const [a, b, c] = [
      ...(await notify({ user_ids: [user] })),
      ...(await notify({ user_ids: [user] })),
      ...(await notify({ user_ids: [user] })),
    ];
    expect(await feed(user)).toMatchObject(counts(3, 0, 3));
    expect((await act(user, { action_choice: "MARK_AS_SEEN", notification_uids: [a] })).json).toEqual({
      ...counts(3, 0, 2),
      changed: 1,
    });
    // Reading implies seen.
    expect((await act(user, { action_choice: "MARK_AS_READ", notification_uids: [b] })).json).toEqual({
      ...counts(3, 1, 1),
      changed: 1,
    });
    expect((await act(user, { action_choice: "MARK_ALL_AS_SEEN" })).json).toEqual({ ...counts(3, 1, 0), changed: 1 });
    expect((await act(user, { action_choice: "MARK_AS_UNREAD", notification_uids: [b, c] })).json).toEqual({
      ...counts(3, 0, 0),
      changed: 1,
    });
    const items = (await feed(user)).notifications;
    for (const item of items) expect(item.seen_at).not.toBeNull();
    expect(items.find((item: { uid: string }) => item.uid === b).read_at).toBeNull();
  });

  it("archived: out of the feed and the three counts, listable, reversible; ARCHIVE_ALL and ARCHIVE_ALL_READ", async () => {
    const user = uniqueUserId();
    const uids = [];
    for (let i = 0; i < 4; i++) uids.push(...(await notify({ user_ids: [user] })));
    await act(user, { action_choice: "MARK_AS_READ", notification_uids: [uids[0], uids[1]] });
    expect((await act(user, { action_choice: "ARCHIVE", notification_uids: [uids[3]] })).json).toEqual({
      ...counts(3, 2),
      changed: 1,
    });
    expect((await feed(user)).notifications.map((n: { uid: string }) => n.uid)).not.toContain(uids[3]);
    expect((await feed(user, "?archived=only")).notifications.map((n: { uid: string }) => n.uid)).toEqual([uids[3]]);
    expect((await feed(user, "?archived=include")).notifications).toHaveLength(4);
    expect((await allCounts(user)).archived_notifications).toBe(1);
    expect((await act(user, { action_choice: "ARCHIVE_ALL_READ" })).json).toEqual({ ...counts(1, 0), changed: 2 });
    expect((await act(user, { action_choice: "UNARCHIVE", notification_uids: [uids[3]] })).json).toEqual({
      ...counts(2, 0),
      changed: 1,
    });
    expect((await act(user, { action_choice: "ARCHIVE_ALL" })).json).toEqual({ ...counts(0, 0), changed: 2 });
    expect(await allCounts(user)).toMatchObject({ ...counts(0, 0), archived_notifications: 4 });
    // REMOVED keeps its meaning: gone, archived or not.
    expect((await act(user, { action_choice: "REMOVED_ALL" })).json.changed).toBe(4);
    expect((await allCounts(user)).archived_notifications).toBe(0);
  });

  it("interacted: which action was taken; it reads the notification", async () => {
    const user = uniqueUserId();
    const [uid] = await notify({
      user_ids: [user],
      actions: [{ id: "approve", label: "Approve", url: "https://app.example/approve" }],
    });
    const response = await act(user, {
      action_choice: "MARK_AS_INTERACTED",
      notification_uids: [uid],
      action_id: "approve",
    });
    expect(response.json).toEqual({ ...counts(1, 1, 0), changed: 1 });
    const [item] = (await feed(user)).notifications;
    expect(item).toMatchObject({ is_read: true, interacted_action: "approve" });
    expect(item.interacted_at).not.toBeNull();
    // An action the notification does not have is not recorded.
    const [other] = await notify({ user_ids: [user] });
    const invented = await act(user, {
      action_choice: "MARK_AS_INTERACTED",
      notification_uids: [other],
      action_id: "nope",
    });
    expect(invented.json.changed).toBe(0);
    const untouched = (await feed(user)).notifications.find((n: { uid: string }) => n.uid === other);
    expect(untouched).toMatchObject({ is_read: false, interacted_at: null, interacted_action: null });
  });

  it('"all" actions stop at before: a notification that arrived meanwhile is not swallowed', async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    await notify({ user_ids: [user] });
    const shown = (await feed(user)).notifications[0].id;
    await notify({ user_ids: [user] }); // arrives while the user clicks "mark all read"
    for (const action_choice of ["MARK_ALL_AS_READ", "MARK_ALL_AS_SEEN"]) {
      expect((await act(user, { action_choice, before: shown })).json.changed).toBe(
        action_choice === "MARK_ALL_AS_READ" ? 2 : 0,
      );
    }
    expect(await feed(user)).toMatchObject(counts(3, 2, 1));
    expect((await act(user, { action_choice: "ARCHIVE_ALL", before: String(shown) })).json).toEqual({
      ...counts(1, 0, 1),
      changed: 2,
    });
  });

  it("bad action bodies are 400s naming the field", async () => {
    const user = uniqueUserId();
    for (const [body, field] of [
      [{ action_choice: "MARK_ALL_AS_READ", before: "abc" }, "before"],
      [{ action_choice: "MARK_ALL_AS_READ", before: -1 }, "before"],
      [{ action_choice: "MARK_AS_READ", notification_uids: [crypto.randomUUID()], before: 5 }, "before"],
      [{ action_choice: "ARCHIVE" }, "notification_uids"],
      [{ action_choice: "MARK_AS_READ", notification_uids: [crypto.randomUUID()], action_id: "x" }, "action_id"],
      [{ action_choice: "UNARCHIVE", group_keys: [""] }, "group_keys"],
      [{ action_choice: "SNOOZE" }, "action_choice"],
    ] as const) {
      const response = await act(user, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(response.json), JSON.stringify(body)).toEqual([field]);
    }
  });
});

describe("categories, tags and counts", () => {
  it("filters by category and tag; counts per category from one call", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user], category: "comments", tags: ["blog"] });
    await notify({ user_ids: [user], category: "comments" });
    const [billing] = await notify({ user_ids: [user], category: "billing", tags: ["blog", "money"] });
    await act(user, { action_choice: "MARK_AS_READ", notification_uids: [billing] });
    expect((await feed(user, "?category=comments")).notifications).toHaveLength(2);
    expect((await feed(user, "?category=nothing-here")).notifications).toHaveLength(0);
    expect((await feed(user, "?tags=blog")).notifications).toHaveLength(2);
    expect((await feed(user, "?tags=money")).notifications.map((n: { uid: string }) => n.uid)).toEqual([billing]);
    expect((await feed(user, "?category=comments&tags=blog")).notifications).toHaveLength(1);
    expect(await allCounts(user)).toEqual({
      ...counts(3, 1, 2),
      archived_notifications: 0,
      categories: {
        billing: { total: 1, unread: 0, unseen: 0 },
        comments: { total: 2, unread: 2, unseen: 2 },
      },
    });
  });

  it("bad filters are 400s naming the parameter", async () => {
    const user = uniqueUserId();
    for (const [query, field] of [
      ["?category=a%20b", "category"],
      ["?tags=%F0%9F%98%80", "tags"],
      ["?archived=maybe", "archived"],
      ["?grouped=yes", "grouped"],
    ]) {
      const response = await userCall(user, `${FEED}${query}`);
      expect(response.status, query).toBe(400);
      expect(Object.keys(response.json), query).toEqual([field]);
    }
  });
});

describe("over RPC and the socket", () => {
  it("RPC creates take the inbox fields; every state change reaches the socket as one counts frame", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const created = await env.NOTIFY.createNotifications({
      message: "via rpc",
      model: "Blog",
      instance: { id: 1 },
      user_ids: [user],
      category: "rpc",
      tags: ["t"],
      group_key: "g",
    });
    expect(created).toMatchObject({ created: 1, skipped: 0 });
    expect(await socket.next(1)).toEqual(counts(1, 0, 1));
    const uid = "uids" in created ? created.uids[0] : "";
    for (const [body, expected] of [
      [{ action_choice: "MARK_ALL_AS_SEEN" }, counts(1, 0, 0)],
      [{ action_choice: "MARK_AS_READ", notification_uids: [uid] }, counts(1, 1, 0)],
      [{ action_choice: "ARCHIVE", group_keys: ["g"] }, counts(0, 0, 0)],
      [{ action_choice: "UNARCHIVE", notification_uids: [uid] }, counts(1, 1, 0)],
    ] as const) {
      const before = socket.frames.length;
      expect((await act(user, body)).status).toBe(200);
      expect(await socket.next(before)).toEqual(expected);
    }
    expect((await feed(user, "?category=rpc&tags=t")).notifications[0]).toMatchObject({
      category: "rpc",
      group_key: "g",
    });
    socket.close();
  });
});
