/**
 * The pure part of the store: how a change (a server frame, or an optimistic action) or a new
 * item moves the loaded lists. Fields change exactly as the service's SQL changes the rows
 * (src/notifications/actions.ts), so a store that applied the frames equals the REST feed.
 * When the lists alone cannot tell the result (an item to show that was never loaded, a group's
 * older members), the answer asks for a refetch instead of guessing.
 */
import { groupUnread, wholeGroup } from "./store-groups.js";
import type { Change, InboxEntry, InboxGroup, InboxView } from "./store-types.js";
import type { NotificationItem } from "./types.js";

export type Applied = { entries: InboxEntry[]; refetch: boolean };

/** Whether the REST feed of `view` lists this item. */
export function matchesView(item: NotificationItem, view: InboxView): boolean {
  if (item.status !== "ACTIVE") return false;
  if (Boolean(view.archived) !== (item.archived_at !== null)) return false;
  if (view.category !== undefined && item.category !== view.category) return false;
  return !(view.unreadOnly && item.is_read);
}

export const entryItem = (entry: InboxEntry): NotificationItem =>
  entry.kind === "item" ? entry.item : entry.group.notification;

/**
 * The item after `change`, the same object if it does not change, or null once it is gone from
 * every feed (expired). `strict`: only rows the service's WHERE clause would take (an "all" frame
 * or an optimistic action); frames naming uids name exactly the rows that changed.
 */
export function changeItem(item: NotificationItem, change: Change, strict: boolean): NotificationItem | null {
  const at = change.at;
  const read = { is_read: true, read_at: at, seen_at: item.seen_at ?? at, updated_at: at };
  switch (change.change) {
    case "read":
      return strict && item.is_read ? item : { ...item, ...read };
    case "unread":
      return strict && !item.is_read ? item : { ...item, is_read: false, read_at: null, updated_at: at };
    case "seen":
      return strict && item.seen_at !== null ? item : { ...item, seen_at: at };
    case "archived":
      return strict && item.archived_at !== null ? item : { ...item, archived_at: at, updated_at: at };
    case "unarchived":
      return strict && item.archived_at === null ? item : { ...item, archived_at: null, updated_at: at };
    case "removed":
      return strict && item.status !== "ACTIVE" ? item : { ...item, status: "REMOVED", updated_at: at };
    case "interacted": {
      const id = change.action_id ?? null;
      if (strict && id !== null && !item.actions.some((action) => action.id === id)) return item;
      // Already so: an optimistic click the server has confirmed changes nothing more.
      if (strict && item.is_read && item.interacted_at !== null && item.interacted_action === id) return item;
      return { ...item, ...read, interacted_at: at, interacted_action: id };
    }
    case "expired":
      return null;
    case "status":
      return change.status === undefined ? item : { ...item, status: change.status, updated_at: at };
  }
}

const targets = (item: NotificationItem, change: Change): boolean => {
  if (change.all) {
    if (change.before !== undefined && item.id > Number(change.before)) return false;
    return !(change.only_read && !item.is_read);
  }
  return Boolean(change.uids?.includes(item.uid) || (item.group_key && change.group_keys?.includes(item.group_key)));
};

/** Changes that can bring into `view` an item the lists never held: only a refetch can show it. */
function canAdd(change: Change, view: InboxView): boolean {
  switch (change.change) {
    case "unread":
      return Boolean(view.unreadOnly);
    case "archived":
      return Boolean(view.archived);
    case "unarchived":
      return !view.archived;
    case "status":
      return change.status === "ACTIVE";
    default:
      return false;
  }
}

