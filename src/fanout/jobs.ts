import { and, asc, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  type JobRow,
  type NotificationBody,
  notificationJobChunks,
  notificationJobPending,
  notificationJobs,
  notifications,
  users,
} from "../db/schema";
import { d1Statement, inJsonList } from "../db/sql";
import { nowIso } from "../lib/time";
import type { CountsUpdate } from "../notifications/counts";
import { type InboxFields, insertNotificationRows } from "../notifications/create";
import { createdEvents, createdUpdates, type InsertedRow } from "../notifications/created-events";
import { expiryStatements } from "../notifications/expiry";
import { defaultCategory } from "../notifications/fields";
import { CHUNK_SIZE, type FanoutMessage, jobNotificationUid } from "./messages";

export type JobInput = {
  document: NotificationBody;
  customInfo: unknown;
  createdBy: string | null;
  fields: InboxFields;
  /** Null: every active user with notifications enabled. */
  recipients: string[] | null;
};

/** Bytes of user ids per statement that stores pending chunks (D1 takes up to 2 MB per value). */
const PENDING_BYTES_PER_STATEMENT = 1_000_000;

/**
 * The statements that create a job, with its pending chunks, and its first messages. The caller
 * runs the statements in one batch (with anything else that must commit with the job) and sends
 * the messages after the commit; a message lost on the way is sent again by the sweeper.
 */
