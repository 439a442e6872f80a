import { z } from "@hono/zod-openapi";

const text = (max: number) =>
  z.string({ error: "Not a valid string." }).max(max, `Ensure this field has no more than ${max} characters.`);

/** PUT /api/v1/users/{id}: every field optional; unknown fields are refused so typos do not pass silently. */
export const upsertUserBody = z
  .strictObject(
    {
      first_name: text(150).optional(),
      last_name: text(150).optional(),
      email: z.union([z.literal(""), z.email({ error: "Enter a valid email address." })]).optional(),
      is_active: z.boolean({ error: "Must be a valid boolean." }).optional(),
      notifications_enabled: z.boolean({ error: "Must be a valid boolean." }).optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : undefined,
    },
  )
  .openapi("UserUpdate");

/** A user as the server routes render it. */
export const userBodySchema = z
  .strictObject({
    id: z.union([z.number().int(), z.string()]),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    is_active: z.boolean(),
    notifications_enabled: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("User");

export type UserBody = z.infer<typeof userBodySchema>;
