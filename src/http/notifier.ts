import type { Context } from "hono";
import { Notifier } from "../notifications/notifier";
import type { HonoEnv } from "../types";

/** The Notifier for one request; pushes to hubs outlive the response through waitUntil. */
export function notifierFor(c: Context<HonoEnv>): Notifier {
  return new Notifier(c.env, (promise) => c.executionCtx.waitUntil(promise));
}
