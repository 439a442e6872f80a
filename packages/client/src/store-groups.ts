/**
 * Changes by `group_keys` on a grouped entry: the change reaches every member of the group, not
 * only the newest one the entry shows, so the group's unread count and its place in the view
 * follow the whole group (src/notifications/actions.ts: one UPDATE over `group_key IN (...)`).
 */
import type { Change, InboxGroup } from "./store-types.js";

/** Whether `change` names this group as a whole (by its key). */
export const wholeGroup = (group: InboxGroup, change: Change): boolean =>
  group.group_key !== null && change.group_keys?.includes(group.group_key) === true;

/** The group's unread count once every member took `change`. */
export function groupUnread(group: InboxGroup, change: Change): number {
  switch (change.change) {
    case "read":
    case "interacted":
      // A named action only reaches members that have it: which ones is the server's to say.
      return change.change === "read" || change.action_id == null ? 0 : group.unread;
    case "unread":
      return group.count;
    default:
      return group.unread;
  }
}
