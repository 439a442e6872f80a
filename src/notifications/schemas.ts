import { z } from "@hono/zod-openapi";
import { NOTIFICATION_METHODS, NOTIFICATION_STATUSES } from "../db/schema";
import { userIdSchema } from "../users/ids";
import {
  actionsField,
  beforeField,
  categoryName,
  expiresAtField,
  groupKey,
  httpUrl,
  tagName,
  tagsField,
} from "./fields";
import { jsonObject, jsonValue } from "./json-input";

export const ACTION_CHOICES = [
  "UNDEFINED",
  "MARK_ALL_AS_READ",
  "MARK_AS_READ",
  "REMOVED_ALL",
  "MARK_AS_REMOVED",
  // The inbox model's (added: the original's clients never send them).
  "MARK_AS_SEEN",
  "MARK_ALL_AS_SEEN",
  "MARK_AS_UNREAD",
  "ARCHIVE",
  "UNARCHIVE",
  "ARCHIVE_ALL",
  "ARCHIVE_ALL_READ",
  "MARK_AS_INTERACTED",
] as const;
export type ActionChoice = (typeof ACTION_CHOICES)[number];

/** Actions on the notifications named by `notification_uids` and/or `group_keys`. */
export const TARGETED_ACTIONS: readonly ActionChoice[] = [
  "MARK_AS_READ",
  "MARK_AS_REMOVED",
  "MARK_AS_SEEN",
  "MARK_AS_UNREAD",
  "ARCHIVE",
  "UNARCHIVE",
  "MARK_AS_INTERACTED",
];
/** Actions on everything (up to `before`). */
export const ALL_ACTIONS: readonly ActionChoice[] = [
  "MARK_ALL_AS_READ",
  "REMOVED_ALL",
  "MARK_ALL_AS_SEEN",
  "ARCHIVE_ALL",
  "ARCHIVE_ALL_READ",
];

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** At most this many uids in one action (a D1 statement binds them as one JSON parameter). */
export const MAX_ACTION_UIDS = 1000;
/** Recipients of one create call (more than 1,000 are fanned out through the queue). */
export const MAX_RECIPIENTS = 100_000;
/** The stored notification document (message, model, instance, changed_data) and custom_info. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A uid as DRF's UUIDField takes it (any case, dashes optional), normalised to lowercase dashed. */
export function normaliseUid(value: string): string | null {
  if (!UUID.test(value)) return null;
  const hex = value.replaceAll("-", "").toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const typeName = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "list" : typeof value);
const required = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined
    ? "This field is required."
    : `Expected ${expected} but got type "${typeName(issue.input)}".`;
/** How a rejected value is named in an error: objects as JSON (String() of `{"toString": "x"}` throws). */
function shown(input: unknown): string {
  if (input === null || typeof input !== "object") return String(input);
  try {
    return JSON.stringify(input).slice(0, 100);
  } catch {
    return "value";
  }
}

const choice = (issue: { input: unknown }) => `"${shown(issue.input)}" is not a valid choice.`;

const uidSchema = z.string({ error: "Must be a valid UUID." }).transform((value, ctx) => {
  const uid = normaliseUid(value);
  if (uid === null) {
    ctx.addIssue({ code: "custom", message: "Must be a valid UUID." });
    return z.NEVER;
  }
  return uid;
});

const body = {
  error: (issue: { input: unknown }) => `Invalid data. Expected a dictionary, but got ${typeName(issue.input)}.`,
};

