import { DurableObject } from "cloudflare:workers";
import { maxSocketsPerUser, socketSendsNotifications } from "../config";
import { createDb } from "../db/client";
import { ApiError } from "../errors";
import { type Counts, countsBody, countsOf } from "../notifications/counts";
import { FIRST_PAGE, readFeed } from "../notifications/feed";
import { assertAccountUsable, findUser, setListening } from "../users/service";
import {
  CLOSE_FORBIDDEN,
  CLOSE_TOO_MANY,
  CLOSE_UNAUTHORIZED,
  HUB_HEADERS,
  KEEPALIVE_PING,
  KEEPALIVE_PONG,
  SOCKET_ERRORS,
} from "./protocol";
import { type Attachment, attachmentOf, close, refuseSocket, send } from "./sockets";
import { formatTicket, newNonce, TICKET_TTL_MS, type TicketRecord } from "./tickets";

type Snapshot = { counts: Counts; frame: object };

const TICKET_PREFIX = "ticket:";

/**
 * D1 calls the hub cannot afford to lose (a socket's first frame, the presence flag that decides
 * whether writes push here) are retried with backoff before giving up.
 */
async function withRetries<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** (attempt - 1)));
    }
  }
}

/**
 * One per user: holds that user's sockets (hibernation API) and broadcasts fresh counts when the
 * worker pushes them. The worker authenticates; the hub trusts the user id it is given.
 */
