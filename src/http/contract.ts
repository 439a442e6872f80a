/**
 * How a route declares its contract. `defineRoute` registers the OpenAPI operation (parameters,
 * bodies, responses, security) and mounts the handlers on the same path, so a route's document
 * sits where the route is defined and is generated from the zod schemas the handler validates with.
 *
 * Validation stays in the handler (`readJson`/`parse` with those same schemas) rather than in the
 * library's validator: bodies are read with a byte cap and strict UTF-8, an empty body counts as
 * `{}`, and errors keep the original's DRF shapes, none of which the stock validator does.
 */
import { type OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Handler, MiddlewareHandler } from "hono";
import type { HonoEnv } from "../types";

export type Router = OpenAPIHono<HonoEnv>;

/** `{"detail": "..."}`, with simplejwt's extra keys on a bad token and a request id on a 5xx. */
export const detailSchema = z
  .strictObject({
    detail: z.string(),
    code: z.string().optional(),
    messages: z
      .array(z.strictObject({ token_class: z.string(), token_type: z.string(), message: z.string() }))
      .optional(),
    request_id: z.string().optional(),
  })
  .openapi("Detail", { example: { detail: "Authentication credentials were not provided." } });

/** DRF's field errors: a list of messages per field, list items keyed by their index. */
export const fieldErrorsSchema = z
  .record(z.string(), z.union([z.array(z.string()), z.record(z.string(), z.array(z.string()))]))
  .openapi("FieldErrors", {
    example: { notification_uids: { "0": ["Must be a valid UUID."] } },
    description: "Per field (or `non_field_errors`), a list of messages; list items keyed by index.",
  });

const ERROR_TEXT = {
  400: "Invalid input: field errors (or `detail` for a malformed body).",
  401: "Missing, invalid or expired credentials, or an inactive user.",
  403: "The request's Origin is not allowed.",
  404: "Not found (or `Invalid page.`).",
  409: "A request with this Idempotency-Key is still in progress.",
  413: "The body is larger than the route accepts.",
  415: "The body is not JSON.",
  422: "This Idempotency-Key was used with a different body.",
  426: "Not a WebSocket upgrade.",
  429: "Rate limited: retry after `Retry-After` seconds.",
  503: "Storage unavailable (retry after `Retry-After`), or the server is not configured.",
} as const;
export type ErrorCode = keyof typeof ERROR_TEXT;

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Error responses as the routes send them; 400 may carry field errors or a detail. */
export function errors(...codes: ErrorCode[]): RouteConfig["responses"] {
  const responses: RouteConfig["responses"] = {};
  for (const code of [...new Set<ErrorCode>([...codes, 403, 503])]) {
    responses[code] = json(code === 400 ? z.union([fieldErrorsSchema, detailSchema]) : detailSchema, ERROR_TEXT[code]);
  }
  return responses;
}

export const ok = json;

/** A JSON request body for the document. */
export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({
  required,
  content: { "application/json": { schema } },
});

export const USER_AUTH = [{ userJwt: [] }];
export const SERVICE_AUTH = [{ serviceKey: [] }];

type Spec = Omit<RouteConfig, "method"> & { method: RouteConfig["method"] | RouteConfig["method"][] };

/**
 * Registers the operation(s) and mounts the handlers. Several methods (PATCH and PUT, which the
 * original serves alike) become one operation each, `operationId` suffixed with the method.
 */
export function defineRoute(
  router: Router,
  spec: Spec,
  ...handlers: [...MiddlewareHandler<HonoEnv>[], Handler<HonoEnv>]
): void {
  const methods = Array.isArray(spec.method) ? spec.method : [spec.method];
  for (const method of methods) {
    const operationId =
      methods.length > 1 && spec.operationId
        ? `${spec.operationId}${method[0]?.toUpperCase()}${method.slice(1)}`
        : spec.operationId;
    router.openAPIRegistry.registerPath({ ...spec, method, operationId });
  }
  const path = spec.path.replaceAll(/\{(\w+)\}/g, ":$1");
  router.on(
    methods.map((m) => m.toUpperCase()),
    path,
    ...(handlers as [Handler<HonoEnv>]),
  );
}
