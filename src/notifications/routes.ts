import { OpenAPIHono, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/middleware";
import { notificationNotFound } from "../errors";
import { parse, readJson } from "../http/body";
import { defineRoute, errors, jsonBody, ok, USER_AUTH } from "../http/contract";
import { notifierFor } from "../http/notifier";
import { methodNotAllowed } from "../http/on-error";
import { chargeRows, limitUserWrites } from "../http/rate-limit";
import { signTicket } from "../realtime/ticket-mac";
import type { HonoEnv } from "../types";
import { countsBody, withCounts } from "./counts";
import { feedBody } from "./feed-body";
import { groupedBody } from "./grouped-body";
import { detailPatchBody, listQuery, listQueryParams, markActionBody, normaliseUid } from "./schemas";
import {
  type ActionBody,
  type AllCountsBody,
  actionBodySchema,
  allCountsBodySchema,
  feedBodySchema,
  groupedFeedBodySchema,
  notificationItemSchema,
  type TicketBody,
  ticketBodySchema,
} from "./wire";

/** The user's own notifications: /api/v1/me/notifications (JWT). */
export const meRoutes = new OpenAPIHono<HonoEnv>();

meRoutes.use(requireUser);

const tags = ["Inbox"];
const uidParams = z.object({ uid: z.string().meta({ description: "The notification's uid (dashes optional)." }) });

defineRoute(
  meRoutes,
  {
    method: "get",
    path: "/",
    operationId: "listMyNotifications",
    summary: "The user's live notifications, newest first, with the counts",
    description:
      "Live: ACTIVE, not archived, not expired (`archived=only|include` lists archived ones). The counts ignore the filters, as the original's do. `page`/`page_size` paginate as the original (`page_size` 0 or unusable becomes 25, at most 100; `page` out of range, zero or not a number is 404 `Invalid page.`, except with the inbox model's filters, where it is an empty page); `cursor` (the previous page's `next_cursor`) pages by id and never skips or repeats items while new ones arrive. `is_read` is matched in any case; other values are ignored. `category` and `tags` must be well-formed (400 otherwise); an unknown one gives an empty list.",
    tags,
    security: USER_AUTH,
    request: { query: listQueryParams },
    responses: {
      200: ok(z.union([feedBodySchema, groupedFeedBodySchema]), "A page of the feed (of groups with grouped=true)."),
      ...errors(400, 401, 404),
    },
  },
  async (c) => {
    const query = parse(listQuery, c.req.query());
    if (query.grouped) return c.json(groupedBody(await notifierFor(c).groupedFeed(c.get("userId"), query)));
    return c.json(feedBody(await notifierFor(c).feed(c.get("userId"), query)));
  },
);

// PUT behaves as PATCH, as on the original's RetrieveUpdate views.
defineRoute(
  meRoutes,
  {
    method: ["patch", "put"],
    path: "/",
    operationId: "actOnMyNotifications",
    summary: "Act on the user's notifications: read, unread, seen, archive, interacted, removed",
    tags,
    security: USER_AUTH,
    request: { body: jsonBody(markActionBody) },
    responses: { 200: ok(actionBodySchema, "The fresh counts."), ...errors(400, 401, 413, 415, 429) },
  },
  limitUserWrites,
  async (c) => {
    const body = await readJson(c.req.raw, markActionBody);
    const result = await notifierFor(c).act(c.get("userId"), body);
    await chargeRows(c.env, c.get("userId"), result.changed);
    return c.json(withCounts(result.update.counts, { changed: result.changed }) satisfies ActionBody);
  },
);

/** A one-time ticket for `GET /ws/me/notifications?ticket=`: how browsers open the socket. */
defineRoute(
  meRoutes,
  {
    method: "post",
    path: "/ws-ticket",
    operationId: "createSocketTicket",
    summary: "A one-time ticket to open the socket from a browser (the token stays out of the URL)",
    tags,
    security: USER_AUTH,
    responses: { 201: ok(ticketBodySchema, "Valid once, for 60 s at most."), ...errors(400, 401, 429) },
  },
  limitUserWrites,
  async (c) => {
    const userId = c.get("userId");
    // The socket would be closed with 4403 anyway; refusing here tells the client why, over HTTP.
    await notifierFor(c).assertCanListen(userId);
    const { ticket, expiresIn } = await c.env.USER_HUB.getByName(userId).issueTicket(userId, c.get("tokenExpiresAt"));
    const signed = await signTicket(c.env, ticket);
    return c.json({ ticket: signed, expires_in: expiresIn } satisfies TicketBody, 201, { "Cache-Control": "no-store" });
  },
);

// Before "/:uid", which would otherwise take GET /ws-ticket for a notification uid.
meRoutes.all("/ws-ticket", methodNotAllowed);

defineRoute(
  meRoutes,
  {
    method: "get",
    path: "/counts",
    operationId: "myCounts",
    summary: "Every count in one call: the feed's, archived, and per category (tabs with badges)",
    tags,
    security: USER_AUTH,
    responses: { 200: ok(allCountsBodySchema, "The counts."), ...errors(400, 401) },
  },
  async (c) => {
    const { counts, categories } = await notifierFor(c).allCounts(c.get("userId"));
    return c.json({
      ...countsBody(counts),
      archived_notifications: counts.archived,
      categories,
    } satisfies AllCountsBody);
  },
);

meRoutes.all("/counts", methodNotAllowed);

function uidParam(raw: string): string {
  const uid = normaliseUid(raw);
  if (uid === null) throw notificationNotFound();
  return uid;
}

// Reading one marks it read: a write.
defineRoute(
  meRoutes,
  {
    method: "get",
    path: "/{uid}",
    operationId: "openMyNotification",
    summary: "One notification; reading it marks it read",
    tags,
    security: USER_AUTH,
    request: { params: uidParams },
    responses: { 200: ok(notificationItemSchema, "The notification, now read."), ...errors(400, 401, 404, 429) },
  },
  limitUserWrites,
  async (c) => {
    const result = await notifierFor(c).open(c.get("userId"), uidParam(c.req.param("uid") ?? ""));
    return c.json(result.item);
  },
);

defineRoute(
  meRoutes,
  {
    method: ["patch", "put"],
    path: "/{uid}",
    operationId: "updateMyNotification",
    summary: "Set is_read or status of one notification",
    description:
      "Without `is_read` the notification is marked read (as any access is in the original); other fields are ignored. 404 once it is not live (removed, archived, expired, another status).",
    tags,
    security: USER_AUTH,
    request: { params: uidParams, body: jsonBody(detailPatchBody) },
    responses: {
      200: ok(notificationItemSchema, "The notification as it is now."),
      ...errors(400, 401, 404, 413, 415, 429),
    },
  },
  limitUserWrites,
  async (c) => {
    const uid = uidParam(c.req.param("uid") ?? "");
    const body = await readJson(c.req.raw, detailPatchBody);
    const result = await notifierFor(c).update(c.get("userId"), uid, { isRead: body.is_read, status: body.status });
    return c.json(result.item);
  },
);

meRoutes.all("/", methodNotAllowed);
meRoutes.all("/:uid", methodNotAllowed);
