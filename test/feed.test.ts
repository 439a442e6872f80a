import { describe, expect, it } from "vitest";
import { call, counts, feed, ITEM_KEYS, notify, service, tokenFor, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

async function userWith(n: number, input: Partial<Parameters<typeof notify>[0]> = {}) {
  const user = uniqueUserId();
  for (let i = 0; i < n; i++) await notify({ message: `m${i}`, user_ids: [user], ...input });
  return user;
}

describe("GET /api/v1/me/notifications", () => {
  it("answers the seed's shape: counts, then items with exactly the seed's fields", async () => {
    const creator = uniqueUserId();
    await service(`/api/v1/users/${creator}`, {
      method: "PUT",
      body: { first_name: "Admin", last_name: "user", email: "admin@example.com" },
    });
    const user = await userWith(1, { created_by: creator, custom_info: { link: "/blog/1" } });
    const body = await feed(user);
    expect(Object.keys(body).slice(0, 4)).toEqual([
      "total_notifications",
      "read_notifications",
      "unread_notifications",
      "notifications",
    ]);
    expect(body).toMatchObject(counts(1, 0));
    const [item] = body.notifications;
    expect(Object.keys(item).slice(0, ITEM_KEYS.length)).toEqual(ITEM_KEYS);
    expect(item.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(item.user).toEqual({ id: user, first_name: "", last_name: "", email: "" });
    expect(item.created_by).toEqual({
      id: creator,
      first_name: "Admin",
      last_name: "user",
      email: "admin@example.com",
    });
    expect(item.notification).toEqual({
      message: "m0",
      model: "Blog",
      instance: { id: 1 },
      method: "UNDEFINED",
      changed_data: {},
    });
    expect(item.custom_info).toEqual({ link: "/blog/1" });
    expect(item.status).toBe("ACTIVE");
    expect(item.is_read).toBe(false);
    expect(item.created_at).toMatch(TIMESTAMP);
    expect(item.updated_at).toMatch(TIMESTAMP);
  });

  it("renders opaque user ids as strings and created_by null when there is none", async () => {
    const user = `google-oauth2|${uniqueUserId()}`;
    await notify({ user_ids: [user] });
    const body = await feed(user);
    expect(body.notifications[0].user.id).toBe(user);
    expect(body.notifications[0].created_by).toBeNull();
  });

  it("is newest first, with the trailing slash too", async () => {
    const user = await userWith(3);
    const body = await feed(user);
    expect(body.notifications.map((n: any) => n.notification.message)).toEqual(["m2", "m1", "m0"]);
    const slash = await userCall(user, `${FEED}/`);
    expect(slash.status).toBe(200);
    expect(slash.json.notifications).toEqual(body.notifications);
  });

  it("a registered-nowhere user sees an empty feed", async () => {
    expect(await feed(uniqueUserId())).toMatchObject({ ...counts(0, 0), notifications: [], has_more: false });
  });

  it("paginates: page, page_size, next_page, has_more, out-of-range pages", async () => {
    const user = await userWith(5);
    const first = await feed(user, "?page_size=2");
    expect(first.notifications.map((n: any) => n.notification.message)).toEqual(["m4", "m3"]);
    expect(first).toMatchObject({ has_more: true, next_page: 2, ...counts(5, 0) });
    const third = await feed(user, "?page_size=2&page=3");
    expect(third.notifications.map((n: any) => n.notification.message)).toEqual(["m0"]);
    expect(third).toMatchObject({ has_more: false, next_page: null, next_cursor: null });
    expect((await feed(user, "?page_size=2&page=last")).notifications).toEqual(third.notifications);
    for (const page of ["4", "0", "-1", "abc", "1.5"]) {
      const response = await userCall(user, `${FEED}?page_size=2&page=${page}`);
      expect(response.status, page).toBe(404);
      expect(response.json).toEqual({ detail: "Invalid page." });
    }
    // page_size 0 or junk falls back to 25, as DRF does.
    expect((await feed(user, "?page_size=0")).notifications).toHaveLength(5);
    expect((await feed(user, "?page_size=x")).notifications).toHaveLength(5);
  });

  it("caps page_size at 100", async () => {
    const user = uniqueUserId();
    await Promise.all(Array.from({ length: 101 }, () => notify({ user_ids: [user] })));
    const body = await feed(user, "?page_size=500");
    expect(body.notifications).toHaveLength(100);
    expect(body).toMatchObject({ has_more: true, next_page: 2, total_notifications: 101 });
  });

  it("walks the same rows by cursor as by page", async () => {
    const user = await userWith(7);
    const byPage = [];
    for (let page = 1; page <= 3; page++) byPage.push(...(await feed(user, `?page_size=3&page=${page}`)).notifications);
    const byCursor = [];
    let query = "?page_size=3";
    for (;;) {
      const body = await feed(user, query);
      byCursor.push(...body.notifications);
      if (!body.next_cursor) break;
      query = `?page_size=3&cursor=${body.next_cursor}`;
    }
    expect(byCursor.map((n: any) => n.uid)).toEqual(byPage.map((n: any) => n.uid));
    const bad = await userCall(user, `${FEED}?cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ cursor: ["Invalid cursor: use next_cursor from a previous page."] });
  });

  it("filters by is_read (any case) while the counts ignore the filter", async () => {
    const user = await userWith(3);
    const [newest] = (await feed(user)).notifications;
    await userCall(user, `${FEED}/${newest.uid}`);
    const read = await feed(user, "?is_read=TRUE");
    expect(read.notifications.map((n: any) => n.uid)).toEqual([newest.uid]);
    expect(read).toMatchObject(counts(3, 1));
    const unread = await feed(user, "?is_read=false");
    expect(unread.notifications).toHaveLength(2);
    expect(unread).toMatchObject(counts(3, 1));
    expect((await feed(user, "?is_read=yes")).notifications).toHaveLength(3);
    // Page bounds follow the filtered list.
    expect((await userCall(user, `${FEED}?is_read=true&page_size=1&page=2`)).status).toBe(404);
  });

  it("400 for a user whose notifications are disabled", async () => {
    const user = await userWith(1);
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { notifications_enabled: false } });
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { action_choice: "MARK_ALL_AS_READ" }],
    ] as const) {
      const response = await userCall(user, FEED, { method, body });
      expect(response.status).toBe(400);
      expect(response.json).toEqual({ detail: "Notifications are not enabled for the current user." });
    }
  });
});

describe("request errors are JSON 4xx", () => {
  it("405 in DRF's words for a method the route does not serve", async () => {
    const response = await userCall(1, FEED, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.json).toEqual({ detail: 'Method "DELETE" not allowed.' });
  });

  it("404 JSON for unknown routes", async () => {
    const response = await call("/api/v1/nope");
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ detail: "Not found." });
  });

  it("400 for malformed JSON, 415 for other content types, 413 for oversized bodies", async () => {
    const token = await tokenFor(1);
    const malformed = await call(FEED, { method: "PATCH", token, body: '{"action_choice": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.detail).toMatch(/^JSON parse error - /);
    const text = await call(FEED, {
      method: "PATCH",
      token,
      body: "action_choice=MARK_ALL_AS_READ",
      headers: { "Content-Type": "text/plain" },
    });
    expect(text.status).toBe(415);
    expect(text.json).toEqual({ detail: 'Unsupported media type "text/plain" in request. Send application/json.' });
    const huge = await call(FEED, {
      method: "PATCH",
      token,
      body: { action_choice: "UNDEFINED", pad: "x".repeat(300_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.detail).toMatch(/larger than \d+ bytes/);
    const list = await call(FEED, { method: "PATCH", token, body: [1, 2] });
    expect(list.status).toBe(400);
    expect(list.json).toEqual({ non_field_errors: ["Invalid data. Expected a dictionary, but got list."] });
  });
});
