import { SQL, type SQLWrapper, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/**
 * `column IN (values)` with the values bound as ONE JSON parameter. D1 allows 100 bound parameters
 * per statement, so a list of 1,000 uids cannot be bound one by one.
 */
export function inJsonList(column: SQLWrapper, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

const dialect = new SQLiteAsyncDialect();

/**
 * A drizzle `sql` query or query builder as a D1 statement. drizzle's `db.batch` cannot run raw SQL
 * that has parameters (INSERT ... SELECT FROM json_each), so such batches go to D1 directly.
 */
export function d1Statement(db: Db, query: SQL | { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql: text, params } = query instanceof SQL ? dialect.sqlToQuery(query) : query.toSQL();
  return db.$client.prepare(text).bind(...params);
}

/**
 * The id of each notification inserted from `json_each` rows: notifications is clustered WITHOUT
 * ROWID (see schema.ts), so there is no AUTOINCREMENT. Ids continue from the sequence row or the
 * largest id in the table, whichever is higher (two index probes, evaluated once per statement);
 * follow the insert with `advanceNotificationIds` in the same batch. D1 runs one statement at a
 * time, so two inserts never start from the same point.
 */
export const nextNotificationId = sql`max(
    coalesce((SELECT last FROM notification_id_seq WHERE id = 1), 0),
    coalesce((SELECT max(id) FROM notifications), 0)
  ) + json_each.key + 1`;

/** Records the ids just handed out, so they are never handed out again once their rows are gone. */
export const advanceNotificationIds = sql`INSERT INTO notification_id_seq (id, last)
  SELECT 1, coalesce(max(id), 0) FROM notifications WHERE true
  ON CONFLICT (id) DO UPDATE SET last = max(last, excluded.last)`;
