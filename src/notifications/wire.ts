/**
 * Response bodies of the user API, as types. The client library (src/client) is typed from these
 * and from the zod request schemas, so a change on either side breaks the other's build.
 */
import type { NotificationItem } from "./serialize";

export type { NotificationItem, UserSummary } from "./serialize";

/** The counts in every list response and socket frame, in the original's key order. */
export type CountsBody = { total_notifications: number; read_notifications: number; unread_notifications: number };

export type FeedBody = CountsBody & {
  notifications: NotificationItem[];
  has_more: boolean;
  next_page: number | null;
  next_cursor: string | null;
};

export type ActionBody = CountsBody & { changed: number };

export type TicketBody = { ticket: string; expires_in: number };

/** A socket frame: the counts, the first page with ALLOWED_NOTIFICATION_DATA, or an error. */
export type SocketFrame = CountsBody & { notifications?: NotificationItem[] };
export type SocketErrorFrame = { error: string; code?: number };
