import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  type JobRow,
  type NotificationBody,
  notificationJobChunks,
  notificationJobs,
  notifications,
  users,
} from "../db/schema";
import { d1Statement, inJsonList, nextNotificationId } from "../db/sql";
import { nowIso } from "../lib/time";
import type { CountsUpdate } from "../notifications/counts";
import { CHUNK_SIZE, type FanoutMessage, jobNotificationUid } from "./messages";

export type JobInput = {
  document: NotificationBody;
  customInfo: unknown;
  createdBy: string | null;
  /** Null: every active user with notifications enabled. */
  recipients: string[] | null;
};

/** The job row and its first messages; written by the caller in one batch with anything else. */
export function planJob(db: Db, input: JobInput) {
  const id = crypto.randomUUID();
  const now = nowIso();
  const recipients = input.recipients;
  const chunks = recipients ? Math.ceil(recipients.length / CHUNK_SIZE) : null;
  const insert = db.insert(notificationJobs).values({
    id,
    status: "queued",
    audience: recipients ? "users" : "all_active",
    document: input.document,
    customInfo: input.customInfo ?? null,
    createdBy: input.createdBy,
    recipientsTotal: recipients?.length ?? null,
    chunksTotal: chunks,
    createdAt: now,
    updatedAt: now,
  });
  const messages: FanoutMessage[] = recipients
    ? Array.from({ length: chunks ?? 0 }, (_, chunk) => ({
        kind: "chunk" as const,
        jobId: id,
        chunk,
        recipients: recipients.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE),
      }))
    : [{ kind: "expand", jobId: id, chunk: 0, after: null, seen: 0 }];
  return { id, insert, messages, chunks };
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

type RecountRow = { userId: string; total: number; read: number; version: number; listening: 0 | 1 };

/**
 * Writes one chunk in one D1 transaction: register unknown recipients, insert their rows (uids
 * derived from job and recipient, so a redelivery inserts nothing), recount their counters from
 * the rows (exact whatever was inserted before), record the chunk and the job's progress.
 */
export async function writeChunk(db: Db, job: JobRow, chunk: number, recipients: string[]): Promise<CountsUpdate[]> {
  const now = nowIso();
  const rows = await Promise.all(recipients.map(async (userId) => [await jobNotificationUid(job.id, userId), userId]));
  const ids = JSON.stringify(recipients);
  const active = sql`n.user_id = ${users.id} AND n.status = 'ACTIVE'`;
  const results = await db.$client.batch<RecountRow>([
    d1Statement(
      db,
      sql`INSERT INTO ${users} (id, created_at, updated_at)
        SELECT value, ${now}, ${now} FROM json_each(${ids}) WHERE true ON CONFLICT (id) DO NOTHING`,
    ),
    d1Statement(
      db,
      sql`INSERT INTO ${notifications}
          (id, uid, user_id, notification, model, is_read, custom_info, created_by, status, created_at, updated_at)
        SELECT ${nextNotificationId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ${JSON.stringify(job.document)},
          ${job.document.model}, 0, ${job.customInfo === null || job.customInfo === undefined ? null : JSON.stringify(job.customInfo)},
          ${job.createdBy}, 'ACTIVE', ${now}, ${now}
        FROM json_each(${JSON.stringify(rows)}) WHERE true
        ON CONFLICT (uid) DO NOTHING`,
    ),
    d1Statement(
      db,
      sql`UPDATE ${users} SET
          total_notifications = (SELECT count(*) FROM ${notifications} n WHERE ${active}),
          read_notifications = (SELECT count(*) FROM ${notifications} n WHERE ${active} AND n.is_read = 1),
          counts_version = counts_version + 1
        WHERE ${inJsonList(users.id, recipients)}
        RETURNING id AS userId, total_notifications AS total, read_notifications AS read,
          counts_version AS version, has_sockets AS listening`,
    ),
    d1Statement(
      db,
      sql`INSERT INTO ${notificationJobChunks} (job_id, chunk, recipients, done_at)
        VALUES (${job.id}, ${chunk}, ${recipients.length}, ${now}) ON CONFLICT DO NOTHING`,
    ),
    d1Statement(db, progressSql(job.id, now)),
  ]);
  return (results[2]?.results ?? []).map(({ userId, listening, ...counts }) => ({
    userId,
    counts,
    listening: listening === 1,
  }));
}

/** Progress from the chunk records, so a redelivered chunk is not counted twice. */
function progressSql(jobId: string, now: string) {
  const done = sql`(SELECT count(*) FROM ${notificationJobChunks} WHERE job_id = ${jobId})`;
  return sql`UPDATE ${notificationJobs} SET
      chunks_done = ${done},
      rows_written = (SELECT coalesce(sum(recipients), 0) FROM ${notificationJobChunks} WHERE job_id = ${jobId}),
      status = CASE WHEN status = 'failed' THEN 'failed'
        WHEN chunks_total IS NOT NULL AND ${done} >= chunks_total THEN 'done' ELSE 'running' END,
      updated_at = ${now}
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

/** The audience is fully enumerated: now the job knows its size. */
export async function finishEnumeration(db: Db, jobId: string, chunks: number, recipients: number): Promise<void> {
  const now = nowIso();
  await db.$client.batch([
    d1Statement(
      db,
      sql`UPDATE ${notificationJobs} SET chunks_total = ${chunks}, recipients_total = ${recipients} WHERE id = ${jobId}`,
    ),
    d1Statement(db, progressSql(jobId, now)),
  ]);
}

export async function failJob(db: Db, jobId: string, error: string): Promise<void> {
  await db
    .update(notificationJobs)
    .set({ status: "failed", error: error.slice(0, 500), updatedAt: nowIso() })
    .where(eq(notificationJobs.id, jobId));
}
