/**
 * The client: typed REST helpers, and one live socket (see socket.ts) that opens with one-time
 * tickets, reconnects by the policy of reconnect.ts and re-authenticates after a 4401.
 *
 * The socket speaks the legacy counts frames unless a caller (the inbox store) asks for the
 * `events.v1` protocol, which then resumes from the lowest version its callers have applied.
 */
import { LiveSocket, type SocketStatus, type WebSocketClass } from "./socket.js";
import {
  type ActionBody,
  type AllCounts,
  type ApiErrorBody,
  type Before,
  type CountsBody,
  type EventsFrame,
  type FeedBody,
  type GroupedFeedBody,
  legacyCounts,
  type MarkAction,
  type NotificationItem,
  type NotificationPatch,
  type PreferencesBody,
  type PreferencesUpdate,
  type SocketErrorFrame,
  type SocketFrame,
  type TicketBody,
} from "./types.js";

type AllAction = "MARK_ALL_AS_READ" | "REMOVED_ALL" | "MARK_ALL_AS_SEEN" | "ARCHIVE_ALL" | "ARCHIVE_ALL_READ";

export type NotificationsClientOptions = {
  /** Where the service runs, e.g. "https://notify.example.com"; "" for the page's own origin. */
  baseUrl: string;
  /** The user's current access token; called again whenever the client needs to authenticate. */
  getToken: () => string | Promise<string>;
  /** A WebSocket implementation where there is no global one (Node: the `ws` package). */
  WebSocket?: unknown;
  /** Backoff between reconnects: full jitter up to minDelayMs * 2^attempt, capped at maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Do not reconnect while the page is hidden; reconnect as soon as it shows (default true). */
  pauseWhenHidden?: boolean;
};

export type ListOptions = {
  page?: number;
  pageSize?: number;
  isRead?: boolean;
  cursor?: string;
  /** "exclude" (default): the live feed; "only": the archived; "include": both. */
  archived?: "exclude" | "include" | "only";
  category?: string;
  /** One tag. */
  tags?: string;
};

/** `protocol: "events.v1"`: item-level frames, resumed from `since()` (the last version applied, -1: none). */
export type ConnectOptions = { protocol?: "events.v1"; since?: () => number };

/** A 4xx/5xx from the API, with the service's JSON error body. */
export class NotificationsApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(`edge-notify answered ${status}: ${JSON.stringify(body)}`);
    this.name = "NotificationsApiError";
  }
}

type Listener<T> = (value: T) => void;
export type ConnectionStatus = SocketStatus;
type Events = {
  counts: CountsBody;
  notifications: NotificationItem[];
  error: Error;
  status: ConnectionStatus;
  event: EventsFrame;
};

export class NotificationsClient {
  private socket: LiveSocket | null = null;
  private protocol: "legacy" | "events.v1" = "legacy";
  private readonly since = new Set<() => number>();
  /** connect() was called without `since` (an app listening to counts): release() keeps the socket. */
  private plainConnect = false;
  private readonly listeners: { [K in keyof Events]: Set<Listener<Events[K]>> } = {
    counts: new Set(),
    notifications: new Set(),
    error: new Set(),
    status: new Set(),
    event: new Set(),
  };
  /** The last counts the socket delivered. */
  counts: CountsBody | null = null;

  constructor(private readonly options: NotificationsClientOptions) {}

  /**
   * Opens the live socket (once); counts arrive through onCounts, events.v1 frames through onEvent.
   * A call with `protocol: "events.v1"` switches an open legacy socket over. Throws where there is
   * no WebSocket.
   */
  connect(options: ConnectOptions = {}): void {
    if (options.since) this.since.add(options.since);
    else this.plainConnect = true;
    const wanted = options.protocol === "events.v1" ? "events.v1" : this.protocol;
    if (this.socket && wanted === this.protocol) return;
    this.protocol = wanted;
    this.socket?.stop();
    const WebSocket = (this.options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket) as
      | WebSocketClass
      | undefined;
    if (typeof WebSocket !== "function") {
      throw new Error(
        'No WebSocket in this runtime (Node 20): pass one, e.g. `import WebSocket from "ws"` and { WebSocket }.',
      );
    }
    this.socket = new LiveSocket({
      url: () => this.socketUrl(),
      WebSocket,
      minDelayMs: this.options.minDelayMs,
      maxDelayMs: this.options.maxDelayMs,
      pauseWhenHidden: this.options.pauseWhenHidden,
      onMessage: (text) => this.handleFrame(text),
      onStatus: (status) => this.emit("status", status),
      onError: (error) => this.emit("error", error),
    });
    this.socket.start();
  }

