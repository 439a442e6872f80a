import type { ChangeKind, ChangeTarget, InboxCounts, NotificationItem, PreferencesBody, UserSummary } from "./types.js";

export type { InboxCounts } from "./types.js";

/** Which notifications the store lists. Default: the live feed (not archived), every category. */
export type InboxView = { archived?: boolean; category?: string; unreadOnly?: boolean; grouped?: boolean };

/** An entry of the grouped feed (`group_key` null: a notification without one, alone). */
export type InboxGroup = {
  group_key: string | null;
  notification: NotificationItem;
  count: number;
  unread: number;
  actors: UserSummary[];
  actors_count: number;
};

export type InboxEntry = { kind: "item"; item: NotificationItem } | { kind: "group"; group: InboxGroup };

export type InboxConnection = "connecting" | "open" | "offline" | "paused" | "closed";

export type InboxState = {
  /** Newest first, for the current view. */
  entries: InboxEntry[];
  /** The same, flattened (a group -> its newest item). */
  items: NotificationItem[];
  /** null until known. */
  counts: InboxCounts | null;
  hasMore: boolean;
  /** The first page or loadMore in flight. */
  loading: boolean;
  /** "paused": a hidden tab waiting to show; "closed": stopped (4403 or stop()). */
  connection: InboxConnection;
  /** The last failure (a load, or an action rolled back); cleared on the next success. */
  error: Error | null;
  /** The last server version applied (-1 before the first). */
  version: number;
  /** Loaded on demand by loadPreferences(), then kept live. */
  preferences: PreferencesBody | null;
  view: InboxView;
};

/** What the store tells beside its state: new items (toasts, live regions), failures, resets. */
export type InboxEvent =
  | { type: "created"; item: NotificationItem }
  | { type: "error"; error: Error; action?: string }
  | { type: "reset"; reason: string };

/** A change to apply to the lists, from a frame or from an optimistic action. */
export type Change = ChangeTarget & {
  change: ChangeKind;
  at: string;
  action_id?: string | null;
  status?: NotificationItem["status"];
};
