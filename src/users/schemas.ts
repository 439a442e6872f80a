import { z } from "zod";

const text = (max: number) =>
  z.string({ error: "Not a valid string." }).max(max, `Ensure this field has no more than ${max} characters.`);

/** PUT /api/v1/users/{id}: every field optional; unknown fields are refused so typos do not pass silently. */
export const upsertUserBody = z.strictObject(
  {
    first_name: text(150).optional(),
    last_name: text(150).optional(),
    email: z.union([z.literal(""), z.email({ error: "Enter a valid email address." })]).optional(),
    is_active: z.boolean({ error: "Must be a valid boolean." }).optional(),
    notifications_enabled: z.boolean({ error: "Must be a valid boolean." }).optional(),
  },
  {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : undefined),
  },
);
