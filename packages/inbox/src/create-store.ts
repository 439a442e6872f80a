/** The store the element makes for itself when the host gives it a service URL and getToken. */
import { InboxStore, NotificationsClient } from "@edge-notify/client";
import type { InboxStoreLike, InboxView } from "./store.js";

export function createStore(options: {
  baseUrl: string;
  getToken: () => string | Promise<string>;
  pageSize: number | undefined;
  view: InboxView;
}): InboxStoreLike {
  const client = new NotificationsClient({ baseUrl: options.baseUrl, getToken: options.getToken });
  return new InboxStore(client, { view: options.view, ...(options.pageSize && { pageSize: options.pageSize }) });
}
