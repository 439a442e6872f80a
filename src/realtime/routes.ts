import { Hono } from "hono";
import { bearerToken, TokenError, verifyAccessToken } from "../auth/jwt";
import { jwtSettings } from "../config";
import { ApiError } from "../errors";
import { methodNotAllowed } from "../http/on-error";
import { withinLimit } from "../http/rate-limit";
import type { HonoEnv } from "../types";
import { BEARER_PROTOCOL, CLOSE_RATE_LIMITED, HUB_HEADERS, SOCKET_ERRORS } from "./protocol";
import { refuseSocket } from "./sockets";
import { parseTicket } from "./tickets";

/** GET /ws/me/notifications: authenticate, then hand the upgrade to the user's hub. */
export const socketRoutes = new Hono<HonoEnv>();

type Handoff = {
  userId: string;
  expiresAt?: number;
  nonce?: string;
  protocol: string | null;
  /** Whom the upgrade limit counts against. */
  limitKey: string;
};

/** The upgrade as the hub gets it: the credentials stripped, what the worker established added. */
async function forward(request: Request, env: Env, handoff: Handoff): Promise<Response> {
  if (!(await withinLimit(env, "SOCKET_UPGRADES", handoff.limitKey))) {
    return refuseSocket(SOCKET_ERRORS.tooManyUpgrades, handoff.protocol, CLOSE_RATE_LIMITED);
  }
  const headers = new Headers();
  for (const name of ["Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Origin", "User-Agent"]) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set(HUB_HEADERS.user, handoff.userId);
  if (handoff.expiresAt !== undefined) headers.set(HUB_HEADERS.expires, String(handoff.expiresAt));
  if (handoff.nonce !== undefined) headers.set(HUB_HEADERS.ticket, handoff.nonce);
  if (handoff.protocol !== null) headers.set(HUB_HEADERS.protocol, handoff.protocol);
  // The URL may carry a ticket: the hub gets the path only.
  const url = new URL(request.url);
  return env.USER_HUB.getByName(handoff.userId).fetch(new Request(`${url.origin}${url.pathname}`, { headers }));
}

/**
 * Three ways in, for three kinds of client: `?ticket=` (browsers; the token stays out of the URL),
 * the `bearer` subprotocol (browsers that hold a token), and the Authorization header (servers,
 * native apps; `Authorizations` as the original's clients spell it).
 */
socketRoutes.get("/", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw ApiError.detail(426, "Expected a WebSocket upgrade (Upgrade: websocket).");
  }
  const offered = (c.req.header("Sec-WebSocket-Protocol") ?? "").split(",").map((p) => p.trim());
  const protocol = offered[0] === BEARER_PROTOCOL ? BEARER_PROTOCOL : null;

  const ticket = c.req.query("ticket");
  if (ticket !== undefined) {
    const parsed = parseTicket(ticket);
    if (!parsed) return refuseSocket(SOCKET_ERRORS.badTicket, protocol);
    // The ticket's user is not proven until the hub redeems it: counting forged tickets against
    // that user would let anyone lock them out, so ticket upgrades count against the client address.
    const limitKey = `ip:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
    return forward(c.req.raw, c.env, { userId: parsed.userId, nonce: parsed.nonce, protocol, limitKey });
  }

  const token =
    protocol !== null
      ? (offered[1] ?? null)
      : bearerToken(c.req.header("Authorization") ?? c.req.header("Authorizations"));
  if (!token) return refuseSocket(SOCKET_ERRORS.noToken, protocol);
  try {
    const principal = await verifyAccessToken(token, jwtSettings(c.env));
    return forward(c.req.raw, c.env, {
      userId: principal.userId,
      expiresAt: principal.expiresAt,
      protocol,
      limitKey: `user:${principal.userId}`,
    });
  } catch (error) {
    if (error instanceof TokenError) return refuseSocket(SOCKET_ERRORS.badToken, protocol);
    throw error;
  }
});

socketRoutes.all("/", methodNotAllowed);
