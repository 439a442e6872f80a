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
export type ApiErrorBody = Schemas["Detail"] | Schemas["FieldErrors"];
export type { components, paths } from "./openapi.js";
/** Socket frames (docs/asyncapi.yaml): the counts, the first page with ALLOWED_NOTIFICATION_DATA, or an error. */
export type SocketFrame = CountsBody & {
    notifications?: NotificationItem[];
};
export type SocketErrorFrame = {
    error: string;
    code?: number;
};
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
};
/** A 4xx/5xx from the API, with the service's JSON error body. */
export declare class NotificationsApiError extends Error {
    readonly status: number;
    readonly body: ApiErrorBody | null;
    constructor(status: number, body: ApiErrorBody | null);
}
type Listener<T> = (value: T) => void;
export type ConnectionStatus = "connecting" | "open" | "closed";
export declare class NotificationsClient {
    private readonly options;
    private socket;
    private readonly listeners;
    /** The last counts the socket delivered. */
    counts: CountsBody | null;
    constructor(options: NotificationsClientOptions);
    /** Opens the live socket (once); counts arrive through onCounts. Throws where there is no WebSocket. */
    connect(): void;
    close(): void;
    /** Asks the hub for the current counts now. */
    refresh(): void;
    onCounts(listener: Listener<CountsBody>): () => void;
    /** Frames that carry notifications (the service runs with ALLOWED_NOTIFICATION_DATA). */
    onNotifications(listener: Listener<NotificationItem[]>): () => void;
    onError(listener: Listener<Error>): () => void;
    onStatus(listener: Listener<ConnectionStatus>): () => void;
    list(options?: ListOptions): Promise<FeedBody>;
    /** One notification (the service marks it read). */
    get(uid: string): Promise<NotificationItem>;
    update(uid: string, patch: NotificationPatch): Promise<NotificationItem>;
    markAsRead(uids: string[]): Promise<ActionBody>;
    markAllAsRead(): Promise<ActionBody>;
    remove(uids: string[]): Promise<ActionBody>;
    removeAll(): Promise<ActionBody>;
    private act;
    private socketUrl;
    private request;
    private handleFrame;
    private on;
    private emit;
}
//# sourceMappingURL=index.d.ts.map