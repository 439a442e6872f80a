import type { CategoryCounts } from "../notifications/counts";
import type { OutboxRow } from "../notifications/outbox";
import type { NotificationItem } from "../notifications/serialize";

/** `?protocol=events.v1`: the socket gets one frame per change, with its version (docs/socket.md). */
export const EVENTS_PROTOCOL = "events.v1";

/** Every counter of the user, as GET /api/v1/me/notifications/counts and every events.v1 frame carry them. */
export type FullCounts = {
  total: number;
  read: number;
  unread: number;
  unseen: number;
  archived: number;
  categories: CategoryCounts;
};

/** An events.v1 frame: its `type`, the user's counts version after the change, and the rest. */
export type EventFrame = { type: string; version: number } & Record<string, unknown>;

export type ResetReason = "too_far_behind" | "unknown_version" | "bulk_change";

export function countsFrame(version: number, counts: FullCounts | Record<string, unknown>): EventFrame {
  return { type: "counts", version, counts };
}

export function resetFrame(version: number, reason: ResetReason): EventFrame {
  return { type: "reset", version, reason };
}

/**
 * The frame of an outbox row. A `created` row names its uid: `item` is that notification rendered
 * as the REST API renders it, or null when it is gone (purged), and then the version is told as
 * counts.
 */
export function frameOf(row: OutboxRow, item: NotificationItem | null = null): EventFrame {
  const counts = JSON.parse(row.counts) as Record<string, unknown>;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const version = row.version;
  switch (row.kind) {
    case "created":
      return item ? { type: "notification.created", version, item, counts } : countsFrame(version, counts);
    case "changed":
      return { type: "notifications.changed", version, ...data, counts };
    case "preferences":
      return { type: "preferences.changed", version, preferences: data.preferences, counts };
    case "reset":
      // Sent as two frames (see wireFrames); one frame here, so a version stays one entry.
      return { type: "reset", version, reason: data.reason, counts };
    default:
      return countsFrame(version, counts);
  }
}

/**
 * What a socket is sent for a frame: the frame, except a `reset` row's (a change too wide to tell
 * item by item, e.g. the import's recount), which is `reset` then `counts` at its version, as for
 * a resume past the bounds: the client refetches its lists.
 */
export function wireFrames(frame: EventFrame): EventFrame[] {
  if (frame.type !== "reset" || !("counts" in frame)) return [frame];
  const { counts, ...reset } = frame;
  return [reset as EventFrame, countsFrame(frame.version, counts as Record<string, unknown>)];
}

/** The uid a created row names, if any. */
export function createdUid(row: OutboxRow): string | null {
  if (row.kind !== "created") return null;
  const uid = (JSON.parse(row.data) as { uid?: unknown }).uid;
  return typeof uid === "string" ? uid : null;
}
