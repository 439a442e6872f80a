import { describe, expect, it } from "vitest";
import { call, counts, feed, notify, service, tokenFor, uniqueUserId, userCall } from "./helpers";

const backendFeed = (user: number | string, query = "") => service(`/api/v1/users/${user}/notifications${query}`);

/** A user with `n` notifications (m0 oldest), the newest `read` of them read. */
async function userWith(n: number, read = 0) {
  const user = uniqueUserId();
  const uids: string[] = [];
  for (let i = 0; i < n; i++) uids.push(...(await notify({ message: `m${i}`, user_ids: [user] })));
  if (read > 0) {
    const response = await userCall(user, "/api/v1/me/notifications", {
      method: "PATCH",
      body: { action_choice: "MARK_AS_READ", notification_uids: uids.slice(-read) },
    });
    expect(response.status).toBe(200);
  }
  return user;
}

describe("GET /api/v1/users/{id}/notifications (service key)", () => {
  it.each(["", "?is_read=false", "?is_read=TRUE", "?page_size=2", "?page=2&page_size=2", "?page=last&page_size=2"])(
    "answers exactly what the user's own feed answers for %j",
    async (query) => {
      const user = await userWith(5, 2);
      const response = await backendFeed(user, query);
      expect(response.status).toBe(200);
      expect(response.json).toEqual(await feed(user, query));
      expect(response.json).toMatchObject(counts(5, 2));
    },
  );

  it("follows the keyset cursor as the user's feed does", async () => {
    const user = await userWith(3);
    const first = await backendFeed(user, "?page_size=2");
    expect(first.json.next_cursor).not.toBeNull();
    const second = await backendFeed(user, `?page_size=2&cursor=${first.json.next_cursor}`);
    expect(second.json.notifications.map((n: { notification: { message: string } }) => n.notification.message)).toEqual(
      ["m0"],
    );
    expect(second.json.has_more).toBe(false);
  });

  it("an unknown user has an empty feed, as for their own token", async () => {
    const response = await backendFeed(uniqueUserId());
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ...counts(0, 0), notifications: [], has_more: false });
  });

  it("refuses as the user's feed does: notifications off (400), inactive (401)", async () => {
    const off = await userWith(1);
    await service(`/api/v1/users/${off}`, { method: "PUT", body: { notifications_enabled: false } });
    expect(await backendFeed(off)).toMatchObject({
      status: 400,
      json: { detail: "Notifications are not enabled for the current user." },
    });
    const inactive = await userWith(1);
    await service(`/api/v1/users/${inactive}`, { method: "PUT", body: { is_active: false } });
    expect(await backendFeed(inactive)).toMatchObject({
      status: 401,
      json: { detail: "User is inactive", code: "user_inactive" },
    });
  });

  it.each([
    ["?page=99", 404, { detail: "Invalid page." }],
    ["?page=0", 404, { detail: "Invalid page." }],
    ["?cursor=abc", 400, { cursor: ["Invalid cursor: use next_cursor from a previous page."] }],
  ])("%s: %i with the user feed's error body", async (query, status, body) => {
    const user = await userWith(1);
    const response = await backendFeed(user, query);
    expect(response.status).toBe(status);
    expect(response.json).toEqual(body);
  });

  it("refuses an id no user can have with a field error", async () => {
    const response = await backendFeed(`bad%E2%80%8Bid`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain("A user id is an integer or a string");
  });

  it("needs the service key: none, a wrong one and a user's token are 401", async () => {
    const user = await userWith(1);
    const path = `/api/v1/users/${user}/notifications`;
    expect((await call(path)).status).toBe(401);
    expect((await call(path, { token: "not-the-key" })).json).toEqual({ detail: "Invalid service API key." });
    expect((await call(path, { token: await tokenFor(user) })).status).toBe(401);
  });

  it("is read-only: POST is 405", async () => {
    const response = await service(`/api/v1/users/${uniqueUserId()}/notifications`, { method: "POST", body: {} });
    expect(response.status).toBe(405);
  });
});
