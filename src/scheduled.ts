import { createDb } from "./db/client";
import { resumeStalledJobs } from "./fanout/sweeper";
import { nowIso } from "./lib/time";
import { expireEveryone } from "./notifications/expiry";
import { logEvent } from "./ops/log";
import { outboxRetentionHours, purgeOutbox } from "./retention/outbox";
import { purgeRemoved, retentionDays } from "./retention/purge";

/**
 * The frequent trigger in wrangler.toml: it sweeps stalled fan-outs and trims the events.v1
 * outbox. Any other trigger also runs retention.
 */
export const SWEEP_CRON = "*/5 * * * *";

/**
 * The cron triggers: every one re-sends the work of stalled fan-outs and deletes outbox rows past
 * OUTBOX_RETENTION_HOURS; the daily one also expires
 * what is due for every user (readers and hubs expire their own on the spot; this covers users who
 * never come back), then purges REMOVED, DELETED and expired notifications past RETENTION_DAYS.
 */
export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  _ctx: ExecutionContext,
): Promise<void> {
  const db = createDb(env.DB);
  const days = retentionDays(env);
  // Independent jobs: a failing sweep must not cost the day's purge, nor the other way round.
  const hours = outboxRetentionHours(env);
  const [sweep, purge, outbox] = await Promise.allSettled([
    resumeStalledJobs(db, env.FANOUT, controller.scheduledTime),
    controller.cron === SWEEP_CRON
      ? Promise.resolve(null)
      : expireEveryone(db, nowIso(new Date(controller.scheduledTime))).then(() =>
          purgeRemoved(db, days, controller.scheduledTime),
        ),
    purgeOutbox(db, hours, controller.scheduledTime),
  ]);
  if (sweep.status === "rejected") logEvent("error", "fanout_sweep_failed", { error: String(sweep.reason) });
  else if (sweep.value > 0) logEvent("info", "fanout_resumed", { messages: sweep.value });
  if (purge.status === "rejected") logEvent("error", "retention_failed", { error: String(purge.reason) });
  else if (purge.value !== null) logEvent("info", "retention", { deleted: purge.value, days });
  if (outbox.status === "rejected") logEvent("error", "outbox_retention_failed", { error: String(outbox.reason) });
  else if (outbox.value > 0) logEvent("info", "outbox_retention", { deleted: outbox.value, hours });
  if (sweep.status === "rejected" || purge.status === "rejected" || outbox.status === "rejected")
    throw new Error("a scheduled task failed (logged above)");
}
