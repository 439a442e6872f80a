import { withCounts } from "./counts";
import type { FeedPage } from "./feed";
import type { FeedBody } from "./wire";

/** A feed page as both feed routes answer it: the user's own and the backend's read of it. */
export function feedBody(page: FeedPage): FeedBody {
  return withCounts(page.counts, {
    notifications: page.items,
    has_more: page.hasMore,
    next_page: page.nextPage,
    next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
  });
}
