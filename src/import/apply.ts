/**
 * Runs import batches: on a D1 binding (the local database, through wrangler's platform proxy),
 * or as SQL text for `wrangler d1 execute --file`. What the import script bundles and calls.
 */
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { createDb } from "../db/client";
import type { NotificationRecord } from "./records";
import { type Batch, batchStatements, recountStatements } from "./statements";

export { type Parsed, parseRecord } from "./records";
export type { Batch } from "./statements";

const dialect = new SQLiteAsyncDialect();
/** The local D1 refuses a bound string over ~1 MB (SQLITE_TOOBIG): larger batches are split. */
const MAX_LOCAL_JSON = 900_000;

/** Per notification of the batch (same order): imported, skipped (stored before) or refused. */
export type Outcome = { kind: "imported" } | { kind: "skipped" } | { kind: "refused"; reason: string };
export type BatchResult = { outcomes: Outcome[]; usersChanged: number; switchesChanged: number };

/** One batch in one D1 transaction, with the outcome of every notification. */
export async function applyBatch(d1: D1Database, batch: Batch, now: string): Promise<BatchResult> {
  const db = createDb(d1);
  // Counters are rebuilt once at the end (recountLocal): per batch they would be recomputed for
  // nearly every user each time, the largest cost after the inserts themselves.
  const statements = batchStatements(db, batch, { now, maxBytes: MAX_LOCAL_JSON, withRecount: false });
  const results = await runBatch(d1, statements);
  const changes = (role: string) =>
    statements.reduce((n, s, i) => n + (s.role === role ? (results[i]?.meta.changes ?? 0) : 0), 0);
  const found = results[statements.findIndex((s) => s.role === "classify")]?.results ?? [];
  return {
    outcomes: outcomes(batch.notifications, found as Stored[]),
    usersChanged: changes("users"),
    switchesChanged: changes("switches"),
  };
}

/** Rebuilds the counters of these users (every user without a list): the end of a local run. */
export async function recountLocal(d1: D1Database, userIds?: string[]): Promise<void> {
  await runBatch(d1, recountStatements(userIds, MAX_LOCAL_JSON));
}

function runBatch(d1: D1Database, statements: { query: SQL }[]) {
  return d1.batch(
    statements.map(({ query }) => {
      const { sql, params } = dialect.sqlToQuery(query);
      return d1.prepare(sql).bind(...params);
    }),
  );
}

type Stored = { position: number; id: number; uid: string };

function outcomes(rows: NotificationRecord[], found: Stored[]): Outcome[] {
  const byPosition = new Map<number, Stored[]>();
  for (const row of found) byPosition.set(row.position, [...(byPosition.get(row.position) ?? []), row]);
  // Rows earlier in this batch: the check ran before any of them was written.
  const idOfUid = new Map<string, number>();
  const uidOfId = new Map<number, string>();
  return rows.map((row, position): Outcome => {
    const conflict = (byPosition.get(position) ?? []).find((s) => s.id !== row.id || s.uid !== row.uid);
    if (conflict) {
      return {
        kind: "refused",
        reason:
          conflict.uid === row.uid
            ? `uid ${row.uid} is already stored with id ${conflict.id}`
            : `id ${row.id} is already used by notification ${conflict.uid}`,
      };
    }
    if (byPosition.has(position)) return { kind: "skipped" };
    if (idOfUid.get(row.uid) === row.id) return { kind: "skipped" };
    if (idOfUid.has(row.uid) || uidOfId.has(row.id)) {
      return { kind: "refused", reason: `uid ${row.uid} or id ${row.id} repeats an earlier record with other values` };
    }
    idOfUid.set(row.uid, row.id);
    uidOfId.set(row.id, row.uid);
    return { kind: "imported" };
  });
}

/** A statement as SQL text with its values inlined (for a file); D1 runs files without parameters. */
export function inlineSql(query: SQL): string {
  const { sql, params } = dialect.sqlToQuery(query);
  const parts = sql.split("?");
  if (parts.length !== params.length + 1) throw new Error("placeholder count does not match the parameters");
  return parts.reduce((out, part, i) => out + literal(params[i - 1]) + part);
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** The statements of a batch as one SQL file's text (no conflict check: a file returns no rows). */
export function batchSqlFile(batch: Batch, now: string, maxBytes: number): string {
  // Only builds SQL: the drizzle instance never runs anything.
  const db = createDb({} as D1Database);
  const statements = batchStatements(db, batch, { now, maxBytes, withClassify: false });
  return `${statements.map(({ query }) => `${inlineSql(query)};`).join("\n")}\n`;
}
