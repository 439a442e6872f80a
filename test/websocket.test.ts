import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  counts,
  feed,
  notify,
  openSocket,
  service,
  socketFor,
  type TestSocket,
  tokenFor,
  uniqueUserId,
  userCall,
} from "./helpers";

const FEED = "/api/v1/me/notifications";
const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));

/** The counts D1 holds for a user, as the REST API reports them. */
async function d1Counts(user: number) {
  const { total_notifications, read_notifications, unread_notifications, unseen_notifications } = await feed(user);
  return { total_notifications, read_notifications, unread_notifications, unseen_notifications };
}

describe("connecting", () => {
  it("accepts Authorization and the original's misspelled Authorizations header", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    for (const header of ["Authorization", "Authorizations"]) {
      const socket = await socketFor(user, header);
      expect(await socket.next(0)).toEqual(counts(1, 0));
      socket.close();
    }
  });

  it("without a token: accepted, told why, closed with 4401", async () => {
    const socket = await openSocket({});
    expect(await socket.next(0)).toEqual({ error: "Provide an access token in the headers.", code: 4401 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4401 });
  });

  it("with a bad, expired or refresh token: told why, closed with 4401", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const token of ["junk", await tokenFor(1, { exp: now - 5 }), await tokenFor(1, { token_type: "refresh" })]) {
      const socket = await openSocket({ Authorization: `Bearer ${token}` });
      expect(await socket.next(0)).toEqual({ error: "Token is invalid or expired", code: 4401 });
      expect(await socket.waitClosed()).toMatchObject({ code: 4401 });
    }
  });

  it("426 JSON for a plain GET on the socket route", async () => {
    const response = await userCall(1, "/ws/me/notifications");
    expect(response.status).toBe(426);
    expect(response.json).toEqual({ detail: "Expected a WebSocket upgrade (Upgrade: websocket)." });
  });

  it("closes with 4403 and says why for a user whose notifications are disabled or who is inactive", async () => {
    const user = uniqueUserId();
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { notifications_enabled: false } });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual({ error: "Notifications are not enabled for the current user.", code: 4403 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4403 });

    const inactive = uniqueUserId();
    await service(`/api/v1/users/${inactive}`, { method: "PUT", body: { is_active: false } });
    const refused = await socketFor(inactive);
    expect(await refused.next(0)).toEqual({ error: "User is inactive", code: 4403 });
    expect(await refused.waitClosed()).toMatchObject({ code: 4403 });
  });

  it("closes open sockets when the user's notifications get disabled", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { notifications_enabled: false } });
    expect(await socket.next(1)).toEqual({ error: "Notifications are not enabled for the current user.", code: 4403 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4403 });
  });
});

describe("messages from the client", () => {
  it("any text is answered with the current counts", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    await socket.next(0);
    await notify({ user_ids: [user] });
    await socket.next(1);
    socket.send("anything at all");
    expect(await socket.next(2)).toEqual(counts(1, 0));
    socket.send('{"type":"refresh"}');
    expect(await socket.next(3)).toEqual(counts(1, 0));
    socket.close();
  });

  it("a binary frame gets an error frame and the socket stays usable (the original crashed with 1011)", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    await socket.next(0);
    socket.send(new Uint8Array([1, 2, 3]).buffer);
    expect((await socket.next(1)).error).toMatch(/Binary frames are not supported/);
    socket.send("again");
    expect(await socket.next(2)).toEqual(counts(0, 0));
    expect(socket.closed).toBeNull();
    socket.close();
  });

  it('"ping" is a keepalive answered with "pong"', async () => {
    const socket = await socketFor(uniqueUserId());
    await socket.next(0);
    socket.send("ping");
    expect(await socket.next(1)).toBe("pong");
    socket.close();
  });
});

