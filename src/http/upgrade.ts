import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { HonoEnv } from "../types";

/** The one path that accepts a WebSocket upgrade. */
export const SOCKET_PATH = "/ws/me/notifications";

/**
 * workerd hands a request carrying `Upgrade: websocket` to the worker as a GET without a body,
 * whatever its method was (test/upgrades.test.ts shows it). Left to the router, a `DELETE` with
 * that header would run the GET route of the same path (or, on the socket path, be answered 101,
 * which the runtime then turns into its own 500 for a non-GET). Only the socket path may upgrade.
 */
export const refuseStrayUpgrades = createMiddleware<HonoEnv>(async (c, next) => {
  // Other upgrades (e.g. curl's `Upgrade: h2c`) are not rewritten, and are ignored as before.
  const websocket = /\bwebsocket\b/i.test(c.req.header("Upgrade") ?? "");
  if (websocket && c.req.path.replace(/\/+$/, "") !== SOCKET_PATH) {
    throw ApiError.detail(400, `Upgrade is only accepted on ${SOCKET_PATH} (GET with Upgrade: websocket).`);
  }
  await next();
});
