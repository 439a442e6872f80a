/**
 * InboxStore: the live inbox of `@edge-notify/client` (store-core.ts), with its actions. Every
 * action is optimistic: the state changes at once, the REST call follows; on failure the change is
 * dropped, the lists are refetched, `error` is set, an "error" event fires and the promise rejects.
 */
import { InboxCore } from "./store-core.js";
import type { Change } from "./store-types.js";
import type { MarkAction } from "./types.js";

type GroupChoice = Extract<MarkAction["action_choice"], `MARK_AS_${string}` | "ARCHIVE" | "UNARCHIVE">;

export type { InboxStoreOptions } from "./store-core.js";

export class InboxStore extends InboxCore {
  markAsRead(uids: string[]): Promise<void> {
    return this.targeted("markAsRead", "read", uids, () => this.client.markAsRead(uids));
  }

  markAsUnread(uids: string[]): Promise<void> {
    return this.targeted("markAsUnread", "unread", uids, () => this.client.markAsUnread(uids));
  }

  markAsSeen(uids: string[]): Promise<void> {
    return this.targeted("markAsSeen", "seen", uids, () => this.client.markAsSeen(uids));
  }

  archive(uids: string[]): Promise<void> {
    return this.targeted("archive", "archived", uids, () => this.client.archive(uids));
  }

  unarchive(uids: string[]): Promise<void> {
    return this.targeted("unarchive", "unarchived", uids, () => this.client.unarchive(uids));
  }

  remove(uids: string[]): Promise<void> {
    return this.targeted("remove", "removed", uids, () => this.client.remove(uids));
  }

  /** Reads every notification of these groups (`group_key`s), loaded or not. */
  markGroupsAsRead(groupKeys: string[]): Promise<void> {
    return this.grouped("markGroupsAsRead", "read", "MARK_AS_READ", groupKeys);
  }

  markGroupsAsUnread(groupKeys: string[]): Promise<void> {
    return this.grouped("markGroupsAsUnread", "unread", "MARK_AS_UNREAD", groupKeys);
  }

  markGroupsAsSeen(groupKeys: string[]): Promise<void> {
    return this.grouped("markGroupsAsSeen", "seen", "MARK_AS_SEEN", groupKeys);
  }

  archiveGroups(groupKeys: string[]): Promise<void> {
    return this.grouped("archiveGroups", "archived", "ARCHIVE", groupKeys);
  }

  unarchiveGroups(groupKeys: string[]): Promise<void> {
    return this.grouped("unarchiveGroups", "unarchived", "UNARCHIVE", groupKeys);
  }

  removeGroups(groupKeys: string[]): Promise<void> {
    return this.grouped("removeGroups", "removed", "MARK_AS_REMOVED", groupKeys);
  }

  /** A click on the notification or one of its actions; it reads it too. */
  markAsInteracted(uid: string, actionId?: string): Promise<void> {
    return this.optimistic("markAsInteracted", { change: "interacted", uids: [uid], action_id: actionId ?? null }, () =>
      this.client.markAsInteracted(uid, actionId),
    );
  }

  /** Marks seen everything up to the newest entry shown (what opening the inbox does). */
  markAllAsSeen(): Promise<void> {
    return this.all("markAllAsSeen", "seen", false, (before) => this.client.markAllAsSeen(before));
  }

  /** Reads everything up to the newest entry shown. */
  markAllAsRead(): Promise<void> {
    return this.all("markAllAsRead", "read", false, (before) => this.client.markAllAsRead(before));
  }

  /** Archives every read notification up to the newest entry shown. */
  archiveAllRead(): Promise<void> {
    return this.all("archiveAllRead", "archived", true, (before) => this.client.archiveAllRead(before));
  }

  /** Turns a category on or off; the preferences change at once and follow the server's answer. */
  async setPreference(category: string, enabled: boolean): Promise<void> {
    const before = this.state.preferences;
    if (before) {
      const old = before.categories[category] ?? { critical: false, default: true, enabled };
      const categories = { ...before.categories, [category]: { ...old, enabled: old.critical || enabled } };
      this.update({ preferences: { categories } });
    }
    try {
      const preferences = await this.client.setPreferences({ categories: { [category]: enabled } });
      this.update({ preferences, error: null });
    } catch (error) {
      this.update({ preferences: before });
      this.fail(error, "setPreference");
      throw error;
    }
  }

  private targeted(name: string, change: Change["change"], uids: string[], call: () => Promise<unknown>) {
    return this.optimistic(name, { change, uids }, call);
  }

  private grouped(name: string, change: Change["change"], choice: GroupChoice, groupKeys: string[]) {
    return this.optimistic(name, { change, group_keys: groupKeys }, () =>
      this.client.act({ action_choice: choice, group_keys: groupKeys }),
    );
  }

  // `before` is the newest entry shown, so a notification arriving meanwhile is left alone.
  private all(name: string, change: Change["change"], onlyRead: boolean, call: (before?: number) => Promise<unknown>) {
    const before = this.state.items.reduce<number | undefined>(
      (max, item) => Math.max(max ?? item.id, item.id),
      undefined,
    );
    if (before === undefined) return Promise.resolve();
    return this.optimistic(name, { change, all: true, before, ...(onlyRead && { only_read: true }) }, () =>
      call(before),
    );
  }
}
