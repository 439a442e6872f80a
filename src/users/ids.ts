import { z } from "zod";

const CANONICAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;
export const MAX_USER_ID_LENGTH = 255;
/**
 * Any \p{C} character: control, format (bidi overrides, zero-width), lone surrogates, private use,
 * unassigned. A lone surrogate cannot be stored as UTF-8 (D1 stores U+FFFD in its place, so the rows
 * and the hub end up under different ids), and the rest make ids that print alike but differ.
 * Ids are identifiers, not text: OpenID Connect's `sub` is ASCII, Django's are integers.
 */
const INVISIBLE = /\p{C}/u;

/**
 * Users are keyed by the text form of the id their tokens carry: Django's integer ids become
 * "42", opaque ids from other identity providers stay as they are.
 */
export function canonicalUserId(raw: unknown): string | null {
  if (typeof raw === "number") return Number.isSafeInteger(raw) ? String(raw) : null;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_USER_ID_LENGTH) return null;
  return INVISIBLE.test(raw) ? null : raw;
}

/** An id that is a canonical integer renders as a JSON number, any other as a string. */
export function renderUserId(id: string): number | string {
  if (CANONICAL_INTEGER.test(id)) {
    const n = Number(id);
    if (Number.isSafeInteger(n)) return n;
  }
  return id;
}

/** A user id in a request body: an integer or a string of 1 to 255 characters, none of them \p{C}. */
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
