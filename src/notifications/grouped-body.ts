import { withCounts } from "./counts";
import type { GroupedPage } from "./grouped";
import type { GroupedFeedBody } from "./wire";

/** The grouped feed as JSON: the counts keys as the feed has them, `groups` where it has `notifications`. */
export function groupedBody(page: GroupedPage): GroupedFeedBody {
  return withCounts(page.counts, {
    groups: page.groups.map((group) => ({
      group_key: group.groupKey,
      notification: group.item,
      count: group.count,
      unread: group.unread,
      actors: group.actors,
      actors_count: group.actorsCount,
    })),
    has_more: page.hasMore,
    next_page: null,
    next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
  });
}
