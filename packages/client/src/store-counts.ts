/**
 * Optimistic counts: what an action does to the counts, guessed from the loaded items, until the
 * frame of the action brings the server's (a frame's counts always win).
 */
import { entryItem } from "./store-apply.js";
import type { Change, InboxCounts, InboxEntry } from "./store-types.js";
import type { NotificationItem } from "./types.js";

type Tally = { total: number; read: number; unread: number; unseen: number; archived: number };

function tally(item: NotificationItem | undefined): Tally {
  if (item?.status !== "ACTIVE") return { total: 0, read: 0, unread: 0, unseen: 0, archived: 0 };
  if (item.archived_at !== null) return { total: 0, read: 0, unread: 0, unseen: 0, archived: 1 };
  const read = item.is_read ? 1 : 0;
  return { total: 1, read, unread: 1 - read, unseen: item.seen_at === null ? 1 : 0, archived: 0 };
}

/** The counts after `before` became `after` (the visible lists before and after one optimistic change). */
export function adjustCounts(
  counts: InboxCounts,
  before: InboxEntry[],
  after: InboxEntry[],
  change: Change,
): InboxCounts {
  if (change.all) return allAction(counts, change);
  const next = { ...counts, categories: { ...counts.categories } };
  const afterByKey = new Map(after.map((entry) => [keyOf(entry), entry]));
  for (const entry of before) {
    const old = entryItem(entry);
    const now = afterByKey.get(keyOf(entry));
    // An entry that left the view changed as the change says, even though the view no longer shows it.
    const a = tallyEntry(entry);
    const b = now ? tallyEntry(now) : tallyLeft(entry, change);
    next.total += b.total - a.total;
    next.read += b.read - a.read;
    next.unread += b.unread - a.unread;
    next.unseen += b.unseen - a.unseen;
    next.archived += b.archived - a.archived;
    const category = next.categories[old.category] ?? { total: 0, unread: 0, unseen: 0 };
    next.categories[old.category] = {
      total: category.total + b.total - a.total,
      unread: category.unread + b.unread - a.unread,
      unseen: category.unseen + b.unseen - a.unseen,
    };
  }
  return next;
}

const keyOf = (entry: InboxEntry) =>
  entry.kind === "item" || entry.group.group_key === null ? entryItem(entry).uid : `group:${entry.group.group_key}`;

/**
 * A grouped entry counts all its members: `unread` of them unread. Only the newest one's seen
 * state is known, so the unseen guess is that one's (the action's frame brings the real counts).
 */
function tallyEntry(entry: InboxEntry, item = entryItem(entry), unread?: number): Tally {
  const one = tally(item);
  if (entry.kind === "item" || (one.total === 0 && one.archived === 0)) return one;
  const { count } = entry.group;
  if (one.archived) return { ...one, archived: count };
  const u = unread ?? entry.group.unread;
  return { ...one, total: count, read: count - u, unread: u };
}

function tallyLeft(entry: InboxEntry, change: Change): Tally {
  const left = leftView(entryItem(entry), change);
  if (entry.kind === "group" && entry.group.group_key !== null && change.group_keys?.includes(entry.group.group_key)) {
    return tallyEntry(entry, left, left?.is_read ? 0 : entry.group.unread);
  }
  // A uid action takes a group out of the view only when that one item was all it held.
  return tally(left);
}

function leftView(item: NotificationItem, change: Change): NotificationItem | undefined {
  if (change.change === "archived") return { ...item, archived_at: change.at };
  if (change.change === "unarchived") return { ...item, archived_at: null };
  if (change.change === "read" || change.change === "interacted") {
    return { ...item, is_read: true, seen_at: item.seen_at ?? change.at };
  }
  return undefined;
}

/** "All" actions reach past the loaded pages: the counts they leave are known without the items. */
function allAction(counts: InboxCounts, change: Change): InboxCounts {
  const categories = (map: (c: InboxCounts["categories"][string]) => InboxCounts["categories"][string]) =>
    Object.fromEntries(Object.entries(counts.categories).map(([name, c]) => [name, map(c)]));
  switch (change.change) {
    case "read":
      return {
        ...counts,
        read: counts.total,
        unread: 0,
        unseen: 0,
        categories: categories((c) => ({ ...c, unread: 0, unseen: 0 })),
      };
    case "seen":
      return { ...counts, unseen: 0, categories: categories((c) => ({ ...c, unseen: 0 })) };
    case "archived":
      if (change.only_read) {
        return {
          ...counts,
          total: counts.unread,
          read: 0,
          archived: counts.archived + counts.read,
          categories: categories((c) => ({ ...c, total: c.unread })),
        };
      }
      return {
        ...counts,
        total: 0,
        read: 0,
        unread: 0,
        unseen: 0,
        archived: counts.archived + counts.total,
        categories: {},
      };
    default:
      return counts;
  }
}
