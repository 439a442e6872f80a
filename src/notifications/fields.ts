/** The inbox model's fields as they arrive: on create, in actions and in feed filters. */
import { z } from "@hono/zod-openapi";
import { nowIso } from "../lib/time";

/** Categories and tags: short, printable, URL-safe (they travel in query strings and tabs). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const NAME_RULE = "1 to 64 letters, digits or _ . : -, starting with a letter or digit";
export const MAX_TAGS = 5;
export const MAX_ACTIONS = 3;

export const categoryName = z
  .string({ error: "A category is a string." })
  .regex(NAME, `A category is ${NAME_RULE}.`)
  .meta({ description: `${NAME_RULE}.`, example: "comments" });

/**
 * The category of a notification created without one: its model name, made to follow the category
 * rule (a model may hold spaces or be longer), so that users can filter on it and turn it off.
 */
export function defaultCategory(model: string): string {
  if (NAME.test(model)) return model;
  const cleaned = model
    .replace(/[^A-Za-z0-9_.:-]+/g, "_")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 64);
  return cleaned === "" ? "default" : cleaned;
}

export const tagName = z.string({ error: "A tag is a string." }).regex(NAME, `A tag is ${NAME_RULE}.`);

/** Grouping keys, e.g. `comment:blog:42`: printable text, no control or invisible characters. */
export const groupKey = z
  .string({ error: "A group key is a string." })
  .min(1, "This field may not be blank.")
  .max(255, "Ensure this field has no more than 255 characters.")
  .refine((value) => !/\p{C}/u.test(value), "A group key may not hold control or invisible characters.")
  .meta({ description: "Notifications with the same key show as one entry in the grouped feed." });

/** An absolute http(s) URL: never `javascript:` or `data:`, which a client would render as a link. */
export const httpUrl = z
  .string({ error: "A URL is a string." })
  .max(2048, "Ensure this field has no more than 2048 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a valid http(s) URL.");

export const actionSchema = z.strictObject({
  id: z
    .string({ error: "An action id is a string." })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "An action id is 1 to 64 letters, digits, _ or -."),
  label: z.string({ error: "A label is a string." }).min(1, "This field may not be blank.").max(100),
  url: httpUrl,
  style: z.enum(["primary", "secondary"], { error: 'Style is "primary" or "secondary".' }).default("secondary"),
});

export const actionsField = z
  .array(actionSchema, { error: "Expected a list of actions." })
  .max(MAX_ACTIONS, `Ensure this field has no more than ${MAX_ACTIONS} elements.`)
  .refine((actions) => new Set(actions.map((a) => a.id)).size === actions.length, "Action ids must be distinct.");

export const tagsField = z
  .array(tagName, { error: "Expected a list of tags." })
  .max(MAX_TAGS, `Ensure this field has no more than ${MAX_TAGS} elements.`)
  .transform((tags) => [...new Set(tags)]);

/** A future instant with its offset, stored in the service's UTC format (sortable as text). */
export const expiresAtField = z
  .string({ error: "Expected an ISO 8601 date-time." })
  .transform((value, ctx) => {
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
      ? new Date(value)
      : new Date(Number.NaN);
    // Date() rolls impossible dates over (2030-02-30 becomes March 2): the day must come back unchanged.
    if (
      !Number.isNaN(at.getTime()) &&
      !/[+-]\d{2}:\d{2}$/.test(value) &&
      at.toISOString().slice(0, 10) !== value.slice(0, 10)
    ) {
      ctx.addIssue({ code: "custom", message: "This date does not exist." });
      return z.NEVER;
    }
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({
        code: "custom",
        message: "Expected an ISO 8601 date-time with an offset, e.g. 2030-01-31T12:00:00Z.",
      });
      return z.NEVER;
    }
    if (at.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", message: "This date-time is in the past." });
      return z.NEVER;
    }
    return nowIso(at);
  })
  .meta({ description: "ISO 8601 with an offset; must be in the future." });

/** The newest notification id a client has shown (an id or a `next_cursor`), for "mark all" actions. */
export const beforeField = z
  .union([z.number(), z.string()], { error: "Expected the id of a notification (a positive integer)." })
  .transform((value, ctx) => {
    const id = typeof value === "number" ? value : /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1) {
      ctx.addIssue({ code: "custom", message: "Expected the id of a notification (a positive integer)." });
      return z.NEVER;
    }
    return id;
  })
  .meta({
    description:
      "Only notifications with this id or older: what the client has shown, so one arriving meanwhile is not swallowed.",
  });
