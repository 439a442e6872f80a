import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, tokenFor, uniqueUserId } from "../helpers";

const FEED = "/api/v1/me/notifications";
const ALLOWED = "https://app.example.test";

describe("ALLOWED_ORIGINS", () => {
  it("answers CORS for a listed origin (the trailing slash in the setting is ignored)", async () => {
    for (const origin of [ALLOWED, "https://admin.example.test"]) {
      const response = await call(FEED, { token: await tokenFor(1), headers: { Origin: origin } });
      expect(response.status).toBe(200);
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe(origin);
    }
  });

  it("answers a preflight from a listed origin", async () => {
    const response = await exports.default.fetch(
      new Request(`${BASE}${FEED}`, {
        method: "OPTIONS",
        headers: {
          Origin: ALLOWED,
          "Access-Control-Request-Method": "PATCH",
          "Access-Control-Request-Headers": "authorization",
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED);
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("PATCH");
  });

  it("refuses requests, preflights and socket upgrades from other origins with 403", async () => {
    const evil = "https://evil.example.test";
    const request = await call(FEED, { token: await tokenFor(1), headers: { Origin: evil } });
    expect(request.status).toBe(403);
    expect(request.json).toEqual({ detail: `Origin ${evil} is not allowed.` });
    const preflight = await call(FEED, {
      method: "OPTIONS",
      headers: { Origin: evil, "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(403);
    const upgrade = await exports.default.fetch(
      new Request(`${BASE}/ws/me/notifications`, {
        headers: { Upgrade: "websocket", Origin: evil, Authorization: `Bearer ${await tokenFor(uniqueUserId())}` },
      }),
    );
    expect(upgrade.status).toBe(403);
    expect(upgrade.webSocket).toBeNull();
  });

  it("lets requests without an Origin (servers, native apps) through", async () => {
    expect((await call(FEED, { token: await tokenFor(1) })).status).toBe(200);
  });

  it("our own origin comes from ALLOWED_ORIGINS, never from Host (DNS rebinding)", async () => {
    const rebound = "http://evil.example:8787";
    const rest = await exports.default.fetch(
      new Request(`${rebound}${FEED}`, {
        headers: { Host: "evil.example:8787", Origin: rebound, Authorization: `Bearer ${await tokenFor(1)}` },
      }),
    );
    expect(rest.status).toBe(403);
    expect(rest.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(await rest.json()).toEqual({ detail: `Origin ${rebound} is not allowed.` });
    const socket = await exports.default.fetch(
      new Request(`${rebound}/ws/me/notifications`, {
        headers: {
          Host: "evil.example:8787",
          Origin: rebound,
          Upgrade: "websocket",
          Authorization: `Bearer ${await tokenFor(uniqueUserId())}`,
        },
      }),
    );
    expect(socket.status).toBe(403);
    expect(socket.webSocket).toBeNull();
    // The same holds for the origin the tests call: unlisted, it is refused like any other.
    expect((await call(FEED, { token: await tokenFor(1), headers: { Origin: BASE } })).status).toBe(403);
  });
});
