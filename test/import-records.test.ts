import { describe, expect, it } from "vitest";
import { djangoTimestamp, parseRecord } from "../src/import/records";

const note = (fields: Record<string, unknown>, pk: unknown = 7) => ({
  model: "notifications.notification",
  pk,
  fields: {
    uid: "0f394bfb067a4e15b37ecac1504208bb",
    created_at: "2024-12-14T07:32:10.269Z",
    updated_at: "2024-12-14T07:35:39.155Z",
    user: 1,
    notification: { message: "m", model: "Blog", instance: { id: 1 }, method: "POST", changed_data: {} },
    is_read: true,
    custom_info: null,
    created_by: 2,
    status: "ACTIVE",
    ...fields,
  },
});

describe("dumpdata records", () => {
  it.each([
    ["2024-12-14T07:32:10.269Z", "2024-12-14T07:32:10.269000Z"],
    ["2024-12-14T07:32:10Z", "2024-12-14T07:32:10.000000Z"],
    ["2024-12-14 07:32:10.269509", "2024-12-14T07:32:10.269509Z"], // naive UTC, as SQLite holds it
    ["2024-12-14T07:32:10.269", "2024-12-14T07:32:10.269000Z"],
    ["2024-12-14T09:32:10.5+02:00", "2024-12-14T07:32:10.500000Z"],
    ["2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00.000000Z"],
  ])("datetime %s is stored as %s", (value, stored) => {
    expect(djangoTimestamp(value, "created_at")).toBe(stored);
  });

  it("a notification keeps its id, uid (dashed), owner, creator, document text and state", () => {
    const parsed = parseRecord(note({ custom_info: { link: "/x" } }));
    expect(parsed).toEqual({
      kind: "notification",
      row: {
        id: 7,
        uid: "0f394bfb-067a-4e15-b37e-cac1504208bb",
        user_id: "1",
        doc: '{"message":"m","model":"Blog","instance":{"id":1},"method":"POST","changed_data":{}}',
        model: "Blog",
        category: "Blog",
        is_read: 1,
        info: '{"link":"/x"}',
        created_by: "2",
        status: "ACTIVE",
        created_at: "2024-12-14T07:32:10.269000Z",
        updated_at: "2024-12-14T07:35:39.155000Z",
      },
    });
  });

  it.each([
    [note({ uid: "nope" }), 'uid is not a UUID: "nope"'],
    [note({}, 0), "pk is not a positive integer"],
    [note({ user: ["alice"] }), "user is a natural key: dump without --natural-foreign"],
    [note({ status: "ARCHIVED" }), "status is not one of ACTIVE, INACTIVE, DRAFT, REMOVED, DELETED"],
    [note({ is_read: "yes" }), 'is_read is not a boolean: "yes"'],
    [note({ created_at: "2024-02-30T00:00:00Z" }), "created_at is not a valid datetime: 2024-02-30T00:00:00Z"],
    [note({ notification: { message: "m" } }), /^notification does not match the original's schema: model/],
    [note({ notification: "{oops" }), "notification is text that is not JSON"],
    [{ model: "auth.user", pk: 1 }, 'not a dumpdata record ({"model", "pk", "fields"})'],
  ])("refuses %j", (record, reason) => {
    const parsed = parseRecord(record);
    expect(parsed.kind).toBe("refused");
    expect((parsed as { reason: string }).reason).toMatch(reason);
  });

  it("users, switches (a missing flag is on) and other models", () => {
    const user = {
      first_name: "A",
      last_name: "B",
      email: "a@b.c",
      is_active: false,
      date_joined: "2024-01-01T00:00:00Z",
    };
    expect(parseRecord({ model: "auth.user", pk: 3, fields: user })).toMatchObject({
      kind: "user",
      row: { id: "3", first_name: "A", is_active: 0, created_at: "2024-01-01T00:00:00.000000Z" },
    });
    expect(parseRecord({ model: "accounts.user", pk: "u-1", fields: {} }, "accounts.user")).toMatchObject({
      kind: "user",
      row: { id: "u-1", first_name: "", is_active: 1 },
    });
    const settings = { model: "notifications.notificationsettings", pk: 1, fields: { user: 3 } };
    expect(parseRecord(settings)).toEqual({ kind: "switch", row: { id: "3", enabled: 1 } });
    expect(parseRecord({ model: "auth.group", pk: 1, fields: {} })).toEqual({ kind: "ignored", model: "auth.group" });
  });
});
