export { countsEqual, type InboxActions, useCounts, useInbox, useInboxSelector } from "./hooks.js";
export {
  type ActionClickDetail,
  type CountsChangeDetail,
  Inbox,
  type InboxElementProps,
  type InboxProps,
  type NotificationClickDetail,
} from "./inbox.js";
export { type InboxConnection, InboxProvider, type InboxProviderProps, useInboxStore } from "./provider.js";
