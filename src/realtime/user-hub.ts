import { DurableObject } from "cloudflare:workers";
import { maxSocketsPerUser, socketSendsNotifications } from "../config";
import type { Counts } from "../notifications/counts";
import { logEvent } from "../ops/log";
import { type CatchUp, readCatchUp } from "./catch-up";
import { deliverCatchUp, deliverLive, isEventSocket } from "./event-sockets";
import { ExpiryWatch } from "./expiry-watch";
import { spendFrame } from "./frame-budget";
import { EVENTS_PROTOCOL, type EventFrame } from "./frames";
import { Presence } from "./presence";
import {
  CLOSE_POLICY,
  FLOOD_COOLDOWN_MS,
  HUB_HEADERS,
  KEEPALIVE_PING,
  KEEPALIVE_PONG,
  SOCKET_ERRORS,
} from "./protocol";
import { Refresher } from "./refresher";
import { withRetries } from "./retry";
import { countsSnapshot, deliver, readSnapshot, type Snapshot } from "./snapshot";
import {
  type Attachment,
  attachmentOf,
  close,
  closeExpired,
  closeOldest,
  closeWithError,
  refuseSocket,
  send,
} from "./sockets";
import { syncSince } from "./sync";
import { TicketStore } from "./ticket-store";

/** Alarms are set at most this far ahead (a later expiry is looked at again then). */
const MAX_ALARM_AHEAD_MS = 30 * 86_400_000;
/** After a read at an expiry failed, when the alarm tries again. */
const EXPIRY_RETRY_MS = 5_000;
/** After a failed presence write, when the alarm tries again. */
const PRESENCE_RETRY_MS = 30_000;

/**
 * One per user: holds that user's sockets (hibernation API) and broadcasts fresh counts when the
 * worker pushes them. The worker authenticates; the hub trusts the user id it is given.
 */
