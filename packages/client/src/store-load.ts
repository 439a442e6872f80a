import type { ListOptions, NotificationsClient } from "./client.js";
import type { InboxEntry, InboxView } from "./store-types.js";

export type Page = { entries: InboxEntry[]; hasMore: boolean; nextCursor: string | null };

/** One page of the REST feed that `view` shows. */
export async function loadPage(
  client: NotificationsClient,
  view: InboxView,
  pageSize: number,
  cursor: string | null,
): Promise<Page> {
  const options: ListOptions = {
    pageSize,
    ...(cursor !== null && { cursor }),
    ...(view.archived && { archived: "only" }),
    ...(view.category !== undefined && { category: view.category }),
    ...(view.unreadOnly && { isRead: false }),
  };
  if (view.grouped) {
    const body = await client.listGroups(options);
    const entries: InboxEntry[] = body.groups.map((group) => ({ kind: "group", group }));
    return { entries, hasMore: body.has_more, nextCursor: body.next_cursor };
  }
  const body = await client.list(options);
  const entries: InboxEntry[] = body.notifications.map((item) => ({ kind: "item", item }));
  return { entries, hasMore: body.has_more, nextCursor: body.next_cursor };
}
