import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { HonoEnv } from "../types";

export type Limiter = "USER_WRITES" | "SOCKET_UPGRADES" | "TICKET_FAILURES";

/** The periods configured in wrangler.toml, for Retry-After. */
const PERIOD_SECONDS: Record<Limiter, number> = { USER_WRITES: 10, SOCKET_UPGRADES: 60, TICKET_FAILURES: 60 };

/** Whether this key (a user, or a client address) may go on; counts one request against the limiter. */
export async function withinLimit(env: Env, limiter: Limiter, key: string): Promise<boolean> {
  const { success } = await env[limiter].limit({ key });
  return success;
}

export const tooManyRequests = (limiter: Limiter) =>
  ApiError.detail(
    429,
    `Too many requests; retry in ${PERIOD_SECONDS[limiter]} seconds.`,
    {},
    { "Retry-After": String(PERIOD_SECONDS[limiter]) },
  );

/** Per-user limit on a user route (after requireUser). */
export const limitUserWrites = createMiddleware<HonoEnv>(async (c, next) => {
  if (!(await withinLimit(c.env, "USER_WRITES", c.get("userId")))) throw tooManyRequests("USER_WRITES");
  await next();
});

/** Rows a write may change for the price of one request; more cost one request per such block. */
export const ROWS_PER_WRITE = 1_000;
/** At most this many extra requests charged for one write (a limiter call each). */
const MAX_EXTRA_CHARGE = 100;

/**
 * Charges a write that changed `rows` rows against the user's write limit by its size: one more
 * request per ROWS_PER_WRITE rows. A user toggling ARCHIVE/UNARCHIVE on a 50,000-row group
 * rewrote every row each time within the plain request limit and slowed everyone; now such calls
 * run out of budget fifty times sooner. The write itself has committed; the next ones get 429.
 */
export async function chargeRows(env: Env, userId: string, rows: number): Promise<void> {
  const extra = Math.min(Math.floor(rows / ROWS_PER_WRITE), MAX_EXTRA_CHARGE);
  for (let i = 0; i < extra; i++) await env.USER_WRITES.limit({ key: userId });
}