  /** Stops the socket for good (status "closed"); `connect()` opens it again. */
  close(): void {
    const socket = this.socket;
    this.socket = null;
    this.since.clear();
    this.plainConnect = false;
    this.protocol = "legacy";
    if (socket) socket.stop();
    else this.emit("status", "closed");
  }

  /** Forgets a `since` provider given to connect (a store that stopped); the last one closes the socket. */
  release(since: () => number): void {
    if (!this.since.delete(since)) return;
    if (this.since.size === 0 && !this.plainConnect) this.close();
  }

  /** The socket's state: "connecting", "open", "offline" (waiting to retry), "paused" (hidden page), "closed". */
  get status(): ConnectionStatus {
    return this.socket?.status ?? "closed";
  }

  /** Asks the hub for the current counts now (events.v1: every change since `since`). */
  refresh(): void {
    const since = this.sinceVersion();
    this.socket?.send(
      this.protocol === "events.v1" && since >= 0 ? JSON.stringify({ type: "sync", since }) : "refresh",
    );
  }

  onCounts(listener: Listener<CountsBody>) {
    return this.on("counts", listener);
  }

  /** Frames that carry notifications (the service runs with ALLOWED_NOTIFICATION_DATA). */
  onNotifications(listener: Listener<NotificationItem[]>) {
    return this.on("notifications", listener);
  }

  /** Every `events.v1` frame, in the order received (after `connect({ protocol: "events.v1" })`). */
  onEvent(listener: Listener<EventsFrame>) {
    return this.on("event", listener);
  }

  onError(listener: Listener<Error>) {
    return this.on("error", listener);
  }

  onStatus(listener: Listener<ConnectionStatus>) {
    return this.on("status", listener);
  }

  list(options: ListOptions = {}): Promise<FeedBody> {
    return this.request<FeedBody>("GET", `/api/v1/me/notifications${listQuery(options)}`);
  }

  /** The grouped feed: one entry per group_key, paged by cursor. */
  listGroups(options: Omit<ListOptions, "page"> = {}): Promise<GroupedFeedBody> {
    return this.request("GET", `/api/v1/me/notifications${listQuery({ ...options }, true)}`);
  }

  /** One notification (the service marks it read). */
  get(uid: string): Promise<NotificationItem> {
    return this.request("GET", `/api/v1/me/notifications/${encodeURIComponent(uid)}`);
  }

  update(uid: string, patch: NotificationPatch): Promise<NotificationItem> {
    return this.request("PATCH", `/api/v1/me/notifications/${encodeURIComponent(uid)}`, patch);
  }

  /** Any action (`action_choice`) on `notification_uids` and/or `group_keys`, or "all" up to `before`. */
  act(body: MarkAction): Promise<ActionBody> {
    return this.request("PATCH", "/api/v1/me/notifications", body);
  }

  markAsRead(uids: string[]): Promise<ActionBody> {
    return this.act({ action_choice: "MARK_AS_READ", notification_uids: uids });
  }

  /** Reads everything up to `before` (the newest id shown; omitted: everything). */
  markAllAsRead(before?: Before): Promise<ActionBody> {
    return this.actAll("MARK_ALL_AS_READ", before);
  }

  remove(uids: string[]): Promise<ActionBody> {
    return this.act({ action_choice: "MARK_AS_REMOVED", notification_uids: uids });
  }

  /** Removes everything up to `before`, archived notifications included. */
  removeAll(before?: Before): Promise<ActionBody> {
    return this.actAll("REMOVED_ALL", before);
  }

  /** Marks these notifications seen (the badge counts unseen ones). */
  markAsSeen(uids: string[]): Promise<ActionBody> {
    return this.act({ action_choice: "MARK_AS_SEEN", notification_uids: uids });
  }

  /** Marks everything up to `before` (the newest id shown) seen: what opening the inbox does. */
  markAllAsSeen(before?: Before): Promise<ActionBody> {
    return this.actAll("MARK_ALL_AS_SEEN", before);
  }

  markAsUnread(uids: string[]): Promise<ActionBody> {
    return this.act({ action_choice: "MARK_AS_UNREAD", notification_uids: uids });
  }

  archive(uids: string[]): Promise<ActionBody> {
    return this.act({ action_choice: "ARCHIVE", notification_uids: uids });
  }

  unarchive(uids: string[]): Promise<ActionBody> {
    return this.act({ action_choice: "UNARCHIVE", notification_uids: uids });
  }

