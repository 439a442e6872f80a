import { count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import { invalidPage } from "../errors";
import { joinedSummary, summaryColumns } from "./feed";
import { bareUserSummary, notificationItem } from "./serialize";

const owner = alias(users, "owner");
const creator = alias(users, "creator");

/**
 * The original's get_model_notifications(model): every notification about a model, any user and
 * status, newest first. Fixed: the model name matches exactly (the original's `.title()` broke
 * CamelCase names) and the result is paginated.
 */
export async function notificationsForModel(db: Db, model: string, requested: number | "last", pageSize: number) {
  let page = requested;
  if (page === "last") {
    const [row] = await db.select({ value: count() }).from(notifications).where(eq(notifications.model, model));
    page = Math.max(1, Math.ceil((row?.value ?? 0) / pageSize));
  }
  const [[total], rows] = await db.batch([
    db.select({ value: count() }).from(notifications).where(eq(notifications.model, model)),
    db
      .select({
        row: notifications,
        owner: summaryColumns(owner, "owner"),
        creator: summaryColumns(creator, "creator"),
      })
      .from(notifications)
      .innerJoin(owner, eq(notifications.userId, owner.id))
      .leftJoin(creator, eq(notifications.createdBy, creator.id))
      .where(eq(notifications.model, model))
      .orderBy(desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  const countValue = total?.value ?? 0;
  if (page > Math.max(1, Math.ceil(countValue / pageSize))) throw invalidPage();
  const hasMore = page * pageSize < countValue;
  return {
    count: countValue,
    notifications: rows.map((r) =>
      notificationItem(r.row, joinedSummary(r.owner) ?? bareUserSummary(r.row.userId), joinedSummary(r.creator)),
    ),
    next_page: hasMore ? page + 1 : null,
    has_more: hasMore,
  };
}
