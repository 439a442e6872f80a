/**
 * `@edge-notify/client`: typed REST helpers, a live socket that reconnects by a documented policy
 * (reconnect.ts), and InboxStore, a framework-free live inbox on the `events.v1` protocol.
 */
export {
  type ConnectionStatus,
  type ConnectOptions,
  type ListOptions,
  NotificationsApiError,
  NotificationsClient,
  type NotificationsClientOptions,
} from "./client.js";
export type { components, paths } from "./openapi.js";
export { CloseCode, type Ending, type ReconnectOptions, reconnectDelay } from "./reconnect.js";
export type { SocketStatus } from "./socket.js";
export { InboxStore, type InboxStoreOptions } from "./store.js";
export { applyChange, applyCreated, matchesView } from "./store-apply.js";
export type {
  Change,
  InboxConnection,
  InboxEntry,
  InboxEvent,
  InboxGroup,
  InboxState,
  InboxView,
} from "./store-types.js";
export type {
  ActionBody,
  AllCounts,
  ApiErrorBody,
  Before,
  ChangeKind,
  ChangeTarget,
  CountsBody,
  EventsFrame,
  FeedBody,
  GroupedFeedBody,
  InboxCounts,
  MarkAction,
  NotificationGroup,
  NotificationItem,
  NotificationPatch,
  PreferencesBody,
  PreferencesUpdate,
  SocketErrorFrame,
  SocketFrame,
  TicketBody,
  UserSummary,
} from "./types.js";
