import { createDb } from "../db/client";
import { purgeRemoved, retentionDays } from "./purge";

/** The cron trigger: retention of REMOVED notifications. */
export async function handleScheduled(
  _controller: ScheduledController,
  env: Env,
  _ctx: ExecutionContext,
): Promise<void> {
  const deleted = await purgeRemoved(createDb(env.DB), retentionDays(env));
  console.log(JSON.stringify({ event: "retention", deleted, days: retentionDays(env) }));
}
