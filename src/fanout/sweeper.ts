import { and, asc, inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { notificationJobPending, notificationJobs } from "../db/schema";
import { nowIso } from "../lib/time";
import { enqueue, type FanoutMessage } from "./messages";

/** How long an unfinished job may stand still before its remaining work is sent again. */
export const STALL_MS = 5 * 60_000;
/** Jobs looked at per sweep: bounded work for one cron invocation. */
const JOBS_PER_SWEEP = 50;

/**
 * Sends again the work of fan-outs that stopped moving: a "users" job's pending chunks, an
 * all_active job's next page. This finds messages that never reached the queue (a send that
 * failed after the job committed, a worker that died in between). A copy of a message that is
 * still on its way changes nothing: chunks are idempotent and pages are guarded by the job's
 * cursor. Returns the number of messages sent.
 */
export async function resumeStalledJobs(db: Db, queue: Queue, now: number): Promise<number> {
  const stalled = await db
    .select({ id: notificationJobs.id, audience: notificationJobs.audience, nextChunk: notificationJobs.nextChunk })
    .from(notificationJobs)
    .where(
      and(
        inArray(notificationJobs.status, ["queued", "running"]),
        lt(notificationJobs.updatedAt, nowIso(new Date(now - STALL_MS))),
      ),
    )
    .orderBy(asc(notificationJobs.updatedAt))
    .limit(JOBS_PER_SWEEP);
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
    .set({ updatedAt: nowIso(new Date(now)) })
    .where(inArray(notificationJobs.id, ids));
  await enqueue(queue, messages);
  return messages.length;
}
