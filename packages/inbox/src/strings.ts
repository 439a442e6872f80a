/**
 * Every word the element shows or announces, in English. A host replaces any of them through the
 * `strings` property (a partial object); the functions take what the sentence needs, so word order
 * and plurals stay the translator's choice.
 */
export type InboxStrings = {
  /** The bell's accessible name, with the unseen count. */
  bell: (unseen: number) => string;
  title: string;
  close: string;
  tabsLabel: string;
  all: string;
  unread: string;
  archived: string;
  /** A category tab's name (default: the category with its first letter capitalised). */
  category: (name: string) => string;
  /** A tab's unread count, for screen readers. */
  tabUnread: (count: number) => string;
  markAllRead: string;
  markRead: string;
  markUnread: string;
  archive: string;
  unarchive: string;
  /** A grouped entry's buttons: `count` notifications `from` ("Ada Lovelace and 2 others"). */
  markGroupRead: (count: number, from: string) => string;
  markGroupUnread: (count: number, from: string) => string;
  archiveGroup: (count: number, from: string) => string;
  unarchiveGroup: (count: number, from: string) => string;
  preferences: string;
  back: string;
  preferencesHint: string;
  alwaysOn: string;
  noPreferences: string;
  loading: string;
  loadingMore: string;
  offline: string;
  closed: string;
  error: string;
  retry: string;
  empty: string;
  emptyUnread: string;
  emptyArchived: string;
  emptyCategory: (name: string) => string;
  /** What the live region says when a notification arrives. */
  announce: (message: string) => string;
  /** A grouped entry's actors: "Ada and 4 others". */
  actors: (first: string, others: number) => string;
  /** A grouped entry's size: "5 notifications". */
  groupSize: (count: number) => string;
  unreadItem: string;
  someone: string;
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const defaultStrings: InboxStrings = {
  bell: (unseen) => (unseen === 0 ? "Notifications" : `Notifications, ${unseen} new`),
  title: "Notifications",
  close: "Close notifications",
  tabsLabel: "Filter notifications",
  all: "All",
  unread: "Unread",
  archived: "Archived",
  category: (name) => capitalise(name.replaceAll(/[_-]/g, " ")),
  tabUnread: (count) => `${count} unread`,
  markAllRead: "Mark all as read",
  markRead: "Mark as read",
  markUnread: "Mark as unread",
  archive: "Archive",
  unarchive: "Unarchive",
  markGroupRead: (count, from) => `Mark ${count} notifications from ${from} as read`,
  markGroupUnread: (count, from) => `Mark ${count} notifications from ${from} as unread`,
  archiveGroup: (count, from) => `Archive ${count} notifications from ${from}`,
  unarchiveGroup: (count, from) => `Unarchive ${count} notifications from ${from}`,
  preferences: "Notification settings",
  back: "Back to notifications",
  preferencesHint: "Choose which notifications you get.",
  alwaysOn: "Always on",
  noPreferences: "No categories yet.",
  loading: "Loading notifications…",
  loadingMore: "Loading more…",
  offline: "You are offline. Changes will sync when the connection is back.",
  closed: "Live updates stopped. Reload the page to resume.",
  error: "Something went wrong.",
  retry: "Try again",
  empty: "You are all caught up.",
  emptyUnread: "No unread notifications.",
  emptyArchived: "Nothing archived.",
  emptyCategory: (name) => `No ${name} notifications.`,
  announce: (message) => `New notification: ${message}`,
  actors: (first, others) => (others === 0 ? first : `${first} and ${others} other${others === 1 ? "" : "s"}`),
  groupSize: (count) => `${count} notifications`,
  unreadItem: "Unread",
  someone: "Someone",
};
