/**
 * Browser (and Node) client for edge-notify: typed REST helpers and a live socket that opens with
 * one-time tickets, reconnects with exponential backoff and jitter, re-authenticates after a 4401
 * and re-syncs counts on every reconnect (the hub sends them first thing).
 *
 * The reconnect loop is partysocket's ReconnectingWebSocket: small, no dependencies worth the
 * name, maintained by the PartyKit/Cloudflare team, and it takes an async URL provider, which is
 * exactly what a fresh ticket per connection needs.
 */
import { WebSocket as ReconnectingWebSocket } from "partysocket";
import type { components } from "./openapi.js";

type Schemas = components["schemas"];
/** Types of the API's bodies, generated from its OpenAPI document (`npm run contract`). */
export type NotificationItem = Schemas["Notification"];
export type UserSummary = Schemas["UserSummary"];
export type CountsBody = Schemas["Counts"];
export type FeedBody = Schemas["Feed"];
export type ActionBody = Schemas["ActionResult"];
export type TicketBody = Schemas["SocketTicket"];
export type NotificationPatch = Schemas["NotificationPatch"];
export type MarkAction = Schemas["MarkAction"];
export type AllCounts = Schemas["AllCounts"];
export type ApiErrorBody = Schemas["Detail"] | Schemas["FieldErrors"];
/** The newest notification id the client has shown: the `id` of the first item it listed. */
export type Before = NonNullable<MarkAction["before"]>;
type AllAction = "MARK_ALL_AS_READ" | "REMOVED_ALL" | "MARK_ALL_AS_SEEN" | "ARCHIVE_ALL" | "ARCHIVE_ALL_READ";

export type { components, paths } from "./openapi.js";

/** Socket frames (docs/asyncapi.yaml): the counts, the first page with ALLOWED_NOTIFICATION_DATA, or an error. */
export type SocketFrame = CountsBody & { notifications?: NotificationItem[] };
export type SocketErrorFrame = { error: string; code?: number };

