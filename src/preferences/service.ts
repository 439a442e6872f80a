import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { categorySettings, userCategoryCounts, userPreferences, users } from "../db/schema";
import { d1Statement } from "../db/sql";
import { ApiError } from "../errors";
import { nowIso } from "../lib/time";
import { bumpVersions, type CountsRow, type CountsUpdate, countsUpdates } from "../notifications/counts";
import { type OutboxRow, recordBumped } from "../notifications/outbox";
import { frameOf } from "../realtime/frames";
import { accountProblem, findUser } from "../users/service";
import type { DefaultsBody, DefaultsUpdate, PreferencesBody, PreferencesUpdate } from "./schemas";

/**
 * Choices one user may keep. Anyone can name any category, so without a bound one user could grow
 * their GET (and the table) without end, 100 names a call.
 */
export const MAX_USER_CHOICES = 500;

type PreferenceRow = { category: string; chosen: number | null; by_default: number | null; critical: number | null };
type SettingRow = { category: string; enabled_by_default: number; critical: number; updated_at: string };

/** The categories GET shows, with the user's choice and the service's setting of each. */
function preferencesQuery(userId: string): SQL {
  return sql`WITH names(category) AS (
      SELECT category FROM ${userPreferences} WHERE user_id = ${userId}
      UNION SELECT category FROM ${categorySettings}
      UNION SELECT category FROM ${userCategoryCounts} WHERE user_id = ${userId} AND category <> ''
    )
    SELECT n.category, p.enabled AS chosen, s.enabled_by_default AS by_default, s.critical
    FROM names n
    LEFT JOIN ${userPreferences} p ON p.user_id = ${userId} AND p.category = n.category
    LEFT JOIN ${categorySettings} s ON s.category = n.category
    ORDER BY n.category`;
}

/**
 * preferencesBody in SQL, for the outbox row of a change (`{"preferences": BODY}`): the same rule,
 * the same keys, categories in the same order.
 */
function preferencesJson(userId: string): SQL {
  const flag = (condition: string) => sql.raw(`json(CASE WHEN ${condition} THEN 'true' ELSE 'false' END)`);
  return sql`json_object('preferences', json_object('categories', json(coalesce((SELECT json_group_object(q.category,
      json_object('enabled', ${flag("coalesce(q.critical, 0) = 1 OR coalesce(q.chosen, q.by_default, 1) = 1")},
        'critical', ${flag("coalesce(q.critical, 0) = 1")}, 'default', ${flag("coalesce(q.by_default, 1) = 1")}))
    FROM (${preferencesQuery(userId)}) q), '{}'))))`;
}

/** The same rule the create applies (skipUnwanted in notifications/create.ts), per category. */
function preferencesBody(rows: PreferenceRow[]): PreferencesBody {
  // Prototype-less: a category named like an Object member stays an ordinary key.
  const categories: PreferencesBody["categories"] = Object.create(null);
  for (const row of rows) {
    const critical = row.critical === 1;
    const byDefault = (row.by_default ?? 1) === 1;
    categories[row.category] = {
      enabled: critical || (row.chosen ?? (byDefault ? 1 : 0)) === 1,
      critical,
      default: byDefault,
    };
  }
  return { categories };
}

/** An inactive user is refused as on every user route. A user whose global switch is off may still choose. */
async function assertActive(db: Db, userId: string): Promise<void> {
  const user = await findUser(db, userId);
  const problem = accountProblem(user);
  if (problem && user && !user.isActive) throw problem;
}

export async function readPreferences(db: Db, userId: string): Promise<PreferencesBody> {
  await assertActive(db, userId);
  return preferencesBody(await db.all<PreferenceRow>(preferencesQuery(userId)));
}

/**
 * Sets the user's choices (null drops one) and returns the preferences as GET shows them, read in
 * the same transaction, and the counts update to push: the user's version moves, with a
 * `preferences` outbox row (null for a user not registered, who has no version to move). Turning
 * a critical category off is refused, naming it.
 */
