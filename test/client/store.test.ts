/**
 * InboxStore on a fake service: frames applied in version order, optimistic actions and their
 * rollback, reset, resume with `since`. The acceptance runs against the real server
 * (test/e2e/store.test.ts); these pin the rules where a fake makes each case exact.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotificationsClient } from "../../packages/client/src/client";
import { InboxStore } from "../../packages/client/src/store";
import type { InboxGroup } from "../../packages/client/src/store-types";
import type { InboxCounts, NotificationItem } from "../../packages/client/src/types";
import { FakeSocket } from "./fakes";
import { item, user } from "./items";

const counts = (total: number, unread = total): InboxCounts => ({
  total,
  read: total - unread,
  unread,
  unseen: unread,
  archived: 0,
  categories: total ? { Blog: { total, unread, unseen: unread } } : {},
});

let feed: NotificationItem[];
let groups: InboxGroup[];
let bodies: unknown[];
let requests: string[];
let refuse: boolean;
let hold: Promise<void> | null;

async function fakeFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const method = init.method ?? "GET";
  const path = url.replace("http://svc", "");
  requests.push(`${method} ${path}`);
  if (hold) await hold;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  if (path.endsWith("/ws-ticket")) return json(201, { ticket: "t", expires_in: 30 });
  if (path.startsWith("/api/v1/me/notifications/counts")) {
    return json(200, { ...legacy(counts(feed.length)), archived_notifications: 0, categories: {} });
  }
  if (method === "GET" && path.includes("grouped=true")) {
    return json(200, { groups, has_more: false, next_cursor: null, next_page: null, ...legacy(counts(0)) });
  }
  if (method === "GET" && path.startsWith("/api/v1/me/notifications")) {
    return json(200, {
      notifications: feed,
      has_more: false,
      next_cursor: null,
      next_page: null,
      ...legacy(counts(feed.length)),
    });
  }
  if (method === "PATCH") {
    bodies.push(JSON.parse(String(init.body)));
    return refuse
      ? json(400, { notification_uids: ["Bad."] })
      : json(200, { changed: 1, ...legacy(counts(feed.length)) });
  }
  return json(404, { detail: "Not found." });
}
const legacy = (c: InboxCounts) => ({
  total_notifications: c.total,
  read_notifications: c.read,
  unread_notifications: c.unread,
  unseen_notifications: c.unseen,
});

let store: InboxStore;

async function started(view = {}) {
  const client = new NotificationsClient({ baseUrl: "http://svc", getToken: () => "tok", WebSocket: FakeSocket });
  store = new InboxStore(client, { view });
  const start = store.start();
  await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
  FakeSocket.last().open();
  FakeSocket.last().frame({ type: "counts", version: 5, counts: counts(feed.length) });
  await start;
  return store;
}

beforeEach(() => {
  FakeSocket.all = [];
  feed = [item(2), item(1)];
  groups = [];
  bodies = [];
  requests = [];
  refuse = false;
  hold = null;
  vi.stubGlobal("fetch", fakeFetch);
});

afterEach(() => {
  store?.stop();
  vi.unstubAllGlobals();
});

describe("InboxStore", () => {
  it("loads after the first frame, then applies frames in version order and drops old ones", async () => {
    await started();
    expect(FakeSocket.all[0]?.url).toBe("ws://svc/ws/me/notifications?ticket=t&protocol=events.v1");
    const first = store.getState();
    expect(first).toMatchObject({ version: 5, connection: "open", loading: false, hasMore: false });
    expect(first.items.map((i) => i.id)).toEqual([2, 1]);
    expect(store.getState()).toBe(first);

    const created: string[] = [];
    store.onEvent((event) => event.type === "created" && created.push(event.item.uid));
    const socket = FakeSocket.last();
    socket.frame({ type: "notification.created", version: 6, item: item(3), counts: counts(3) });
    socket.frame({ type: "notification.created", version: 6, item: item(4), counts: counts(4) });
    socket.frame({
      type: "notifications.changed",
      version: 7,
      change: "read",
      uids: [item(1).uid],
      at: "2026-02-02T00:00:00.000000Z",
      counts: counts(3, 2),
    });
    const state = store.getState();
    expect(state.items.map((i) => i.id)).toEqual([3, 2, 1]);
    expect(state.items[2]).toMatchObject({
      is_read: true,
      read_at: "2026-02-02T00:00:00.000000Z",
      seen_at: "2026-02-02T00:00:00.000000Z",
    });
    expect(state).toMatchObject({ version: 7, counts: counts(3, 2) });
    expect(created).toEqual([item(3).uid]);
    expect(state.items[1]).toBe(first.items[0]);
  });

  it("resumes with since=<version> after a drop", async () => {
    await started();
    FakeSocket.last().frame({
      type: "notifications.changed",
      version: 6,
      change: "seen",
      all: true,
      at: "x",
      counts: counts(2),
    });
    FakeSocket.last().drop(1006);
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 3000 });
    expect(FakeSocket.last().url).toContain("protocol=events.v1&since=6");
    expect(store.getState().items.every((i) => i.seen_at === "x")).toBe(true);
  });

  it("shows an action at once, and rolls it back with an error when the service refuses", async () => {
    await started();
    refuse = true;
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    const errors: string[] = [];
    store.onEvent((event) => event.type === "error" && errors.push(event.action ?? ""));
    const action = store.archive([item(2).uid]);
    expect(store.getState().items.map((i) => i.id)).toEqual([1]);
    expect(store.getState().counts).toMatchObject({ total: 1, archived: 1 });
    release();
    hold = null;
    await expect(action).rejects.toThrow(/400/);
    expect(store.getState().items.map((i) => i.id)).toEqual([2, 1]);
    expect(store.getState().counts).toMatchObject({ total: 2, archived: 0 });
    expect(store.getState().error?.message).toMatch(/400/);
    expect(errors).toEqual(["archive"]);
  });

  it("keeps a confirmed action through its own frame, with the server's timestamps", async () => {
    await started();
    await store.markAllAsRead();
    expect(requests).toContain("PATCH /api/v1/me/notifications");
    expect(store.getState().items.every((i) => i.is_read)).toBe(true);
    FakeSocket.last().frame({
      type: "notifications.changed",
      version: 6,
      change: "read",
      all: true,
      before: 2,
      at: "2026-03-03T00:00:00.000000Z",
      counts: counts(2, 0),
    });
    const state = store.getState();
    expect(state.items.map((i) => i.read_at)).toEqual(["2026-03-03T00:00:00.000000Z", "2026-03-03T00:00:00.000000Z"]);
    expect(state.counts).toEqual(counts(2, 0));
  });

  it("refetches on reset and takes the following counts whatever their version", async () => {
    await started();
    feed = [item(9)];
    FakeSocket.last().frame({ type: "reset", version: 2, reason: "unknown_version" });
    FakeSocket.last().frame({ type: "counts", version: 2, counts: counts(1) });
    await vi.waitFor(() => expect(store.getState().items.map((i) => i.id)).toEqual([9]));
    expect(store.getState()).toMatchObject({ version: 2, counts: counts(1) });
  });

  it("updates the group entry of a new item in the grouped view", async () => {
    feed = [];
    await started({ grouped: true });
    const ada = { id: 7, first_name: "Ada", last_name: "", email: "" };
    const socket = FakeSocket.last();
    socket.frame({
      type: "notification.created",
      version: 6,
      item: item(1, { group_key: "g", created_by: ada }),
      counts: counts(1),
    });
    socket.frame({
      type: "notification.created",
      version: 7,
      item: item(2, { group_key: "g", created_by: user }),
      counts: counts(2),
    });
    const [entry] = store.getState().entries;
    expect(store.getState().entries).toHaveLength(1);
    expect(entry?.kind === "group" && entry.group).toMatchObject({
      group_key: "g",
      count: 2,
      unread: 2,
      actors_count: 2,
      actors: [user, ada],
    });
    expect(store.getState().items.map((i) => i.id)).toEqual([2]);
  });

  describe("group actions", () => {
    const ada = { id: 7, first_name: "Ada", last_name: "Lovelace", email: "" };
    const group = (key: string, id: number, count: number, unread: number): InboxGroup => ({
      group_key: key,
      notification: item(id, { group_key: key, created_by: ada, is_read: unread === 0 }),
      count,
      unread,
      actors: [ada],
      actors_count: 1,
    });
    // Five notifications: g (3, two unread, the newest read) and h (2, both unread).
    const fiveInTwoGroups = () => {
      groups = [group("g", 5, 3, 2), group("h", 2, 2, 2)];
      feed = [item(5, { group_key: "g", is_read: true }), item(4, { group_key: "g" }), item(3, { group_key: "g" })];
      feed.push(item(2, { group_key: "h" }), item(1, { group_key: "h" }));
    };
    const first = () => {
      const [entry] = store.getState().entries;
      return entry?.kind === "group" ? entry.group : null;
    };

    it("reads a whole group at once, sending group_keys, and keeps it through a frame naming only some uids", async () => {
      fiveInTwoGroups();
      await started({ grouped: true });
      const socket = FakeSocket.last();
      socket.frame({ type: "counts", version: 6, counts: counts(5, 4) });
      const action = store.markGroupsAsRead(["g"]);
      expect(first()).toMatchObject({ group_key: "g", unread: 0, count: 3 });
      expect(store.getState().counts).toMatchObject({ unread: 2, read: 3 });
      await action;
      expect(bodies).toEqual([{ action_choice: "MARK_AS_READ", group_keys: ["g"] }]);
      // The frame names the uids that changed, the newest not among them (it was read already).
      socket.frame({
        type: "notifications.changed",
        version: 7,
        change: "read",
        uids: [item(4).uid, item(3).uid],
        at: "2026-05-05T00:00:00.000000Z",
        counts: counts(5, 2),
      });
      expect(first()).toMatchObject({ unread: 0 });
      // The refetch after the answer shows the server's group; only then is the guess retired.
      groups = [group("g", 5, 3, 0), group("h", 2, 2, 2)];
      await vi.waitFor(() => expect(requests.filter((r) => r.includes("grouped=true")).length).toBeGreaterThan(1));
      await vi.waitFor(() => expect(first()?.unread).toBe(0));
      expect(store.getState().counts).toEqual(counts(5, 2));
    });

    it("archives a whole group out of the grouped view, counting all its members", async () => {
      fiveInTwoGroups();
      await started({ grouped: true });
      FakeSocket.last().frame({ type: "counts", version: 6, counts: counts(5, 4) });
      const action = store.archiveGroups(["g"]);
      expect(store.getState().entries.map((e) => e.kind === "group" && e.group.group_key)).toEqual(["h"]);
      expect(store.getState().counts).toMatchObject({ total: 2, unread: 2, archived: 3 });
      await action;
      expect(bodies).toEqual([{ action_choice: "ARCHIVE", group_keys: ["g"] }]);
      // A frame naming only the newest uid would put the stale group back: the guess holds until the reload.
      FakeSocket.last().frame({
        type: "notifications.changed",
        version: 7,
        change: "archived",
        uids: [item(5).uid],
        at: "x",
        counts: { ...counts(2), archived: 3 },
      });
      expect(store.getState().entries).toHaveLength(1);
    });

    it("marks a whole group unread, and rolls it back when the service refuses", async () => {
      groups = [group("g", 5, 3, 0)];
      await started({ grouped: true });
      refuse = true;
      const action = store.markGroupsAsUnread(["g"]);
      expect(first()).toMatchObject({ unread: 3, notification: { is_read: false } });
      await expect(action).rejects.toThrow(/400/);
      expect(first()).toMatchObject({ unread: 0, notification: { is_read: true } });
      expect(store.getState().error?.message).toMatch(/400/);
    });

    it("acts on the loaded items of the groups in a flat view", async () => {
      feed = [item(3, { group_key: "g" }), item(2), item(1, { group_key: "g" })];
      await started();
      const action = store.archiveGroups(["g"]);
      expect(store.getState().items.map((i) => i.id)).toEqual([2]);
      await action;
      const undo = store.unarchiveGroups(["g"]);
      await undo;
      expect(bodies.at(-1)).toEqual({ action_choice: "UNARCHIVE", group_keys: ["g"] });
    });
  });
});
