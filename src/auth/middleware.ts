import { createMiddleware } from "hono/factory";
import { jwtSettings } from "../config";
import { ApiError } from "../errors";
import type { HonoEnv } from "../types";
import { bearerToken, TokenError, verifyAccessToken } from "./jwt";
import { anyServiceKeyMatches } from "./service-key";

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="api"' };

/** simplejwt's body for a bad token, so clients of the original keep parsing it. */
export const tokenNotValid = () =>
  ApiError.detail(
    401,
    "Given token not valid for any token type",
    {
      code: "token_not_valid",
      messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
    },
    CHALLENGE,
  );

const notAuthenticated = () => ApiError.detail(401, "Authentication credentials were not provided.", {}, CHALLENGE);

/** User routes: a valid access token; sets `userId`. */
export const requireUser = createMiddleware<HonoEnv>(async (c, next) => {
  const header = c.req.header("Authorization");
  // As simplejwt: a header of another scheme (Basic, ...) counts as no credentials at all.
  if (!header || !/^\s*Bearer(\s|$)/i.test(header)) throw notAuthenticated();
  const token = bearerToken(header);
  if (!token) throw tokenNotValid();
  try {
    const principal = await verifyAccessToken(token, jwtSettings(c.env));
    c.set("userId", principal.userId);
    c.set("tokenExpiresAt", principal.expiresAt);
  } catch (error) {
    if (error instanceof TokenError) throw tokenNotValid();
    throw error;
  }
  await next();
});

/** Server routes: `Authorization: Bearer <SERVICE_API_KEY>`. A user token never matches. */
export const requireService = createMiddleware<HonoEnv>(async (c, next) => {
  const expected = c.env.SERVICE_API_KEY;
  if (!expected) throw ApiError.detail(503, "Server routes are disabled: SERVICE_API_KEY is not set.");
  const header = c.req.header("Authorization");
  if (!header) throw notAuthenticated();
  const key = bearerToken(header);
  if (!key || !(await anyServiceKeyMatches(key, expected))) {
    throw ApiError.detail(401, "Invalid service API key.", {}, CHALLENGE);
  }
  await next();
});