export type NotificationsClientOptions = {
  /** Where the service runs, e.g. "https://notify.example.com"; "" for the page's own origin. */
  baseUrl: string;
  /** The user's current access token; called again whenever the client needs to authenticate. */
  getToken: () => string | Promise<string>;
  /** A WebSocket implementation where there is no global one (Node: the `ws` package). */
  WebSocket?: unknown;
  /** Backoff between reconnects: from about minDelayMs (jittered) growing to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
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
export type ConnectionStatus = "connecting" | "open" | "closed";
type Events = { counts: CountsBody; notifications: NotificationItem[]; error: Error; status: ConnectionStatus };
const UNAUTHORIZED = 4401;
const FORBIDDEN = 4403;

export class NotificationsClient {
  private socket: ReconnectingWebSocket | null = null;
  private readonly listeners: { [K in keyof Events]: Set<Listener<Events[K]>> } = {
    counts: new Set(),
    notifications: new Set(),
    error: new Set(),
    status: new Set(),
  };
  /** The last counts the socket delivered. */
  counts: CountsBody | null = null;

  constructor(private readonly options: NotificationsClientOptions) {}

  /** Opens the live socket (once); counts arrive through onCounts. Throws where there is no WebSocket. */
  connect(): void {
    if (this.socket) return;
    // Without this, partysocket retries forever, reporting "WebSocket is not defined" each time.
    if (!this.options.WebSocket && typeof (globalThis as { WebSocket?: unknown }).WebSocket !== "function") {
      throw new Error(
        'No WebSocket in this runtime (Node 20): pass one, e.g. `import WebSocket from "ws"` and { WebSocket }.',
      );
    }
    const min = this.options.minDelayMs ?? 500;
    const socket = new ReconnectingWebSocket(() => this.socketUrl(), undefined, {
      WebSocket: this.options.WebSocket,
      // Jitter: each client starts from its own random delay, so a restart does not bring every
      // client back in the same instant.
      minReconnectionDelay: min + Math.random() * min,
      maxReconnectionDelay: this.options.maxDelayMs ?? 30_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 8_000,
      // 4401 (token or ticket expired): reconnect, which fetches a fresh ticket with a fresh token.
      // 4403 (user disabled or inactive): retrying cannot help.
      shouldReconnectOnClose: (event) => event.code !== FORBIDDEN,
    });
    socket.addEventListener("open", () => this.emit("status", "open"));
    socket.addEventListener("close", (event) => {
      // After close() this socket is no longer ours: its late close event says nothing.
      if (this.socket !== socket) return;
      this.emit("status", event.code === FORBIDDEN ? "closed" : "connecting");
    });
    socket.addEventListener("error", (event) => this.emit("error", event.error ?? new Error("socket error")));
    socket.addEventListener("message", (event) => this.handleFrame(String(event.data)));
    this.socket = socket;
    this.emit("status", "connecting");
  }

  close(): void {
    this.socket?.close(1000, "client closed");
    this.socket = null;
    this.emit("status", "closed");
  }

  /** Asks the hub for the current counts now. */
  refresh(): void {
    this.socket?.send("refresh");
  }

  onCounts(listener: Listener<CountsBody>) {
    return this.on("counts", listener);
  }

  /** Frames that carry notifications (the service runs with ALLOWED_NOTIFICATION_DATA). */
  onNotifications(listener: Listener<NotificationItem[]>) {
    return this.on("notifications", listener);
  }

  onError(listener: Listener<Error>) {
    return this.on("error", listener);
  }

  onStatus(listener: Listener<ConnectionStatus>) {
    return this.on("status", listener);
  }

  list(options: ListOptions = {}): Promise<FeedBody> {
    const query = new URLSearchParams();
    if (options.page !== undefined) query.set("page", String(options.page));
    if (options.pageSize !== undefined) query.set("page_size", String(options.pageSize));
    if (options.isRead !== undefined) query.set("is_read", String(options.isRead));
    if (options.cursor !== undefined) query.set("cursor", options.cursor);
    if (options.archived !== undefined) query.set("archived", options.archived);
    if (options.category !== undefined) query.set("category", options.category);
    if (options.tags !== undefined) query.set("tags", options.tags);
    const suffix = query.size > 0 ? `?${query}` : "";
    return this.request<FeedBody>("GET", `/api/v1/me/notifications${suffix}`);
  }

  /** One notification (the service marks it read). */
  get(uid: string): Promise<NotificationItem> {
    return this.request("GET", `/api/v1/me/notifications/${encodeURIComponent(uid)}`);
  }

  update(uid: string, patch: NotificationPatch): Promise<NotificationItem> {
    return this.request("PATCH", `/api/v1/me/notifications/${encodeURIComponent(uid)}`, patch);
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

  private act(body: MarkAction): Promise<ActionBody> {
    return this.request("PATCH", "/api/v1/me/notifications", body);
  }

  // `before` bounds an "all" action to what the user has seen listed, so a notification arriving
  // between drawing the list and the click is not swallowed.
  private actAll(choice: AllAction, before: Before | undefined): Promise<ActionBody> {
    return this.act({ action_choice: choice, ...(before !== undefined && { before }) });
  }

  private async socketUrl(): Promise<string> {
    const { ticket } = await this.request<TicketBody>("POST", "/api/v1/me/notifications/ws-ticket");
    const page = (globalThis as unknown as { location?: { origin: string } }).location;
    const base = new URL(this.options.baseUrl || (page?.origin ?? ""));
    base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
    base.pathname = "/ws/me/notifications";
    base.search = `?ticket=${encodeURIComponent(ticket)}`;
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
    let frame: SocketFrame | SocketErrorFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if ("error" in frame) {
      this.emit("error", new Error(frame.error));
      // The hub closes right after an error frame; act now rather than when the close handshake
      // ends, which some proxies hold open for seconds.
      if (frame.code === UNAUTHORIZED) this.socket?.reconnect();
      if (frame.code === FORBIDDEN) this.close();
      return;
    }
    const { notifications, ...counts } = frame;
    this.counts = counts;
    this.emit("counts", counts);
    if (notifications) this.emit("notifications", notifications);
  }

  private on<K extends keyof Events>(kind: K, listener: Listener<Events[K]>): () => void {
    this.listeners[kind].add(listener);
    return () => this.listeners[kind].delete(listener);
  }

  private emit<K extends keyof Events>(kind: K, value: Events[K]): void {
    for (const listener of this.listeners[kind]) listener(value);
  }
}
