import jwt from "@tsndr/cloudflare-worker-jwt";
import { ApiError } from "../errors";
import { canonicalUserId } from "../users/ids";
import { decodeBase64Url } from "./base64url";
import { checkClaims, TokenError } from "./claims";
import { hmacKey, isHmacAlgorithm } from "./hmac";

export type JwtSettings = {
  secret: string;
  algorithm: string;
  userIdClaim: string;
  /** simplejwt refuses a token without `token_type`; off for identity providers that send none. */
  requireTokenType: boolean;
  /** When set, `aud` must be or contain it (simplejwt's AUDIENCE). */
  audience: string | null;
  /** When set, `iss` must equal it (simplejwt's ISSUER). */
  issuer: string | null;
};

export type Principal = {
  userId: string;
  /** Expiry in seconds since the epoch. */
  expiresAt: number;
};

export { TokenError };

const SUPPORTED = new Set(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]);
const ASCII = new TextEncoder();
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function jsonObject(bytes: Uint8Array | null, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = bytes && JSON.parse(UTF8.decode(bytes));
  } catch {
    throw new TokenError(`${what} is not JSON`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new TokenError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

async function signatureMatches(token: string, parts: string[], signature: Uint8Array, settings: JwtSettings) {
  if (isHmacAlgorithm(settings.algorithm)) {
    const key = await hmacKey(settings.secret, settings.algorithm);
    // The signing input is the token's own text, canonical base64url and so plain ASCII.
    return crypto.subtle.verify("HMAC", key, signature, ASCII.encode(`${parts[0]}.${parts[1]}`));
  }
  // RS*/ES*: the secret is a PEM public key, which the library imports.
  try {
    return Boolean(await jwt.verify(token, settings.secret, { algorithm: settings.algorithm, throwError: true }));
  } catch {
    return false;
  }
}

/**
 * Verifies an access token as djangorestframework-simplejwt does: canonical base64url parts, the
 * configured algorithm only (so `alg: none` and HS/RS confusion fail), the signature, then the
 * claims (see checkClaims). Returns the canonical user id from the configured claim, falling back
 * to `sub`.
 */
export async function verifyAccessToken(token: string, settings: JwtSettings): Promise<Principal> {
  if (!settings.secret || !SUPPORTED.has(settings.algorithm)) {
    // An operator mistake, not the client's: say so without naming the secret.
    throw ApiError.detail(503, "Token authentication is not configured on this server.");
  }
  const parts = token.split(".");
  if (parts.length !== 3) throw new TokenError("malformed");
  const [header, payload, signature] = parts.map(decodeBase64Url);
  if (!signature || signature.length === 0) throw new TokenError("not canonical base64url");
  if (jsonObject(header ?? null, "header").alg !== settings.algorithm) throw new TokenError("wrong algorithm");
  const claims = jsonObject(payload ?? null, "payload");
  if (!(await signatureMatches(token, parts, signature, settings))) throw new TokenError("bad signature");
  const expiresAt = checkClaims(claims, settings);
  const userId = canonicalUserId(claims[settings.userIdClaim] ?? claims.sub);
  if (userId === null) throw new TokenError("no user id");
  return { userId, expiresAt };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
