/**
 * Response bodies of the notification API as zod schemas: the OpenAPI document is generated from
 * them, the handlers `satisfies` their inferred types, and the test harness validates every
 * response against the document, so code, document and client types cannot drift apart.
 */
import { z } from "@hono/zod-openapi";
import { JOB_STATUSES, NOTIFICATION_METHODS, NOTIFICATION_STATUSES } from "../db/schema";

const userId = z.union([z.number().int(), z.string()]).openapi({
  description: "Integer ids (Django's) render as numbers, opaque ids as strings.",
  example: 42,
});

export const userSummarySchema = z
  .strictObject({ id: userId, first_name: z.string(), last_name: z.string(), email: z.string() })
  .openapi("UserSummary", { description: "The original's CustomUserSerializer." });

const json = z.unknown().openapi({ description: "Any JSON value." });

/** The stored document, as the original builds it in NotificationService.create_notification. */
export const notificationDocumentSchema = z
  .strictObject({
    message: z.string(),
    model: z.string(),
    instance: z.record(z.string(), json),
    method: z.enum(NOTIFICATION_METHODS),
    changed_data: z.record(z.string(), json),
  })
  .openapi("NotificationDocument", {
    description: "`{message, model, instance, method}`, and `changed_data` for PUT/PATCH.",
  });

export const notificationActionSchema = z
  .strictObject({
    id: z.string(),
    label: z.string(),
    url: z.string(),
    style: z.enum(["primary", "secondary"]),
  })
  .openapi("NotificationAction");

export const notificationItemSchema = z
  .strictObject({
    id: z.number().int(),
    uid: z.uuid(),
    user: userSummarySchema,
    notification: notificationDocumentSchema,
    is_read: z.boolean(),
    custom_info: json.nullable(),
    // A union, not .nullable(): the generator renders a nullable $ref as an allOf no null passes.
    created_by: z.union([userSummarySchema, z.null()]),
    status: z.enum(NOTIFICATION_STATUSES),
    created_at: z.string().openapi({ example: "2026-01-31T12:00:00.000000Z" }),
    updated_at: z.string(),
    category: z.string().openapi({ description: "Defaults to the model name." }),
    tags: z.array(z.string()),
    action_url: z.string().nullable().openapi({ description: "Where a click on the notification leads." }),
    actions: z.array(notificationActionSchema),
    group_key: z.string().nullable(),
    expires_at: z
      .string()
      .nullable()
      .openapi({ description: "After it the notification is gone from every feed and count." }),
    seen_at: z.string().nullable(),
    read_at: z.string().nullable(),
    archived_at: z.string().nullable(),
    interacted_at: z.string().nullable(),
    interacted_action: z.string().nullable().openapi({ description: "The id of the action taken, if one was named." }),
  })
  .openapi("Notification", {
    description: "The original's ten fields in its key order, then the inbox model's (added keys).",
  });

const countsShape = {
  total_notifications: z
    .number()
    .int()
    .openapi({ description: "Live notifications: ACTIVE, not archived, not expired." }),
  read_notifications: z.number().int(),
  unread_notifications: z.number().int(),
  unseen_notifications: z.number().int().openapi({ description: "Live notifications not seen yet: the badge." }),
};

export const countsBodySchema = z.strictObject(countsShape).openapi("Counts");

