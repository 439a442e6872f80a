import { env } from "cloudflare:workers";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { describe, expect, it } from "vitest";
import { SIMPLEJWT_ACCESS, SIMPLEJWT_REFRESH, SIMPLEJWT_USER_ID } from "./fixtures/simplejwt";
import { call, notify, service, tokenFor, uniqueUserId } from "./helpers";

const FEED = "/api/v1/me/notifications";
const b64url = (value: object | string) =>
  btoa(typeof value === "string" ? value : JSON.stringify(value))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const now = () => Math.floor(Date.now() / 1000);

const TOKEN_NOT_VALID = {
  detail: "Given token not valid for any token type",
  code: "token_not_valid",
  messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
};

async function expectRejected(token: string) {
  const response = await call(FEED, { token });
  expect(response.status).toBe(401);
  expect(response.json).toEqual(TOKEN_NOT_VALID);
  expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
}

describe("user routes: JWT", () => {
  it("401 with simplejwt's body when no credentials are sent", async () => {
    const response = await call(FEED);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ detail: "Authentication credentials were not provided." });
  });

  it("accepts an access token minted by djangorestframework-simplejwt as it is", async () => {
    await notify({ user_ids: [SIMPLEJWT_USER_ID] });
    const response = await call(FEED, { token: SIMPLEJWT_ACCESS });
    expect(response.status).toBe(200);
    expect(response.json.notifications[0].user.id).toBe(SIMPLEJWT_USER_ID);
  });

  it("rejects a simplejwt refresh token", () => expectRejected(SIMPLEJWT_REFRESH));

  it("rejects garbage, a token without signature, and a non-Bearer scheme", async () => {
    await expectRejected("not-a-token");
    await expectRejected("a.b");
    const token = await tokenFor(1);
    await expectRejected(`${token.split(".").slice(0, 2).join(".")}.`);
    // Another scheme is not a JWT to simplejwt: it answers as if no credentials were sent.
    for (const scheme of ["Token", "Basic"]) {
      const response = await call(FEED, { headers: { Authorization: `${scheme} ${token}` } });
      expect(response.status, scheme).toBe(401);
      expect(response.json).toEqual({ detail: "Authentication credentials were not provided." });
    }
  });

  it("rejects a wrong signature", async () => expectRejected(await tokenFor(1, {}, "another-secret")));

  it("rejects alg none", async () => {
    const header = b64url({ alg: "none", typ: "JWT" });
    const payload = b64url({ token_type: "access", exp: now() + 300, user_id: 1 });
    await expectRejected(`${header}.${payload}.`);
    await expectRejected(`${header}.${payload}.c2ln`);
  });

  it("rejects an algorithm other than the configured one (HS512, and RS256 signed with the secret)", async () => {
    const payload = { token_type: "access", exp: now() + 300, user_id: 1 };
    await expectRejected(await jwt.sign(payload, env.JWT_SECRET ?? "", "HS512"));
    // HS/RS confusion: an RS256 header over an HMAC made with the shared secret.
    const valid = await jwt.sign(payload, env.JWT_SECRET ?? "", "HS256");
    const [, body, signature] = valid.split(".");
    await expectRejected(`${b64url({ alg: "RS256", typ: "JWT" })}.${body}.${signature}`);
  });

  it("rejects expired, not-yet-valid and exp-less tokens", async () => {
    await expectRejected(await tokenFor(1, { exp: now() - 10 }));
    await expectRejected(await tokenFor(1, { nbf: now() + 600 }));
    await expectRejected(await tokenFor(1, { exp: undefined }));
  });

  it("rejects a token whose token_type is not access, or that names no user", async () => {
    await expectRejected(await tokenFor(1, { token_type: "refresh" }));
    await expectRejected(await tokenFor(1, { user_id: undefined }));
    await expectRejected(await tokenFor(1, { user_id: { id: 1 } }));
  });

  it("falls back to the sub claim when user_id is absent", async () => {
    const user = `auth0|${uniqueUserId()}`;
    await notify({ user_ids: [user] });
    const response = await call(FEED, { token: await tokenFor(0, { user_id: undefined, sub: user }) });
    expect(response.status).toBe(200);
    expect(response.json.total_notifications).toBe(1);
    expect(response.json.notifications[0].user.id).toBe(user);
  });

  it("refuses the service key on a user route", async () => {
    await expectRejected(env.SERVICE_API_KEY ?? "");
  });

  it("401 user_inactive for a deactivated user, as simplejwt answers", async () => {
    const user = uniqueUserId();
    await service(`/api/v1/users/${user}`, { method: "PUT", body: { is_active: false } });
    const response = await call(FEED, { token: await tokenFor(user) });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ detail: "User is inactive", code: "user_inactive" });
  });
});

describe("server routes: service key", () => {
  const create = (token: string | null) =>
    call("/api/v1/notifications", {
      method: "POST",
      token,
      body: { message: "m", model: "Blog", instance: { id: 1 }, user_ids: [1] },
    });

  it("201 with the right key", async () => {
    expect((await create(env.SERVICE_API_KEY ?? "")).status).toBe(201);
  });

  it("401 without a key, with a wrong key, and with a valid user token", async () => {
    const missing = await create(null);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ detail: "Authentication credentials were not provided." });
    for (const token of ["wrong-key", `${env.SERVICE_API_KEY}x`, await tokenFor(1), SIMPLEJWT_ACCESS]) {
      const response = await create(token);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ detail: "Invalid service API key." });
    }
  });

  it("errors never leak internals", async () => {
    const response = await create("wrong-key");
    const text = JSON.stringify(response.json);
    expect(text).not.toContain(env.SERVICE_API_KEY ?? "???");
    expect(text).not.toMatch(/stack|sqlite|select /i);
  });
});
