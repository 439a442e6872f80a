/**
 * The part of `@edge-notify/client`'s InboxStore the element uses. The element takes any object of
 * this shape, so a host app can share one store between the element and its own code (React
 * hooks, a toast, a page title badge) or hand it a test double.
 */
import type { InboxStore } from "@edge-notify/client";

export type {
  InboxCounts,
  InboxEntry,
  InboxEvent,
  InboxGroup,
  InboxState,
  InboxView,
  PreferencesBody,
} from "@edge-notify/client";

export type InboxStoreLike = Pick<
  InboxStore,
  | "getState"
  | "subscribe"
  | "start"
  | "stop"
  | "setView"
  | "loadMore"
  | "refresh"
  | "markAsRead"
  | "markAsUnread"
  | "markAllAsSeen"
  | "markAllAsRead"
  | "archive"
  | "unarchive"
  | "markAsInteracted"
  | "loadPreferences"
  | "setPreference"
  | "onEvent"
> &
  // Optional, so a store or test double written before group actions still fits; without them a
  // grouped entry shows no read/archive buttons.
  Partial<Pick<InboxStore, "markGroupsAsRead" | "markGroupsAsUnread" | "archiveGroups" | "unarchiveGroups">>;
