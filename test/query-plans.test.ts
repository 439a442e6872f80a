/** Every hot query is served by an index: EXPLAIN QUERY PLAN on the SQL the services really run. */

import { env } from "cloudflare:workers";
import { and, desc, eq, lt, SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { notifications, users } from "../src/db/schema";
import { nextNotificationId } from "../src/db/sql";
import { bumpVersions } from "../src/notifications/counts";
import { expireDue } from "../src/notifications/expiry";
import { FIRST_PAGE, feedPage } from "../src/notifications/feed";
import { groupedQueries } from "../src/notifications/grouped";
import { missedRows } from "../src/realtime/resume-bounds";
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
  it("the inbox feeds (live, by read state, by category, archived) walk their index in order", async () => {
    const n = notifications;
    const user = eq(n.userId, "42");
    const cases = [
      [and(user, eq(n.inbox, 0)), "notifications_inbox_idx", /\(user_id=\? AND inbox=\?\)/],
      [and(user, eq(n.inbox, 1), lt(n.id, 99)), "notifications_inbox_idx", /\(user_id=\? AND inbox=\? AND id<\?\)/],
      [and(user, eq(n.inbox, 0), eq(n.isRead, false)), "notifications_inbox_read_idx", /AND is_read=\?\)/],
      [and(user, eq(n.inbox, 0), eq(n.category, "Blog")), "notifications_inbox_category_idx", /AND category=\?\)/],
    ] as const;
    for (const [where, index, range] of cases) {
      const text = await plan(feedPage(db, where, index, 26, 0));
      expect(text).toMatch(new RegExp(`SEARCH notifications USING (COVERING )?INDEX ${index} `));
      expect(text).toMatch(range);
      expect(text).not.toMatch(/TEMP B-TREE|SCAN notifications/);
    }
  });

  it("the grouped page walks the inbox index; each head and each group is a search of the group index", async () => {
    const queries = groupedQueries(db, "42", { ...FIRST_PAGE, grouped: true, cursor: 1000 });
    const page = await plan(queries.page);
    // The heads: the live rows newest first, each checked with one probe for a newer row of its group.
    expect(page).toMatch(
      /SEARCH notifications USING (COVERING )?INDEX notifications_inbox_idx \(user_id=\? AND inbox=\? AND id<\?\)/,
    );
    expect(page).toMatch(
      /SEARCH newer USING (COVERING )?INDEX notifications_inbox_group_idx \(user_id=\? AND group_key=\? AND inbox=\? AND id>\?\)/,
    );
    for (const query of [queries.totals, queries.actors]) {
      const text = await plan(query);
      // Only the page's groups are read: their rows through the group index.
      expect(text).toMatch(
        /SEARCH member USING (COVERING )?INDEX notifications_inbox_group_idx \(user_id=\? AND group_key=\? AND inbox=\?\)/,
      );
      expect(text).not.toMatch(/SCAN (notifications|member|newer)\b/);
    }
    // The heads come in index order: no sort of the user's rows. (The aggregates sort the page's
    // groups' rows only, for GROUP BY and count(DISTINCT).)
    expect(page).not.toMatch(/SCAN (notifications|member|newer)\b|TEMP B-TREE/);
  });

  it("expiry and the version bump are index searches", async () => {
    const [expire, next] = expireDue(db, ["42"], "2026-01-01T00:00:00.000000Z");
    expect(await plan(expire)).toMatch(
      /USING INDEX notifications_expiry_idx \(user_id=\? AND expires_at>\? AND expires_at<\?\)/,
    );
    const nextPlan = await plan(next);
    expect(nextPlan).toMatch(/SEARCH users USING (COVERING )?INDEX sqlite_autoindex_users_1/);
    expect(nextPlan).toMatch(/notifications_expiry_idx/);
    expect(await plan(bumpVersions(["42", "43"]))).toMatch(
      /SEARCH users USING (COVERING )?INDEX sqlite_autoindex_users_1/,
    );
  });

  it("mark all as seen and archive all read stay inside the user's live rows", async () => {
    const n = notifications;
    const live = and(eq(n.userId, "42"), eq(n.inbox, 0));
    for (const query of [
      db
        .update(n)
        .set({ seenAt: "x" })
        .where(and(live, sql`${n.seenAt} IS NULL`)),
      db
        .update(n)
        .set({ archivedAt: "x" })
        .where(and(live, eq(n.isRead, true), lt(n.id, 1000))),
    ]) {
      const text = await plan(query);
      // The table is clustered by user: the primary key range is the user's rows, on adjacent pages.
      expect(text).toMatch(
        /SEARCH notifications USING ((COVERING )?INDEX notifications_inbox\w* |PRIMARY KEY )\(user_id=\?/,
      );
      expect(text).not.toMatch(/SCAN notifications/);
    }
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
    expect(markAll).toMatch(
      /SEARCH notifications USING ((COVERING )?INDEX notifications_inbox\w* |PRIMARY KEY )\(user_id=\?/,
    );
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

  it("a resume's bounds are checked on the size index alone; only the rows it replays are read", async () => {
    const bounds = { userId: "42", since: 3, versions: [3, 9], max: 1000, maxBytes: 1_048_576 };
    const text = await plan(missedRows(db, bounds));
    // The bound check: index-only (it must not read the rows of 40 KB it may refuse).
    expect(text).toMatch(
      /SEARCH inbox_events USING COVERING INDEX inbox_events_size_idx \(user_id=\? AND version>\?\)/,
    );
    // The replay: a range of the primary key, oldest first.
    expect(text).toMatch(/SEARCH inbox_events USING PRIMARY KEY \(user_id=\? AND version>\?\)/);
    expect(text).not.toMatch(/SCAN inbox_events|TEMP B-TREE FOR ORDER BY/);
  });
});
