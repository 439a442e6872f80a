/** Preferences per category: the user's choices, the service's defaults and critical categories, and the creates that obey them. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, counts, feed, service, socketFor, tokenFor, uniqueUserId, userCall } from "./helpers";

const MINE = "/api/v1/me/preferences";
const DEFAULTS = "/api/v1/preferences/defaults";
const CREATE = "/api/v1/notifications";

/** A category no other test uses (category settings are global, and storage is shared per file). */
const category = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}`;

const choose = (user: number, categories: Record<string, boolean | null>, method = "PUT") =>
  userCall(user, MINE, { method, body: { categories } });
const setDefaults = (categories: Record<string, object | null>) =>
  service(DEFAULTS, { method: "PUT", body: { categories } });

async function preferencesOf(user: number) {
  const response = await userCall(user, MINE);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json.categories;
}

async function create(userIds: number[], cat: string, message = "Hello") {
  return service(CREATE, {
    method: "POST",
    body: { message, model: "Blog", instance: { id: 1 }, category: cat, user_ids: userIds },
  });
}

describe("a user's choices", () => {
  it("GET lists the categories of the user's notifications, on by default; PUT/PATCH change only those named", async () => {
    const user = uniqueUserId();
    const [comments, digest, mentions] = [category("comments"), category("digest"), category("mentions")];
    expect((await create([user], comments)).status).toBe(201);
    expect((await preferencesOf(user))[comments]).toEqual({ enabled: true, critical: false, default: true });

    const put = await choose(user, { [digest]: false, [mentions]: true });
    expect(put.status).toBe(200);
    expect(put.json.categories).toMatchObject({
      [comments]: { enabled: true, critical: false, default: true },
      [digest]: { enabled: false, critical: false, default: true },
      [mentions]: { enabled: true, critical: false, default: true },
    });
    const patch = await choose(user, { [comments]: false, [mentions]: null }, "PATCH");
    expect(patch.json.categories[comments]).toEqual({ enabled: false, critical: false, default: true });
    expect(patch.json.categories[digest].enabled).toBe(false);
    // Dropped, and neither a notification nor a setting names it any more.
    expect(patch.json.categories[mentions]).toBeUndefined();
    expect(await preferencesOf(user)).toEqual(patch.json.categories);
  });

  it("one user's choices are theirs alone", async () => {
    const [ada, bob] = [uniqueUserId(), uniqueUserId()];
    const quiet = category("quiet");
    await choose(ada, { [quiet]: false });
    expect((await preferencesOf(bob))[quiet]).toBeUndefined();
    const created = await create([ada, bob], quiet);
    expect(created.json).toMatchObject({ created: 1, skipped: 1 });
    expect((await feed(bob)).notifications).toHaveLength(1);
  });

  it("a create skips a user who turned its category off: no row, counts unchanged, skipped counted", async () => {
    const [muted, listening] = [uniqueUserId(), uniqueUserId()];
    const promo = category("promo");
    await create([muted], category("other"));
    expect((await choose(muted, { [promo]: false })).status).toBe(200);
    const before = await feed(muted);

    const created = await create([muted, listening], promo);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ created: 1, skipped: 1 });
    expect(created.json.uids).toHaveLength(1);
    const after = await feed(muted);
    expect(after).toMatchObject(counts(1, 0));
    expect(after).toEqual(before);
    expect((await feed(listening)).notifications[0].category).toBe(promo);

    // Turned back on: the next create reaches them.
    await choose(muted, { [promo]: true });
    expect((await create([muted], promo)).json).toMatchObject({ created: 1, skipped: 0 });
    expect(await feed(muted)).toMatchObject(counts(2, 0));
  });
});

describe("the service's defaults", () => {
  it("PUT and GET with the service key; fields not given keep their value; null drops the setting", async () => {
    const [security, digest] = [category("security"), category("digest")];
    const put = await setDefaults({ [security]: { critical: true }, [digest]: { enabled_by_default: false } });
    expect(put.status).toBe(200);
    expect(put.json.categories[security]).toMatchObject({ enabled_by_default: true, critical: true });
    expect(put.json.categories[digest]).toMatchObject({ enabled_by_default: false, critical: false });

    const merged = await setDefaults({ [digest]: { critical: true } });
    expect(merged.json.categories[digest]).toMatchObject({ enabled_by_default: false, critical: true });
    const read = await service(DEFAULTS);
    expect(read.status).toBe(200);
    expect(read.json.categories[digest]).toEqual(merged.json.categories[digest]);

    const dropped = await setDefaults({ [digest]: null });
    expect(dropped.json.categories[digest]).toBeUndefined();
    expect(dropped.json.categories[security]).toMatchObject({ critical: true });
  });

  it("a category off by default skips users who did not choose, and reaches those who turned it on", async () => {
    const [unset, opted] = [uniqueUserId(), uniqueUserId()];
    const digest = category("digest");
    await setDefaults({ [digest]: { enabled_by_default: false } });
    await choose(opted, { [digest]: true });
    expect((await preferencesOf(unset))[digest]).toEqual({ enabled: false, critical: false, default: false });
    expect((await preferencesOf(opted))[digest]).toEqual({ enabled: true, critical: false, default: false });

    expect((await create([unset, opted], digest)).json).toMatchObject({ created: 1, skipped: 1 });
    expect(await feed(unset)).toMatchObject(counts(0, 0));
    expect(await feed(opted)).toMatchObject(counts(1, 0));
  });

  it("a critical category reaches users who turned it off before it became critical, and cannot be turned off", async () => {
    const user = uniqueUserId();
    const security = category("security");
    await choose(user, { [security]: false });
    expect((await create([user], security)).json).toMatchObject({ created: 0, skipped: 1 });

    await setDefaults({ [security]: { critical: true } });
    expect((await create([user], security, "New sign-in")).json).toMatchObject({ created: 1, skipped: 0 });
    expect((await feed(user)).notifications[0].notification.message).toBe("New sign-in");
    expect((await preferencesOf(user))[security]).toEqual({ enabled: true, critical: true, default: true });

    const refused = await choose(user, { [security]: false, [category("fine")]: false });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      categories: { [security]: [`"${security}" is critical: it cannot be turned off.`] },
    });
    // Nothing of the refused call was written.
    expect(Object.keys(await preferencesOf(user)).some((name) => name.startsWith("fine-"))).toBe(false);
    expect((await choose(user, { [security]: true })).status).toBe(200);
  });
});

describe("the queued fan-out obeys preferences", () => {
  async function jobDone(id: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const state = (await service(`${CREATE}/jobs/${id}`)).json;
      if (state.status === "done" || state.status === "failed") return state;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${state.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("more than 1,000 recipients: those who turned the category off get no row", { timeout: 30_000 }, async () => {
    const base = uniqueUserId() * 10_000;
    const ids = Array.from({ length: 1500 }, (_, i) => base + i);
    const [early, late, unset] = [ids[3], ids[1400], ids[1499]] as [number, number, number];
    const release = category("release");
    const off = category("off");
    await setDefaults({ [off]: { enabled_by_default: false } });
    await choose(early, { [release]: false });
    await choose(late, { [release]: false });
    const response = await create(ids, release, "Big news");
    expect(response.status).toBe(202);
    const job = await jobDone(response.json.job_id);
    expect(job.status).toBe("done");
    // What was written: the two who turned the category off are not counted.
    expect(job.rows_written).toBe(1498);
    expect(await feed(early)).toMatchObject(counts(0, 0));
    expect(await feed(late)).toMatchObject(counts(0, 0));
    expect((await feed(unset)).notifications[0].notification.message).toBe("Big news");
    expect(await feed(ids[0] as number)).toMatchObject(counts(1, 0));

    // A default that is off: the whole fan-out is skipped but for those who opted in.
    await choose(late, { [off]: true });
    const quiet = await create(ids, off, "Quiet");
    const quietJob = await jobDone(quiet.json.job_id);
    expect(quietJob.status).toBe("done");
    expect(quietJob.rows_written).toBe(1);
    expect((await feed(late)).notifications.map((n: any) => n.notification.message)).toEqual(["Quiet"]);
    expect(await feed(unset)).toMatchObject(counts(1, 0));
  });
});

describe("the original's global switch keeps working", () => {
  it("a user with notifications disabled still gets rows from named creates, cannot read them or listen until enabled again", async () => {
    const user = uniqueUserId();
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { notifications_enabled: false } });
    // As the original's create_notification_for_users, which never reads the switch.
    expect((await create([user], category("news"))).json).toMatchObject({ created: 1, skipped: 0 });
    const refused = await userCall(user, "/api/v1/me/notifications");
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ detail: "Notifications are not enabled for the current user." });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual({ error: "Notifications are not enabled for the current user.", code: 4403 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4403 });
    // Their preferences stay theirs to manage meanwhile.
    expect((await choose(user, { [category("later")]: false })).status).toBe(200);

    await service(`/api/v1/users/${user}`, { method: "PUT", body: { notifications_enabled: true } });
    expect(await feed(user)).toMatchObject(counts(1, 0));
  });
});

describe("bad input is a 400 naming the problem", () => {
  const fine = category("fine");
  const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, true]));
  it.each([
    ["no categories", {}, { categories: ["This field is required."] }],
    [
      "categories not an object",
      { categories: ["a"] },
      { categories: ["Expected an object of true, false or null by category."] },
    ],
    [
      "a bad category name",
      { categories: { "no spaces": false } },
      { categories: { "no spaces": [expect.stringMatching(/^A category is/)] } },
    ],
    [
      "a value not a boolean",
      { categories: { [fine]: "off" } },
      { categories: { [fine]: ["Must be a valid boolean."] } },
    ],
    ["an unknown field", { categories: {}, all: false }, { non_field_errors: ["Unknown field(s): all."] }],
    [
      "more than 100 categories",
      { categories: many },
      { categories: ["Ensure this field has no more than 100 categories."] },
    ],
    ["not an object", [], { non_field_errors: ["Expected a JSON object."] }],
  ])("user: %s", async (_, body, expected) => {
    const response = await userCall(uniqueUserId(), MINE, { method: "PUT", body });
    expect(response.status).toBe(400);
    expect(response.json).toEqual(expected);
  });

  it("user: a __proto__ category is refused, not dropped", async () => {
    const body = '{"categories": {"__proto__": false}}';
    const response = await userCall(uniqueUserId(), MINE, { method: "PUT", body });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ categories: [expect.stringMatching(/^"__proto__": A category is/)] });
  });

  it.each([
    [
      "a setting not an object",
      { categories: { [fine]: true } },
      { categories: { [fine]: ["Expected an object or null."] } },
    ],
    [
      "an unknown setting",
      { categories: { [fine]: { muted: true } } },
      { categories: { [fine]: ["Unknown field(s): muted."] } },
    ],
    [
      "critical not a boolean",
      { categories: { [fine]: { critical: 1 } } },
      { categories: { [`${fine}.critical`]: ["Must be a valid boolean."] } },
    ],
    [
      "a bad category name",
      { categories: { "": {} } },
      { categories: { "": [expect.stringMatching(/^A category is/)] } },
    ],
  ])("service: %s", async (_, body, expected) => {
    const response = await service(DEFAULTS, { method: "PUT", body });
    expect(response.status).toBe(400);
    expect(response.json).toEqual(expected);
  });

  it("a user keeps at most 500 choices; dropping some makes room", async () => {
    const user = uniqueUserId();
    const batch = (n: number) => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`bulk-${n}-${i}`, false]));
    for (let n = 0; n < 5; n += 1) expect((await choose(user, batch(n))).status).toBe(200);
    const over = await choose(user, { extra: true });
    expect(over.status).toBe(400);
    expect(over.json.categories[0]).toMatch(/at most 500 choices/);
    // Changing a choice already kept is no new one.
    expect((await choose(user, { "bulk-0-0": true })).status).toBe(200);
    expect((await choose(user, { "bulk-0-1": null, extra: true })).status).toBe(200);
  });

  it("concurrent calls cannot store more than 500 choices between them", async () => {
    const user = uniqueUserId();
    const batch = (n: number) => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`race-${n}-${i}`, false]));
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, n) => choose(user, batch(n)).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200).length).toBe(5);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM user_preferences WHERE user_id = ?")
      .bind(String(user))
      .first<{ n: number }>();
    expect(stored?.n).toBe(500);
  });
});

describe("auth", () => {
  it("the user routes need a user token: 401 without one, and the service key is not one", async () => {
    for (const method of ["GET", "PUT"]) {
      const body = method === "PUT" ? { categories: {} } : undefined;
      for (const token of [null, env.SERVICE_API_KEY ?? ""]) {
        const response = await call(MINE, { method, token, body });
        expect(response.status, `${method} with ${token === null ? "no token" : "the service key"}`).toBe(401);
      }
    }
  });

  it("the defaults need the service key: a user token is 401", async () => {
    const token = await tokenFor(uniqueUserId());
    for (const method of ["GET", "PUT"]) {
      const body = method === "PUT" ? { categories: { [category("sneaky")]: { critical: true } } } : undefined;
      for (const credential of [null, token]) {
        const response = await call(DEFAULTS, { method, token: credential, body });
        expect(response.status).toBe(401);
      }
    }
    expect(Object.keys((await service(DEFAULTS)).json.categories).some((name) => name.startsWith("sneaky-"))).toBe(
      false,
    );
  });

  it("an inactive user gets 401 user_inactive", async () => {
    const user = uniqueUserId();
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { is_active: false } });
    for (const method of ["GET", "PUT"]) {
      const response = await userCall(user, MINE, { method, body: method === "PUT" ? { categories: {} } : undefined });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ detail: "User is inactive", code: "user_inactive" });
    }
  });
});
