/** Token checks as strict as simplejwt's: token type, audience and issuer, canonical encoding, the secret's bytes. */

import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { signHmacToken } from "../src/auth/hmac";
import {
  NON_ASCII_SECRET,
  PRIVATE_SECRET,
  PUBLIC_SECRET,
  SIMPLEJWT_ACCESS,
  SIMPLEJWT_ACCESS_AUD_ISS,
  SIMPLEJWT_ACCESS_NON_ASCII_SECRET,
  SIMPLEJWT_ACCESS_PRIVATE_SECRET,
  SIMPLEJWT_ACCESS_PUBLIC_SECRET,
  SIMPLEJWT_AUDIENCE,
  SIMPLEJWT_ISSUER,
  SIMPLEJWT_REFRESH,
} from "./fixtures/simplejwt";
import { BASE, TestSocket, tokenFor, uniqueUserId } from "./helpers";

type Vars = Partial<Record<keyof Env, string>>;

const ACCEPTED = { http: 200, socket: "open" };
const REFUSED = { http: 401, socket: 4401 };

/** The worker as deployed, or, with `vars`, the same app over the test env with those settings. */
async function send(request: Request, vars: Vars): Promise<Response> {
  if (Object.keys(vars).length === 0) return exports.default.fetch(request);
  return createApp().fetch(request, { ...env, ...vars }, createExecutionContext());
}

/** What the worker answers `token` over HTTP and on a socket upgrade, which must agree. */
async function answer(token: string, vars: Vars = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  const response = await send(new Request(`${BASE}/api/v1/me/notifications`, { headers }), vars);
  const body = (await response.json()) as { code?: string };
  if (response.status === 401) expect(body.code).toBe("token_not_valid");

  const upgrade = await send(
    new Request(`${BASE}/ws/me/notifications`, { headers: { Upgrade: "websocket", ...headers } }),
    vars,
  );
  if (!upgrade.webSocket) throw new Error(`no socket: ${upgrade.status}`);
  const socket = new TestSocket(upgrade.webSocket);
  const first = await socket.next(0);
  socket.close();
  const socketVerdict = "total_notifications" in first ? "open" : first.code;
  if (socketVerdict === 4401) expect(first.error).toBe("Token is invalid or expired");
  return { http: response.status, socket: socketVerdict };
}

describe("token_type", () => {
  it("refuses a token without token_type by default, as simplejwt does ('Token has no type')", async () => {
    const user = uniqueUserId();
    expect(await answer(await tokenFor(user))).toEqual(ACCEPTED);
    expect(await answer(await tokenFor(user, { token_type: undefined }))).toEqual(REFUSED);
  });

  it('JWT_REQUIRE_TOKEN_TYPE="false" accepts a token without it and still refuses another type', async () => {
    const vars = { JWT_REQUIRE_TOKEN_TYPE: "false" };
    const user = uniqueUserId();
    expect(await answer(await tokenFor(user, { token_type: undefined }), vars)).toEqual(ACCEPTED);
    expect(await answer(SIMPLEJWT_REFRESH, vars)).toEqual(REFUSED);
    expect(await answer(await tokenFor(user, { token_type: "id" }), vars)).toEqual(REFUSED);
    // Anything but an explicit off keeps the check.
    expect(await answer(await tokenFor(user, { token_type: undefined }), { JWT_REQUIRE_TOKEN_TYPE: "flase" })).toEqual(
      REFUSED,
    );
  });
});

describe("JWT_AUDIENCE and JWT_ISSUER", () => {
  const vars = { JWT_AUDIENCE: SIMPLEJWT_AUDIENCE, JWT_ISSUER: SIMPLEJWT_ISSUER };
  const claims = { aud: SIMPLEJWT_AUDIENCE, iss: SIMPLEJWT_ISSUER };

  it("when set, aud must be or list the audience and iss must be the issuer", async () => {
    const user = uniqueUserId();
    expect(await answer(SIMPLEJWT_ACCESS_AUD_ISS, vars)).toEqual(ACCEPTED);
    expect(await answer(await tokenFor(user, { ...claims, aud: ["other", SIMPLEJWT_AUDIENCE] }), vars)).toEqual(
      ACCEPTED,
    );
    for (const wrong of [
      { aud: undefined },
      { aud: "other" },
      { aud: [] },
      { iss: undefined },
      { iss: "https://evil" },
    ]) {
      expect(await answer(await tokenFor(user, { ...claims, ...wrong }), vars), JSON.stringify(wrong)).toEqual(REFUSED);
    }
    expect(await answer(SIMPLEJWT_ACCESS, vars)).toEqual(REFUSED);
  });

  it("when unset, aud and iss are not checked (simplejwt with AUDIENCE and ISSUER None)", async () => {
    expect(await answer(SIMPLEJWT_ACCESS_AUD_ISS)).toEqual(ACCEPTED);
    expect(await answer(await tokenFor(uniqueUserId(), { aud: "anyone", iss: "anybody" }))).toEqual(ACCEPTED);
  });
});

