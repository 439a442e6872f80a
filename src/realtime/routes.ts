import { Hono } from "hono";
import { bearerToken, TokenError, verifyAccessToken } from "../auth/jwt";
import { jwtSettings } from "../config";
import { ApiError } from "../errors";
import { methodNotAllowed } from "../http/on-error";
import type { HonoEnv } from "../types";
import { CLOSE_UNAUTHORIZED, HUB_USER_HEADER, SOCKET_ERRORS } from "./protocol";

/** GET /ws/me/notifications: authenticate, then hand the upgrade to the user's hub. */
export const socketRoutes = new Hono<HonoEnv>();

/**
 * As the original, a refused socket is accepted, told why in `{"error": ...}`, then closed; with
 * 4401 instead of 1000 so that clients can tell an auth failure from a normal close.
 */
function refuseSocket(message: string): Response {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  server.send(JSON.stringify({ error: message }));
  server.close(CLOSE_UNAUTHORIZED, message);
  return new Response(null, { status: 101, webSocket: client });
}

socketRoutes.get("/", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw ApiError.detail(426, "Expected a WebSocket upgrade (Upgrade: websocket).");
  }
  // The original's clients send the misspelled `Authorizations` header.
  const header = c.req.header("Authorization") ?? c.req.header("Authorizations");
  const token = bearerToken(header);
  if (!token) return refuseSocket(SOCKET_ERRORS.noToken);
  let userId: string;
  try {
    userId = (await verifyAccessToken(token, jwtSettings(c.env))).userId;
  } catch (error) {
    if (error instanceof TokenError) return refuseSocket(SOCKET_ERRORS.badToken);
    throw error;
  }
  const headers = new Headers(c.req.raw.headers);
  headers.delete("Authorization");
  headers.delete("Authorizations");
  headers.set(HUB_USER_HEADER, userId);
  return c.env.USER_HUB.getByName(userId).fetch(new Request(c.req.url, { headers }));
});

socketRoutes.all("/", methodNotAllowed);