export const feedBodySchema = z
  .strictObject({
    ...countsShape,
    notifications: z.array(notificationItemSchema),
    has_more: z.boolean(),
    next_page: z.number().int().nullable().openapi({ description: "Page-number pagination (the original's)." }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor=` for the next page (keyset)." }),
  })
  .openapi("Feed");

export const groupEntrySchema = z
  .strictObject({
    group_key: z.string().nullable().openapi({ description: "null: a notification without a group_key, alone." }),
    notification: notificationItemSchema.openapi({ description: "The group's newest notification." }),
    count: z.number().int().openapi({ description: "Notifications in the group (under the feed's filters)." }),
    unread: z.number().int(),
    actors: z
      .array(userSummarySchema)
      .openapi({ description: "Up to 3 distinct creators (`created_by`), the most recent first." }),
    actors_count: z.number().int().openapi({ description: 'Distinct creators in the group: "Ada and 4 others".' }),
  })
  .openapi("NotificationGroup");

export const groupedFeedBodySchema = z
  .strictObject({
    ...countsShape,
    groups: z.array(groupEntrySchema),
    has_more: z.boolean(),
    next_page: z.null().openapi({ description: "Always null: the grouped feed pages by cursor." }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor=` for the next page of groups." }),
  })
  .openapi("GroupedFeed", { description: "`grouped=true`: one entry per group; the counts count notifications." });

export const actionBodySchema = z
  .strictObject({ ...countsShape, changed: z.number().int().openapi({ description: "Rows the action changed." }) })
  .openapi("ActionResult");

export const ticketBodySchema = z
  .strictObject({
    ticket: z
      .string()
      .openapi({ description: "Use once, within `expires_in` seconds: `/ws/me/notifications?ticket=`." }),
    expires_in: z.number().int(),
  })
  .openapi("SocketTicket");

export const createdBodySchema = z
  .strictObject({
    created: z.number().int(),
    uids: z.array(z.uuid()),
    skipped: z.number().int().openapi({ description: "Recipients who turned this category off." }),
  })
  .openapi("Created", { description: "Written at once (up to 1,000 recipients)." });

export const queuedBodySchema = z
  .strictObject({
    job_id: z.string(),
    status: z.literal("queued"),
    recipients: z.number().int().nullable(),
    chunks: z.number().int().nullable(),
  })
  .openapi("Queued", { description: "Fanned out through the queue; follow it at /api/v1/notifications/jobs/{id}." });

export const jobBodySchema = z
  .strictObject({
    id: z.string(),
    status: z.enum(JOB_STATUSES),
    audience: z.enum(["users", "all_active"]),
    recipients_total: z.number().int().nullable(),
    chunks_total: z.number().int().nullable(),
    chunks_done: z.number().int(),
    rows_written: z.number().int(),
    error: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Job");

export const modelNotificationsBodySchema = z
  .strictObject({
    count: z.number().int(),
    notifications: z.array(notificationItemSchema),
    next_page: z.number().int().nullable(),
    has_more: z.boolean(),
  })
  .openapi("ModelNotifications");

export const categoryCountsSchema = z
  .record(z.string(), z.strictObject({ total: z.number().int(), unread: z.number().int(), unseen: z.number().int() }))
  .openapi("CategoryCounts", { description: "Per category with live notifications: its counts (tabs and badges)." });

export const allCountsBodySchema = z
  .strictObject({
    ...countsShape,
    archived_notifications: z.number().int(),
    categories: categoryCountsSchema,
  })
  .openapi("AllCounts");

export type AllCountsBody = z.infer<typeof allCountsBodySchema>;
export type UserSummary = z.infer<typeof userSummarySchema>;
export type NotificationItem = z.infer<typeof notificationItemSchema>;
export type CountsBody = z.infer<typeof countsBodySchema>;
export type FeedBody = z.infer<typeof feedBodySchema>;
export type GroupedFeedBody = z.infer<typeof groupedFeedBodySchema>;
export type ActionBody = z.infer<typeof actionBodySchema>;
export type TicketBody = z.infer<typeof ticketBodySchema>;
export type CreatedBody = z.infer<typeof createdBodySchema>;
export type QueuedBody = z.infer<typeof queuedBodySchema>;
export type JobBody = z.infer<typeof jobBodySchema>;

/** A socket frame: the counts, the first page with ALLOWED_NOTIFICATION_DATA, or an error. */
export type SocketFrame = CountsBody & { notifications?: NotificationItem[] };
export type SocketErrorFrame = { error: string; code?: number };
