/**
 * The part of `@edge-notify/client`'s InboxStore the element uses (DESIGN section 3). The element
 * takes any object of this shape, so a host app can share one store between the element and its
 * own code (React hooks, a toast, a page title badge).
 */
import type { NotificationItem, UserSummary } from "@edge-notify/client";

export type InboxCounts = {
  total: number;
  read: number;
  unread: number;
  unseen: number;
  archived: number;
  categories: Record<string, { total: number; unread: number; unseen: number }>;
};
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
export type PreferencesBody = {
  categories: Record<string, { critical: boolean; default: boolean; enabled: boolean }>;
};
export type InboxState = {
  entries: InboxEntry[];
  items: NotificationItem[];
  counts: InboxCounts | null;
  hasMore: boolean;
  loading: boolean;
  connection: "connecting" | "open" | "offline" | "paused" | "closed";
  error: Error | null;
  version: number;
  preferences: PreferencesBody | null;
  view: InboxView;
};
export type InboxEvent =
  | { type: "created"; item: NotificationItem }
  | { type: "error"; error: Error }
  | { type: "reset" };

export interface InboxStoreLike {
  getState(): InboxState;
  subscribe(listener: () => void): () => void;
  start(): Promise<void>;
  stop(): void;
  setView(view: InboxView): Promise<void>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  markAsRead(uids: string[]): Promise<void>;
  markAsUnread(uids: string[]): Promise<void>;
  markAllAsSeen(): Promise<void>;
  markAllAsRead(): Promise<void>;
  archive(uids: string[]): Promise<void>;
  unarchive(uids: string[]): Promise<void>;
  markAsInteracted(uid: string, actionId?: string): Promise<void>;
  loadPreferences(): Promise<void>;
  setPreference(category: string, enabled: boolean): Promise<void>;
  onEvent(listener: (event: InboxEvent) => void): () => void;
}
