import type { JwtSettings } from "./auth/jwt";

/** JWT settings from the worker's vars and secrets; defaults follow djangorestframework-simplejwt. */
export function jwtSettings(env: Env): JwtSettings {
  return {
    secret: env.JWT_SECRET ?? "",
    algorithm: env.JWT_ALGORITHM || "HS256",
    userIdClaim: env.JWT_USER_ID_CLAIM || "user_id",
    // Strict unless explicitly switched off: a typo keeps simplejwt's check rather than dropping it.
    requireTokenType: !/^(0|false|no|off)$/i.test(env.JWT_REQUIRE_TOKEN_TYPE?.trim() ?? ""),
    audience: env.JWT_AUDIENCE?.trim() || null,
    issuer: env.JWT_ISSUER?.trim() || null,
  };
}

/** ALLOWED_NOTIFICATION_DATA: socket frames also carry the first page of notifications. */
export function socketSendsNotifications(env: Env): boolean {
  return /^(1|true|yes|on)$/i.test(env.ALLOWED_NOTIFICATION_DATA ?? "");
}

/** ALLOWED_ORIGINS as a set, or null when unset or empty (every origin allowed). */
export function allowedOrigins(env: Env): Set<string> | null {
  const list = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  return list.length > 0 ? new Set(list) : null;
}

/**
 * DEV_MODE, which `npm run dev` sets and production never should: the dev-only routes need it (and
 * more, see src/dev/gate.ts).
 */
export function devMode(env: Env): boolean {
  return env.DEV_MODE === "true";
}

/** Sockets one user may hold at once (MAX_SOCKETS_PER_USER, default 20). */
export function maxSocketsPerUser(env: Env): number {
  const value = Number(env.MAX_SOCKETS_PER_USER);
  return Number.isInteger(value) && value > 0 ? value : 20;
}

/** RESUME_MAX_EVENTS: past this many missed versions, a resuming events.v1 socket gets `reset` (default 1000). */
export function resumeMaxEvents(env: Env): number {
  const value = Number(env.RESUME_MAX_EVENTS);
  return Number.isInteger(value) && value > 0 ? value : 1000;
}

/**
 * RESUME_MAX_BYTES: past this many bytes of missed changes (their outbox `data`), a resuming
 * events.v1 socket gets `reset` (default 1 MB): a few rows can each name 1,000 uids, and one sync
 * must not make D1 read and the hub send tens of megabytes.
 */
export function resumeMaxBytes(env: Env): number {
  const value = Number(env.RESUME_MAX_BYTES);
  return Number.isInteger(value) && value > 0 ? value : 1_048_576;
}