describe("pushes", () => {
  /** Waits for `expected` on every socket, lets them settle, and returns each one's frames after `from`. */
  async function framesAfter(sockets: TestSocket[], from: number, expected: object) {
    const same = (f: unknown) => JSON.stringify(f) === JSON.stringify(expected);
    for (const socket of sockets) await socket.until((frames) => frames.slice(from).some(same));
    await settle();
    return sockets.map((socket) => socket.frames.slice(from));
  }

  it("every socket of the user gets ONE frame per change, whatever the rows touched", async () => {
    const user = uniqueUserId();
    for (let i = 0; i < 5; i++) await notify({ user_ids: [user] });
    const sockets = await Promise.all([socketFor(user), socketFor(user, "Authorizations"), socketFor(user)]);
    for (const socket of sockets) expect(await socket.next(0)).toEqual(counts(5, 0));

    // One create: one frame.
    await notify({ user_ids: [user] });
    expect(await framesAfter(sockets, 1, counts(6, 0))).toEqual(sockets.map(() => [counts(6, 0)]));

    // Marking 6 rows read: one frame (the original sent six).
    await userCall(user, FEED, { method: "PATCH", body: { action_choice: "MARK_ALL_AS_READ" } });
    expect(await framesAfter(sockets, 2, counts(6, 6))).toEqual(sockets.map(() => [counts(6, 6)]));

    // Removing 6 rows: one frame.
    await userCall(user, FEED, { method: "PATCH", body: { action_choice: "REMOVED_ALL" } });
    expect(await framesAfter(sockets, 3, counts(0, 0))).toEqual(sockets.map(() => [counts(0, 0)]));
    for (const socket of sockets) socket.close();
  });

  it("the detail GET that marks read and the detail PATCH each push once; a no-op pushes nothing", async () => {
    const user = uniqueUserId();
    const [uid] = await notify({ user_ids: [user] });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(1, 0));
    await userCall(user, `${FEED}/${uid}`);
    expect(await framesAfter([socket], 1, counts(1, 1))).toEqual([[counts(1, 1)]]);
    // Already read: nothing changes, nothing is sent.
    await userCall(user, `${FEED}/${uid}`);
    await userCall(user, FEED, { method: "PATCH", body: { action_choice: "MARK_ALL_AS_READ" } });
    await settle();
    expect(socket.frames).toHaveLength(2);
    // Unread again, but still seen: the badge (unseen) stays at 0.
    await userCall(user, `${FEED}/${uid}`, { method: "PATCH", body: { is_read: false } });
    expect(await framesAfter([socket], 2, counts(1, 0, 0))).toEqual([[counts(1, 0, 0)]]);
    socket.close();
  });

  it("a creation for many users reaches each user's own sockets only", async () => {
    const [a, b, bystander] = [uniqueUserId(), uniqueUserId(), uniqueUserId()];
    const [sa, sb, sc] = await Promise.all([socketFor(a), socketFor(b), socketFor(bystander)]);
    for (const s of [sa, sb, sc]) await s.next(0);
    await notify({ user_ids: [a, b] });
    expect(await sa.next(1)).toEqual(counts(1, 0));
    expect(await sb.next(1)).toEqual(counts(1, 0));
    await userCall(a, FEED, { method: "PATCH", body: { action_choice: "MARK_ALL_AS_READ" } });
    expect(await sa.next(2)).toEqual(counts(1, 1));
    await settle();
    expect(sb.frames).toHaveLength(2);
    expect(sc.frames).toEqual([counts(0, 0)]);
    for (const s of [sa, sb, sc]) s.close();
  });

  it("ordering: after a burst of concurrent writes, every socket's last frame equals D1", async () => {
    const user = uniqueUserId();
    const sockets = await Promise.all([socketFor(user), socketFor(user), socketFor(user, "Authorizations")]);
    for (const socket of sockets) await socket.next(0);
    const uids = await notify({ user_ids: [user] });
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const kind = i % 4;
      if (kind === 0 || kind === 1) writes.push(notify({ user_ids: [user] }).then((u) => uids.push(...u)));
      if (kind === 2)
        writes.push(
          userCall(user, FEED, {
            method: "PATCH",
            body: { action_choice: "MARK_AS_READ", notification_uids: uids.slice(-3) },
          }),
        );
      if (kind === 3)
        writes.push(
          userCall(user, FEED, {
            method: "PATCH",
            body: { action_choice: "MARK_AS_REMOVED", notification_uids: uids.slice(0, 1) },
          }),
        );
    }
    await Promise.all(writes);
    const expected = await d1Counts(user);
    for (const socket of sockets) {
      await socket.until((frames) => JSON.stringify(frames.at(-1)) === JSON.stringify(expected), "D1's counts");
    }
    await settle(400);
    for (const socket of sockets) expect(socket.last).toEqual(expected);
    expect(await d1Counts(user)).toEqual(expected);
    for (const socket of sockets) socket.close();
  });

  it("the hub never sends a push older than what a socket has seen (RPC straight to the hub)", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const hub = env.USER_HUB.getByName(String(user));
    await hub.countsChanged(String(user), { total: 9, read: 1, unseen: 8, archived: 0, version: 50 });
    expect(await socket.next(1)).toEqual(counts(9, 1));
    // A slower, older push arriving late is dropped.
    await hub.countsChanged(String(user), { total: 3, read: 0, unseen: 3, archived: 0, version: 49 });
    await hub.countsChanged(String(user), { total: 9, read: 1, unseen: 8, archived: 0, version: 50 });
    await settle();
    expect(socket.frames).toHaveLength(2);
    // A refresh whose D1 read is older than what the socket saw repeats the fresher counts.
    socket.send("refresh");
    expect(await socket.next(2)).toEqual(counts(9, 1));
    socket.close();
  });

  it("a reconnecting client gets the counts it missed", async () => {
    const user = uniqueUserId();
    const first = await socketFor(user);
    await first.next(0);
    first.close();
    await first.waitClosed();
    await notify({ user_ids: [user] });
    await notify({ user_ids: [user] });
    const again = await socketFor(user);
    expect(await again.next(0)).toEqual(counts(2, 0));
    again.close();
  });
});

describe("limits", () => {
  it("past MAX_SOCKETS_PER_USER (20) the oldest socket is told and closed with 4008", async () => {
    const user = uniqueUserId();
    const sockets: TestSocket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = await socketFor(user);
      await socket.next(0);
      sockets.push(socket);
    }
    const newest = await socketFor(user);
    expect(await newest.next(0)).toEqual(counts(0, 0));
    const oldest = sockets[0] as TestSocket;
    expect(await oldest.waitClosed()).toMatchObject({ code: 4008 });
    expect(oldest.last).toEqual({ error: "Too many open sockets for this user; the oldest was closed", code: 4008 });
    expect(sockets.slice(1).every((s) => s.closed === null)).toBe(true);
    // The other 20 still get pushes.
    await notify({ user_ids: [user] });
    expect(await newest.next(1)).toEqual(counts(1, 0));
    expect(await (sockets[19] as TestSocket).next(1)).toEqual(counts(1, 0));
    for (const s of [...sockets, newest]) s.close();
  });
});
