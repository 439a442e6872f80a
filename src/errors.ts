import type { z } from "zod";

export type ErrorBody = Record<string, unknown>;
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 426 | 429 | 500 | 503;

/**
 * The one error type. Its body keeps the original's shapes: `{"detail": "..."}` for request-level
 * problems and DRF field errors (`{"field": ["message"]}`) for validation.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    // The message is what RPC callers see, so it carries the whole body.
    super(JSON.stringify(body));
    this.name = "ApiError";
  }

  static detail(status: ErrorStatus, detail: string, extra: ErrorBody = {}, headers?: Record<string, string>) {
    return new ApiError(status, { detail, ...extra }, headers);
  }

  static field(field: string, message: string) {
    return new ApiError(400, { [field]: [message] });
  }
}

export const invalidPage = () => ApiError.detail(404, "Invalid page.");
export const notificationNotFound = () => ApiError.detail(404, "Notification not found");

/**
 * Zod issues in DRF's shape: `{"field": ["msg"]}`, list items keyed by index
 * (`{"notification_uids": {"0": ["Must be a valid UUID."]}}`), body-level problems under
 * `non_field_errors`.
 */
export function fieldErrors(error: z.ZodError): ErrorBody {
  // Prototype-less: a field named "__proto__" (from a user's JSON keys) stays an ordinary key.
  const body: Record<string, string[] | Record<string, string[]>> = Object.create(null);
  const add = (list: string[] | undefined, message: string) => [...(list ?? []), message];
  for (const issue of error.issues) {
    const [head, ...rest] = issue.path;
    const key = head === undefined ? "non_field_errors" : String(head);
    const existing = body[key];
    if (rest.length === 0) {
      if (!existing || Array.isArray(existing)) body[key] = add(existing, issue.message);
      continue;
    }
    if (Array.isArray(existing)) continue;
    const nested: Record<string, string[]> = existing ?? Object.create(null);
    const index = rest.map(String).join(".");
    nested[index] = add(nested[index], issue.message);
    body[key] = nested;
  }
  return body;
}
