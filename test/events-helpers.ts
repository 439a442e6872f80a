/** Helpers for events.v1 sockets: open one, and apply its frames as a client store would. */
import { expect } from "vitest";
import { feed, openSocket, type TestSocket, tokenFor, userCall } from "./helpers";

export async function eventsSocket(user: number | string, since?: number): Promise<TestSocket> {
  const query = since === undefined ? "" : `&since=${since}`;
  return openSocket(
    { Authorization: `Bearer ${await tokenFor(user)}` },
    `/ws/me/notifications?protocol=events.v1${query}`,
  );
}

/** GET /counts in the shape events.v1 frames carry. */
export async function restCounts(user: number | string) {
  const { json } = await userCall(user, "/api/v1/me/notifications/counts");
  return {
    total: json.total_notifications,
    read: json.read_notifications,
    unread: json.unread_notifications,
    unseen: json.unseen_notifications,
    archived: json.archived_notifications,
    categories: json.categories,
  };
}

type Item = Record<string, any>;
export type ClientState = { items: Item[]; counts: unknown; version: number };

/**
 * What a client store does with the live inbox's frames (the default view: live, newest first):
 * drops frames at or below its version, prepends created items, edits or drops changed ones.
 */
export function applyFrames(state: ClientState, frames: any[]): ClientState {
  let { items, counts, version } = state;
  for (const frame of frames) {
    if (frame.version <= version && frame.type !== "counts") continue;
    version = Math.max(version, frame.version);
    counts = frame.counts ?? counts;
    if (frame.type === "notification.created") items = [frame.item, ...items.filter((i) => i.uid !== frame.item.uid)];
    if (frame.type !== "notifications.changed") continue;
    const hit = (item: Item) =>
      frame.all ? frame.before === undefined || item.id <= frame.before : frame.uids.includes(item.uid);
    const at = frame.at;
    items = items.flatMap((item): Item[] => {
      if (!hit(item)) return [item];
      switch (frame.change) {
        case "read":
        case "interacted":
          if (item.is_read && frame.change === "read") return [item];
          return [{ ...item, is_read: true, read_at: at, seen_at: item.seen_at ?? at, updated_at: at }];
        case "unread":
          return [{ ...item, is_read: false, read_at: null, updated_at: at }];
        case "seen":
          return [item.seen_at ? item : { ...item, seen_at: at }];
        default:
          return []; // archived, removed, expired, status: out of the live feed
      }
    });
  }
  return { items, counts, version };
}

/** The state equals what REST says now: the live feed's items and every count. */
export async function expectSameAsRest(user: number | string, state: ClientState) {
  const page = await feed(user, "?page_size=100");
  expect(state.items).toEqual(page.notifications);
  expect(state.counts).toEqual(await restCounts(user));
}
