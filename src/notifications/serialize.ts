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

/**
 * One notification: the seed's ten fields in its key order, then the inbox model's (added keys,
 * which clients of the original ignore).
 */
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
    category: row.category,
    tags: row.tags ?? [],
    action_url: row.actionUrl ?? null,
    actions: row.actions ?? [],
    group_key: row.groupKey ?? null,
    expires_at: row.expiresAt ?? null,
    seen_at: row.seenAt ?? null,
    read_at: row.readAt ?? null,
    archived_at: row.archivedAt ?? null,
    interacted_at: row.interactedAt ?? null,
    interacted_action: row.interactedAction ?? null,
  };
}

export type NotificationItem = ReturnType<typeof notificationItem>;
