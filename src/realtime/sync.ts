import { z } from "zod";

/** A version a client names: `since` on the URL or in a sync frame. */
export const versionSchema = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const syncFrame = z.object({
  type: z.literal("sync"),
  since: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/**
 * What an events.v1 socket's text frame asks: a resume from a version (`{"type":"sync","since":V}`),
 * `"invalid"` for a sync frame whose `since` is not a version, or null for any other text (the
 * legacy refresh: answered with counts).
 */
export function syncSince(message: string): number | "invalid" | null {
  if (!message.includes('"sync"')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || (parsed as { type?: unknown }).type !== "sync") return null;
  const frame = syncFrame.safeParse(parsed);
  return frame.success ? frame.data.since : "invalid";
}

/** `since` from the socket URL: a version, or null when absent; undefined when it is not a version. */
export function sinceParam(value: string | undefined): number | null | undefined {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) return undefined;
  const parsed = versionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
