import { and, eq, lt, lte, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import { ApiError } from "../errors";
import { nowIso } from "../lib/time";
import { assertAccountUsable } from "../users/service";
import { type Counts, countsOf } from "./counts";
import { readAfterExpiry } from "./expiry";
import { feedFilter, feedIndex, joinedSummary, ownerSummary, selectWithCreator, summaryColumns, toItem } from "./feed";
import type { ListQuery } from "./schemas";
import type { NotificationItem, UserSummary } from "./serialize";

/** Actors named per group (newest first); `actors_count` tells how many there are in all. */
export const GROUP_ACTORS = 3;

export type GroupEntry = {
  groupKey: string | null;
  item: NotificationItem;
  count: number;
  unread: number;
  actors: UserSummary[];
  actorsCount: number;
};

export type GroupedPage = { counts: Counts; groups: GroupEntry[]; hasMore: boolean; nextCursor: number | null };

const newer = alias(notifications, "newer");
const member = alias(notifications, "member");
const actor = alias(users, "actor");

/** Rows of the feed looked at per page at most: a page costs this much whatever the groups hold. */
export const GROUPED_WINDOW = 2_000;

/**
 * Whether the row (of `w`) heads its group: ungrouped, or no newer row of its group where the
 * query looks (live, archived, or both). One probe of notifications_inbox_group_idx per inbox
 * value (user_id, group_key, inbox = v, id > this id): equality on every column before id, so the
 * first entry found answers whatever the group holds. The other filters (read state, category,
 * tag) apply to the head itself: a group is listed when its newest notification matches them.
 */
function headsItsGroup(userId: string, query: ListQuery): SQL {
  const inboxes = query.archived === "exclude" ? [0] : query.archived === "only" ? [1] : [0, 1];
  const none = inboxes.map(
    (inbox) => sql`NOT EXISTS (SELECT 1 FROM ${sql.identifier("notifications")} AS ${sql.identifier("newer")}
      INDEXED BY notifications_inbox_group_idx WHERE ${newer.userId} = ${userId} AND ${newer.groupKey} = w.group_key
      AND ${newer.inbox} = ${inbox} AND ${newer.id} > w.id)`,
  );
  return sql`(w.group_key IS NULL OR (${sql.join(none, sql` AND `)}))`;
}

/**
 * One page of the grouped feed: one entry per group_key (a notification without one is its own
 * group), ordered by each group's newest selected row, which is also the cursor. The page's heads
 * come from walking the feed's index newest first and keeping the rows that head their group;
 * the aggregates cover the page's groups only. The user row, the heads and the aggregates are read
 * in one batch (after any due expiry), so the counts and the entries come from the same snapshot.
 */
export async function readGroupedFeed(db: Db, userId: string, query: ListQuery): Promise<GroupedPage> {
  if (query.page !== 1) {
    throw ApiError.field("page", "The grouped feed pages by cursor: pass next_cursor as cursor.");
  }
  const { page, reach, totals, actors } = groupedQueries(db, userId, query);
  const [userRows, rows, reachRows, totalRows, actorRows] = await readAfterExpiry(
    db,
    userId,
    nowIso(),
    () => db.batch([db.select().from(users).where(eq(users.id, userId)), page, reach, totals, actors]),
    ([found]) => found[0],
  );
  const user = userRows[0];
  assertAccountUsable(user);
  const owner = ownerSummary(user, userId);
  const byKey = new Map(totalRows.map((total) => [total.groupKey, total]));
  const named = new Map<string, UserSummary[]>();
  for (const { groupKey, actor: columns } of actorRows) {
    const summary = joinedSummary(columns);
    if (groupKey === null || summary === null) continue;
    named.set(groupKey, [...(named.get(groupKey) ?? []), summary]);
  }
  const groups = rows.slice(0, query.pageSize).map((entry): GroupEntry => {
    const item = toItem(entry, owner);
    const key = entry.row.groupKey;
    const total = key === null ? undefined : byKey.get(key);
    if (key === null || total === undefined) {
      // Ungrouped: the entry is the notification alone.
      const actors = item.created_by === null ? [] : [item.created_by];
      return { groupKey: null, item, count: 1, unread: item.is_read ? 0 : 1, actors, actorsCount: actors.length };
    }
    const { count, unread, actorsCount } = total;
    return { groupKey: key, item, count, unread, actors: named.get(key) ?? [], actorsCount };
  });
  // More groups follow when a page's worth was found beyond this one, or when the window ran out
  // before a page was full: then the next page starts where the window stopped (pages may be short).
  const { oldest, scanned } = reachRows[0] ?? { oldest: null, scanned: 0 };
  const full = rows.length > query.pageSize;
  const cutShort = !full && scanned >= GROUPED_WINDOW && oldest !== null;
  return {
    counts: countsOf(user),
    groups,
    hasMore: full || cutShort,
    nextCursor: full ? (groups.at(-1)?.item.id ?? null) : cutShort ? oldest : null,
  };
}

/**
 * The grouped page's statements: the heads (one extra, to tell whether another page follows) with
 * their creators, then per group of the page its counts and its most recent actors.
 */
export function groupedQueries(db: Db, userId: string, query: ListQuery) {
  const index = feedIndex(query);
  const cursor = query.cursor === null ? undefined : lt(notifications.id, query.cursor);
  const indexed = index === null ? sql`` : sql`INDEXED BY ${sql.identifier(index)}`;
  // The newest GROUPED_WINDOW rows after the cursor: heads are looked for among them only.
  const window = sql`(SELECT ${notifications.id} AS id, ${notifications.groupKey} AS group_key FROM ${notifications}
    ${indexed} WHERE ${and(feedFilter(db, notifications, userId, query), cursor)}
    ORDER BY ${notifications.id} DESC LIMIT ${GROUPED_WINDOW}) AS w`;
  const headIds = sql`SELECT w.id FROM ${window} WHERE ${headsItsGroup(userId, query)}
    ORDER BY w.id DESC LIMIT ${query.pageSize + 1}`;
  const headKeys = sql`SELECT w.group_key FROM ${window} WHERE ${headsItsGroup(userId, query)}
    ORDER BY w.id DESC LIMIT ${query.pageSize}`;
  const members = and(feedFilter(db, member, userId, query), sql`${member.groupKey} IN (${headKeys})`);
  return {
    page: selectWithCreator(db, sql`${notifications.id} IN (${headIds})`),
    /** How far the window reached: where the next page starts when it held fewer heads than a page. */
    reach: db.select({ oldest: sql<number | null>`min(w.id)`, scanned: sql<number>`count(*)` }).from(sql`${window}`),
    totals: db
      .select({
        groupKey: member.groupKey,
        count: sql<number>`count(*)`,
        unread: sql<number>`coalesce(sum(${member.isRead} = 0), 0)`,
        actorsCount: sql<number>`count(DISTINCT ${member.createdBy})`,
      })
      .from(member)
      .where(members)
      .groupBy(member.groupKey),
    actors: recentActors(db, members),
  };
}

/** Per group, its distinct creators newest first (by their newest row), at most GROUP_ACTORS each. */
function recentActors(db: Db, members: SQL | undefined) {
  const ranked = db
    .select({
      groupKey: member.groupKey,
      createdBy: member.createdBy,
      rank: sql<number>`row_number() OVER (PARTITION BY ${member.groupKey} ORDER BY max(${member.id}) DESC)`.as("rank"),
    })
    .from(member)
    .where(and(members, sql`${member.createdBy} IS NOT NULL`))
    .groupBy(member.groupKey, member.createdBy)
    .as("ranked");
  return db
    .select({ groupKey: ranked.groupKey, actor: summaryColumns(actor, "actor") })
    .from(ranked)
    .innerJoin(actor, eq(actor.id, ranked.createdBy))
    .where(lte(ranked.rank, GROUP_ACTORS))
    .orderBy(ranked.groupKey, sql`${ranked.rank}`);
}
