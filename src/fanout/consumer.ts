import { createDb, type Db } from "../db/client";
import type { CountsUpdate } from "../notifications/counts";
import { logEvent } from "../ops/log";
import { pushCounts } from "../realtime/push";
import { findJob, noteJobError, writeChunk, writeNextPage, writePendingChunk } from "./jobs";
import { enqueue, type FanoutMessage, MAX_ATTEMPTS } from "./messages";

/** Job not visible yet (its row commits before its messages are sent, but replicas may lag). */
class JobNotFound extends Error {}

/**
 * The queue consumer. Each message is acknowledged on its own: a failing chunk is retried with
 * backoff without holding back the others; after MAX_ATTEMPTS the job records the error and the
 * sweeper sends the chunk again later (its recipients wait in D1, so none are lost).
 */
export async function handleFanout(batch: MessageBatch<FanoutMessage>, env: Env, ctx: ExecutionContext) {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    try {
      await process(db, env, ctx, message.body);
      message.ack();
    } catch (error) {
      logEvent("error", "fanout_failed", {
        job_id: message.body.jobId,
        attempts: message.attempts,
        error: String(error),
      });
      if (message.attempts >= MAX_ATTEMPTS) {
        if (!(error instanceof JobNotFound)) await noteJobError(db, message.body.jobId, String(error));
        message.ack();
      } else {
        message.retry({ delaySeconds: 2 ** message.attempts });
      }
    }
  }
}

async function process(db: Db, env: Env, ctx: ExecutionContext, body: FanoutMessage): Promise<void> {
  const job = await findJob(db, body.jobId);
  if (!job) throw new JobNotFound(`job ${body.jobId} not found`);
  if (job.status === "failed" || job.status === "done") return;
  const push = (updates: CountsUpdate[]) => pushCounts(env, (promise) => ctx.waitUntil(promise), updates);
  if (body.kind === "chunk") {
    // A message from before migration 0004 still carries its recipients: write them as they are.
    if (Array.isArray(body.recipients)) push((await writeChunk(db, job, body.chunk, body.recipients)).updates);
    else push(await writePendingChunk(db, job, body.chunk));
    return;
  }
  // all_active: one page of users per message. A copy of a message whose page is already written
  // (redelivered, or re-sent by the sweeper) changes nothing and sends nothing on.
  if (job.nextChunk !== body.chunk) return;
  const { updates, more } = await writeNextPage(db, job, body.chunk);
  push(updates);
  if (more) await enqueue(env.FANOUT, [{ kind: "expand", jobId: job.id, chunk: body.chunk + 1 }]);
}
