import type { Context } from "hono";
import { ApiError } from "../errors";
import { logEvent } from "../ops/log";
import type { HonoEnv } from "../types";

/** D1 and Durable Object failures are transient from the client's point of view. */
function isUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /D1_|SQLITE_BUSY|database is locked|Network connection lost|overloaded/i.test(message);
}

/** The one place errors become responses. */
export function renderError(error: unknown, c: Context<HonoEnv>): Response {
  if (error instanceof ApiError) {
    return c.json(error.body, error.status, error.headers);
  }
  const requestId = c.get("requestId");
  // The log keeps the cause for operators; the response names no internals.
  logEvent("error", "request_failed", { request_id: requestId, route: c.req.routePath, error: String(error) });
  if (isUnavailable(error)) {
    return c.json({ detail: "The service is temporarily unavailable; retry shortly.", request_id: requestId }, 503, {
      "Retry-After": "1",
    });
  }
  return c.json({ detail: "Internal server error.", request_id: requestId }, 500);
}

/** DRF's 405 body for a method a route does not serve. */
export function methodNotAllowed(c: Context<HonoEnv>): Response {
  throw ApiError.detail(405, `Method "${c.req.method}" not allowed.`);
}
