/** Recipients written inline by the create request; larger audiences go through the queue. */
export const INLINE_MAX_RECIPIENTS = 1000;
/** Recipients per chunk: one D1 transaction each (1,000 ids of 255 characters stay under 1 MB). */
export const CHUNK_SIZE = 1000;
/** Queue deliveries of one message before it is dropped (the sweeper sends its work again later). */
export const MAX_ATTEMPTS = 5;

// Messages name work, they do not carry it: the recipients wait in D1 (notification_job_pending),
// so a message stays a few bytes however long the user ids are (Queues take 128 KB per message).

/** Write the pending recipients of this chunk. */
export type ChunkMessage = {
  kind: "chunk";
  jobId: string;
  chunk: number;
  /** Only in messages sent before migration 0004, which carried their recipients. */
  recipients?: string[];
};
/** all_active: write the next page of active users as chunk `chunk`, then ask for the page after. */
export type ExpandMessage = { kind: "expand"; jobId: string; chunk: number };
export type FanoutMessage = ChunkMessage | ExpandMessage;

/**
 * The uid of a job's notification for one recipient: derived, not random, so a redelivered chunk
 * hits the unique uid instead of writing twice. Formatted as a version-4 UUID.
 */
export async function jobNotificationUid(jobId: string, userId: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${jobId}\u0000${userId}`)),
  );
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Sends messages in groups that respect sendBatch's limits (100 messages, 256 KB). */
export async function enqueue(queue: Queue, messages: FanoutMessage[]): Promise<void> {
  const GROUP = 100; // each message is under 100 bytes
  for (let i = 0; i < messages.length; i += GROUP) {
    await queue.sendBatch(messages.slice(i, i + GROUP).map((body) => ({ body, contentType: "json" as const })));
  }
}
