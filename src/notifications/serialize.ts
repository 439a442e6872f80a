import type { NotificationRow } from "../db/schema";
import { renderUserId } from "../users/ids";

export type UserSummary = { id: number | string; first_name: string; last_name: string; email: string };

type UserLike = { id: string; firstName: string; lastName: string; email: string };

/** The original's CustomUserSerializer: `{id, first_name, last_name, email}`. */
export function userSummary(user: UserLike): UserSummary {
  return { id: renderUserId(user.id), first_name: user.firstName, last_name: user.lastName, email: user.email };
}

/** A user the database does not know yet renders with empty names, as a bare Django user would. */
export function bareUserSummary(id: string): UserSummary {
  return { id: renderUserId(id), first_name: "", last_name: "", email: "" };
}

/** One notification with exactly the seed's fields, in its key order. */
export function notificationItem(row: NotificationRow, owner: UserSummary, creator: UserSummary | null) {
  return {
    id: row.id,
    uid: row.uid,
    user: owner,
    notification: row.notification,
    is_read: row.isRead,
    custom_info: row.customInfo ?? null,
    created_by: creator,
    status: row.status,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export type NotificationItem = ReturnType<typeof notificationItem>;
