import jwt from "@tsndr/cloudflare-worker-jwt";
import { ApiError } from "../errors";
import { canonicalUserId } from "../users/ids";

export type JwtSettings = { secret: string; algorithm: string; userIdClaim: string };

export type Principal = {
  userId: string;
  /** Expiry in seconds since the epoch. */
  expiresAt: number;
};

const SUPPORTED = new Set(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]);

/** Why a token was refused. The message is never shown verbatim: clients see simplejwt's wording. */
export class TokenError extends Error {
  override name = "TokenError";
}

/**
 * Verifies an access token as djangorestframework-simplejwt issues it: signature with the configured
 * algorithm only (so `alg: none` and HS/RS confusion fail), `exp` required and in the future, `nbf`
 * passed, `token_type` "access" when present. Returns the canonical user id from the configured
 * claim, falling back to `sub`.
 */
export async function verifyAccessToken(token: string, settings: JwtSettings): Promise<Principal> {
  if (!settings.secret || !SUPPORTED.has(settings.algorithm)) {
    // An operator mistake, not the client's: say so without naming the secret.
    throw ApiError.detail(503, "Token authentication is not configured on this server.");
  }
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((part) => part === "")) throw new TokenError("malformed");
  let decoded: Awaited<ReturnType<typeof jwt.verify>>;
  try {
    decoded = await jwt.verify(token, settings.secret, { algorithm: settings.algorithm, throwError: true });
  } catch (error) {
    throw new TokenError(error instanceof Error ? error.message : "invalid");
  }
  const payload = decoded?.payload as Record<string, unknown> | undefined;
  if (!payload) throw new TokenError("no payload");
  // Checked here as well: the library skips a falsy exp or nbf (so `exp: 0` would never expire).
  const now = Date.now() / 1000;
  if (typeof payload.exp !== "number" || !Number.isFinite(payload.exp)) throw new TokenError("no exp");
  if (payload.exp <= now) throw new TokenError("expired");
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > now)) {
    throw new TokenError("not yet valid");
  }
  if (payload.token_type !== undefined && payload.token_type !== "access") throw new TokenError("not an access token");
  const userId = canonicalUserId(payload[settings.userIdClaim] ?? payload.sub);
  if (userId === null) throw new TokenError("no user id");
  return { userId, expiresAt: payload.exp };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
