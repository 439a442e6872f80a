import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, counts, notify, openSocket, service, TestSocket, tokenFor, uniqueUserId, userCall } from "./helpers";

const TICKET = "/api/v1/me/notifications/ws-ticket";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ticketFor(user: number, claims: Record<string, unknown> = {}) {
  const response = await userCall(user, TICKET, { method: "POST", token: await tokenFor(user, claims) });
  expect(response.status).toBe(201);
  return response.json as { ticket: string; expires_in: number };
}

const withTicket = (ticket: string) => openSocket({}, `/ws/me/notifications?ticket=${encodeURIComponent(ticket)}`);

describe("one-time tickets", () => {
  it("a ticket opens the user's socket once, and says how long it lives", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const { ticket, expires_in } = await ticketFor(user);
    expect(expires_in).toBeGreaterThan(55);
    expect(expires_in).toBeLessThanOrEqual(60);
    expect(ticket).not.toContain((await tokenFor(user)).split(".")[1]);
    const socket = await withTicket(ticket);
    expect(await socket.next(0)).toEqual(counts(1, 0));
    await notify({ user_ids: [user] });
    expect(await socket.next(1)).toEqual(counts(2, 0));

    const reused = await withTicket(ticket);
    expect(await reused.next(0)).toEqual({ error: "Ticket is invalid, expired or already used", code: 4401 });
    expect(await reused.waitClosed()).toMatchObject({ code: 4401 });
    socket.close();
  });

  it("a ticket never outlives its token, and an expired one is refused", { timeout: 10_000 }, async () => {
    const user = uniqueUserId();
    const { ticket, expires_in } = await ticketFor(user, { exp: Math.floor(Date.now() / 1000) + 2 });
    expect(expires_in).toBeLessThanOrEqual(2);
    await sleep(2100);
    const socket = await withTicket(ticket);
    expect(await socket.next(0)).toEqual({ error: "Ticket is invalid, expired or already used", code: 4401 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4401 });
  });

  it("a ticket for A cannot open B's hub, and garbage tickets are refused", async () => {
    const [a, b] = [uniqueUserId(), uniqueUserId()];
    await notify({ user_ids: [b] });
    const { ticket } = await ticketFor(a);
    const nonce = ticket.split(".")[1];
    const forged = `${btoa(String(b)).replace(/=+$/, "")}.${nonce}`;
    for (const bad of [forged, "junk", `${ticket}x`, ""]) {
      const socket = await withTicket(bad);
      expect(await socket.next(0), bad).toEqual({ error: "Ticket is invalid, expired or already used", code: 4401 });
      expect(await socket.waitClosed()).toMatchObject({ code: 4401 });
    }
    // A's ticket was not spent by the forgery (B's hub never saw it): it still opens A's socket.
    const socket = await withTicket(ticket);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    socket.close();
  });

  it("needs a valid token to get a ticket", async () => {
    const response = await userCall(1, TICKET, { method: "POST", token: "junk" });
    expect(response.status).toBe(401);
  });

  it("no ticket for an account that cannot listen; GET is 405, not a notification look-up", async () => {
    const [muted, gone] = [uniqueUserId(), uniqueUserId()];
    await service(`/api/v1/users/${muted}`, { method: "PUT", body: { notifications_enabled: false } });
    await service(`/api/v1/users/${gone}`, { method: "PUT", body: { is_active: false } });
    const refusedMuted = await userCall(muted, TICKET, { method: "POST" });
    expect(refusedMuted.status).toBe(400);
    expect(refusedMuted.json).toEqual({ detail: "Notifications are not enabled for the current user." });
    const refusedGone = await userCall(gone, TICKET, { method: "POST" });
    expect(refusedGone.status).toBe(401);
    expect(refusedGone.json).toMatchObject({ code: "user_inactive" });
    const get = await userCall(uniqueUserId(), TICKET);
    expect(get.status).toBe(405);
  });

  it("a token that expires centuries ahead still opens a socket (the hub's alarm is capped)", async () => {
    const user = uniqueUserId();
    const far = await tokenFor(user, { exp: 10_000_000_000 }); // year 2286
    const socket = await openSocket({ Authorization: `Bearer ${far}` });
    expect(await socket.next(0)).toEqual(counts(0, 0));
    socket.close();
  });
});

describe("the bearer subprotocol", () => {
  async function withProtocol(protocols: string) {
    const response = await exports.default.fetch(
      new Request(`${BASE}/ws/me/notifications`, {
        headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": protocols },
      }),
    );
    expect(response.status).toBe(101);
    return {
      socket: new TestSocket(response.webSocket as WebSocket),
      protocol: response.headers.get("Sec-WebSocket-Protocol"),
    };
  }

  it("opens the socket with the token as the second protocol, echoing `bearer`", async () => {
    const user = uniqueUserId();
    const { socket, protocol } = await withProtocol(`bearer, ${await tokenFor(user)}`);
    expect(protocol).toBe("bearer");
    expect(await socket.next(0)).toEqual(counts(0, 0));
    socket.close();
  });

  it("refuses a bad token with 4401, still echoing the protocol so browsers read the reason", async () => {
    const { socket, protocol } = await withProtocol("bearer, junk");
    expect(protocol).toBe("bearer");
    expect(await socket.next(0)).toEqual({ error: "Token is invalid or expired", code: 4401 });
    expect(await socket.waitClosed()).toMatchObject({ code: 4401 });
  });
});

describe("token expiry while connected", () => {
  it("the hub closes the socket with 4401 when the token that opened it expires", { timeout: 10_000 }, async () => {
    const user = uniqueUserId();
    const token = await tokenFor(user, { exp: Math.floor(Date.now() / 1000) + 2 });
    const socket = await openSocket({ Authorization: `Bearer ${token}` });
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const closed = await socket.waitClosed(5000);
    expect(closed.code).toBe(4401);
    expect(socket.last).toEqual({ error: "Token expired", code: 4401 });
  });

  it("a ticket's socket closes when the ticket's parent token expires", { timeout: 10_000 }, async () => {
    const user = uniqueUserId();
    const { ticket } = await ticketFor(user, { exp: Math.floor(Date.now() / 1000) + 2 });
    const socket = await withTicket(ticket);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    expect((await socket.waitClosed(5000)).code).toBe(4401);
  });
});
