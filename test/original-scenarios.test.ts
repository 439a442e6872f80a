/**
 * The original package's own tests (tests/test_http_api.py and tests/test_websocket_api.py), run
 * against this service through HTTP and WebSocket. Setup as theirs: two users; 10 notifications,
 * each sent to both, created by user 1, about user 1, with a random method. The original's WS
 * equality checks never ran (assertIn(...) and assertEqual(...)); here they do.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { counts, feed, notify, openSocket, service, tokenFor, uniqueUserId, userCall } from "./helpers";

const METHODS = ["POST", "PATCH", "GET", "DELETE", "PUT", "UNDEFINED"];
const FIELDS = ["id", "uid", "user", "is_read", "custom_info", "created_by", "status", "created_at", "updated_at"];

type Fixture = { user: number; other: number; payloads: { message: string; method: string }[] };
let fx: Fixture;

beforeEach(async () => {
  const user = uniqueUserId();
  const other = uniqueUserId();
  const profile = { first_name: "test", last_name: "user", email: "testuser@gmail.com" };
  expect((await service(`/api/v1/users/${user}`, { method: "PUT", body: profile })).status).toBe(200);
  const payloads = [];
  for (let i = 0; i < 10; i++) {
    const method = METHODS[Math.floor(Math.random() * METHODS.length)] as string;
    const message = `This is a test notification ${i}`;
    await notify({
      message,
      method,
      model: "User",
      instance: { id: user, ...profile },
      user_ids: [user, other],
      created_by: user,
    });
    payloads.push({ message, method });
  }
  fx = { user, other, payloads };
});

const list = () => feed(fx.user);
const act = (body: object) => userCall(fx.user, "/api/v1/me/notifications", { method: "PATCH", body });
const uids = async () => ((await list()).notifications as { uid: string }[]).map((n) => n.uid);

describe("test_http_api", () => {
  it("1. test_get_user_notifications", async () => {
    const body = await list();
    expect(body.total_notifications).toBe(10);
    expect(body.unread_notifications).toBe(10);
    expect(body.read_notifications).toBe(body.total_notifications - body.unread_notifications);
    const newest = fx.payloads[9];
    expect(body.notifications[0].notification.message).toBe(newest?.message);
    expect(body.notifications[0].notification.method).toBe(newest?.method);
    for (const field of FIELDS) expect(body.notifications[0]).toHaveProperty(field);
  });

  it("2. test_get_user_notification_detail", async () => {
    const [first] = await uids();
    const response = await userCall(fx.user, `/api/v1/me/notifications/${first}`);
    expect(response.status).toBe(200);
    for (const field of FIELDS) expect(response.json).toHaveProperty(field);
  });

  it("3. test_updated_notifications_list_after_seen", async () => {
    const [first] = await uids();
    await userCall(fx.user, `/api/v1/me/notifications/${first}`);
    expect(await list()).toMatchObject({ read_notifications: 1, total_notifications: 10, unread_notifications: 9 });
  });

  it("4. test_removed_all_notifications", async () => {
    expect((await act({ action_choice: "REMOVED_ALL" })).status).toBe(200);
    expect(await list()).toMatchObject(counts(0, 0));
  });

  it("5. test_mark_all_as_read_notifications", async () => {
    expect((await act({ action_choice: "MARK_ALL_AS_READ" })).status).toBe(200);
    expect(await list()).toMatchObject(counts(10, 10));
  });

  it("6. test_mark_as_read_notifications", async () => {
    const first5 = (await uids()).slice(0, 5);
    expect((await act({ action_choice: "MARK_AS_READ", notification_uids: first5 })).status).toBe(200);
    expect(await list()).toMatchObject(counts(10, 5));
  });

  it("7. test_mark_as_removed_notifications", async () => {
    const first5 = (await uids()).slice(0, 5);
    expect((await act({ action_choice: "MARK_AS_REMOVED", notification_uids: first5 })).status).toBe(200);
    expect(await list()).toMatchObject(counts(5, 0));
  });
});

describe("test_websocket_api (with the original's `authorizations` header)", () => {
  const connect = async () => openSocket({ authorizations: `Bearer ${await tokenFor(fx.user)}` });

  it("8. test_connect_notification_consumer", async () => {
    const socket = await connect();
    expect(socket.closed).toBeNull();
    socket.close();
  });

  it("9. test_receive_notification_consumer", async () => {
    const socket = await connect();
    expect(await socket.next(0)).toEqual(counts(10, 0));
    socket.close();
  });

  it("10. test_disconnect_notification_consumer", async () => {
    const socket = await connect();
    await socket.next(0);
    socket.close();
    expect(await socket.waitClosed()).toMatchObject({ code: 1000 });
  });
});
