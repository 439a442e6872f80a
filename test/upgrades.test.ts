import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, feed, notify, tokenFor, uniqueUserId } from "./helpers";

const UPGRADE = { Upgrade: "websocket", Connection: "Upgrade" };
const refusal = { detail: "Upgrade is only accepted on /ws/me/notifications (GET with Upgrade: websocket)." };

describe("WebSocket upgrades outside the socket path", () => {
  it("a DELETE with Upgrade: websocket is refused with 400 and does not mark the notification read", async () => {
    const user = uniqueUserId();
    const [uid] = await notify({ user_ids: [user] });
    const response = await call(`/api/v1/me/notifications/${uid}`, {
      method: "DELETE",
      token: await tokenFor(user),
      headers: UPGRADE,
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual(refusal);
    expect((await feed(user)).notifications[0].is_read).toBe(false);
  });

  it.each(["GET", "POST", "PUT", "PATCH"])(
    "%s upgrades on REST, dev and unknown paths get 400 JSON",
    async (method) => {
      const token = await tokenFor(uniqueUserId());
      for (const path of ["/api/v1/me/notifications", "/api/v1/notifications", "/dev/token", "/nowhere"]) {
        const body = method === "GET" ? undefined : "{}";
        const response = await call(path, { method, token, body, headers: UPGRADE });
        expect(response.status, `${method} ${path}`).toBe(400);
        expect(response.json).toEqual(refusal);
      }
    },
  );

  it("other Upgrade values (curl's h2c) are ignored as before", async () => {
    const response = await call("/api/v1/me/notifications", {
      token: await tokenFor(uniqueUserId()),
      headers: { Upgrade: "h2c", Connection: "Upgrade" },
    });
    expect(response.status).toBe(200);
  });
});

describe("the runtime hides the method of an upgrade", () => {
  it("a POST upgrade reaches the socket route as a GET (a plain POST there is 405)", async () => {
    const headers = { Authorization: `Bearer ${await tokenFor(uniqueUserId())}` };
    const plain = await exports.default.fetch(
      new Request(`${BASE}/ws/me/notifications`, { method: "POST", headers, body: "{}" }),
    );
    expect(plain.status).toBe(405);
    const upgrade = await exports.default.fetch(
      new Request(`${BASE}/ws/me/notifications`, { method: "POST", headers: { ...headers, ...UPGRADE }, body: "{}" }),
    );
    // workerd rewrote it to a body-less GET before the worker saw it: the worker cannot answer 405.
    expect(upgrade.status).toBe(101);
    upgrade.webSocket?.accept();
    upgrade.webSocket?.close(1000, "done");
  });
});
