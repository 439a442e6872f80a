import { useCounts } from "@edge-notify/react";

/** A badge of the app's own, away from the bell: re-renders only when a count changes. */
export function CountsBadge() {
  const counts = useCounts();
  if (!counts) return null;
  return (
    <span className="pill" data-testid="counts-badge" data-unseen={counts.unseen}>
      {counts.unread} unread · {counts.unseen} new
    </span>
  );
}
