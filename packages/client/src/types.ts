import type { components } from "./openapi.js";

type Schemas = components["schemas"];
/** Types of the API's bodies, generated from its OpenAPI document (`npm run contract`). */
export type NotificationItem = Schemas["Notification"];
export type UserSummary = Schemas["UserSummary"];
export type CountsBody = Schemas["Counts"];
export type FeedBody = Schemas["Feed"];
export type GroupedFeedBody = Schemas["GroupedFeed"];
export type NotificationGroup = Schemas["NotificationGroup"];
export type ActionBody = Schemas["ActionResult"];
export type TicketBody = Schemas["SocketTicket"];
export type NotificationPatch = Schemas["NotificationPatch"];
export type MarkAction = Schemas["MarkAction"];
export type AllCounts = Schemas["AllCounts"];
export type PreferencesBody = Schemas["Preferences"];
export type PreferencesUpdate = Schemas["PreferencesUpdate"];
export type ApiErrorBody = Schemas["Detail"] | Schemas["FieldErrors"];
/** The newest notification id the client has shown: the `id` of the first item it listed. */
export type Before = NonNullable<MarkAction["before"]>;

/** Legacy socket frames (docs/asyncapi.yaml): the counts, the first page with ALLOWED_NOTIFICATION_DATA. */
export type SocketFrame = CountsBody & { notifications?: NotificationItem[] };
export type SocketErrorFrame = { error: string; code?: number };

/** Every count of the inbox, as `events.v1` frames carry it (per category: only those with total > 0). */
export type InboxCounts = {
  total: number;
  read: number;
  unread: number;
  unseen: number;
  archived: number;
  categories: Record<string, { total: number; unread: number; unseen: number }>;
};

export type ChangeKind =
  | "read"
  | "unread"
  | "seen"
  | "archived"
  | "unarchived"
  | "removed"
  | "interacted"
  | "expired"
  | "status";

/** What a `notifications.changed` frame names: exact uids, whole groups, or "all" up to `before`. */
export type ChangeTarget = {
  uids?: string[];
  group_keys?: string[];
  all?: boolean;
  before?: number;
  only_read?: boolean;
};

/** Frames of the `events.v1` socket protocol (docs/asyncapi.yaml); `version` is the user's counts_version. */
export type EventsFrame =
  | { type: "counts"; version: number; counts: InboxCounts }
  | { type: "notification.created"; version: number; item: NotificationItem; counts: InboxCounts }
  | ({
      type: "notifications.changed";
      version: number;
      change: ChangeKind;
      counts: InboxCounts;
      at?: string;
      action_id?: string | null;
      status?: NotificationItem["status"];
    } & ChangeTarget)
  | { type: "preferences.changed"; version: number; preferences: PreferencesBody; counts: InboxCounts }
  | { type: "reset"; version: number; reason: "too_far_behind" | "unknown_version" | "bulk_change" | string };

/** The legacy counts body from the full counts (what `onCounts` reports on either protocol). */
export function legacyCounts(counts: InboxCounts): CountsBody {
  return {
    total_notifications: counts.total,
    read_notifications: counts.read,
    unread_notifications: counts.unread,
    unseen_notifications: counts.unseen,
  };
}

/** The full counts from GET /counts. */
export function inboxCounts(body: AllCounts): InboxCounts {
  return {
    total: body.total_notifications,
    read: body.read_notifications,
    unread: body.unread_notifications,
    unseen: body.unseen_notifications,
    archived: body.archived_notifications,
    categories: body.categories,
  };
}