export class UserHub extends DurableObject<Env> {
  private readonly presence: Presence;
  private readonly tickets: TicketStore;
  /** Legacy sockets: the counts (and with ALLOWED_NOTIFICATION_DATA the first page). */
  private readonly refresher: Refresher<Snapshot>;
  /** events.v1 sockets: what they missed, from the outbox. */
  private readonly catchUp: Refresher<CatchUp>;
  private readonly expiry: ExpiryWatch;
  /** Until when new sockets are refused after one was closed for flooding (forgotten on eviction: it is short). */
  private floodedUntil = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.presence = new Presence(
      env,
      () => this.openSockets().length > 0,
      () => ctx.waitUntil(this.wakeAt(Date.now() + PRESENCE_RETRY_MS)),
    );
    this.tickets = new TicketStore(ctx.storage);
    this.expiry = new ExpiryWatch(ctx.storage);
    // The last change may be the one a read is for: a lost read would leave the sockets stale.
    this.refresher = new Refresher(async (userId) => {
      const snapshot = await withRetries(() => readSnapshot(env, userId));
      await this.watchExpiry(snapshot.counts);
      return snapshot;
    }, deliver);
    this.catchUp = new Refresher(async (userId, sockets) => {
      // The versions of the sockets asking that need events (none: all fresh, counts only).
      const versions = sockets.map((ws) => attachmentOf(ws).version).filter((version) => version >= 0);
      const read = await withRetries(() => readCatchUp(env, userId, versions));
      await this.watchExpiry(read.counts);
      return read;
    }, deliverCatchUp);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(KEEPALIVE_PING, KEEPALIVE_PONG));
  }

  /** Only the WebSocket upgrade, forwarded by the worker after authentication. */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get(HUB_HEADERS.user);
    if (!userId || request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade from the worker.", { status: 426 });
    }
    const protocol = request.headers.get(HUB_HEADERS.protocol);
    const expiresAt = Number(request.headers.get(HUB_HEADERS.expires)) * 1000;
    if (!(expiresAt > Date.now())) return refuseSocket(SOCKET_ERRORS.badToken, protocol);
    if (Date.now() < this.floodedUntil) return refuseSocket(SOCKET_ERRORS.floodCooldown, protocol, CLOSE_POLICY);

    const events = request.headers.get(HUB_HEADERS.events) === EVENTS_PROTOCOL;
    // Checked by the worker: a non-negative integer, or absent.
    const since = request.headers.get(HUB_HEADERS.since);

    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({
      userId,
      version: events && since !== null ? Number(since) : -1,
      total: 0,
      read: 0,
      expiresAt,
      openedAt: Date.now(),
      ...(events && { events: true }),
      ...(events && since !== null && { claimed: true }),
    } satisfies Attachment);
    closeOldest(this.openSockets(), maxSocketsPerUser(this.env));
    await this.wakeAt(expiresAt);
    // Presence is recorded before the first snapshot is read: a write that commits before the
    // flag is set is in that snapshot, and a write after it sees the flag and pushes.
    const ready = this.presence.sync(userId).then(() => this.refresh([server], userId, true));
    // The upgrade does not wait for D1; the first frame follows as soon as it answers.
    this.ctx.waitUntil(ready);
    const headers = protocol ? { "Sec-WebSocket-Protocol": protocol } : undefined;
    return new Response(null, { status: 101, webSocket: client, headers });
  }

  /** RPC: a one-time ticket to open a socket, valid for 60 s and never past the token's expiry. */
  async issueTicket(userId: string, tokenExpiresAt: number): Promise<{ ticket: string; expiresIn: number }> {
    const { ticket, expiresIn, expiresAt } = await this.tickets.issue(userId, tokenExpiresAt);
    await this.wakeAt(expiresAt);
    return { ticket, expiresIn };
  }

  /**
   * RPC: spends a ticket; returns its token's expiry (seconds since the epoch), or null if it is
   * unknown, used or expired. The worker then counts the upgrade against the user and forwards it.
   */
  async redeemTicket(nonce: string): Promise<number | null> {
    return (await this.tickets.redeem(nonce))?.tokenExpiresAt ?? null;
  }

  /**
   * RPC from the worker after a committed write changed this user's counts: `counts` for legacy
   * sockets, and the ready events.v1 `frame` of that version (the worker rendered it: no D1 read
   * here unless a socket is behind by more than this frame).
   */
  async countsChanged(userId: string, counts: Counts, frame?: EventFrame): Promise<void> {
    const sockets = this.openSockets();
    if (sockets.length === 0) {
      // The flag outlived the sockets (e.g. the hub was reset): clear it so writes stop pushing.
      await this.presence.sync(userId);
      return;
    }
    const events = sockets.filter(isEventSocket);
    // A preferences change moves the version but no count: legacy sockets have nothing new to see.
    const legacy = frame?.type === "preferences.changed" ? [] : sockets.filter((ws) => !isEventSocket(ws));
    const behind = deliverLive(events, counts.version, frame);
    const pending: Promise<void>[] = [];
    if (behind.length > 0) pending.push(this.catchUp.refresh(behind, userId, false));
    if (legacy.length > 0 && socketSendsNotifications(this.env)) {
      // Frames carry the first page too, which only D1 has.
      pending.push(this.refresher.refresh(legacy, userId, false));
    } else {
      if (legacy.length > 0) deliver(legacy, countsSnapshot(counts), false);
      pending.push(this.watchExpiry(counts));
    }
    await Promise.all(pending);
  }

  /** RPC: the user's profile changed (deactivated, notifications disabled). */
  async accountChanged(userId: string): Promise<void> {
    const sockets = this.openSockets();
    if (sockets.length > 0) await this.refresh(sockets, userId, false);
  }

  /**
   * Any text frame asks for the current counts (the original's refresh), within FRAME_BUDGET; on
   * an events.v1 socket `{"type":"sync","since":V}` asks for a resume from V.
   */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Frames still on the wire when the socket was closed for flooding get no answer.
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!spendFrame(ws, Date.now())) {
      logEvent("warn", "socket_flood_closed", { user_id: attachmentOf(ws).userId });
      closeWithError(ws, CLOSE_POLICY, SOCKET_ERRORS.flood);
      this.floodedUntil = Date.now() + FLOOD_COOLDOWN_MS;
      return;
    }
    if (typeof message !== "string") {
      send(ws, { error: "Binary frames are not supported; send any text frame to get the current counts." });
      return;
    }
    const seen = attachmentOf(ws);
    if (seen.events) {
      const since = syncSince(message);
      if (since === "invalid") {
        send(ws, { error: SOCKET_ERRORS.badSync });
        return;
      }
      if (since !== null) ws.serializeAttachment({ ...seen, version: since, claimed: true } satisfies Attachment);
    }
    await this.refresh([ws], seen.userId, true);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // Complete the close handshake; 1005/1006 are not codes a peer may send back.
    close(ws, code === 1005 || code === 1006 ? 1000 : code, reason);
    await this.presence.sync(attachmentOf(ws).userId);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    logEvent("warn", "socket_error", { user_id: attachmentOf(ws).userId, error: String(error) });
  }

  /**
   * Closes sockets whose token expired (so clients re-authenticate), forgets expired tickets, and
   * repairs a presence flag D1 may not hold.
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const sockets = this.openSockets();
    const expiry = closeExpired(sockets, now);
    const first = sockets[0];
    if (expiry.closed > 0 && first) this.ctx.waitUntil(this.presence.sync(attachmentOf(first).userId));
    let next = expiry.next;
    const nextTicket = await this.tickets.purge(now);
    if (nextTicket !== null) next = Math.min(next, nextTicket);
    if (!(await this.repairPresence())) next = Math.min(next, now + PRESENCE_RETRY_MS);
    // A notification expired: the read expires it in D1 and the sockets get the fresh counts.
    if (first && (await this.expiry.due(now))) {
      await this.refresh(this.openSockets(), attachmentOf(first).userId, false);
    }
    // Still due after the read: it failed (D1 trouble); try again shortly, not in a tight loop.
    const nextExpiry = await this.expiry.next();
    if (nextExpiry !== null && first) next = Math.min(next, nextExpiry > now ? nextExpiry : now + EXPIRY_RETRY_MS);
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(Math.min(next, now + MAX_ALARM_AHEAD_MS));
  }

  /**
   * If D1 may not know that this hub holds sockets (a presence write failed, or the hub woke up),
   * tells it again; then the sockets get a fresh snapshot, since writes made meanwhile did not push
   * here. False when D1 still could not be told.
   */
  private async repairPresence(): Promise<boolean> {
    const sockets = this.openSockets();
    const first = sockets[0];
    if (!first || !this.presence.unsure) return true;
    const { userId } = attachmentOf(first);
    await this.presence.sync(userId);
    if (this.presence.unsure) return false;
    await this.refresh(sockets, userId, false);
    return true;
  }

  /** Brings sockets up to date from D1, each kind by its own single-flight read. */
  private async refresh(sockets: WebSocket[], userId: string, reply: boolean): Promise<void> {
    const events = sockets.filter(isEventSocket);
    const legacy = sockets.filter((ws) => !isEventSocket(ws));
    await Promise.all([
      events.length > 0 ? this.catchUp.refresh(events, userId, reply) : null,
      legacy.length > 0 ? this.refresher.refresh(legacy, userId, reply) : null,
    ]);
  }

  /** Wakes when the user's next notification expires, while sockets are open to tell. */
  private async watchExpiry(counts: Counts): Promise<void> {
    const at = await this.expiry.note(counts.nextExpiry);
    if (at !== null && this.openSockets().length > 0) await this.wakeAt(at);
  }

  private async wakeAt(at: number): Promise<void> {
    // A token may expire centuries ahead, past what alarms accept: wake sooner and look again.
    const when = Math.min(at, Date.now() + MAX_ALARM_AHEAD_MS);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || when < current) await this.ctx.storage.setAlarm(when);
  }

  private openSockets(): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN);
  }
}
