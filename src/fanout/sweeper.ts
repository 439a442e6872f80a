import { and, asc, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notificationJobPending, notificationJobs } from "../db/schema";
import { nowIso } from "../lib/time";
import { failJob } from "./jobs";
import { enqueue, type FanoutMessage } from "./messages";

/**
 * How long an unfinished job may stand still before its remaining work is sent again. The wait
 * doubles with each resend without progress (up to 16x), so a job that is only waiting behind a
 * queue backlog does not keep adding copies of its messages to that backlog.
 */
export const STALL_MS = 5 * 60_000;
const MAX_BACKOFF_DOUBLINGS = 4;
/** A job still unfinished this long after it was created is given up (status "failed"). */
export const JOB_GIVE_UP_MS = 24 * 3_600_000;
/** Jobs looked at per sweep: bounded work for one cron invocation. */
const JOBS_PER_SWEEP = 50;

/**
 * Sends again the work of fan-outs that stopped moving: a "users" job's pending chunks, an
 * all_active job's next page. This finds messages that never reached the queue (a send that
 * failed after the job committed, a worker that died in between). A copy of a message that is
 * still on its way changes nothing: chunks are idempotent and pages are guarded by the job's
 * cursor. A job that has not finished JOB_GIVE_UP_MS after it was created is marked failed
 * instead, with its last error. Returns the number of messages sent.
 */
export async function resumeStalledJobs(db: Db, queue: Queue, now: number): Promise<number> {
  const candidates = await db
    .select({
      id: notificationJobs.id,
      audience: notificationJobs.audience,
      nextChunk: notificationJobs.nextChunk,
      createdAt: notificationJobs.createdAt,
      updatedAt: notificationJobs.updatedAt,
      resends: notificationJobs.resends,
      error: notificationJobs.error,
    })
    .from(notificationJobs)
    .where(
      and(
        inArray(notificationJobs.status, ["queued", "running"]),
        lt(notificationJobs.updatedAt, nowIso(new Date(now - STALL_MS))),
      ),
    )
    .orderBy(asc(notificationJobs.updatedAt))
    .limit(JOBS_PER_SWEEP);
  const tooOld = nowIso(new Date(now - JOB_GIVE_UP_MS));
  for (const job of candidates.filter((candidate) => candidate.createdAt < tooOld)) {
    await failJob(db, job.id, `Gave up after 24 hours: ${job.error ?? "no progress"}`);
  }
  const stalled = candidates.filter(
    (job) =>
      job.createdAt >= tooOld &&
      job.updatedAt < nowIso(new Date(now - STALL_MS * 2 ** Math.min(job.resends, MAX_BACKOFF_DOUBLINGS))),
  );
  if (stalled.length === 0) return 0;
  const ids = stalled.map((job) => job.id);
  const pending = await db
    .select({ jobId: notificationJobPending.jobId, chunk: notificationJobPending.chunk })
    .from(notificationJobPending)
    .where(inArray(notificationJobPending.jobId, ids));
  const messages: FanoutMessage[] = [
    ...pending.map(({ jobId, chunk }) => ({ kind: "chunk" as const, jobId, chunk })),
    ...stalled
      .filter((job) => job.audience === "all_active")
      .map((job) => ({ kind: "expand" as const, jobId: job.id, chunk: job.nextChunk })),
  ];
  // Touched first, so the next sweep gives these messages another STALL_MS before sending again.
  await db
    .update(notificationJobs)
    .set({ updatedAt: nowIso(new Date(now)), resends: sql`${notificationJobs.resends} + 1` })
    .where(inArray(notificationJobs.id, ids));
  await enqueue(queue, messages);
  return messages.length;
}