export async function setPreferences(
  db: Db,
  userId: string,
  update: PreferencesUpdate,
): Promise<{ body: PreferencesBody; update: CountsUpdate | null }> {
  await assertActive(db, userId);
  const entries = Object.entries(update.categories);
  const names = entries.map(([name]) => name);
  const chosen = Object.fromEntries(entries.filter(([, on]) => on !== null));
  const dropped = entries.filter(([, on]) => on === null).map(([name]) => name);
  const off = entries.filter(([, on]) => on === false).map(([name]) => name);
  const [check] = await db.all<{ critical: string; others: number }>(
    sql`SELECT
      (SELECT json_group_array(category) FROM ${categorySettings}
        WHERE critical = 1 AND category IN (SELECT value FROM json_each(${JSON.stringify(off)}))) AS critical,
      (SELECT count(*) FROM ${userPreferences}
        WHERE user_id = ${userId} AND category NOT IN (SELECT value FROM json_each(${JSON.stringify(names)}))) AS others`,
  );
  const critical = JSON.parse(check?.critical ?? "[]") as string[];
  if (critical.length > 0) {
    const messages = critical.map((name) => [name, [`"${name}" is critical: it cannot be turned off.`]]);
    throw new ApiError(400, { categories: Object.fromEntries(messages) });
  }
  if ((check?.others ?? 0) + Object.keys(chosen).length > MAX_USER_CHOICES) {
    throw ApiError.field(
      "categories",
      `A user keeps at most ${MAX_USER_CHOICES} choices; send null for some to drop them first.`,
    );
  }
  const now = nowIso();
  const writes: SQL[] = [];
  if (dropped.length > 0) {
    writes.push(
      sql`DELETE FROM ${userPreferences}
        WHERE user_id = ${userId} AND category IN (SELECT value FROM json_each(${JSON.stringify(dropped)}))`,
    );
  }
  if (Object.keys(chosen).length > 0) {
    // user_preferences references users: a user the service has not registered yet is registered bare.
    writes.push(
      sql`INSERT INTO ${users} (id, created_at, updated_at) VALUES (${userId}, ${now}, ${now}) ON CONFLICT (id) DO NOTHING`,
      // The bound is checked again inside the write: two concurrent calls each passing the check
      // above could otherwise store more than MAX_USER_CHOICES between them.
      sql`INSERT INTO ${userPreferences} (user_id, category, enabled, updated_at)
        SELECT ${userId}, key, value, ${now} FROM json_each(${JSON.stringify(chosen)})
        WHERE (SELECT count(*) FROM ${userPreferences} WHERE user_id = ${userId}
          AND category NOT IN (SELECT key FROM json_each(${JSON.stringify(chosen)}))) + ${Object.keys(chosen).length}
          <= ${MAX_USER_CHOICES}
        ON CONFLICT (user_id, category) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at
        RETURNING category`,
    );
  }
  const tell = [bumpVersions([userId]), recordBumped([userId], "preferences", preferencesJson(userId), now)];
  const results = await db.$client.batch<PreferenceRow>(
    [...writes, ...tell, preferencesQuery(userId)].map((statement) => d1Statement(db, statement)),
  );
  // The choices' insert is the last write (after the drops, which make room first).
  const chosenCount = Object.keys(chosen).length;
  if (chosenCount > 0 && (results[writes.length - 1]?.results.length ?? 0) < chosenCount) {
    throw ApiError.field(
      "categories",
      `A user keeps at most ${MAX_USER_CHOICES} choices; send null for some to drop them first.`,
    );
  }
  const [bumped] = countsUpdates((results[writes.length]?.results ?? []) as unknown as CountsRow[]);
  const event = (results[writes.length + 1]?.results as unknown as OutboxRow[] | undefined)?.[0];
  return {
    body: preferencesBody(results.at(-1)?.results ?? []),
    update: bumped && event ? { ...bumped, frame: frameOf(event) } : null,
  };
}

const defaultsQuery = sql`SELECT category, enabled_by_default, critical, updated_at FROM ${categorySettings} ORDER BY category`;

function defaultsBody(rows: SettingRow[]): DefaultsBody {
  const categories: DefaultsBody["categories"] = {};
  for (const row of rows) {
    categories[row.category] = {
      enabled_by_default: row.enabled_by_default === 1,
      critical: row.critical === 1,
      updated_at: row.updated_at,
    };
  }
  return { categories };
}

export async function readDefaults(db: Db): Promise<DefaultsBody> {
  return defaultsBody(await db.all<SettingRow>(defaultsQuery));
}

/**
 * Changes the service's settings: in each category named, the fields given (the others keep their
 * value, or the default for a new one); null drops the setting. Merged in SQL, so two concurrent
 * calls that set different fields of one category both take effect.
 */
export async function setDefaults(db: Db, update: DefaultsUpdate): Promise<DefaultsBody> {
  const entries = Object.entries(update.categories);
  const set = Object.fromEntries(entries.filter(([, setting]) => setting !== null));
  const dropped = entries.filter(([, setting]) => setting === null).map(([name]) => name);
  const now = nowIso();
  const current = (column: string) => sql.raw(`(SELECT s.${column} FROM category_settings s WHERE s.category = j.key)`);
  const statements = [
    sql`INSERT INTO ${categorySettings} (category, enabled_by_default, critical, updated_at)
      SELECT j.key,
        coalesce(json_extract(j.value, '$.enabled_by_default'), ${current("enabled_by_default")}, 1),
        coalesce(json_extract(j.value, '$.critical'), ${current("critical")}, 0),
        ${now}
      FROM json_each(${JSON.stringify(set)}) j WHERE true
      ON CONFLICT (category) DO UPDATE SET enabled_by_default = excluded.enabled_by_default,
        critical = excluded.critical, updated_at = excluded.updated_at`,
    sql`DELETE FROM ${categorySettings} WHERE category IN (SELECT value FROM json_each(${JSON.stringify(dropped)}))`,
    defaultsQuery,
  ];
  const results = await db.$client.batch<SettingRow>(statements.map((statement) => d1Statement(db, statement)));
  return defaultsBody(results.at(-1)?.results ?? []);
}
