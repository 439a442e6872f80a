import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const NOTIFICATION_STATUSES = ["ACTIVE", "INACTIVE", "DRAFT", "REMOVED", "DELETED"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NOTIFICATION_METHODS = ["POST", "PATCH", "GET", "DELETE", "PUT", "UNDEFINED"] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];

/** The JSON document stored per notification, as the original's NOTIFICATION_SCHEMA defines it. */
export type NotificationBody = {
  message: string;
  model: string;
  instance: Record<string, unknown>;
  method: NotificationMethod;
  changed_data: Record<string, unknown>;
};

/** A button or link on a notification (at most three). */
export type NotificationAction = { id: string; label: string; url: string; style: "primary" | "secondary" };

/**
 * Users as the identity provider knows them. `id` is the token's user id in canonical text form
 * (`"42"` for Django's integer ids, anything else for opaque ids).
 *
 * The counter columns hold the user's counts of live notifications (ACTIVE, not archived, not
 * expired: `inbox = 0`) and of archived ones. Triggers on notifications (migration 0007) change
 * them in the statement that changes a row, so they can never drift from the rows, and each row
 * costs O(1) whatever the inbox size. `counts_version` orders the frames the hub sends: every
 * write bumps it once in the same batch.
 */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  firstName: text("first_name").notNull().default(""),
  lastName: text("last_name").notNull().default(""),
  email: text("email").notNull().default(""),
  isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
  notificationsEnabled: integer("notifications_enabled", { mode: "boolean" }).notNull().default(true),
  totalNotifications: integer("total_notifications").notNull().default(0),
  readNotifications: integer("read_notifications").notNull().default(0),
  /** Live notifications (see `inbox`) not seen yet: the badge. */
  unseenNotifications: integer("unseen_notifications").notNull().default(0),
  /** ACTIVE notifications the user archived (and that have not expired). */
  archivedNotifications: integer("archived_notifications").notNull().default(0),
  /** The earliest `expires_at` among the user's unexpired notifications: reads expire what is due. */
  nextExpiryAt: text("next_expiry_at"),
  countsVersion: integer("counts_version").notNull().default(0),
  // Set by the user's hub while it holds sockets: writes push only to hubs that have listeners.
  hasSockets: integer("has_sockets", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * Clustered by user: the table is `WITHOUT ROWID` with the primary key (user_id, id) (migration
 * 0003; drizzle cannot declare that option), so one user's rows sit together on disk and a bulk
 * action or a feed page touches a few pages instead of one page per row. Without a rowid there is
 * no AUTOINCREMENT: inserts take ids from `nextNotificationId` (src/db/sql.ts).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").notNull(),
    uid: text("uid").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    notification: text("notification", { mode: "json" }).$type<NotificationBody>().notNull(),
    // Copy of notification.model so the model look-up is an index range, not a JSON scan.
    model: text("model").notNull(),
    isRead: integer("is_read", { mode: "boolean" }).notNull().default(false),
    customInfo: text("custom_info", { mode: "json" }).$type<unknown>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("ACTIVE"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** The inbox model's states: when each happened (null: not (any more)). */
    seenAt: text("seen_at"),
    readAt: text("read_at"),
    archivedAt: text("archived_at"),
    interactedAt: text("interacted_at"),
    /** The id of the action the user took (MARK_AS_INTERACTED), if one was named. */
    interactedAction: text("interacted_action"),
    /** For tabs, filters and preferences; defaults to the model name. */
    category: text("category").notNull().default(""),
    tags: text("tags", { mode: "json" }).$type<string[]>(),
    actionUrl: text("action_url"),
    actions: text("actions", { mode: "json" }).$type<NotificationAction[]>(),
    expiresAt: text("expires_at"),
    /** Set when the notification expired (it left every feed and count then). */
    expiredAt: text("expired_at"),
    /** Notifications with the same key show as one entry in the grouped feed. */
    groupKey: text("group_key"),
    /**
     * Where the row shows: 0 live (ACTIVE, not archived, not expired: the feed and the counts),
     * 1 archived, 2 nowhere (another status, or expired). Generated, so it cannot disagree with the
     * columns it is made of, and indexed, so every feed is an index range.
     */
    inbox: integer("inbox").generatedAlwaysAs(
      sql`CASE WHEN status <> 'ACTIVE' OR expired_at IS NOT NULL THEN 2 WHEN archived_at IS NOT NULL THEN 1 ELSE 0 END`,
      { mode: "virtual" },
    ),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    // Ids stay unique across users: the feed cursor, model look-ups and the next id rely on it.
    uniqueIndex("notifications_id_unique").on(t.id),
    // The inbox feeds: live or archived rows, newest first; by read state; by category; by group.
    index("notifications_inbox_idx").on(t.userId, t.inbox, t.id),
    index("notifications_inbox_read_idx").on(t.userId, t.inbox, t.isRead, t.id),
    index("notifications_inbox_category_idx").on(t.userId, t.inbox, t.category, t.id),
    index("notifications_inbox_group_idx").on(t.userId, t.groupKey, t.inbox, t.id),
    // Expiry: a user's unexpired rows that have an expiry, soonest first; and everyone's, for the cron.
    index("notifications_expiry_idx")
      .on(t.userId, t.expiresAt)
      .where(sql`expires_at IS NOT NULL AND expired_at IS NULL`),
    index("notifications_expiry_all_idx").on(t.expiresAt).where(sql`expires_at IS NOT NULL AND expired_at IS NULL`),
    // Retention of expired rows, oldest expiry first.
    index("notifications_expired_idx").on(t.expiredAt).where(sql`expired_at IS NOT NULL`),
    index("notifications_model_idx").on(t.model, t.id),
    // ON DELETE SET NULL of a creator would otherwise scan the table.
    index("notifications_created_by_idx").on(t.createdBy),
    // Retention: REMOVED and DELETED rows older than RETENTION_DAYS, oldest first (see
    // retention/purge.ts). Partial, so marking rows read (which moves updated_at) does not rewrite
    // an entry per row here; keyed by updated_at alone, so both statuses come out in one ordered range.
    index("notifications_retention_idx").on(t.updatedAt).where(sql`status IN ('REMOVED', 'DELETED')`),
  ],
);

