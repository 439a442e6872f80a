import type { JwtSettings } from "./auth/jwt";

/** JWT settings from the worker's vars and secrets; defaults follow djangorestframework-simplejwt. */
export function jwtSettings(env: Env): JwtSettings {
  return {
    secret: env.JWT_SECRET ?? "",
    algorithm: env.JWT_ALGORITHM || "HS256",
    userIdClaim: env.JWT_USER_ID_CLAIM || "user_id",
  };
}

/** ALLOWED_NOTIFICATION_DATA: socket frames also carry the first page of notifications. */
export function socketSendsNotifications(env: Env): boolean {
  return /^(1|true|yes|on)$/i.test(env.ALLOWED_NOTIFICATION_DATA ?? "");
}
