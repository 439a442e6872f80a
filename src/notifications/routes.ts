import { Hono } from "hono";
import { requireUser } from "../auth/middleware";
import { notificationNotFound } from "../errors";
import { parse, readJson } from "../http/body";
import { notifierFor } from "../http/notifier";
import { methodNotAllowed } from "../http/on-error";
import { limitUserWrites } from "../http/rate-limit";
import type { HonoEnv } from "../types";
import { countsBody } from "./counts";
import { detailPatchBody, listQuery, markActionBody, normaliseUid } from "./schemas";
import type { ActionBody, FeedBody, TicketBody } from "./wire";

/** The user's own notifications: /api/v1/me/notifications (JWT). */
export const meRoutes = new Hono<HonoEnv>();

meRoutes.use(requireUser);

meRoutes.get("/", async (c) => {
  const page = await notifierFor(c).feed(c.get("userId"), parse(listQuery, c.req.query()));
  return c.json({
    ...countsBody(page.counts),
    notifications: page.items,
    has_more: page.hasMore,
    next_page: page.nextPage,
    next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
  } satisfies FeedBody);
});

// PUT behaves as PATCH, as on the original's RetrieveUpdate views.
meRoutes.on(["PATCH", "PUT"], "/", limitUserWrites, async (c) => {
  const body = await readJson(c.req.raw, markActionBody);
  const result = await notifierFor(c).act(c.get("userId"), body.action_choice, body.notification_uids ?? []);
  return c.json({ ...countsBody(result.update.counts), changed: result.changed } satisfies ActionBody);
});

/** A one-time ticket for `GET /ws/me/notifications?ticket=`: how browsers open the socket. */
meRoutes.post("/ws-ticket", limitUserWrites, async (c) => {
  const userId = c.get("userId");
  // The socket would be closed with 4403 anyway; refusing here tells the client why, over HTTP.
  await notifierFor(c).assertCanListen(userId);
  const { ticket, expiresIn } = await c.env.USER_HUB.getByName(userId).issueTicket(userId, c.get("tokenExpiresAt"));
  return c.json({ ticket, expires_in: expiresIn } satisfies TicketBody, 201, { "Cache-Control": "no-store" });
});

// Before "/:uid", which would otherwise take GET /ws-ticket for a notification uid.
meRoutes.all("/ws-ticket", methodNotAllowed);

function uidParam(raw: string): string {
  const uid = normaliseUid(raw);
  if (uid === null) throw notificationNotFound();
  return uid;
}

// Reading one marks it read: a write.
meRoutes.get("/:uid", limitUserWrites, async (c) => {
  const result = await notifierFor(c).open(c.get("userId"), uidParam(c.req.param("uid")));
  return c.json(result.item);
});

meRoutes.on(["PATCH", "PUT"], "/:uid", limitUserWrites, async (c) => {
  const uid = uidParam(c.req.param("uid"));
  const body = await readJson(c.req.raw, detailPatchBody);
  const result = await notifierFor(c).update(c.get("userId"), uid, { isRead: body.is_read, status: body.status });
  return c.json(result.item);
});

meRoutes.all("/", methodNotAllowed);
meRoutes.all("/:uid", methodNotAllowed);
