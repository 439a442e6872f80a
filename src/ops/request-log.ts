import { createMiddleware } from "hono/factory";
import type { HonoEnv } from "../types";
import { logEvent } from "./log";

/**
 * One JSON line per request (docs/operations.md lists the fields). The route is the matched
 * pattern, not the URL: a URL may carry a socket ticket, and a query string anything at all.
 * Tokens, keys and bodies are never logged.
 */
export const requestLog = createMiddleware<HonoEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  const userId = c.get("userId");
  logEvent(c.res.status >= 500 ? "error" : "info", "request", {
    request_id: c.get("requestId"),
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    duration_ms: Date.now() - started,
    ...(userId !== undefined && { user_id: userId }),
  });
});
