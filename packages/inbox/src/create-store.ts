/** The store the element makes for itself when the host gives it a service URL and getToken. */
import * as client from "@edge-notify/client";
import type { InboxStoreLike, InboxView } from "./store.js";

type StoreClass = new (
  client: client.NotificationsClient,
  options?: { view?: InboxView; pageSize?: number },
) => InboxStoreLike;

export function createStore(options: {
  baseUrl: string;
  getToken: () => string | Promise<string>;
  pageSize: number | undefined;
  view: InboxView;
}): InboxStoreLike {
  const InboxStore = (client as unknown as { InboxStore?: StoreClass }).InboxStore;
  if (!InboxStore) throw new Error("@edge-notify/inbox needs @edge-notify/client with InboxStore (0.2 or later).");
  const api = new client.NotificationsClient({ baseUrl: options.baseUrl, getToken: options.getToken });
  return new InboxStore(api, { view: options.view, ...(options.pageSize && { pageSize: options.pageSize }) });
}