  /** Archives every live notification up to `before`. */
  archiveAll(before?: Before): Promise<ActionBody> {
    return this.actAll("ARCHIVE_ALL", before);
  }

  /** Archives every live notification already read, up to `before`. */
  archiveAllRead(before?: Before): Promise<ActionBody> {
    return this.actAll("ARCHIVE_ALL_READ", before);
  }

  /** A click on the notification or one of its actions (`actionId`); it also reads it. */
  markAsInteracted(uid: string, actionId?: string): Promise<ActionBody> {
    return this.act({
      action_choice: "MARK_AS_INTERACTED",
      notification_uids: [uid],
      ...(actionId !== undefined && { action_id: actionId }),
    });
  }

  /** Every count, archived and per category (tabs with badges). */
  allCounts(): Promise<AllCounts> {
    return this.request("GET", "/api/v1/me/notifications/counts");
  }

  /** The user's preferences per category. */
  getPreferences(): Promise<PreferencesBody> {
    return this.request("GET", "/api/v1/me/preferences");
  }

  /** Turns categories on (`true`) or off (`false`), or back to the default (`null`); others stay. */
  setPreferences(body: PreferencesUpdate): Promise<PreferencesBody> {
    return this.request("PUT", "/api/v1/me/preferences", body);
  }

  // `before` bounds an "all" action to what the user has seen listed, so a notification arriving
  // between drawing the list and the click is not swallowed.
  private actAll(choice: AllAction, before: Before | undefined): Promise<ActionBody> {
    return this.act({ action_choice: choice, ...(before !== undefined && { before }) });
  }

  /** The lowest version the callers have applied: resuming from it loses nothing for any of them. */
  private sinceVersion(): number {
    let since = Number.POSITIVE_INFINITY;
    for (const provider of this.since) since = Math.min(since, provider());
    return Number.isFinite(since) ? since : -1;
  }

  private async socketUrl(): Promise<string> {
    const { ticket } = await this.request<TicketBody>("POST", "/api/v1/me/notifications/ws-ticket");
    const page = (globalThis as unknown as { location?: { origin: string } }).location;
    const base = new URL(this.options.baseUrl || (page?.origin ?? ""));
    base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
    base.pathname = "/ws/me/notifications";
    const query = new URLSearchParams({ ticket });
    if (this.protocol === "events.v1") {
      query.set("protocol", "events.v1");
      const since = this.sinceVersion();
      if (since >= 0) query.set("since", String(since));
    }
    base.search = `?${query}`;
    return base.toString();
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.options.getToken()}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new NotificationsApiError(response.status, json as ApiErrorBody | null);
    return json as T;
  }

  private handleFrame(text: string): void {
    if (text === "pong") return;
    let frame: SocketFrame | SocketErrorFrame | EventsFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if ("error" in frame) {
      this.emit("error", new Error(frame.error));
      // The hub closes right after an error frame; act now rather than when the close handshake
      // ends, which some proxies hold open for seconds. 4401 reconnects with a fresh ticket, 4403 stops.
      if (frame.code !== undefined) this.socket?.drop(frame.code);
      return;
    }
    this.socket?.healthy();
    if ("type" in frame) {
      if ("counts" in frame) this.setCounts(legacyCounts(frame.counts));
      this.emit("event", frame);
      return;
    }
    const { notifications, ...counts } = frame;
    this.setCounts(counts);
    if (notifications) this.emit("notifications", notifications);
  }

  private setCounts(counts: CountsBody): void {
    this.counts = counts;
    this.emit("counts", counts);
  }

  private on<K extends keyof Events>(kind: K, listener: Listener<Events[K]>): () => void {
    this.listeners[kind].add(listener);
    return () => this.listeners[kind].delete(listener);
  }

  private emit<K extends keyof Events>(kind: K, value: Events[K]): void {
    for (const listener of this.listeners[kind]) listener(value);
  }
}

function listQuery(options: ListOptions, grouped = false): string {
  const query = new URLSearchParams();
  if (options.page !== undefined) query.set("page", String(options.page));
  if (options.pageSize !== undefined) query.set("page_size", String(options.pageSize));
  if (options.isRead !== undefined) query.set("is_read", String(options.isRead));
  if (options.cursor !== undefined) query.set("cursor", String(options.cursor));
  if (options.archived !== undefined) query.set("archived", options.archived);
  if (options.category !== undefined) query.set("category", options.category);
  if (options.tags !== undefined) query.set("tags", options.tags);
  if (grouped) query.set("grouped", "true");
  return query.size > 0 ? `?${query}` : "";
}