/** Applies `change` to the lists of `view`. */
export function applyChange(entries: InboxEntry[], change: Change, view: InboxView, optimistic: boolean): Applied {
  const strict = optimistic || change.all === true;
  const found = new Set<string>();
  let refetch = !optimistic && canAdd(change, view) && (change.uids === undefined || change.uids.length > 0);
  const next: InboxEntry[] = [];
  for (const entry of entries) {
    const item = entryItem(entry);
    if (!targets(item, change)) {
      if (entry.kind === "group" && entry.group.count > 1 && !change.uids && change.change !== "seen") {
        // Older members of this group may be targeted ("all", group_keys): their counts are unknown.
        if (change.all || (entry.group.group_key && change.group_keys?.includes(entry.group.group_key))) refetch = true;
      }
      next.push(entry);
      continue;
    }
    found.add(item.uid);
    const changed = changeItem(item, change, strict);
    if (entry.kind === "group" && wholeGroup(entry.group, change)) {
      const group = changeGroup(entry.group, changed, change, view);
      if (group) next.push(group === entry.group ? entry : { kind: "group", group });
      // A frame by group_keys also names members this view filters out: the server's page says which show.
      if (!optimistic && entry.group.count > 1 && change.change !== "seen") refetch = true;
      continue;
    }
    if (changed === item) {
      next.push(entry);
    } else if (entry.kind === "item") {
      if (changed && matchesView(changed, view)) next.push({ kind: "item", item: changed });
    } else if (changed && matchesView(changed, view)) {
      const unread = entry.group.unread + (item.is_read ? 0 : -1) + (changed.is_read ? 0 : 1);
      next.push({ kind: "group", group: { ...entry.group, notification: changed, unread: Math.max(0, unread) } });
      if (entry.group.count > 1 && !change.uids && change.change !== "seen") refetch = true;
    } else {
      // The group's newest item left the view: which member shows now is the server's to say.
      refetch = true;
      if (entry.group.count > 1) next.push(entry);
    }
  }
  if (!optimistic && view.grouped && change.uids?.some((uid) => !found.has(uid)) && change.change !== "seen") {
    refetch = true;
  }
  return { entries: next, refetch };
}

/** A group after a change to all its members, the same group if nothing changes, or null once it leaves `view`. */
function changeGroup(group: InboxGroup, changed: NotificationItem | null, change: Change, view: InboxView) {
  if (!changed || !matchesView(changed, view)) return null;
  const unread = groupUnread(group, change);
  if (view.unreadOnly && unread === 0) return null;
  if (changed === group.notification && unread === group.unread) return group;
  return { ...group, notification: changed, unread };
}

/**
 * Inserts a new item where the REST feed of `view` would list it (newest first). An item older
 * than the last one loaded while more pages exist is left to loadMore.
 */
export function applyCreated(
  entries: InboxEntry[],
  item: NotificationItem,
  view: InboxView,
  hasMore: boolean,
): Applied {
  if (!matchesView(item, view)) return { entries, refetch: false };
  if (entries.some((entry) => entryItem(entry).uid === item.uid)) return { entries, refetch: false };
  const last = entries.at(-1);
  if (hasMore && last && entryItem(last).id > item.id) return { entries, refetch: false };
  if (!view.grouped) return { entries: insertById(entries, { kind: "item", item }), refetch: false };
  const index =
    item.group_key === null ? -1 : entries.findIndex((e) => e.kind === "group" && e.group.group_key === item.group_key);
  const old = index >= 0 ? entries[index] : undefined;
  if (old?.kind !== "group") {
    const actors = item.created_by ? [item.created_by] : [];
    const group: InboxGroup = {
      group_key: item.group_key,
      notification: item,
      count: 1,
      unread: item.is_read ? 0 : 1,
      actors,
      actors_count: actors.length,
    };
    return { entries: insertById(entries, { kind: "group", group }), refetch: false };
  }
  const rest = entries.filter((_, i) => i !== index);
  const creator = item.created_by;
  const known = creator ? old.group.actors.some((actor) => actor.id === creator.id) : true;
  const actors = creator
    ? [creator, ...old.group.actors.filter((actor) => actor.id !== creator.id)].slice(0, 3)
    : old.group.actors;
  const group: InboxGroup = {
    ...old.group,
    notification: item,
    count: old.group.count + 1,
    unread: old.group.unread + (item.is_read ? 0 : 1),
    actors,
    actors_count: old.group.actors_count + (known ? 0 : 1),
  };
  // A creator beyond the three actors shown may or may not be new to the group.
  const unsure = !known && old.group.actors_count > old.group.actors.length;
  return { entries: insertById(rest, { kind: "group", group }), refetch: unsure };
}

function insertById(entries: InboxEntry[], entry: InboxEntry): InboxEntry[] {
  const id = entryItem(entry).id;
  const at = entries.findIndex((other) => entryItem(other).id < id);
  return at < 0 ? [...entries, entry] : [...entries.slice(0, at), entry, ...entries.slice(at)];
}
