import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { allowedOrigins } from "../config";
import { ApiError } from "../errors";
import type { HonoEnv } from "../types";

const ALLOW_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key"];
const ALLOW_METHODS = ["GET", "POST", "PUT", "PATCH", "OPTIONS"];

/**
 * ALLOWED_ORIGINS (comma list; empty allows every origin, for development). A request whose
 * Origin is not listed (preflights and socket upgrades included) is refused with 403, so a page
 * elsewhere can neither read nor act with a user's token. The service's own origin is not let
 * through by itself: the request's URL comes from its Host header, so a DNS-rebound page
 * (`Host: evil.example`, `Origin: http://evil.example`) would pass. List it if pages it serves
 * call the API.
 */
export const originPolicy = createMiddleware<HonoEnv>(async (c, next) => {
  const allowed = allowedOrigins(c.env);
  const origin = c.req.header("Origin");
  if (allowed && origin && !allowed.has(origin)) {
    throw ApiError.detail(403, `Origin ${origin} is not allowed.`);
  }
  const handler = cors({
    origin: (requestOrigin) => requestOrigin,
    allowHeaders: ALLOW_HEADERS,
    allowMethods: ALLOW_METHODS,
    maxAge: 600,
  });
  return handler(c, next);
});
