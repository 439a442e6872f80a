import { Hono } from "hono";
import { requireService } from "../auth/middleware";
import { ApiError } from "../errors";
import { readJson } from "../http/body";
import { notifierFor } from "../http/notifier";
import { methodNotAllowed } from "../http/on-error";
import type { HonoEnv } from "../types";
import { upsertUserBody } from "./schemas";

/** Profiles and notification switches, kept in step by the identity owner: /api/v1/users (service key). */
export const userRoutes = new Hono<HonoEnv>();

userRoutes.use(requireService);

userRoutes.on(["PUT", "PATCH"], "/:id", async (c) => {
  const body = await readJson(c.req.raw, upsertUserBody);
  return c.json(await notifierFor(c).upsertUser(c.req.param("id"), body));
});

userRoutes.get("/:id", async (c) => {
  const user = await notifierFor(c).getUser(c.req.param("id"));
  if (!user) throw ApiError.detail(404, "User not found");
  return c.json(user);
});

userRoutes.all("/:id", methodNotAllowed);