export class UserHub extends DurableObject<Env> {
  /** Presence writes run one after another, so the last one reflects the sockets held last. */
  private presence: Promise<void> = Promise.resolve();
  /** What D1 was last told; unknown after a wake-up. */
  private listening: boolean | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(KEEPALIVE_PING, KEEPALIVE_PONG));
  }

  /** Only the WebSocket upgrade, forwarded by the worker after authentication. */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get(HUB_HEADERS.user);
    if (!userId || request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade from the worker.", { status: 426 });
    }
    const protocol = request.headers.get(HUB_HEADERS.protocol);
    let expiresAt = Number(request.headers.get(HUB_HEADERS.expires)) * 1000;
    const nonce = request.headers.get(HUB_HEADERS.ticket);
    if (nonce !== null) {
      const ticket = await this.redeemTicket(nonce);
      if (!ticket) return refuseSocket(SOCKET_ERRORS.badTicket, protocol);
      expiresAt = ticket.tokenExpiresAt * 1000;
    }
    if (!(expiresAt > Date.now())) return refuseSocket(SOCKET_ERRORS.badToken, protocol);

    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({
      userId,
      version: -1,
      total: 0,
      read: 0,
      expiresAt,
      openedAt: Date.now(),
    } satisfies Attachment);
    this.enforceSocketCap();
    await this.wakeAt(expiresAt);
    // Presence is recorded before the first snapshot is read: a write that commits before the
    // flag is set is in that snapshot, and a write after it sees the flag and pushes.
    const ready = this.syncPresence(userId).then(() => this.refresh([server], userId, true));
    // The upgrade does not wait for D1; the first frame follows as soon as it answers.
    this.ctx.waitUntil(ready);
    const headers = protocol ? { "Sec-WebSocket-Protocol": protocol } : undefined;
    return new Response(null, { status: 101, webSocket: client, headers });
  }

  /** RPC: a one-time ticket to open a socket, valid for 60 s and never past the token's expiry. */
  async issueTicket(userId: string, tokenExpiresAt: number): Promise<{ ticket: string; expiresIn: number }> {
    const now = Date.now();
    const nonce = newNonce();
    const expiresAt = Math.min(now + TICKET_TTL_MS, tokenExpiresAt * 1000);
    await this.ctx.storage.put(TICKET_PREFIX + nonce, { expiresAt, tokenExpiresAt } satisfies TicketRecord);
    await this.wakeAt(expiresAt);
    return { ticket: formatTicket(userId, nonce), expiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)) };
  }

  /** RPC from the worker after a committed write changed this user's counts. */
  async countsChanged(userId: string, counts: Counts): Promise<void> {
    const sockets = this.openSockets();
    if (sockets.length === 0) {
      // The flag outlived the sockets (e.g. the hub was reset): clear it so writes stop pushing.
      await this.syncPresence(userId);
      return;
    }
    if (socketSendsNotifications(this.env)) {
      // Frames carry the first page too, which only D1 has.
      await this.refresh(sockets, userId, false);
      return;
    }
    this.deliver(sockets, { counts, frame: countsBody(counts) }, false);
  }

  /** RPC: the user's profile changed (deactivated, notifications disabled). */
  async accountChanged(userId: string): Promise<void> {
    const sockets = this.openSockets();
    if (sockets.length > 0) await this.refresh(sockets, userId, false);
  }

  /** Any text frame asks for the current counts (the original's refresh). */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== "string") {
      send(ws, { error: "Binary frames are not supported; send any text frame to get the current counts." });
      return;
    }
    await this.refresh([ws], attachmentOf(ws).userId, true);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // Complete the close handshake; 1005/1006 are not codes a peer may send back.
    close(ws, code === 1005 || code === 1006 ? 1000 : code, reason);
    await this.syncPresence(attachmentOf(ws).userId);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.warn(JSON.stringify({ event: "socket_error", userId: attachmentOf(ws).userId, error: String(error) }));
  }

  /** Closes sockets whose token expired (so clients re-authenticate) and forgets expired tickets. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const ws of this.openSockets()) {
      const { expiresAt, userId } = attachmentOf(ws);
      if (expiresAt <= now) {
        send(ws, { error: SOCKET_ERRORS.expired, code: CLOSE_UNAUTHORIZED });
        close(ws, CLOSE_UNAUTHORIZED, SOCKET_ERRORS.expired);
        this.ctx.waitUntil(this.syncPresence(userId));
      } else {
        next = Math.min(next, expiresAt);
      }
    }
    const tickets = await this.ctx.storage.list<TicketRecord>({ prefix: TICKET_PREFIX });
    const expired = [...tickets].filter(([, record]) => record.expiresAt <= now).map(([key]) => key);
    if (expired.length > 0) await this.ctx.storage.delete(expired);
    for (const [, record] of tickets) if (record.expiresAt > now) next = Math.min(next, record.expiresAt);
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next);
  }

  /** A ticket works once: it is deleted as it is read, whatever its state. */
  private async redeemTicket(nonce: string): Promise<TicketRecord | null> {
    const key = TICKET_PREFIX + nonce;
    const record = await this.ctx.storage.get<TicketRecord>(key);
    if (!record) return null;
    await this.ctx.storage.delete(key);
    return record.expiresAt > Date.now() ? record : null;
  }

  private async wakeAt(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  /** Past the per-user cap the oldest sockets are closed, so a leaking client cannot grow the hub forever. */
  private enforceSocketCap(): void {
    const open = this.openSockets();
    const excess = open.length - maxSocketsPerUser(this.env);
    if (excess <= 0) return;
    const oldest = open.sort((a, b) => attachmentOf(a).openedAt - attachmentOf(b).openedAt).slice(0, excess);
    for (const ws of oldest) {
      send(ws, { error: SOCKET_ERRORS.tooMany, code: CLOSE_TOO_MANY });
      close(ws, CLOSE_TOO_MANY, SOCKET_ERRORS.tooMany);
    }
  }

  private openSockets(): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  /** Tells D1 whether this hub holds sockets, so writes know whether to push here. */
  private syncPresence(userId: string): Promise<void> {
    this.presence = this.presence
      .then(async () => {
        const listening = this.openSockets().length > 0;
        if (listening === this.listening) return;
        await withRetries(() => setListening(createDb(this.env.DB), userId, listening));
        this.listening = listening;
      })
      .catch((error: unknown) => {
        console.error(JSON.stringify({ event: "hub_presence_failed", userId, error: String(error) }));
      });
    return this.presence;
  }

  /** Reads the user's state from D1 and sends it; sockets of a user who may not listen are closed. */
  private async refresh(sockets: WebSocket[], userId: string, reply: boolean): Promise<void> {
    let snapshot: Snapshot;
    try {
      // The last change may be this one: a lost read would leave the socket stale.
      snapshot = await withRetries(() => this.readSnapshot(userId));
    } catch (error) {
      if (error instanceof ApiError) {
        const detail = String(error.body.detail);
        for (const ws of sockets) {
          send(ws, { error: detail, code: CLOSE_FORBIDDEN });
          close(ws, CLOSE_FORBIDDEN, detail);
        }
        return;
      }
      // D1 trouble: keep the sockets; the next push or refresh converges.
      console.error(JSON.stringify({ event: "hub_refresh_failed", userId, error: String(error) }));
      return;
    }
    this.deliver(sockets, snapshot, reply);
  }

  private async readSnapshot(userId: string): Promise<Snapshot> {
    const db = createDb(this.env.DB);
    if (socketSendsNotifications(this.env)) {
      const page = await readFeed(db, userId, FIRST_PAGE);
      return { counts: page.counts, frame: { ...countsBody(page.counts), notifications: page.items } };
    }
    const user = await findUser(db, userId);
    assertAccountUsable(user);
    const counts = countsOf(user);
    return { counts, frame: countsBody(counts) };
  }

  /**
   * Sends the snapshot to each socket that has not seen a newer version, so a slow D1 read can
   * never put a stale frame after a fresher one. A reply to a refresh that lost such a race
   * repeats the fresher counts the socket already has.
   */
  private deliver(sockets: WebSocket[], { counts, frame }: Snapshot, reply: boolean): void {
    for (const ws of sockets) {
      const seen = attachmentOf(ws);
      if (counts.version > seen.version || (reply && counts.version === seen.version)) {
        send(ws, frame);
        ws.serializeAttachment({ ...seen, version: counts.version, total: counts.total, read: counts.read });
      } else if (reply) {
        send(ws, countsBody(seen));
      }
    }
  }
}
