import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, counts, feed, service, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";

type Entry = {
  group_key: string | null;
  notification: { id: number; uid: string; is_read: boolean; created_by: { id: number } | null };
  count: number;
  unread: number;
  actors: { id: number; first_name: string }[];
  actors_count: number;
};

/** One notification for `user`, returning its uid. */
async function post(user: number, fields: { group_key?: string; created_by?: number; category?: string } = {}) {
  const response = await service("/api/v1/notifications", {
    method: "POST",
    body: { message: "Hello", model: "Blog", instance: { id: 1 }, user_ids: [user], ...fields },
  });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json.uids[0] as string;
}

async function named(firstName: string) {
  const id = uniqueUserId();
  const response = await service(`/api/v1/users/${id}`, { method: "PUT", body: { first_name: firstName } });
  expect(response.status, JSON.stringify(response.json)).toBeLessThan(300);
  return id;
}

const grouped = async (user: number, query = ""): Promise<Entry[]> =>
  (await feed(user, `?grouped=true${query}`)).groups;
const act = (user: number, body: unknown) => userCall(user, FEED, { method: "PATCH", body });

describe("GET /api/v1/me/notifications?grouped=true", () => {
  it('one entry per group with its distinct actors: "Ada and 4 others"', async () => {
    const user = uniqueUserId();
    const [ada, bob, cy, di, ed] = [
      await named("Ada"),
      await named("Bob"),
      await named("Cy"),
      await named("Di"),
      await named("Ed"),
    ];
    for (const creator of [ed, di, cy, bob, ed, ada])
      await post(user, { group_key: "comment:blog:42", created_by: creator });
    const body = await feed(user, "?grouped=true");
    expect(body).toMatchObject({ ...counts(6, 0), has_more: false, next_page: null, next_cursor: null });
    expect(body.notifications).toBeUndefined();
    const [group, ...rest] = body.groups as Entry[];
    expect(rest).toEqual([]);
    const newest = (await feed(user)).notifications[0];
    expect(group).toMatchObject({ group_key: "comment:blog:42", count: 6, unread: 6, actors_count: 5 });
    expect(group?.notification).toEqual(newest);
    // Most recent first, each creator once (Ed posted twice: he ranks by his newest).
    expect(group?.actors.map((a) => a.first_name)).toEqual(["Ada", "Ed", "Bob"]);
    expect(group?.actors.map((a) => a.id)).toEqual([ada, ed, bob]);
  });

  it("counts and unread per group; the counts still count notifications", async () => {
    const user = uniqueUserId();
    const a1 = await post(user, { group_key: "a" });
    await post(user, { group_key: "b" });
    await post(user, { group_key: "a" });
    await post(user, { group_key: "b" });
    await post(user, { group_key: "a" });
    await act(user, { action_choice: "MARK_AS_READ", notification_uids: [a1] });
    const body = await feed(user, "?grouped=true");
    expect(body).toMatchObject(counts(5, 1));
    expect(body.groups.map((g: Entry) => [g.group_key, g.count, g.unread])).toEqual([
      ["a", 3, 2],
      ["b", 2, 2],
    ]);
  });

  it("a notification without group_key is an entry of its own, in newest-first order", async () => {
    const user = uniqueUserId();
    const creator = await named("Ada");
    const lone1 = await post(user, { created_by: creator });
    await post(user, { group_key: "x" });
    const lone2 = await post(user);
    await post(user, { group_key: "x" });
    const groups = await grouped(user);
    expect(groups.map((g) => [g.group_key, g.count])).toEqual([
      ["x", 2],
      [null, 1],
      [null, 1],
    ]);
    expect(groups.slice(1).map((g) => g.notification.uid)).toEqual([lone2, lone1]);
    expect(groups[1]).toMatchObject({ unread: 1, actors: [], actors_count: 0 });
    expect(groups[2]).toMatchObject({ actors: [{ id: creator, first_name: "Ada" }], actors_count: 1 });
  });

  it("pages by cursor over groups without duplicates or gaps", async () => {
    const user = uniqueUserId();
    // Groups interleaved so a group's older rows lie between other groups' heads.
    const keys = ["g1", "g2", undefined, "g3", "g1", "g4", undefined, "g2", "g5", "g3", "g6", "g1", undefined];
    for (const key of keys) await post(user, key === undefined ? {} : { group_key: key });
    const all = await grouped(user, "&page_size=100");
    expect(all.map((g) => g.group_key)).toEqual([null, "g1", "g6", "g3", "g5", "g2", null, "g4", null]);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const body = await feed(user, `?grouped=true&page_size=2${cursor === null ? "" : `&cursor=${cursor}`}`);
      seen.push(...body.groups);
      expect(body.has_more).toBe(body.next_cursor !== null);
      cursor = body.next_cursor;
      if (cursor === null) break;
      expect(cursor).toBe(String(body.groups.at(-1).notification.id));
    }
    expect(seen).toEqual(all);
  });

  it("group_keys in MARK_AS_READ and ARCHIVE act on the whole group", async () => {
    const user = uniqueUserId();
    for (const key of ["r", "keep", "r", "r", "keep"]) await post(user, { group_key: key });
    const read = await act(user, { action_choice: "MARK_AS_READ", group_keys: ["r"] });
    expect(read.json).toEqual({ ...counts(5, 3), changed: 3 });
    expect((await grouped(user)).map((g) => [g.group_key, g.unread])).toEqual([
      ["keep", 2],
      ["r", 0],
    ]);
    const archived = await act(user, { action_choice: "ARCHIVE", group_keys: ["r"] });
    expect(archived.json).toEqual({ ...counts(2, 0), changed: 3 });
    expect((await grouped(user)).map((g) => [g.group_key, g.count])).toEqual([["keep", 2]]);
    expect((await grouped(user, "&archived=only")).map((g) => [g.group_key, g.count, g.unread])).toEqual([["r", 3, 0]]);
    expect((await grouped(user, "&archived=include")).map((g) => [g.group_key, g.count])).toEqual([
      ["keep", 2],
      ["r", 3],
    ]);
  });

  it("with filters, a group is listed when its newest notification matches; its counts are of the matching rows", async () => {
    const user = uniqueUserId();
    await post(user, { group_key: "m", category: "mentions" });
    await post(user, { group_key: "m", category: "mentions" });
    const newestRead = await post(user, { group_key: "m", category: "mentions" });
    await post(user, { group_key: "c", category: "comments" });
    await act(user, { action_choice: "MARK_AS_READ", notification_uids: [newestRead] });
    // "m" is headed by a read notification: it is not an unread group.
    const unread = await grouped(user, "&is_read=false");
    expect(unread.map((g) => [g.group_key, g.count, g.unread])).toEqual([["c", 1, 1]]);
    const read = await grouped(user, "&is_read=true");
    expect(read.map((g) => [g.group_key, g.count, g.unread])).toEqual([["m", 1, 0]]);
    const mentions = await grouped(user, "&category=mentions");
    expect(mentions.map((g) => [g.group_key, g.count, g.unread])).toEqual([["m", 3, 2]]);
    expect(mentions[0]?.notification.uid).toBe(newestRead);
  });

  it("a page looks at a bounded window of rows: one huge group costs the same as many small ones", {
    timeout: 60_000,
  }, async () => {
    const user = uniqueUserId();
    // 2,500 rows in one group, then one other group on top: the second page must be found past
    // the huge group's rows by following next_cursor, never by scanning them all in one request.
    const ids = Array.from({ length: 2_500 }, () => user);
    for (let i = 0; i < 3; i++) {
      const response = await service("/api/v1/notifications", {
        method: "POST",
        body: { message: "old", model: "Blog", instance: { id: 1 }, user_ids: [user], group_key: "older" },
      });
      expect(response.status).toBe(201);
    }
    await env.DB.prepare(
      `INSERT INTO notifications (id, uid, user_id, notification, model, status, created_at, updated_at, category, group_key)
       WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < ?)
       SELECT (SELECT max(id) FROM notifications) + 1 + x, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), ?, '{"message":"huge","model":"Blog","instance":{},"method":"POST","changed_data":{}}',
         'Blog', 'ACTIVE', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', 'Blog', 'huge' FROM s`,
    )
      .bind(ids.length - 1, String(user))
      .run();
    await post(user, { group_key: "top" });
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 5; page++) {
      const response = await userCall(user, `${FEED}?grouped=true&page_size=2${cursor}`);
      expect(response.status).toBe(200);
      seen.push(...response.json.groups.map((g: { group_key: string }) => g.group_key));
      if (!response.json.has_more) break;
      cursor = `&cursor=${response.json.next_cursor}`;
    }
    expect(seen).toEqual(["top", "huge", "older"]);
  });

  it("bad input is a 400 naming the parameter; no token is a 401", async () => {
    const user = uniqueUserId();
    await post(user, { group_key: "a" });
    const bad = await userCall(user, `${FEED}?grouped=yes`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ grouped: ['Expected "true" or "false".'] });
    const paged = await userCall(user, `${FEED}?grouped=true&page=2`);
    expect(paged.status).toBe(400);
    expect(paged.json).toEqual({ page: ["The grouped feed pages by cursor: pass next_cursor as cursor."] });
    const cursor = await userCall(user, `${FEED}?grouped=true&cursor=abc`);
    expect(cursor.status).toBe(400);
    expect(Object.keys(cursor.json)).toEqual(["cursor"]);
    expect((await call(`${FEED}?grouped=true`)).status).toBe(401);
  });

  it("grouped=false (or absent) answers the original feed", async () => {
    const user = uniqueUserId();
    await post(user, { group_key: "a" });
    await post(user, { group_key: "a" });
    const body = await feed(user, "?grouped=false");
    expect(body.groups).toBeUndefined();
    expect(body.notifications).toHaveLength(2);
  });

  it("another user's rows with the same group_key stay out of the entry", async () => {
    const [me, other] = [uniqueUserId(), uniqueUserId()];
    await post(me, { group_key: "shared" });
    await post(other, { group_key: "shared" });
    await post(other, { group_key: "shared" });
    expect((await grouped(me)).map((g) => [g.group_key, g.count])).toEqual([["shared", 1]]);
    expect((await act(me, { action_choice: "ARCHIVE", group_keys: ["shared"] })).json.changed).toBe(1);
    expect((await grouped(other)).map((g) => [g.group_key, g.count])).toEqual([["shared", 2]]);
  });
});