describe("canonical encoding", () => {
  it("accepts one spelling of a signature only: no padding, no standard alphabet, no stray low bits", async () => {
    const [header, payload, signature] = SIMPLEJWT_ACCESS.split(".") as [string, string, string];
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // 32 bytes take 43 characters: the last carries 4 bits, its 2 low bits are unused.
    const last = alphabet.indexOf(signature.slice(-1));
    const variants = [
      `${signature.slice(0, -1)}${alphabet[last ^ 1]}`,
      `${signature.slice(0, -1)}${alphabet[last ^ 3]}`,
      `${signature}=`,
      signature.replaceAll("-", "+").replaceAll("_", "/"),
    ];
    expect(await answer(SIMPLEJWT_ACCESS)).toEqual(ACCEPTED);
    for (const variant of variants) {
      expect(variant).not.toBe(signature);
      expect(await answer(`${header}.${payload}.${variant}`), variant).toEqual(REFUSED);
    }
  });
});

describe("the HMAC key is the secret's UTF-8 bytes", () => {
  it("a non-ASCII secret verifies simplejwt's tokens, not ones signed over bytes cut from its characters", async () => {
    const vars = { JWT_SECRET: NON_ASCII_SECRET };
    expect(await answer(SIMPLEJWT_ACCESS_NON_ASCII_SECRET, vars)).toEqual(ACCEPTED);
    // The JWT library given the string cuts each character to one byte.
    const claims = { token_type: "access", exp: Math.floor(Date.now() / 1000) + 300, user_id: uniqueUserId() };
    expect(await answer(await jwt.sign(claims, NON_ASCII_SECRET), vars)).toEqual(REFUSED);
    // What signs dev tokens and test tokens (signHmacToken) signs over the same bytes. The dev
    // routes themselves only answer with the dev default secret, which is ASCII.
    expect(await answer(await signHmacToken(claims, NON_ASCII_SECRET), vars)).toEqual(ACCEPTED);
  });

  it("a secret containing PUBLIC or PRIVATE is a secret, not a PEM key", async () => {
    expect(await answer(SIMPLEJWT_ACCESS_PUBLIC_SECRET, { JWT_SECRET: PUBLIC_SECRET })).toEqual(ACCEPTED);
    expect(await answer(SIMPLEJWT_ACCESS_PRIVATE_SECRET, { JWT_SECRET: PRIVATE_SECRET })).toEqual(ACCEPTED);
    expect(await answer(SIMPLEJWT_ACCESS_PUBLIC_SECRET, { JWT_SECRET: PRIVATE_SECRET })).toEqual(REFUSED);
  });
});

describe("RS* and ES* keep the library's PEM keys", () => {
  const pem = (label: string, der: ArrayBuffer) =>
    `-----BEGIN ${label}-----\n${btoa(String.fromCharCode(...new Uint8Array(der)))}\n-----END ${label}-----`;

  it.each([
    [
      "RS256",
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    ],
    ["ES256", { name: "ECDSA", namedCurve: "P-256" }],
  ])("%s: a token signed with the private key verifies with the public PEM", async (algorithm, params) => {
    const pair = (await crypto.subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
    const publicPem = pem("PUBLIC KEY", (await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
    const privatePem = pem("PRIVATE KEY", (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
    const claims = { token_type: "access", exp: Math.floor(Date.now() / 1000) + 300, user_id: uniqueUserId() };
    const vars = { JWT_ALGORITHM: algorithm, JWT_SECRET: publicPem };
    expect(await answer(await jwt.sign(claims, privatePem, { algorithm }), vars)).toEqual(ACCEPTED);
    expect(await answer(await tokenFor(claims.user_id), vars)).toEqual(REFUSED);
  });
});