export function planJob(db: Db, input: JobInput) {
  const id = crypto.randomUUID();
  const now = nowIso();
  const recipients = input.recipients;
  const chunks = recipients
    ? Array.from({ length: Math.ceil(recipients.length / CHUNK_SIZE) }, (_, chunk) =>
        recipients.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE),
      )
    : null;
  const insert = db.insert(notificationJobs).values({
    id,
    status: "queued",
    audience: recipients ? "users" : "all_active",
    document: input.document,
    customInfo: input.customInfo ?? null,
    createdBy: input.createdBy,
    extras: input.fields,
    recipientsTotal: recipients?.length ?? null,
    chunksTotal: chunks?.length ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const statements = [d1Statement(db, insert), ...(chunks ? pendingInserts(db, id, chunks) : [])];
  const messages: FanoutMessage[] = chunks
    ? chunks.map((_, chunk) => ({ kind: "chunk" as const, jobId: id, chunk }))
    : [{ kind: "expand", jobId: id, chunk: 0 }];
  return { id, statements, messages, chunks: chunks?.length ?? null };
}

/** Pending chunks as few INSERT ... json_each statements as their size allows. */
function pendingInserts(db: Db, jobId: string, chunks: string[][]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  let group: string[] = [];
  let bytes = 0;
  let first = 0;
  const flush = () => {
    if (group.length === 0) return;
    statements.push(
      d1Statement(
        db,
        sql`INSERT INTO ${notificationJobPending} (job_id, chunk, user_ids)
          SELECT ${jobId}, ${first} + key, value FROM json_each(${`[${group.join(",")}]`})`,
      ),
    );
    first += group.length;
    group = [];
    bytes = 0;
  };
  for (const ids of chunks) {
    const json = JSON.stringify(ids);
    const size = new TextEncoder().encode(json).byteLength;
    if (bytes + size > PENDING_BYTES_PER_STATEMENT) flush();
    group.push(json);
    bytes += size;
  }
  flush();
  return statements;
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.select().from(notificationJobs).where(eq(notificationJobs.id, id)).get();
}

/** The job as GET /api/v1/notifications/jobs/{id} shows it. */
export function jobBody(job: JobRow) {
  return {
    id: job.id,
    status: job.status,
    audience: job.audience,
    recipients_total: job.recipientsTotal,
    chunks_total: job.chunksTotal,
    chunks_done: job.chunksDone,
    rows_written: job.rowsWritten,
    error: job.error,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
  };
}

/**
 * Writes one chunk in one D1 transaction: register unknown recipients, insert their rows (uids
 * derived from job and recipient, so a redelivery inserts nothing; the triggers count what is
 * inserted), bump their counts versions, record the chunk and the job's progress.
 */
export async function writeChunk(
  db: Db,
  job: JobRow,
  chunk: number,
  recipients: string[],
  /** More statements for the same transaction (run last). */
  also: SQL[] = [],
): Promise<{ updates: CountsUpdate[]; results: D1Result[] }> {
  const now = nowIso();
  const rows = await Promise.all(
    recipients.map(async (userId): Promise<[string, string]> => [await jobNotificationUid(job.id, userId), userId]),
  );
  // A job from before the inbox model has no extras: its rows get the model as category.
  const fields = (job.extras as InboxFields | null) ?? {
    category: defaultCategory(job.document.model),
    tags: null,
    actionUrl: null,
    actions: null,
    expiresAt: null,
    groupKey: null,
  };
  const source = { document: job.document, customInfo: job.customInfo, createdBy: job.createdBy, now, fields };
  // Uids derive from job and recipient: a redelivered chunk's rows are skipped (and, inserting
  // nothing, move no counter). Recipients who turned the category off are skipped too.
  const rowStatements = insertNotificationRows(db, source, rows, true);
  const expiry = expiryStatements(db, recipients, now);
  const events = createdEvents(db, rows, source.createdBy, now);
  const results = await db.$client.batch([
    ...expiry,
    ...rowStatements,
    ...events,
    d1Statement(
      db,
      // The rows this chunk holds (recipients who turned the category off have none), so the job's
      // rows_written is what was written; a redelivery finds the same rows and changes nothing.
      sql`INSERT INTO ${notificationJobChunks} (job_id, chunk, recipients, done_at)
        SELECT ${job.id}, ${chunk}, (SELECT count(*) FROM ${notifications} WHERE ${inJsonList(
          notifications.uid,
          rows.map(([uid]) => uid),
        )}), ${now}
        WHERE true ON CONFLICT DO NOTHING`,
    ),
    d1Statement(db, progressSql(job.id, now)),
    ...also.map((statement) => d1Statement(db, statement)),
  ]);
  const inserted = (results[expiry.length + 1]?.results ?? []) as InsertedRow[];
  const start = expiry.length + rowStatements.length;
  const updates = createdUpdates(source, inserted, results.slice(start, start + events.length));
  return { updates, results };
}

/** A "users" chunk: its pending recipients, written and released in one transaction. */
export async function writePendingChunk(db: Db, job: JobRow, chunk: number): Promise<CountsUpdate[]> {
  const pending = await db
    .select({ userIds: notificationJobPending.userIds })
    .from(notificationJobPending)
    .where(and(eq(notificationJobPending.jobId, job.id), eq(notificationJobPending.chunk, chunk)))
    .get();
  if (!pending) return []; // written by an earlier delivery
  const release = sql`DELETE FROM ${notificationJobPending} WHERE job_id = ${job.id} AND chunk = ${chunk}`;
  return (await writeChunk(db, job, chunk, pending.userIds, [release])).updates;
}

/**
 * all_active: writes the next page of active users as chunk `chunk` and moves the job's cursor
 * past it, in one transaction. Returns whether another page follows; false also when another
 * delivery of the same message moved the cursor first (then that one carries on).
 */
export async function writeNextPage(
  db: Db,
  job: JobRow,
  chunk: number,
): Promise<{ updates: CountsUpdate[]; more: boolean }> {
  const ids = await activeUsersAfter(db, job.cursor);
  const more = ids.length === CHUNK_SIZE;
  const now = nowIso();
  const written = sql`(SELECT coalesce(sum(recipients), 0) FROM ${notificationJobChunks} WHERE job_id = ${job.id})`;
  const advance = sql`UPDATE ${notificationJobs} SET next_chunk = ${chunk + 1}, cursor = ${ids.at(-1) ?? job.cursor},
      chunks_total = ${more ? null : ids.length > 0 ? chunk + 1 : chunk},
      recipients_total = ${more ? null : written}, updated_at = ${now}
    WHERE id = ${job.id} AND next_chunk = ${chunk}`;
  if (ids.length === 0) {
    await db.$client.batch([d1Statement(db, advance), d1Statement(db, progressSql(job.id, now))]);
    return { updates: [], more: false };
  }
  // The progress update runs again after the advance so a finished enumeration marks the job done.
  const { updates, results } = await writeChunk(db, job, chunk, ids, [advance, progressSql(job.id, now)]);
  const moved = results.at(-2)?.meta.changes ?? 0;
  return { updates, more: more && moved > 0 };
}

/** Progress from the chunk records, so a redelivered chunk is not counted twice. */
function progressSql(jobId: string, now: string) {
  const done = sql`(SELECT count(*) FROM ${notificationJobChunks} WHERE job_id = ${jobId})`;
  return sql`UPDATE ${notificationJobs} SET
      chunks_done = ${done},
      rows_written = (SELECT coalesce(sum(recipients), 0) FROM ${notificationJobChunks} WHERE job_id = ${jobId}),
      status = CASE WHEN status = 'failed' THEN 'failed'
        WHEN chunks_total IS NOT NULL AND ${done} >= chunks_total THEN 'done' ELSE 'running' END,
      resends = 0, updated_at = ${now}
    WHERE id = ${jobId}`;
}

/** The next page of an all_active audience, in id order. */
export async function activeUsersAfter(db: Db, after: string | null): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.isActive, true),
        eq(users.notificationsEnabled, true),
        after === null ? undefined : gt(users.id, after),
      ),
    )
    .orderBy(asc(users.id))
    .limit(CHUNK_SIZE);
  return rows.map((row) => row.id);
}

/**
 * A chunk failed every delivery: the job keeps going (the sweeper sends the chunk again once the
 * job stalls) and shows the error meanwhile. Only the sweeper gives a job up, after JOB_GIVE_UP_MS.
 */
export async function noteJobError(db: Db, jobId: string, error: string): Promise<void> {
  await db
    .update(notificationJobs)
    .set({ error: error.slice(0, 500), updatedAt: nowIso() })
    .where(eq(notificationJobs.id, jobId));
}

export async function failJob(db: Db, jobId: string, error: string): Promise<void> {
  await db
    .update(notificationJobs)
    .set({ status: "failed", error: error.slice(0, 500), updatedAt: nowIso() })
    .where(eq(notificationJobs.id, jobId));
}
