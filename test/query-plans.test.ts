/** Every hot query is served by an index: EXPLAIN QUERY PLAN on the SQL the services really run. */

import { env } from "cloudflare:workers";
import { and, desc, eq, lt, SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { notifications, users } from "../src/db/schema";
import { nextNotificationId } from "../src/db/sql";
import { recount } from "../src/notifications/counts";
import { feedPage } from "../src/notifications/feed";
import { purgeBatch } from "../src/retention/purge";

const db = createDb(env.DB);

const dialect = new SQLiteAsyncDialect();

async function plan(query: SQL | { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql, params } = query instanceof SQL ? dialect.sqlToQuery(query) : query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail).join("\n");
}

const mine = and(eq(notifications.userId, "42"), eq(notifications.status, "ACTIVE"));

describe("query plans", () => {
  it("the feed walks notifications_feed_idx in order: no scan, no sort", async () => {
    const text = await plan(feedPage(db, mine, "notifications_feed_idx", 26, 0));
    expect(text).toMatch(
      /SEARCH notifications USING (COVERING )?INDEX notifications_feed_idx \(user_id=\? AND status=\?\)/,
    );
    expect(text).not.toMatch(/TEMP B-TREE/);
    expect(text).not.toMatch(/SCAN notifications/);
  });

  it("the filtered feed and the keyset page use the index too", async () => {
    const filtered = await plan(
      feedPage(db, and(mine, eq(notifications.isRead, false)), "notifications_feed_read_idx", 26, 0),
    );
    expect(filtered).toMatch(
      /USING (COVERING )?INDEX notifications_feed_read_idx \(user_id=\? AND status=\? AND is_read=\?\)/,
    );
    expect(filtered).not.toMatch(/TEMP B-TREE|SCAN notifications/);
    const keyset = await plan(feedPage(db, and(mine, lt(notifications.id, 1000)), "notifications_feed_idx", 26, 0));
    expect(keyset).toMatch(/USING (COVERING )?INDEX notifications_feed_idx \(user_id=\? AND status=\? AND id<\?\)/);
    expect(keyset).not.toMatch(/TEMP B-TREE/);
  });

  it("the counter recount reads only the covering index", async () => {
    const text = await plan(recount(db, "42"));
    expect(text).toMatch(/USING COVERING INDEX notifications_feed_read_idx/);
    expect(text).not.toMatch(/SCAN notifications/);
  });

  it("uid, model and user look-ups are index searches", async () => {
    expect(await plan(db.select().from(notifications).where(eq(notifications.uid, "x")))).toMatch(
      /USING INDEX notifications_uid_unique/,
    );
    expect(
      await plan(
        db.select().from(notifications).where(eq(notifications.model, "Blog")).orderBy(desc(notifications.id)),
      ),
    ).toMatch(/USING INDEX notifications_model_idx \(model=\?\)/);
    expect(await plan(db.select().from(users).where(eq(users.id, "42")))).toMatch(
      /USING INDEX sqlite_autoindex_users_1/,
    );
  });

  it("bulk actions stay inside the user's rows; the purge walks the partial retention index", async () => {
    const markAll = await plan(
      db
        .update(notifications)
        .set({ isRead: true })
        .where(and(mine, eq(notifications.isRead, false))),
    );
    expect(markAll).toMatch(/SEARCH notifications USING (INDEX notifications_feed_read_idx|PRIMARY KEY) \(user_id=\?/);
    expect(markAll).not.toMatch(/SCAN notifications/);
    const purge = await plan(purgeBatch("2026-01-01T00:00:00.000000Z"));
    // One ordered range over both purged statuses: no sort of every old row per batch.
    expect(purge).toMatch(/USING (COVERING )?INDEX notifications_retention_idx \(updated_at<\?\)/);
    expect(purge).not.toMatch(/TEMP B-TREE/);
    expect(purge).not.toMatch(/SCAN notifications/);
  });

  it("the next id is one probe of the unique id index", async () => {
    const text = await plan(sql`SELECT ${nextNotificationId} FROM json_each('[1]')`);
    expect(text).toMatch(/SEARCH notifications USING COVERING INDEX notifications_id_unique/);
  });
});
