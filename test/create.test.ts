import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Notifier } from "../src/notifications/notifier";
import { counts, feed, notify, service, socketFor, uniqueUserId } from "./helpers";

const CREATE = "/api/v1/notifications";
const valid = () => ({ message: "Hi", model: "Blog", instance: { id: 1 }, user_ids: [uniqueUserId()] });
const create = (body: unknown) => service(CREATE, { method: "POST", body });

describe("POST /api/v1/notifications", () => {
  it("201 with how many were created and their uids, one per distinct recipient", async () => {
    const a = uniqueUserId();
    const b = `team:${uniqueUserId()}`;
    const response = await create({ ...valid(), user_ids: [a, b, a, String(a)] });
    expect(response.status).toBe(201);
    expect(response.json.created).toBe(2);
    expect(response.json.uids).toHaveLength(2);
    expect((await feed(a)).notifications[0].uid).toBe(response.json.uids[0]);
    expect((await feed(b)).notifications[0].uid).toBe(response.json.uids[1]);
  });

  it("registers unknown recipients and creators bare", async () => {
    const user = uniqueUserId();
    const creator = uniqueUserId();
    await notify({ user_ids: [user], created_by: creator });
    for (const id of [user, creator]) {
      const response = await service(`/api/v1/users/${id}`);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        id,
        first_name: "",
        email: "",
        is_active: true,
        notifications_enabled: true,
      });
    }
  });

  it("upper-cases the method and defaults it to UNDEFINED", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user], method: "post" });
    await notify({ user_ids: [user] });
    const [second, first] = (await feed(user)).notifications;
    expect(first.notification.method).toBe("POST");
    expect(second.notification.method).toBe("UNDEFINED");
  });

  it("computes changed_data for PATCH/PUT from previous, nested objects key by key", async () => {
    const user = uniqueUserId();
    await create({
      ...valid(),
      user_ids: [user],
      method: "PATCH",
      previous: { id: 1, first_name: "Alice", tags: ["a"], meta: { theme: "dark", lang: "en" }, gone: 1 },
      instance: { id: 1, first_name: "Alicia", tags: ["a", "b"], meta: { theme: "light", lang: "en" } },
    });
    const [item] = (await feed(user)).notifications;
    expect(item.notification.changed_data).toEqual({
      first_name: { original: "Alice", new: "Alicia" },
      tags: { original: ["a"], new: ["a", "b"] },
      meta: { theme: { original: "dark", new: "light" } },
      gone: { original: 1, new: null },
    });
  });

  it("keeps changed_data empty for other methods, and takes an explicit one as given", async () => {
    const user = uniqueUserId();
    await create({ ...valid(), user_ids: [user], method: "POST", previous: { id: 2 } });
    await create({ ...valid(), user_ids: [user], method: "PUT", changed_data: { x: { original: 1, new: 2 } } });
    const [explicit, post] = (await feed(user)).notifications;
    expect(post.notification.changed_data).toEqual({});
    expect(explicit.notification.changed_data).toEqual({ x: { original: 1, new: 2 } });
  });

  it("400 naming every missing or invalid field", async () => {
    const missing = await create({});
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      message: ["This field is required."],
      model: ["This field is required."],
      instance: ["This field is required."],
      user_ids: ["This field is required."],
    });
    const cases: [object, object][] = [
      [{ message: "" }, { message: ["This field may not be blank."] }],
      [{ instance: {} }, { instance: ["This field may not be empty."] }],
      [{ instance: [1] }, { instance: ['Expected an object but got type "list".'] }],
      [{ user_ids: [] }, { user_ids: ["This list may not be empty."] }],
      [{ user_ids: [1, {}] }, { user_ids: { "1": ["A valid user id (integer or string) is required."] } }],
      [
        { user_ids: [""] },
        { user_ids: { "0": ["A user id is an integer or a string of 1 to 255 printable characters."] } },
      ],
      [{ method: "FETCH" }, { method: ['"FETCH" is not a valid choice.'] }],
      [{ previous: "x" }, { previous: ['Expected an object but got type "string".'] }],
    ];
    for (const [patch, expected] of cases) {
      const response = await create({ ...valid(), ...patch });
      expect(response.status, JSON.stringify(patch)).toBe(400);
      expect(response.json).toEqual(expected);
    }
  });

  it("refuses more than 100,000 recipients, both user_ids and audience, and oversized documents", async () => {
    const many = await create({ ...valid(), user_ids: Array.from({ length: 100_001 }, (_, i) => i + 1) });
    expect(many.status).toBe(400);
    expect(many.json).toEqual({ user_ids: ["Ensure this field has no more than 100000 elements."] });
    const both = await create({ ...valid(), audience: "all_active" });
    expect(both.status).toBe(400);
    expect(both.json).toEqual({ audience: ["Give either user_ids or audience, not both."] });
    const audience = await create({ ...valid(), user_ids: undefined, audience: "everyone" });
    expect(audience.json).toEqual({ audience: ['"everyone" is not a valid choice.'] });
    const big = await create({ ...valid(), instance: { blob: "x".repeat(70_000) } });
    expect(big.status).toBe(400);
    expect(big.json.non_field_errors[0]).toMatch(/the limit is 65536/);
  });

  it("400, not a stack overflow, for JSON nested deeper than 32 levels, over HTTP and RPC", async () => {
    const deep = JSON.parse(`${"[".repeat(20_000)}${"]".repeat(20_000)}`);
    const detail = { detail: "JSON is nested deeper than 32 levels." };
    for (const field of ["custom_info", "instance"]) {
      const value = field === "instance" ? { nested: deep } : deep;
      const response = await service(CREATE, { method: "POST", body: { ...valid(), [field]: value } });
      expect(response.status, field).toBe(400);
      expect(response.json).toEqual(detail);
    }
    const notifier = new Notifier(env, () => {});
    await expect(notifier.create({ ...valid(), custom_info: deep })).rejects.toMatchObject({
      status: 400,
      body: detail,
    });
    // Shallow enough passes.
    const ok = await service(CREATE, { method: "POST", body: { ...valid(), custom_info: { a: { b: { c: [1] } } } } });
    expect(ok.status).toBe(201);
  });

  it("never hands out an id twice, even after the newest notification is deleted", async () => {
    const [first, second] = [uniqueUserId(), uniqueUserId()];
    await notify({ user_ids: [first] });
    const gone = (await feed(first)).notifications[0];
    // The retention purge (or a deleted user) hard-deletes rows; this one was the newest.
    await env.DB.prepare("DELETE FROM notifications WHERE uid = ?").bind(gone.uid).run();
    await notify({ user_ids: [second] });
    const next = (await feed(second)).notifications[0];
    expect(next.id).toBeGreaterThan(gone.id);
  });

  it("writes 1,000 recipients in one request", async () => {
    const base = uniqueUserId() * 1000;
    const ids = Array.from({ length: 1000 }, (_, i) => base + i);
    const response = await create({ ...valid(), user_ids: ids });
    expect(response.status).toBe(201);
    expect(response.json.created).toBe(1000);
    expect(await feed(ids[999] as number)).toMatchObject(counts(1, 0));
  });
});

