/** The test setup applies every migration to an empty D1; this checks the result is the schema. */

import { env } from "cloudflare:workers";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "../src/db/schema";

const tables = [
  schema.users,
  schema.notifications,
  schema.notificationJobs,
  schema.notificationJobChunks,
  schema.idempotencyKeys,
];

describe("migrations from empty", () => {
  it("create every table, column and index that src/db/schema.ts declares", async () => {
    for (const table of tables) {
      const config = getTableConfig(table);
      const { results: columns } = await env.DB.prepare(`PRAGMA table_xinfo(${config.name})`).all<{ name: string }>();
      expect(columns.map((c) => c.name).sort(), config.name).toEqual(config.columns.map((c) => c.name).sort());
      const { results: indexes } = await env.DB.prepare(`PRAGMA index_list(${config.name})`).all<{ name: string }>();
      for (const index of config.indexes) expect(indexes.map((i) => i.name)).toContain(index.config.name);
    }
  });

  it("cluster notifications by user: WITHOUT ROWID, keyed (user_id, id)", async () => {
    const table = await env.DB.prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'",
    ).first<{
      sql: string;
    }>();
    expect(table?.sql).toMatch(/PRIMARY KEY\(`user_id`, `id`\)[\s\S]*\) WITHOUT ROWID$/);
  });
});