/** PATCH /api/v1/me/notifications */
export const markActionBody = z
  .object(
    {
      action_choice: z
        .enum(ACTION_CHOICES, { error: choice })
        .default("UNDEFINED")
        .meta({
          description: [
            "What to do, only ever to the caller's own notifications:",
            "MARK_AS_READ / MARK_AS_REMOVED / MARK_AS_SEEN / MARK_AS_UNREAD / ARCHIVE / UNARCHIVE /",
            "MARK_AS_INTERACTED act on `notification_uids` and/or `group_keys`;",
            "MARK_ALL_AS_READ / REMOVED_ALL / MARK_ALL_AS_SEEN / ARCHIVE_ALL / ARCHIVE_ALL_READ act on",
            "every live notification (up to `before`); UNDEFINED (the default, also for an empty body)",
            "changes nothing. Reading implies seen; MARK_AS_INTERACTED reads too. Uids match in any",
            "case, with or without dashes; unknown or foreign uids are ignored (`changed` says how many",
            "rows changed).",
          ].join(" "),
        }),
      notification_uids: z
        .array(uidSchema, { error: required("a list of items") })
        .max(MAX_ACTION_UIDS, `Ensure this field has no more than ${MAX_ACTION_UIDS} elements.`)
        .nullish(),
      group_keys: z
        .array(groupKey, { error: required("a list of items") })
        .max(MAX_ACTION_UIDS, `Ensure this field has no more than ${MAX_ACTION_UIDS} elements.`)
        .optional()
        .meta({ description: "Act on every notification of these groups (as well as `notification_uids`)." }),
      before: beforeField.optional(),
      action_id: z
        .string({ error: "An action id is a string." })
        .regex(/^[A-Za-z0-9_-]{1,64}$/, "An action id is 1 to 64 letters, digits, _ or -.")
        .optional()
        .meta({ description: "MARK_AS_INTERACTED: which of the notification's actions was taken." }),
    },
    body,
  )
  .openapi("MarkAction")
  .superRefine((value, ctx) => {
    const targeted = TARGETED_ACTIONS.includes(value.action_choice);
    if (targeted && !value.notification_uids?.length && !value.group_keys?.length) {
      ctx.addIssue({ code: "custom", path: ["notification_uids"], message: "Notification uids are required" });
    }
    if (value.before !== undefined && !ALL_ACTIONS.includes(value.action_choice)) {
      ctx.addIssue({ code: "custom", path: ["before"], message: 'Only the "all" actions take before.' });
    }
    if (value.action_id !== undefined && value.action_choice !== "MARK_AS_INTERACTED") {
      ctx.addIssue({ code: "custom", path: ["action_id"], message: "Only MARK_AS_INTERACTED takes action_id." });
    }
  });

export type MarkAction = z.output<typeof markActionBody>;

/** PATCH /api/v1/me/notifications/{uid}: the two fields an owner may set; others are ignored. */
export const detailPatchBody = z
  .object(
    {
      is_read: z.boolean({ error: "Must be a valid boolean." }).optional(),
      status: z.enum(NOTIFICATION_STATUSES, { error: choice }).optional(),
    },
    body,
  )
  .openapi("NotificationPatch");

/** The list query as the document shows it (every parameter arrives as text). */
export const listQueryParams = z.object({
  page: z.string().optional().meta({ description: 'A page number or "last" (the original\'s pagination).' }),
  page_size: z
    .string()
    .optional()
    .meta({ description: `Items per page, at most ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` }),
  is_read: z.string().optional().meta({ description: '"true" or "false" to filter; the counts ignore it.' }),
  cursor: z.string().optional().meta({ description: "`next_cursor` of the previous page (keyset pagination)." }),
  archived: z
    .string()
    .optional()
    .meta({ description: "exclude (default): the live feed; only: the archived; include: both." }),
  category: z.string().optional().meta({ description: "Only this category." }),
  tags: z.string().optional().meta({ description: "Only notifications with this tag (one tag)." }),
  grouped: z
    .string()
    .optional()
    .meta({ description: '"true": one entry per group_key (the newest item, counts and actors).' }),
});

const ARCHIVED = ["exclude", "include", "only"] as const;

/**
 * GET list queries. Page errors are not 400s: the original answers 404 "Invalid page." for a page
 * that is out of range, zero or not a number, and page_size falls back to 25 when unusable. The
 * inbox model's filters are strict: a bad value is a 400 naming the parameter.
 */
export const listQuery = listQueryParams.transform((q, ctx) => {
  let cursor: number | null = null;
  if (q.cursor !== undefined && q.cursor !== "") {
    cursor = /^[1-9][0-9]{0,15}$/.test(q.cursor) ? Number(q.cursor) : Number.NaN;
    if (!Number.isSafeInteger(cursor)) {
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "Invalid cursor: use next_cursor from a previous page.",
      });
      return z.NEVER;
    }
  }
  const archived = q.archived ?? "exclude";
  if (!(ARCHIVED as readonly string[]).includes(archived)) {
    ctx.addIssue({
      code: "custom",
      path: ["archived"],
      message: `"${archived}" is not a valid choice: exclude, include or only.`,
    });
  }
  const category = q.category === undefined ? null : categoryName.safeParse(q.category);
  if (category && !category.success) {
    ctx.addIssue({
      code: "custom",
      path: ["category"],
      message: category.error.issues[0]?.message ?? "Invalid category.",
    });
  }
  const tag = q.tags === undefined ? null : tagName.safeParse(q.tags);
  if (tag && !tag.success) {
    ctx.addIssue({ code: "custom", path: ["tags"], message: tag.error.issues[0]?.message ?? "Invalid tag." });
  }
  if (q.grouped !== undefined && !/^(true|false)$/i.test(q.grouped)) {
    ctx.addIssue({ code: "custom", path: ["grouped"], message: 'Expected "true" or "false".' });
  }
  const isRead = q.is_read?.toLowerCase();
  return {
    page: parsePage(q.page),
    pageSize: parsePageSize(q.page_size),
    isRead: isRead === "true" ? true : isRead === "false" ? false : null,
    cursor,
    archived: archived as (typeof ARCHIVED)[number],
    category: category?.success ? category.data : null,
    tag: tag?.success ? tag.data : null,
    grouped: q.grouped?.toLowerCase() === "true",
  };
});

