/** Wire contract of the notifications socket, shared by the worker route and the hub. */

/** Set by the worker after authentication; the hub trusts it (the hub is only reachable through the worker). */
export const HUB_USER_HEADER = "X-Edge-Notify-User";

/** A client that sends exactly this text gets KEEPALIVE_PONG from the runtime without waking the hub. */
export const KEEPALIVE_PING = "ping";
export const KEEPALIVE_PONG = "pong";

/** Close codes: 4401 the token is missing, invalid or expired; 4403 the user may not receive notifications. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export type ErrorFrame = { error: string };

/** Error messages of the original, so its clients keep matching them. */
export const SOCKET_ERRORS = {
  noToken: "Provide an access token in the headers.",
  badToken: "Token is invalid or expired",
} as const;
