import { drizzle } from "drizzle-orm/d1";

const instances = new WeakMap<D1Database, ReturnType<typeof drizzle>>();

/**
 * One drizzle instance per D1 binding, reused across requests: building one per request showed
 * up in CPU profiles of the feed. No relational schema is passed (nothing uses `db.query`), which
 * also skips drizzle's per-instance schema walk.
 */
export function createDb(d1: D1Database) {
  let db = instances.get(d1);
  if (!db) {
    db = drizzle(d1);
    instances.set(d1, db);
  }
  return db;
}

export type Db = ReturnType<typeof createDb>;
