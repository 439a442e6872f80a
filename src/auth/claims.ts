import type { JwtSettings } from "./jwt";

/** Why a token was refused. The message is never shown verbatim: clients see simplejwt's wording. */
export class TokenError extends Error {
  override name = "TokenError";
}

/** `aud` names the audience when it is it, or a list of strings containing it (as PyJWT). */
function audienceMatches(aud: unknown, audience: string): boolean {
  if (typeof aud === "string") return aud === audience;
  return Array.isArray(aud) && aud.every((item) => typeof item === "string") && aud.includes(audience);
}

/**
 * The claim checks of simplejwt's AccessToken over a verified payload; returns `exp`. `exp` is
 * required and checked here rather than by the library, which skips a falsy one (`exp: 0`).
 */
export function checkClaims(claims: Record<string, unknown>, settings: JwtSettings): number {
  const now = Date.now() / 1000;
  const { exp, nbf } = claims;
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw new TokenError("no exp");
  if (exp <= now) throw new TokenError("expired");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now)) throw new TokenError("not yet valid");
  if (claims.token_type === undefined) {
    if (settings.requireTokenType) throw new TokenError("no token type");
  } else if (claims.token_type !== "access") {
    throw new TokenError("not an access token");
  }
  if (settings.audience !== null && !audienceMatches(claims.aud, settings.audience)) {
    throw new TokenError("wrong audience");
  }
  if (settings.issuer !== null && claims.iss !== settings.issuer) throw new TokenError("wrong issuer");
  return exp;
}
