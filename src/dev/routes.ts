import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { signHmacToken } from "../auth/hmac";
import { jwtSettings } from "../config";
import { ApiError } from "../errors";
import { readJson } from "../http/body";
import { notifierFor } from "../http/notifier";
import type { HonoEnv } from "../types";
import { userIdSchema } from "../users/ids";
import { devRoutesOpen } from "./gate";

/**
 * Dev-only helpers for the demo page: a token for any user and a test send without the service
 * key. They answer only under `npm run dev` with the dev default secrets on a loopback host
 * (./gate.ts); otherwise 404 as any unknown path.
 */
export const devRoutes = new Hono<HonoEnv>();

devRoutes.use(
  createMiddleware<HonoEnv>(async (c, next) => {
    if (!(await devRoutesOpen(c.env, c.req.url))) throw ApiError.detail(404, "Not found.");
    await next();
  }),
);

const tokenBody = z.object({ user_id: userIdSchema });

devRoutes.post("/token", async (c) => {
  const { user_id } = await readJson(c.req.raw, tokenBody);
  const settings = jwtSettings(c.env);
  if (!settings.secret || !settings.algorithm.startsWith("HS")) {
    throw ApiError.detail(400, "Dev tokens need JWT_SECRET and an HS* JWT_ALGORITHM.");
  }
  const now = Math.floor(Date.now() / 1000);
  const claimValue = /^(0|-?[1-9][0-9]*)$/.test(user_id) ? Number(user_id) : user_id;
  const token = await signHmacToken(
    { token_type: "access", exp: now + 3600, iat: now, jti: crypto.randomUUID(), [settings.userIdClaim]: claimValue },
    settings.secret,
    settings.algorithm,
  );
  return c.json({ token, expires_in: 3600 });
});

const notifyBody = z.object({
  user_ids: z.array(userIdSchema).min(1, "This list may not be empty.").max(100),
  message: z.string().min(1, "This field may not be blank.").max(500),
  // The inbox model's fields, passed on as given (the create validates them).
  category: z.string().optional(),
  group_key: z.string().optional(),
  actions: z.array(z.unknown()).optional(),
  expires_at: z.string().optional(),
});

devRoutes.post("/notify", async (c) => {
  const body = await readJson(c.req.raw, notifyBody);
  const result = await notifierFor(c).create({
    message: body.message,
    model: "DemoMessage",
    instance: { sent_from: "demo page" },
    method: "POST",
    user_ids: body.user_ids,
    ...(body.category && { category: body.category }),
    ...(body.group_key && { group_key: body.group_key }),
    ...(body.actions && { actions: body.actions as never }),
    ...(body.expires_at && { expires_at: body.expires_at }),
  });
  return c.json(result.body, result.status);
});
