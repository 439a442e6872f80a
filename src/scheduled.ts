import { createDb } from "./db/client";
import { resumeStalledJobs } from "./fanout/sweeper";
import { purgeRemoved, retentionDays } from "./retention/purge";

/** The frequent trigger in wrangler.toml: it only sweeps. Any other trigger also runs retention. */
export const SWEEP_CRON = "*/5 * * * *";

/**
 * The cron triggers: every one re-sends the work of stalled fan-outs; the daily one also purges
 * REMOVED notifications past RETENTION_DAYS.
 */
export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  _ctx: ExecutionContext,
): Promise<void> {
  const db = createDb(env.DB);
  const resent = await resumeStalledJobs(db, env.FANOUT, controller.scheduledTime);
  if (resent > 0) console.log(JSON.stringify({ event: "fanout_resumed", messages: resent }));
  if (controller.cron === SWEEP_CRON) return;
  const days = retentionDays(env);
  const deleted = await purgeRemoved(db, days, controller.scheduledTime);
  console.log(JSON.stringify({ event: "retention", deleted, days }));
}
