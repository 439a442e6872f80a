import { OpenAPIHono, z } from "@hono/zod-openapi";
import { requireService } from "../auth/middleware";
import { ApiError } from "../errors";
import { parse, readJson } from "../http/body";
import { defineRoute, errors, jsonBody, ok, SERVICE_AUTH } from "../http/contract";
import { notifierFor } from "../http/notifier";
import { methodNotAllowed } from "../http/on-error";
import { feedBody } from "../notifications/feed-body";
import { groupedBody } from "../notifications/grouped-body";
import { listQuery, listQueryParams } from "../notifications/schemas";
import { feedBodySchema, groupedFeedBodySchema } from "../notifications/wire";
import type { HonoEnv } from "../types";
import { userIdSchema } from "./ids";
import { upsertUserBody, userBodySchema } from "./schemas";

/** Profiles and notification switches, kept in step by the identity owner: /api/v1/users (service key). */
export const userRoutes = new OpenAPIHono<HonoEnv>();

userRoutes.use(requireService);

const tags = ["Users"];
const params = z.object({ id: z.string().meta({ description: "The user id tokens carry (`user_id`)." }) });

defineRoute(
  userRoutes,
  {
    method: ["put", "patch"],
    path: "/{id}",
    operationId: "upsertUser",
    summary: "Create or update a user's profile and notification switch",
    description:
      "Only the given fields change; unknown fields are refused (400). Turning `is_active` or `notifications_enabled` off closes the user's open sockets with 4403.",
    tags,
    security: SERVICE_AUTH,
    request: { params, body: jsonBody(upsertUserBody) },
    responses: { 200: ok(userBodySchema, "The user as stored."), ...errors(400, 401, 413, 415) },
  },
  async (c) => {
    const body = await readJson(c.req.raw, upsertUserBody);
    return c.json(await notifierFor(c).upsertUser(c.req.param("id") ?? "", body));
  },
);

defineRoute(
  userRoutes,
  {
    method: "get",
    path: "/{id}",
    operationId: "getUser",
    summary: "A user's profile and notification switch",
    tags,
    security: SERVICE_AUTH,
    request: { params },
    responses: { 200: ok(userBodySchema, "The user."), ...errors(400, 401, 404) },
  },
  async (c) => {
    const user = await notifierFor(c).getUser(c.req.param("id") ?? "");
    if (!user) throw ApiError.detail(404, "User not found");
    return c.json(user);
  },
);

/**
 * The backend's read of one user's feed (the original's get_requested_user_notifications): the
 * same query, code and body as the user's own GET /api/v1/me/notifications, so its filters and
 * refusals (notifications switched off: 400, inactive: 401) are the user's.
 */
defineRoute(
  userRoutes,
  {
    method: "get",
    path: "/{id}/notifications",
    operationId: "listUserNotifications",
    summary: "A user's feed, read by the backend: the same body and filters as the user's own",
    tags,
    security: SERVICE_AUTH,
    request: { params, query: listQueryParams },
    responses: {
      200: ok(
        z.union([feedBodySchema, groupedFeedBodySchema]),
        "A page of the user's feed (of groups with grouped=true).",
      ),
      ...errors(400, 401, 404),
    },
  },
  async (c) => {
    const userId = parse(userIdSchema, c.req.param("id") ?? "");
    const query = parse(listQuery, c.req.query());
    if (query.grouped) return c.json(groupedBody(await notifierFor(c).groupedFeed(userId, query)));
    return c.json(feedBody(await notifierFor(c).feed(userId, query)));
  },
);

userRoutes.all("/:id", methodNotAllowed);
userRoutes.all("/:id/notifications", methodNotAllowed);
