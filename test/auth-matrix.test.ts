/** Every route against every kind of bad credential: the documented 401/403/404 JSON, never a 5xx, no leaks. */

import { env } from "cloudflare:workers";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { describe, expect, it } from "vitest";
import { SIMPLEJWT_REFRESH } from "./fixtures/simplejwt";
import { call, notify, service, tokenFor, uniqueUserId } from "./helpers";

const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: object) =>
  btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

const USER_ROUTES: [string, string, unknown?][] = [
  ["GET", "/api/v1/me/notifications"],
  ["PATCH", "/api/v1/me/notifications", { action_choice: "MARK_ALL_AS_READ" }],
  ["GET", "/api/v1/me/notifications/9d032eaa-860e-4587-98ac-358c8b49741d"],
  ["PATCH", "/api/v1/me/notifications/9d032eaa-860e-4587-98ac-358c8b49741d", { status: "REMOVED" }],
  ["POST", "/api/v1/me/notifications/ws-ticket"],
];
const SERVER_ROUTES: [string, string, unknown?][] = [
  ["POST", "/api/v1/notifications", { message: "m", model: "Blog", instance: { id: 1 }, user_ids: [1] }],
  ["GET", "/api/v1/notifications?model=Blog"],
  ["GET", `/api/v1/notifications/jobs/${crypto.randomUUID()}`],
  ["PUT", "/api/v1/users/1", { first_name: "x" }],
  ["GET", "/api/v1/users/1"],
];

async function badUserTokens(): Promise<[string, string | null][]> {
  const secret = env.JWT_SECRET ?? "";
  const payload = { token_type: "access", exp: now() + 300, user_id: 1 };
  const valid = await jwt.sign(payload, secret);
  const [, body, signature] = valid.split(".");
  return [
    ["no token", null],
    ["malformed", "abc"],
    ["wrong signature", await tokenFor(1, {}, "not-the-secret")],
    ["alg none", `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.`],
    ["HS/RS confusion", `${b64url({ alg: "RS256", typ: "JWT" })}.${body}.${signature}`],
    ["expired", await tokenFor(1, { exp: now() - 1 })],
    ["exp 0 (the library skips a falsy exp)", await tokenFor(1, { exp: 0 })],
    ["not yet valid", await tokenFor(1, { nbf: now() + 3600 })],
    ["refresh token", SIMPLEJWT_REFRESH],
    ["service key", env.SERVICE_API_KEY ?? ""],
  ];
}

function expectNoLeak(json: unknown) {
  const text = JSON.stringify(json);
  expect(text).not.toMatch(/stack|sqlite|SELECT |D1_|at .*\.ts/i);
  expect(text).not.toContain(env.JWT_SECRET ?? "never");
  expect(text).not.toContain(env.SERVICE_API_KEY ?? "never");
}

describe("auth matrix", () => {
  it("user routes refuse every bad credential with 401 JSON", async () => {
    for (const [label, token] of await badUserTokens()) {
      for (const [method, path, body] of USER_ROUTES) {
        const response = await call(path, { method, token, body });
        expect(response.status, `${label}: ${method} ${path}`).toBe(401);
        expect(typeof response.json.detail).toBe("string");
        expectNoLeak(response.json);
      }
    }
  });

  it("an inactive user's valid token gets 401 user_inactive on every user route", async () => {
    const user = uniqueUserId();
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { is_active: false } });
    const token = await tokenFor(user);
    for (const [method, path, body] of USER_ROUTES.slice(0, 4)) {
      const response = await call(path, { method, token, body });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.json).toEqual({ detail: "User is inactive", code: "user_inactive" });
    }
  });

  it("a token for a user the service does not know sees nothing of anyone else's", async () => {
    const victim = uniqueUserId();
    const [uid] = await notify({ user_ids: [victim] });
    const stranger = await tokenFor(uniqueUserId());
    const list = await call("/api/v1/me/notifications", { token: stranger });
    expect(list.json).toMatchObject({ total_notifications: 0, notifications: [] });
    expect((await call(`/api/v1/me/notifications/${uid}`, { token: stranger })).status).toBe(404);
  });

  it("server routes refuse user tokens and wrong keys with 401 JSON", async () => {
    const credentials: [string, string | null][] = [
      ["no key", null],
      ["wrong key", "wrong"],
      ["user token", await tokenFor(1)],
    ];
    for (const [label, token] of credentials) {
      for (const [method, path, body] of SERVER_ROUTES) {
        const response = await call(path, { method, token, body });
        expect(response.status, `${label}: ${method} ${path}`).toBe(401);
        expectNoLeak(response.json);
      }
    }
  });
});
