import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { ApiError } from "../errors";

/** How long a key remembers its answer. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type StoredResponse = { status: 201 | 202; body: unknown };

export async function requestHash(body: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(body)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function validKey(key: string): string {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw ApiError.detail(400, "Idempotency-Key must be 1 to 255 printable ASCII characters.");
  }
  return key;
}

/** The first answer to this key, or null; 422 when the key was used for a different request. */
export async function storedResponse(db: Db, key: string, hash: string): Promise<StoredResponse | null> {
  const cutoff = new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString();
  const row = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).get();
  if (!row || row.createdAt < cutoff) return null;
  if (row.requestHash !== hash) {
    throw ApiError.detail(422, "This Idempotency-Key was used with a different request body.");
  }
  return { status: row.status as 201 | 202, body: row.body };
}

/**
 * Statements that record the answer, to run in the same batch as the write: if a concurrent
 * request with the same key committed first, the insert fails and the whole write rolls back.
 */
export function rememberResponse(db: Db, key: string, hash: string, response: StoredResponse) {
  const now = new Date();
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  return [
    db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, cutoff))),
    db.insert(idempotencyKeys).values({
      key,
      requestHash: hash,
      status: response.status,
      body: response.body,
      createdAt: now.toISOString(),
    }),
  ] as const;
}
