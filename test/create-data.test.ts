/**
 * The create body's free-form JSON (instance, custom_info, previous, changed_data) is stored and
 * shown exactly as sent, whatever its keys: JSON's "__proto__" is an ordinary key, and changed_data
 * is computed from the fields the objects own, never from members they inherit.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { feed, service, uniqueUserId } from "./helpers";

const CREATE = "/api/v1/notifications";

/** Sends raw JSON text: JSON.stringify of a JS literal could not carry an own "__proto__" key. */
const createRaw = (json: string) =>
  service(CREATE, { method: "POST", body: json, headers: { "Content-Type": "application/json" } });

/** The newest notification of the user, as the feed's JSON text (so own "__proto__" keys show). */
async function newest(user: number) {
  const [item] = (await feed(user)).notifications;
  return item;
}

const PROTO_FIELDS = `"instance": {"id": 1, "__proto__": {"a": 1}, "nested": {"__proto__": "x"}},
  "custom_info": {"__proto__": {"b": [1, {"__proto__": null}]}},
  "changed_data": {"__proto__": {"original": 1, "new": 2}}`;

describe("free-form JSON of a create is kept verbatim", () => {
  it('keeps "__proto__" keys in instance, custom_info and changed_data over HTTP', async () => {
    const user = uniqueUserId();
    const response = await createRaw(
      `{"message": "m", "model": "Blog", "user_ids": [${user}], "method": "PATCH", ${PROTO_FIELDS}}`,
    );
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    const item = await newest(user);
    const expected = JSON.parse(`{${PROTO_FIELDS}}`);
    expect(JSON.stringify(item.notification.instance)).toBe(JSON.stringify(expected.instance));
    expect(JSON.stringify(item.custom_info)).toBe(JSON.stringify(expected.custom_info));
    expect(JSON.stringify(item.notification.changed_data)).toBe(JSON.stringify(expected.changed_data));
    expect(Object.keys(item.notification.instance)).toEqual(["id", "__proto__", "nested"]);
  });

  it('computes changed_data over a "__proto__" field of previous and instance', async () => {
    const user = uniqueUserId();
    const response = await createRaw(`{"message": "m", "model": "Blog", "user_ids": [${user}], "method": "PUT",
      "instance": {"id": 1, "__proto__": {"x": 2}}, "previous": {"id": 1, "__proto__": {"x": 1}}}`);
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    const changed = (await newest(user)).notification.changed_data;
    expect(JSON.stringify(changed)).toBe('{"__proto__":{"x":{"original":1,"new":2}}}');
  });

  it('an instance of only "__proto__" is not empty', async () => {
    const user = uniqueUserId();
    const response = await createRaw(
      `{"message": "m", "model": "Blog", "user_ids": [${user}], "instance": {"__proto__": {"id": 1}}}`,
    );
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    expect(JSON.stringify((await newest(user)).notification.instance)).toBe('{"__proto__":{"id":1}}');
  });

  it('keeps "__proto__" keys over RPC too', async () => {
    const user = uniqueUserId();
    const fields = JSON.parse(`{${PROTO_FIELDS}}`);
    const result = await env.NOTIFY.createNotifications({
      message: "rpc",
      model: "Blog",
      user_ids: [user],
      ...fields,
    });
    expect("created" in result && result.created).toBe(1);
    const item = await newest(user);
    expect(JSON.stringify(item.notification.instance)).toBe(JSON.stringify(fields.instance));
    expect(JSON.stringify(item.custom_info)).toBe(JSON.stringify(fields.custom_info));
    expect(JSON.stringify(item.notification.changed_data)).toBe(JSON.stringify(fields.changed_data));
  });

  it("refuses what JSON cannot carry over RPC, naming the field and the place", async () => {
    const input = { message: "rpc", model: "Blog", instance: { id: 1 }, user_ids: [uniqueUserId()] };
    await expect(
      env.NOTIFY.createNotifications({ ...input, custom_info: { a: [1, new Date(0)] } } as never),
    ).rejects.toThrow('{"custom_info":["Expected a JSON value at $.a[1]."]}');
    await expect(env.NOTIFY.createNotifications({ ...input, instance: new Map([["id", 1]]) } as never)).rejects.toThrow(
      '{"instance":["Expected an object but got type \\"Map\\"."]}',
    ); // Nested too: a BigInt failed later as a 500, a Map or a Date was stored as {} or a string.
    for (const [field, value] of [
      ["instance", { id: 1, big: 10n }],
      ["previous", { when: new Date(0) }],
      ["changed_data", { tags: new Set(["a"]) }],
    ] as const) {
      const error = await env.NOTIFY.createNotifications({ ...input, method: "PATCH", [field]: value } as never).catch(
        (e: Error) => e,
      );
      expect(JSON.parse((error as Error).message)).toEqual({
        [field]: [expect.stringMatching(/^Expected a JSON value at \$\./)],
      });
    }
  });
});

describe("changed_data reads only own fields", () => {
  it.each(["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"])(
    "a field %s only in previous becomes {original, new: null}",
    async (field) => {
      const user = uniqueUserId();
      const response = await createRaw(`{"message": "m", "model": "Blog", "user_ids": [${user}], "method": "PATCH",
        "instance": {"id": 1}, "previous": {"id": 1, "${field}": "old"}}`);
      expect(response.status, JSON.stringify(response.json)).toBe(201);
      const changed = (await newest(user)).notification.changed_data;
      expect(JSON.stringify(changed)).toBe(
        JSON.stringify(JSON.parse(`{"${field}": {"original": "old", "new": null}}`)),
      );
    },
  );

  it("a nested key inherited on one side counts as missing", async () => {
    const user = uniqueUserId();
    const response = await createRaw(`{"message": "m", "model": "Blog", "user_ids": [${user}], "method": "PATCH",
      "instance": {"meta": {"theme": "dark"}}, "previous": {"meta": {"theme": "dark", "constructor": 1}}}`);
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    expect((await newest(user)).notification.changed_data).toEqual({
      meta: { constructor: { original: 1, new: null } },
    });
  });

  it('a "__proto__" key on one side and another key on the other are a change', async () => {
    const user = uniqueUserId();
    const response = await createRaw(`{"message": "m", "model": "Blog", "user_ids": [${user}], "method": "PATCH",
      "instance": {"a": [{"y": {}}]}, "previous": {"a": [{"__proto__": {}}]}}`);
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    const changed = (await newest(user)).notification.changed_data;
    expect(JSON.stringify(changed)).toBe('{"a":{"original":[{"__proto__":{}}],"new":[{"y":{}}]}}');
  });
});
