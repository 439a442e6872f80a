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
