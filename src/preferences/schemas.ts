/** Preferences per category: the user's choices and the service's defaults, in and out. */
import { z } from "@hono/zod-openapi";
import { categoryName } from "../notifications/fields";

/** Categories one call may name (the statements bind them as one JSON parameter). */
export const MAX_CATEGORIES_PER_CALL = 100;

const bool = z.boolean({ error: "Must be a valid boolean." });
const PROTO_MESSAGE = categoryName.safeParse("__proto__").error?.issues[0]?.message ?? "Invalid category.";

/**
 * A map keyed by category name. A bad key is named with categoryName's own message, and a
 * `__proto__` key (which zod drops silently, as it is no category anyway) is refused, not ignored.
 */
function categoryMap<V extends z.ZodType>(value: V, what: string) {
  const record = z
    .record(categoryName, value, {
      error: (issue) =>
        issue.code === "invalid_key"
          ? (issue.issues[0]?.message ?? "Invalid category.")
          : issue.input === undefined
            ? "This field is required."
            : `Expected an object of ${what} by category.`,
    })
    .refine((map) => Object.keys(map).length <= MAX_CATEGORIES_PER_CALL, {
      message: `Ensure this field has no more than ${MAX_CATEGORIES_PER_CALL} categories.`,
    });
  return z
    .preprocess((input, ctx) => {
      if (input !== null && typeof input === "object" && Object.hasOwn(input, "__proto__")) {
        // On the map, not under the key: a "__proto__" key in an error body would set its prototype.
        ctx.addIssue({ code: "custom", message: `"__proto__": ${PROTO_MESSAGE}`, input });
      }
      return input;
    }, record)
    .meta({
      description: `By category name: ${categoryName.description}`,
    });
}

const strictBody = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : "Expected a JSON object.",
  });

/** PUT/PATCH /api/v1/me/preferences: on (true), off (false) or back to the default (null). */
export const preferencesUpdateBody = strictBody({
  categories: categoryMap(bool.nullable(), "true, false or null"),
}).openapi("PreferencesUpdate", {
  description: `Only the categories named change (at most ${MAX_CATEGORIES_PER_CALL} per call); \`null\` drops the user's choice, so the service's default applies again.`,
  example: { categories: { comments: false, mentions: true } },
});

export type PreferencesUpdate = z.output<typeof preferencesUpdateBody>;

const categorySetting = z.strictObject(
  {
    enabled_by_default: bool.optional().openapi({ description: "On for users who did not choose. Default true." }),
    critical: bool.optional().openapi({
      description: "Always delivered; users cannot turn it off, and earlier choices are ignored. Default false.",
    }),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown field(s): ${issue.keys.join(", ")}.`
        : "Expected an object or null.",
  },
);

/** PUT /api/v1/preferences/defaults: fields given change, others keep their value; null drops the setting. */
export const defaultsUpdateBody = strictBody({
  categories: categoryMap(categorySetting.nullable(), "settings"),
}).openapi("CategoryDefaultsUpdate", {
  description: `Only the categories named change (at most ${MAX_CATEGORIES_PER_CALL} per call); in each, only the fields given. \`null\` drops the category's setting (back to on by default, not critical).`,
  example: {
    categories: { security: { enabled_by_default: true, critical: true }, digest: { enabled_by_default: false } },
  },
});

export type DefaultsUpdate = z.output<typeof defaultsUpdateBody>;

export const preferencesBodySchema = z
  .strictObject({
    categories: z.record(
      z.string(),
      z.strictObject({
        enabled: z.boolean().openapi({
          description:
            "Whether the user gets this category's notifications now: always for a critical one, else the user's choice, else the default.",
        }),
        critical: z.boolean().openapi({ description: "Set by the service: always delivered, cannot be turned off." }),
        default: z
          .boolean()
          .openapi({ description: "The service's default for users who did not choose (true unless set)." }),
      }),
    ),
  })
  .openapi("Preferences", {
    description:
      "Every category the user chose for, every category the service has a setting for, and every category of the user's notifications, by name.",
    example: { categories: { comments: { enabled: false, critical: false, default: true } } },
  });

export type PreferencesBody = z.infer<typeof preferencesBodySchema>;

export const defaultsBodySchema = z
  .strictObject({
    categories: z.record(
      z.string(),
      z.strictObject({ enabled_by_default: z.boolean(), critical: z.boolean(), updated_at: z.string() }),
    ),
  })
  .openapi("CategoryDefaults", {
    description:
      "Every category the service has a setting for. Categories not listed are on by default and not critical.",
  });

export type DefaultsBody = z.infer<typeof defaultsBodySchema>;
