import { type SQL, sql } from "drizzle-orm";
import { notifications, users } from "../db/schema";
import { inJsonList } from "../db/sql";

/**
 * Expires the due notifications of these users: `expired_at` set (the triggers take them out of
 * every count, the generated `inbox` out of every feed) and each user's `next_expiry_at` moved on.
 * Put these first in the batch of any read or write of the users' notifications, so what it
 * reads never includes an expired row; with nothing due they are two index probes per user.
 */
export function expireDue(userIds: readonly string[], now: string): SQL[] {
  const who = userIds.length === 1 ? sql`= ${userIds[0]}` : sql`IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`;
  return [
    sql`UPDATE ${notifications} SET expired_at = ${now}
      WHERE user_id ${who} AND expires_at IS NOT NULL AND expired_at IS NULL AND expires_at <= ${now}`,
    sql`UPDATE ${users} SET next_expiry_at = (
        SELECT min(n.expires_at) FROM ${notifications} n
        WHERE n.user_id = ${users.id} AND n.expires_at IS NOT NULL AND n.expired_at IS NULL)
      WHERE ${userIds.length === 1 ? sql`${users.id} = ${userIds[0]}` : inJsonList(users.id, userIds)}
        AND next_expiry_at IS NOT NULL AND next_expiry_at <= ${now}`,
  ];
}