/**
 * The last notification id handed out (one row, id 1). Ids continue from it or from the largest
 * id in the table, whichever is higher, so an id is never handed out twice even after the newest
 * rows are deleted (what AUTOINCREMENT guaranteed before the table was clustered).
 */
export const notificationIdSequence = sqliteTable("notification_id_seq", {
  id: integer("id").primaryKey(),
  last: integer("last").notNull(),
});

export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * A fan-out too large for one request: the notification, who gets it, and progress. Chunks of
 * recipients travel through Cloudflare Queues; each chunk is written atomically and recorded in
 * notification_job_chunks, so a redelivered chunk changes nothing.
 */
export const notificationJobs = sqliteTable(
  "notification_jobs",
  {
    id: text("id").primaryKey(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    /** "users": the request named them; "all_active": every active user with notifications on. */
    audience: text("audience", { enum: ["users", "all_active"] }).notNull(),
    document: text("document", { mode: "json" }).$type<NotificationBody>().notNull(),
    customInfo: text("custom_info", { mode: "json" }).$type<unknown>(),
    createdBy: text("created_by"),
    /** The inbox model's fields of the notification (category, tags, actions, expiry, group). */
    extras: text("extras", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Null while an all_active audience is still being enumerated. */
    recipientsTotal: integer("recipients_total"),
    chunksTotal: integer("chunks_total"),
    chunksDone: integer("chunks_done").notNull().default(0),
    rowsWritten: integer("rows_written").notNull().default(0),
    error: text("error"),
    /** all_active: the chunk the enumeration writes next, and the last user id it reached. */
    nextChunk: integer("next_chunk").notNull().default(0),
    /** Times the sweeper sent the job's work again; each doubles the wait before the next. */
    resends: integer("resends").notNull().default(0),
    cursor: text("cursor"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  // The sweeper's look-up of unfinished jobs that stopped moving.
  (t) => [index("notification_jobs_open_idx").on(t.status, t.updatedAt)],
);

/**
 * The recipients of a "users" job's chunks that are not written yet. They commit with the job, so
 * queue messages carry only (job, chunk) whatever the ids' length, and a chunk whose message was
 * lost can be sent again (see fanout/sweeper.ts). Deleted in the transaction that writes the chunk.
 */
export const notificationJobPending = sqliteTable(
  "notification_job_pending",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => notificationJobs.id, { onDelete: "cascade" }),
    chunk: integer("chunk").notNull(),
    userIds: text("user_ids", { mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.chunk] })],
);

export const notificationJobChunks = sqliteTable(
  "notification_job_chunks",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => notificationJobs.id, { onDelete: "cascade" }),
    chunk: integer("chunk").notNull(),
    recipients: integer("recipients").notNull(),
    doneAt: text("done_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.chunk] })],
);

/** Idempotency-Key of create calls: a retried request gets the first answer back. */
export const idempotencyKeys = sqliteTable("idempotency_keys", {
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  status: integer("status").notNull(),
  body: text("body", { mode: "json" }).$type<unknown>().notNull(),
  createdAt: text("created_at").notNull(),
});

/**
 * Per user and category, the live counts (kept by the same triggers as the user's counters): the
 * inbox's tabs and their badges in one read.
 */
export const userCategoryCounts = sqliteTable(
  "user_category_counts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    total: integer("total").notNull().default(0),
    unread: integer("unread").notNull().default(0),
    unseen: integer("unseen").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

/** A notification's tags, one row each, so `tags=` is an index search. */
export const notificationTags = sqliteTable(
  "notification_tags",
  {
    userId: text("user_id").notNull(),
    tag: text("tag").notNull(),
    notificationId: integer("notification_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tag, t.notificationId] })],
);

/** A user's choice per category: off means creates skip them for it. */
export const userPreferences = sqliteTable(
  "user_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

/**
 * Service-side settings per category: the default for users who did not choose, and whether the
 * category is critical (always delivered; users cannot turn it off).
 */
export const categorySettings = sqliteTable("category_settings", {
  category: text("category").primaryKey(),
  enabledByDefault: integer("enabled_by_default", { mode: "boolean" }).notNull().default(true),
  critical: integer("critical", { mode: "boolean" }).notNull().default(false),
  updatedAt: text("updated_at").notNull(),
});

export type UserRow = typeof users.$inferSelect;
export type JobRow = typeof notificationJobs.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;

/**
 * The outbox of the `events.v1` socket protocol: one row per counts version of each user, written
 * in the batch that bumps `users.counts_version` (src/notifications/outbox.ts), so a socket that
 * reconnects with the last version it applied gets exactly the changes since. A missing version
 * can only mean retention deleted it (OUTBOX_RETENTION_HOURS). `kind` is what the frame is
 * (counts, created, changed, preferences); `data` its details (uids, change, ...); `counts` the
 * user's full counts at that version. Clustered by (user_id, version), `WITHOUT ROWID` (migration
 * 0010; drizzle cannot declare it): a resume reads one range of pages.
 */
export const inboxEvents = sqliteTable(
  "inbox_events",
  {
    userId: text("user_id").notNull(),
    version: integer("version").notNull(),
    kind: text("kind", { enum: ["counts", "created", "changed", "preferences", "reset"] }).notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Bytes of `data`, written by every insert: a resume sums it from an index, never reading `data`. */
    size: integer("size").notNull().default(0),
    counts: text("counts", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull(),
  },
  // Retention deletes the oldest rows first, whoever they belong to. The size index covers the
  // resume's bound check (RESUME_MAX_BYTES), which must not read the rows it is about to refuse.
  (t) => [
    primaryKey({ columns: [t.userId, t.version] }),
    index("inbox_events_created_idx").on(t.createdAt),
    index("inbox_events_size_idx").on(t.userId, t.version, t.size),
  ],
);
