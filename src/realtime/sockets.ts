import { CLOSE_TOO_MANY, CLOSE_UNAUTHORIZED, SOCKET_ERRORS } from "./protocol";

/** Per-socket state; it lives in the socket attachment so it survives hibernation. */
export type Attachment = {
  userId: string;
  /** The counts version this socket last saw, and those counts. */
  version: number;
  total: number;
  read: number;
  /** Absent on sockets opened before the inbox model: read as 0. */
  unseen?: number;
  archived?: number;
  /** When the token that opened the socket expires (ms since the epoch): the hub closes it then. */
  expiresAt: number;
  /** When it was opened (ms since the epoch): past the per-user cap, the oldest goes first. */
  openedAt: number;
  /** Opened with `?protocol=events.v1`: one frame per version (event-sockets.ts); `version` is the last one sent. */
  events?: true;
  /** `version` is the client's `since`, not yet checked against the outbox (resume pending). */
  claimed?: true;
  /** The socket's frame token bucket (see spendFrame); absent until its first frame. */
  frameBudget?: { tokens: number; at: number };
};

export const attachmentOf = (ws: WebSocket) => ws.deserializeAttachment() as Attachment;

export function send(ws: WebSocket, frame: object): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // Already closing: the close handler tidies up.
  }
}

export function close(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason.slice(0, 120));
  } catch {
    // Already closed.
  }
}

/** Tells the client why in `{"error": ..., "code": ...}`, then closes with that code. */
export function closeWithError(ws: WebSocket, code: number, message: string): void {
  send(ws, { error: message, code });
  close(ws, code, message);
}

/**
 * Closes the sockets whose token expired with 4401 (clients re-authenticate). Returns how many,
 * and the next expiry among the others (Infinity if none).
 */
export function closeExpired(sockets: WebSocket[], now: number): { closed: number; next: number } {
  let closed = 0;
  let next = Number.POSITIVE_INFINITY;
  for (const ws of sockets) {
    const { expiresAt } = attachmentOf(ws);
    if (expiresAt > now) {
      next = Math.min(next, expiresAt);
      continue;
    }
    closeWithError(ws, CLOSE_UNAUTHORIZED, SOCKET_ERRORS.expired);
    closed += 1;
  }
  return { closed, next };
}

/** Past the per-user cap the oldest sockets are closed with 4008, so a leaking client cannot grow the hub forever. */
export function closeOldest(sockets: WebSocket[], cap: number): void {
  const excess = sockets.length - cap;
  if (excess <= 0) return;
  const oldest = sockets.sort((a, b) => attachmentOf(a).openedAt - attachmentOf(b).openedAt).slice(0, excess);
  for (const ws of oldest) {
    closeWithError(ws, CLOSE_TOO_MANY, SOCKET_ERRORS.tooMany);
  }
}

/**
 * As the original, a refused socket is accepted, told why in `{"error": ...}`, then closed; with
 * 4401 instead of 1000 so that clients can tell an auth failure from a normal close. A requested
 * subprotocol is echoed, or browsers would fail the handshake before reading the reason.
 */
export function refuseSocket(message: string, protocol: string | null = null, code = CLOSE_UNAUTHORIZED): Response {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  closeWithError(server, code, message);
  const headers = protocol ? { "Sec-WebSocket-Protocol": protocol } : undefined;
  return new Response(null, { status: 101, webSocket: client, headers });
}
