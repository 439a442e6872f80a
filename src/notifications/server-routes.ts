import { OpenAPIHono, z } from "@hono/zod-openapi";
import { requireService } from "../auth/middleware";
import { readJson } from "../http/body";
import { defineRoute, errors, jsonBody, ok, SERVICE_AUTH } from "../http/contract";
import { notifierFor } from "../http/notifier";
import { methodNotAllowed } from "../http/on-error";
import type { HonoEnv } from "../types";
import { createBody, listQueryParams, modelQueryParams } from "./schemas";
import { createdBodySchema, jobBodySchema, modelNotificationsBodySchema, queuedBodySchema } from "./wire";

/** What the emitting backend calls: /api/v1/notifications (service key). */
export const notificationServerRoutes = new OpenAPIHono<HonoEnv>();

notificationServerRoutes.use(requireService);

/** A create body may name up to 100,000 recipients. */
const MAX_CREATE_BYTES = 4 * 1024 * 1024;
const tags = ["Server"];

defineRoute(
  notificationServerRoutes,
  {
    method: "post",
    path: "/",
    operationId: "createNotifications",
    summary: "Notify users: the original's NotificationService.create_notification",
    description:
      "Up to 1,000 recipients are written at once (201); more, or `audience: all_active`, are fanned out through a queue (202). A user id given twice gets one notification; unknown users are registered bare. With `previous` and method PUT/PATCH, `changed_data` is computed as the original does. JSON fields are stored and returned as sent. Recipients who turned the notification's category off are skipped (`skipped`), unless the category is critical.",
    tags,
    security: SERVICE_AUTH,
    request: {
      headers: z.object({
        "Idempotency-Key": z
          .string()
          .optional()
          .meta({ description: "A retry with the same key and body writes nothing twice (kept 24 h)." }),
      }),
      body: jsonBody(createBody),
    },
    responses: {
      201: ok(createdBodySchema, "Written."),
      202: ok(queuedBodySchema, "Accepted for fan-out."),
      ...errors(400, 401, 409, 413, 415, 422),
    },
  },
  async (c) => {
    const body = await readJson(c.req.raw, createBody, MAX_CREATE_BYTES);
    const outcome = await notifierFor(c).create(body, { idempotencyKey: c.req.header("Idempotency-Key") });
    return c.json(outcome.body, outcome.status);
  },
);

defineRoute(
  notificationServerRoutes,
  {
    method: "get",
    path: "/jobs/{id}",
    operationId: "getFanoutJob",
    summary: "Progress of a queued fan-out",
    tags,
    security: SERVICE_AUTH,
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: ok(jobBodySchema, "The job."), ...errors(401, 404) },
  },
  async (c) => c.json(await notifierFor(c).job(c.req.param("id") ?? "")),
);

defineRoute(
  notificationServerRoutes,
  {
    method: "get",
    path: "/",
    operationId: "listModelNotifications",
    summary: "Every notification of a model, any user and status: the original's get_model_notifications",
    tags,
    security: SERVICE_AUTH,
    request: { query: modelQueryParams.extend(listQueryParams.pick({ page: true, page_size: true }).shape) },
    responses: { 200: ok(modelNotificationsBodySchema, "A page."), ...errors(400, 401, 404) },
  },
  async (c) => c.json(await notifierFor(c).modelNotifications(c.req.query() as { model: string })),
);

notificationServerRoutes.all("/", methodNotAllowed);
