/** Shared by the store's e2e tests: users, stores over real sockets, and "all equal" checks. */
import jwt from "@tsndr/cloudflare-worker-jwt";
import { expect } from "vitest";
import WebSocket from "ws";
import {
  type AllCounts,
  InboxStore,
  type InboxView,
  NotificationsClient,
  type NotificationsClientOptions,
} from "../../packages/client/src/index";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";

/** A token for `user`, valid `seconds`. */
export function sign(user: string, seconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ token_type: "access", exp: now + seconds, user_id: user }, DEV_DEFAULTS.JWT_SECRET);
}

/** `ws` sockets, remembered so a test can cut one. */
export class TrackedSocket extends WebSocket {
  static all: TrackedSocket[] = [];
  constructor(url: string) {
    super(url);
    TrackedSocket.all.push(this);
  }
}

/** Each client's own sockets, oldest first: a test cuts one store's socket, whatever the others opened meanwhile. */
const socketsByClient = new WeakMap<NotificationsClient, TrackedSocket[]>();
export const socketsOf = (store: InboxStore): TrackedSocket[] => socketsByClient.get(store.client) ?? [];

export function clientFor(base: string, user: string, options: Partial<NotificationsClientOptions> = {}) {
  const mine: TrackedSocket[] = [];
  const client = new NotificationsClient({
    baseUrl: base,
    getToken: () => sign(user),
    WebSocket: class extends TrackedSocket {
      constructor(url: string) {
        super(url);
        mine.push(this);
      }
    },
    minDelayMs: 100,
    maxDelayMs: 2000,
    ...options,
  });
  socketsByClient.set(client, mine);
  return client;
}

export async function storeFor(base: string, user: string, view: InboxView = {}) {
  const store = new InboxStore(clientFor(base, user), { view, pageSize: 50 });
  await store.start();
  return store;
}

export async function send(base: string, user: string, message: string, extra: object = {}) {
  const response = await fetch(`${base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user], ...extra }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { uids: string[] }).uids[0] as string;
}

const fullCounts = (body: AllCounts) => ({
  total: body.total_notifications,
  read: body.read_notifications,
  unread: body.unread_notifications,
  unseen: body.unseen_notifications,
  archived: body.archived_notifications,
  categories: body.categories,
});

export type Snapshot = { items: unknown[]; counts: unknown };
const snapshot = (store: InboxStore): Snapshot => {
  const { items, counts } = store.getState();
  return { items, counts };
};

/** Waits until every store shows exactly the REST feed (first 50) and counts of the user. */
export function allEqualRest(stores: InboxStore[], rest: NotificationsClient, what: string, ms = 10_000) {
  return allEqual(
    stores.map((store) => async () => snapshot(store)),
    rest,
    what,
    ms,
  );
}

/** The same for any source of snapshots (a store in a browser tab). */
export async function allEqual(
  sources: (() => Promise<Snapshot>)[],
  rest: NotificationsClient,
  what: string,
  ms = 10_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const [feed, counts] = await Promise.all([rest.list({ pageSize: 50 }), rest.allCounts()]);
    const expected = { items: feed.notifications, counts: fullCounts(counts) };
    const states = await Promise.all(sources.map((source) => source()));
    const equal = states.every((state) => JSON.stringify(state) === JSON.stringify(expected));
    if (equal || Date.now() > deadline) {
      for (const [i, state] of states.entries()) expect(state, `${what}: store ${i}`).toEqual(expected);
      return expected;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function until(predicate: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
