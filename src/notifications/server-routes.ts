import { Hono } from "hono";
import { requireService } from "../auth/middleware";
import { readJson } from "../http/body";
import { notifierFor } from "../http/notifier";
import { methodNotAllowed } from "../http/on-error";
import type { HonoEnv } from "../types";
import { createBody } from "./schemas";

/** What the emitting backend calls: /api/v1/notifications (service key). */
export const notificationServerRoutes = new Hono<HonoEnv>();

notificationServerRoutes.use(requireService);

/** A create body may name up to 100,000 recipients. */
const MAX_CREATE_BYTES = 4 * 1024 * 1024;

notificationServerRoutes.post("/", async (c) => {
  const body = await readJson(c.req.raw, createBody, MAX_CREATE_BYTES);
  const outcome = await notifierFor(c).create(body, { idempotencyKey: c.req.header("Idempotency-Key") });
  return c.json(outcome.body, outcome.status);
});

notificationServerRoutes.get("/jobs/:id", async (c) => c.json(await notifierFor(c).job(c.req.param("id"))));

notificationServerRoutes.get("/", async (c) => {
  return c.json(await notifierFor(c).modelNotifications(c.req.query() as { model: string }));
});

notificationServerRoutes.all("/", methodNotAllowed);