describe("GET /api/v1/notifications?model= (get_model_notifications)", () => {
  it("lists every notification about that exact model, any user, newest first", async () => {
    const model = `BlogPost${uniqueUserId()}`;
    const [a, b] = [uniqueUserId(), uniqueUserId()];
    await notify({ model, user_ids: [a] });
    await notify({ model, user_ids: [b] });
    await notify({ model: model.toLowerCase(), user_ids: [a] });
    const response = await service(`${CREATE}?model=${model}`);
    expect(response.status).toBe(200);
    expect(response.json.count).toBe(2);
    expect(response.json.notifications.map((n: any) => n.user.id)).toEqual([b, a]);
    const paged = await service(`${CREATE}?model=${model}&page_size=1&page=2`);
    expect(paged.json.notifications.map((n: any) => n.user.id)).toEqual([a]);
    expect((await service(`${CREATE}?model=${model}&page=3&page_size=1`)).status).toBe(404);
  });

  it("400 without a model", async () => {
    const response = await service(CREATE);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ model: ["This field is required."] });
  });
});

describe("PUT /api/v1/users/{id}", () => {
  it("creates, then updates only the given fields", async () => {
    const id = uniqueUserId();
    const created = await service(`/api/v1/users/${id}`, {
      method: "PUT",
      body: { first_name: "Ada", last_name: "L", email: "ada@example.com" },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      id,
      first_name: "Ada",
      email: "ada@example.com",
      notifications_enabled: true,
    });
    const updated = await service(`/api/v1/users/${id}`, { method: "PUT", body: { notifications_enabled: false } });
    expect(updated.json).toMatchObject({ first_name: "Ada", notifications_enabled: false });
  });

  it("400 for bad fields and unknown ones", async () => {
    const id = uniqueUserId();
    const bad = await service(`/api/v1/users/${id}`, { method: "PUT", body: { email: "nope", is_active: "yes" } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ email: ["Enter a valid email address."], is_active: ["Must be a valid boolean."] });
    const unknown = await service(`/api/v1/users/${id}`, { method: "PUT", body: { notification_enabled: false } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ non_field_errors: ["Unknown field(s): notification_enabled."] });
    expect((await service(`/api/v1/users/${id}`)).status).toBe(404);
  });
});

describe("RPC: the NotificationService entrypoint", () => {
  it("creates notifications for other Workers over a service binding", async () => {
    const user = uniqueUserId();
    const result = await env.NOTIFY.createNotifications({
      message: "via rpc",
      model: "Blog",
      instance: { id: 3 },
      user_ids: [user],
    });
    expect("created" in result && result.created).toBe(1);
    expect((await feed(user)).notifications[0].notification.message).toBe("via rpc");
  });

  it("throws the HTTP API's error body as the message, parseable as JSON", async () => {
    const input = { message: "x" } as never;
    const error = await env.NOTIFY.createNotifications(input).catch((e: Error) => e);
    const http = await service("/api/v1/notifications", { method: "POST", body: input });
    expect(http.status).toBe(400);
    expect(JSON.parse((error as Error).message)).toEqual(http.json);
    const missing = await env.NOTIFY.job("no-such-job").catch((e: Error) => e);
    expect(JSON.parse((missing as Error).message)).toEqual({ detail: "Job not found" });
  });

  it("is the same typed API inside the worker", async () => {
    const { Notifier } = await import("../src/notifications/notifier");
    const waits: Promise<unknown>[] = [];
    const notifier = new Notifier(env, (p) => waits.push(p));
    const [listening, quiet] = [uniqueUserId(), uniqueUserId()];
    const socket = await socketFor(listening);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const outcome = await notifier.create({
      message: "typed",
      model: "Blog",
      instance: { id: 1 },
      user_ids: [listening, quiet],
    });
    expect(outcome.status).toBe(201);
    await Promise.all(waits);
    // Only the hub that holds a socket is woken.
    expect(waits).toHaveLength(1);
    expect(await socket.next(1)).toEqual(counts(1, 0));
    expect(await feed(quiet)).toMatchObject(counts(1, 0));
    socket.close();
  });
});
