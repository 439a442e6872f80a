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

notificationServerRoutes.post("/", async (c) => {
  const body = await readJson(c.req.raw, createBody);
  return c.json(await notifierFor(c).create(body), 201);
});

notificationServerRoutes.get("/", async (c) => {
  return c.json(await notifierFor(c).modelNotifications(c.req.query() as { model: string }));
});

notificationServerRoutes.all("/", methodNotAllowed);