export type ListQuery = z.output<typeof listQuery>;

/** A page number, "last", or null for a value no page can have (rendered as 404 Invalid page). */
function parsePage(raw: string | undefined): number | "last" | null {
  if (raw === undefined || raw === "") return 1;
  if (raw === "last") return "last";
  return /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : null;
}

function parsePageSize(raw: string | undefined): number {
  if (raw === undefined || !/^[0-9]{1,9}$/.test(raw)) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

/** GET /api/v1/notifications?model=Blog (server routes). */
export const modelQueryParams = z.object({
  model: z
    .string({ error: "This field is required." })
    .min(1, "This field may not be blank.")
    .meta({ description: "The model name notifications were created with." }),
});
export const modelQuery = modelQueryParams.and(listQuery);

/** POST /api/v1/notifications: what NotificationService.create_notification takes, as JSON. */
export const createBody = z
  .object(
    {
      message: z.string({ error: required("a string") }).min(1, "This field may not be blank."),
      model: z
        .string({ error: required("a string") })
        .min(1, "This field may not be blank.")
        .max(255),
      instance: jsonObject({ nonEmpty: true }).meta({ description: "The model instance, serialized (a JSON object)." }),
      method: z
        .string({ error: required("a string") })
        .transform((m) => m.toUpperCase())
        .pipe(z.enum(NOTIFICATION_METHODS, { error: choice }))
        .nullish()
        .transform((m) => m ?? "UNDEFINED")
        .meta({ description: `The HTTP method of the change, any case: ${NOTIFICATION_METHODS.join(", ")}.` }),
      user_ids: z
        .array(userIdSchema, { error: required("a list of items") })
        .min(1, "This list may not be empty.")
        .max(MAX_RECIPIENTS, `Ensure this field has no more than ${MAX_RECIPIENTS} elements.`)
        .optional(),
      audience: z.literal("all_active", { error: choice }).optional(),
      created_by: userIdSchema.nullish(),
      custom_info: jsonValue().nullish().meta({ description: "Any JSON, stored and returned as given." }),
      previous: jsonObject()
        .nullish()
        .meta({ description: "The instance before a PUT/PATCH; `changed_data` is computed from it." }),
      changed_data: jsonObject().nullish().meta({ description: "Given as is instead of computed from `previous`." }),
      category: categoryName.optional(),
      tags: tagsField.optional(),
      action_url: httpUrl.optional(),
      actions: actionsField.optional(),
      expires_at: expiresAtField.optional(),
      group_key: groupKey.optional(),
    },
    body,
  )
  .openapi("CreateNotification")
  .superRefine(
    (value, ctx) => {
      // Runs even when other fields failed, so every missing field is named at once.
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      if (value.user_ids === undefined && value.audience === undefined) {
        ctx.addIssue({ code: "custom", path: ["user_ids"], message: "This field is required." });
      }
      if (value.user_ids !== undefined && value.audience !== undefined) {
        ctx.addIssue({ code: "custom", path: ["audience"], message: "Give either user_ids or audience, not both." });
      }
    },
    { when: () => true },
  )
  .superRefine((value, ctx) => {
    let text: string;
    try {
      text = JSON.stringify([
        value.message,
        value.model,
        value.instance,
        value.previous,
        value.changed_data,
        value.custom_info,
      ]);
    } catch {
      // Something JSON cannot carry (a BigInt): its field's own check has named it already.
      return;
    }
    const size = new TextEncoder().encode(text).byteLength;
    if (size > MAX_NOTIFICATION_BYTES) {
      ctx.addIssue({
        code: "custom",
        message: `The notification is ${size} bytes of JSON; the limit is ${MAX_NOTIFICATION_BYTES}.`,
      });
    }
  });

export type CreateBody = z.output<typeof createBody>;
