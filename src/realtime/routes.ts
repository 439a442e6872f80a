import { OpenAPIHono, z } from "@hono/zod-openapi";
import { bearerToken, TokenError, verifyAccessToken } from "../auth/jwt";
import { jwtSettings } from "../config";
import { ApiError } from "../errors";
import { defineRoute, errors, USER_AUTH } from "../http/contract";
import { methodNotAllowed } from "../http/on-error";
import { withinLimit } from "../http/rate-limit";
import type { HonoEnv } from "../types";
import { EVENTS_PROTOCOL } from "./frames";
import { BEARER_PROTOCOL, CLOSE_BAD_REQUEST, CLOSE_RATE_LIMITED, HUB_HEADERS, SOCKET_ERRORS } from "./protocol";
import { refuseSocket } from "./sockets";
import { sinceParam } from "./sync";
import { verifiedTicket } from "./ticket-mac";
import { parseTicket } from "./tickets";

/** GET /ws/me/notifications: authenticate, then hand the upgrade to the user's hub. */
export const socketRoutes = new OpenAPIHono<HonoEnv>();

type Handoff = {
  userId: string;
  /** When the token (for a ticket: the token it was issued for) expires, seconds since the epoch. */
  expiresAt: number;
  protocol: string | null;
};

/** What the socket URL asks for: `protocol=events.v1` and its `since`; a string naming the problem otherwise. */
type Wanted = { events: boolean; since: number | null };

function wanted(protocol: string | undefined, since: string | undefined): Wanted | string {
  if (protocol !== undefined && protocol !== EVENTS_PROTOCOL) return SOCKET_ERRORS.badProtocol;
  const version = sinceParam(since);
  if (version === undefined || (version !== null && protocol === undefined)) return SOCKET_ERRORS.badSince;
  return { events: protocol !== undefined, since: version };
}

/**
 * The upgrade as the hub gets it: the credentials stripped, what the worker established added.
 * Counted against the proven user, so nobody else's attempts can use up their limit.
 */
async function forward(request: Request, env: Env, handoff: Handoff, want: Wanted): Promise<Response> {
  if (!(await withinLimit(env, "SOCKET_UPGRADES", `user:${handoff.userId}`))) {
    return refuseSocket(SOCKET_ERRORS.tooManyUpgrades, handoff.protocol, CLOSE_RATE_LIMITED);
  }
  const headers = new Headers();
  for (const name of ["Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Origin", "User-Agent"]) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set(HUB_HEADERS.user, handoff.userId);
  headers.set(HUB_HEADERS.expires, String(handoff.expiresAt));
  if (handoff.protocol !== null) headers.set(HUB_HEADERS.protocol, handoff.protocol);
  if (want.events) headers.set(HUB_HEADERS.events, EVENTS_PROTOCOL);
  if (want.since !== null) headers.set(HUB_HEADERS.since, String(want.since));
  // The URL may carry a ticket: the hub gets the path only.
  const url = new URL(request.url);
  return env.USER_HUB.getByName(handoff.userId).fetch(new Request(`${url.origin}${url.pathname}`, { headers }));
}

/**
 * A ticket proves its user only once its hub redeems it. The worker checks its own MAC first, so
 * a forged ticket never wakes (or creates) a hub. Failed tickets count against the client address
 * on their own limiter, which a valid ticket never consults: a flood of forged tickets from an
 * office NAT (or from everyone sharing `ip:unknown`) earns the forger 4429 and blocks nobody's
 * real ticket.
 */
async function redeem(env: Env, ticket: string, address: string, protocol: string | null) {
  const inner = await verifiedTicket(env, ticket);
  const parsed = inner === null ? null : parseTicket(inner);
  const tokenExpiresAt = parsed ? await env.USER_HUB.getByName(parsed.userId).redeemTicket(parsed.nonce) : null;
  if (parsed && tokenExpiresAt !== null) return { userId: parsed.userId, expiresAt: tokenExpiresAt, protocol };
  return (await withinLimit(env, "TICKET_FAILURES", `ip:${address}`))
    ? refuseSocket(SOCKET_ERRORS.badTicket, protocol)
    : refuseSocket(SOCKET_ERRORS.tooManyBadTickets, protocol, CLOSE_RATE_LIMITED);
}

/**
 * Three ways in, for three kinds of client: `?ticket=` (browsers; the token stays out of the URL),
 * the `bearer` subprotocol (browsers that hold a token), and the Authorization header (servers,
 * native apps; `Authorizations` as the original's clients spell it).
 */
defineRoute(
  socketRoutes,
  {
    method: "get",
    path: "/",
    operationId: "openNotificationsSocket",
    summary: "The live socket (WebSocket upgrade); its frames are described in /asyncapi.yaml",
    description:
      'Authenticate with `?ticket=` (from POST /api/v1/me/notifications/ws-ticket), the `bearer` subprotocol, or `Authorization: Bearer`. A refused socket is accepted (101), sent an `{"error", "code"}` frame and closed with that code (4400, 4401, 4403, 4429).',
    tags: ["Socket"],
    security: [...USER_AUTH, {}],
    request: {
      query: z.object({
        ticket: z.string().optional().meta({ description: "A one-time ticket." }),
        protocol: z.string().optional().meta({
          description: "`events.v1`: one frame per change, with versions (see AsyncAPI). Absent: the default frames.",
        }),
        since: z.string().optional().meta({
          description: "With `protocol=events.v1`: the last version the client applied; the socket resumes from it.",
        }),
      }),
      headers: z.object({
        Upgrade: z.literal("websocket"),
        "Sec-WebSocket-Protocol": z.string().optional().meta({ description: "`bearer, <access token>`" }),
      }),
    },
    responses: {
      101: { description: "Switching protocols: the socket is open (or refused with a close code; see AsyncAPI)." },
      ...errors(400, 403, 426),
    },
  },
  async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
      throw ApiError.detail(426, "Expected a WebSocket upgrade (Upgrade: websocket).");
    }
    const offered = (c.req.header("Sec-WebSocket-Protocol") ?? "").split(",").map((p) => p.trim());
    const protocol = offered[0] === BEARER_PROTOCOL ? BEARER_PROTOCOL : null;
    // Checked before the credentials, so a malformed URL never spends a ticket.
    const want = wanted(c.req.query("protocol"), c.req.query("since"));
    if (typeof want === "string") return refuseSocket(want, protocol, CLOSE_BAD_REQUEST);

    const ticket = c.req.query("ticket");
    if (ticket !== undefined) {
      const redeemed = await redeem(c.env, ticket, c.req.header("CF-Connecting-IP") ?? "unknown", protocol);
      return redeemed instanceof Response ? redeemed : forward(c.req.raw, c.env, redeemed, want);
    }

    const token =
      protocol !== null
        ? (offered[1] ?? null)
        : bearerToken(c.req.header("Authorization") ?? c.req.header("Authorizations"));
    if (!token) return refuseSocket(SOCKET_ERRORS.noToken, protocol);
    try {
      const principal = await verifyAccessToken(token, jwtSettings(c.env));
      return forward(c.req.raw, c.env, { userId: principal.userId, expiresAt: principal.expiresAt, protocol }, want);
    } catch (error) {
      if (error instanceof TokenError) return refuseSocket(SOCKET_ERRORS.badToken, protocol);
      throw error;
    }
  },
);

socketRoutes.all("/", methodNotAllowed);
