/**
 * The reconnect policy, as a pure function of the attempt number and why the last socket ended,
 * so it can be read (and tested) apart from the socket that follows it.
 */

/** Close codes the service uses (docs/socket.md). */
export const CloseCode = {
  /** A policy refusal (origin, too many sockets): retrying soon cannot help. */
  POLICY: 1008,
  /** Bad socket URL (e.g. an unknown protocol): the same URL never works. */
  BAD_REQUEST: 4400,
  /** Token or ticket expired or invalid: a fresh ticket fixes it. */
  UNAUTHORIZED: 4401,
  /** The user may not receive notifications: stop. */
  FORBIDDEN: 4403,
  /** Too many upgrades: come back much later. */
  TOO_MANY: 4429,
} as const;

export type ReconnectOptions = {
  /** Base of the exponential backoff (default 500 ms). */
  minDelayMs?: number;
  /** Cap of the exponential backoff (default 30 s). */
  maxDelayMs?: number;
  /** For tests: a source of numbers in [0, 1). */
  random?: () => number;
};

/** Why the last connection ended: a close code, or an HTTP status when the ticket request failed. */
export type Ending = { code?: number; httpStatus?: number };

/**
 * Milliseconds to wait before attempt `attempt` (0 = the first retry after a drop), or null to stop.
 *
 * Full jitter (a uniform draw between 0 and the exponential ceiling) spreads a restart's reconnects
 * over the whole window instead of bunching them at each step, which is what keeps a deploy from
 * becoming a thundering herd. Refusals set a floor on top: 4429 and HTTP 429 at least 60 s,
 * 1008 at least 10 s. 4401 retries at once the first time (a new ticket from a fresh token is all
 * it takes), then backs off like any failure, so a token that stays bad does not spin.
 */
export function reconnectDelay(attempt: number, ending: Ending, options: ReconnectOptions = {}): number | null {
  const { code, httpStatus } = ending;
  if (code === CloseCode.FORBIDDEN || code === CloseCode.BAD_REQUEST || httpStatus === 403) return null;
  const min = options.minDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt, 30));
  const jittered = random() * ceiling;
  if (code === CloseCode.TOO_MANY || httpStatus === 429) return 60_000 + jittered;
  if (code === CloseCode.POLICY) return 10_000 + jittered;
  if ((code === CloseCode.UNAUTHORIZED || httpStatus === 401) && attempt === 0) return 0;
  return jittered;
}
