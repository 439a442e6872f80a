import { z } from "zod";

const CANONICAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;
export const MAX_USER_ID_LENGTH = 255;

/**
 * Users are keyed by the text form of the id their tokens carry: Django's integer ids become
 * "42", opaque ids from other identity providers stay as they are.
 */
export function canonicalUserId(raw: unknown): string | null {
  if (typeof raw === "number") return Number.isSafeInteger(raw) ? String(raw) : null;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_USER_ID_LENGTH) return null;
  // Control characters would make ids that print the same but differ.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
  return /[\u0000-\u001f\u007f]/.test(raw) ? null : raw;
}

/** An id that is a canonical integer renders as a JSON number, any other as a string. */
export function renderUserId(id: string): number | string {
  if (CANONICAL_INTEGER.test(id)) {
    const n = Number(id);
    if (Number.isSafeInteger(n)) return n;
  }
  return id;
}

/** A user id in a request body: an integer or a non-empty string of at most 255 characters. */
export const userIdSchema = z
  .union([z.number(), z.string()], { error: "A valid user id (integer or string) is required." })
  .transform((value, ctx) => {
    const id = canonicalUserId(value);
    if (id === null) {
      ctx.addIssue({
        code: "custom",
        message: `A user id is an integer or a string of 1 to ${MAX_USER_ID_LENGTH} printable characters.`,
      });
      return z.NEVER;
    }
    return id;
  });
