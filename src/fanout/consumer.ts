import { createDb, type Db } from "../db/client";
import { pushCounts } from "../realtime/push";
import { activeUsersAfter, failJob, findJob, finishEnumeration, writeChunk } from "./jobs";
import { CHUNK_SIZE, type ChunkMessage, enqueue, type FanoutMessage, MAX_ATTEMPTS } from "./messages";

/** Job not visible yet (its row commits before its messages are sent, but replicas may lag). */
class JobNotFound extends Error {}

/**
 * The queue consumer. Each message is acknowledged on its own: a failing chunk is retried with
 * backoff without holding back the others, and after MAX_ATTEMPTS its job is marked failed.
 */
export async function handleFanout(batch: MessageBatch<FanoutMessage>, env: Env, ctx: ExecutionContext) {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    try {
      await process(db, env, ctx, message.body);
      message.ack();
    } catch (error) {
      console.error(
        JSON.stringify({
          event: "fanout_failed",
          jobId: message.body.jobId,
          attempts: message.attempts,
          error: String(error),
        }),
      );
      if (message.attempts >= MAX_ATTEMPTS) {
        if (!(error instanceof JobNotFound)) await failJob(db, message.body.jobId, String(error));
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
  if (job.status === "failed") return;
  if (body.kind === "chunk") {
    const updates = await writeChunk(db, job, body.chunk, body.recipients);
    pushCounts(env, (promise) => ctx.waitUntil(promise), updates);
    return;
  }
  // all_active: one page of users becomes one chunk, and the next page is another message.
  const ids = await activeUsersAfter(db, body.after);
  const seen = body.seen + ids.length;
  const more = ids.length === CHUNK_SIZE;
  const next: FanoutMessage[] = [];
  if (ids.length > 0)
    next.push({ kind: "chunk", jobId: job.id, chunk: body.chunk, recipients: ids } satisfies ChunkMessage);
  if (more) next.push({ kind: "expand", jobId: job.id, chunk: body.chunk + 1, after: ids.at(-1) ?? null, seen });
  await enqueue(env.FANOUT, next);
  if (!more) await finishEnumeration(db, job.id, ids.length > 0 ? body.chunk + 1 : body.chunk, seen);
}
