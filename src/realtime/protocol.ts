/** Wire contract of the notifications socket, shared by the worker route and the hub. */

/**
 * Set by the worker after authentication; the hub trusts them (it is only reachable through the
 * worker, which drops any such header a client sends).
 */
export const HUB_HEADERS = {
  user: "X-Edge-Notify-User",
  /** Token expiry, seconds since the epoch. */
  expires: "X-Edge-Notify-Expires",
  /** The subprotocol to echo in the 101 response. */
  protocol: "X-Edge-Notify-Protocol",
  /** `events.v1` when the socket asked for it (`?protocol=`). */
  events: "X-Edge-Notify-Events",
  /** The socket's `?since=`: the last version its client applied (a non-negative integer). */
  since: "X-Edge-Notify-Since",
} as const;

/** `new WebSocket(url, ["bearer", token])`: the token travels as the second subprotocol. */
export const BEARER_PROTOCOL = "bearer";

/** A client that sends exactly this text gets KEEPALIVE_PONG from the runtime without waking the hub. */
export const KEEPALIVE_PING = "ping";
export const KEEPALIVE_PONG = "pong";

/** Close codes: 4401 the token or ticket is missing, invalid or expired; 4403 the user may not receive notifications. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;
/** The user opened more than MAX_SOCKETS_PER_USER sockets: the oldest is closed with this code. */
export const CLOSE_TOO_MANY = 4008;
/** Too many socket upgrades by this user in the last minute: back off and retry. */
export const CLOSE_RATE_LIMITED = 4429;
/** The socket URL is malformed (an unknown `protocol`, a `since` that is not a version): fix the client. */
export const CLOSE_BAD_REQUEST = 4400;
/** The client sent more frames than FRAME_BUDGET allows (1008, policy violation): back off before reconnecting. */
export const CLOSE_POLICY = 1008;

/**
 * Frames (text or binary; not the keepalive `ping`, which never reaches the hub) one socket may
 * send: a burst of `burst` at once, refilled at `perSecond`. Each refresh costs a D1 read, so an
 * unbounded sender slows the database for every user; a client that refreshes on focus or on
 * reconnect stays far below it.
 */
export const FRAME_BUDGET = { burst: 20, perSecond: 1 } as const;
/**
 * After closing a user's socket for flooding, the hub refuses that user's new sockets (1008) for
 * this long: every connection of a flooding client brings the frames it queued before it read the
 * close (thousands), so a client reconnecting at once would keep the hub busy dropping them.
 */
export const FLOOD_COOLDOWN_MS = 10_000;

/**
 * `{"error": ...}` as the original sends it; `code` is the close code that follows (4401, 4403), so
 * a client can act on the frame without waiting for the close handshake to finish.
 */
export type ErrorFrame = { error: string; code?: number };

/** Error messages; the first two are the original's, so its clients keep matching them. */
export const SOCKET_ERRORS = {
  noToken: "Provide an access token in the headers.",
  badToken: "Token is invalid or expired",
  badTicket: "Ticket is invalid, expired or already used",
  expired: "Token expired",
  tooMany: "Too many open sockets for this user; the oldest was closed",
  tooManyUpgrades: "Too many connection attempts; retry in a minute",
  tooManyBadTickets: "Too many invalid tickets from this address; retry in a minute",
  floodCooldown: `Closed for flooding; reconnect after ${FLOOD_COOLDOWN_MS / 1000} s`,
  badProtocol: 'Unknown protocol: the only one is "events.v1" (leave protocol out for the default frames)',
  badSince: "since must be a non-negative integer: the last version the client applied (needs protocol=events.v1)",
  badSync: 'A sync frame is {"type": "sync", "since": <the last version applied, a non-negative integer>}',
  flood: `Too many frames on this socket (at most ${FRAME_BUDGET.burst} at once, then ${FRAME_BUDGET.perSecond} a second); back off before reconnecting`,
} as const;
